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
