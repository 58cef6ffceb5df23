import { z } from "zod";
import { UNIT_KINDS } from "./kinds";

const name = z.string().trim().min(2).max(200);

export const unitId = z.uuid();

export const createUnitInput = z.object({
  parentId: unitId,
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9.-]{1,31}$/, { message: "validation.unitCode" }),
  name,
  kind: z.enum(UNIT_KINDS),
});
export type CreateUnitInput = z.infer<typeof createUnitInput>;

export const renameUnitInput = z.object({ id: unitId, name });
export type RenameUnitInput = z.infer<typeof renameUnitInput>;

export const unitIdInput = z.object({ id: unitId });
export type UnitIdInput = z.infer<typeof unitIdInput>;

/** `parentId` is the new parent; both ends need unit:move. */
export const moveUnitInput = z.object({ id: unitId, parentId: unitId });
export type MoveUnitInput = z.infer<typeof moveUnitInput>;

/** Merge unit `id` (A) into `targetId` (B); both need unit:merge. */
export const mergeUnitInput = z.object({ id: unitId, targetId: unitId });
export type MergeUnitInput = z.infer<typeof mergeUnitInput>;

/** The deactivate/reactivate form: `active` is the state asked for ("true" or "false"). */
export const setUnitActiveInput = z.object({ id: unitId, active: z.enum(["true", "false"]).transform((v) => v === "true") });
export type SetUnitActiveInput = z.infer<typeof setUnitActiveInput>;
