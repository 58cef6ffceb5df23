import { z } from "zod";
import { TARGET_GROUPS } from "@/lib/courses/target-groups";
import { checkboxList } from "@/lib/forms/zod";

// The annual training plan's inputs (docs/decisions/070-training-plan.md). Forms and the XLSX
// import share these schemas, so a value refused in one is refused, with the same message, in
// the other. Messages are i18n keys (lib/forms/zod.ts translates them).

export { TARGET_GROUPS };
export type PlanTargetGroup = (typeof TARGET_GROUPS)[number];

/** The largest budget of one item we accept: 10^15 đồng (a thousand billion), far above any plan, below 2^53. */
export const MAX_BUDGET = 1_000_000_000_000_000n;
/** An approved plan changes only with a reason at least this long (PlanAmendment.reason). */
export const MIN_REASON = 10;

/**
 * A whole amount of đồng as officials write it: "1.500.000" (Vietnamese thousands separators),
 * "1 500 000", "1500000", "1,500,000", optionally followed by "đ", "đồng" or "VND". Returns null for
 * anything else (decimals, negative numbers, letters). Pure; the import and the forms share it.
 */
export function parseVnd(text: string): bigint | null {
  const amount = parseWhole(text.normalize("NFC").trim().replace(/\s*(đồng|đ|vnđ|vnd)$/i, ""));
  return amount === null || amount > MAX_BUDGET ? null : amount;
}

/** A whole number as typed or as a spreadsheet gives it ("12", "1.000", "1 000"); null otherwise. */
export function parseCount(text: string): number | null {
  const amount = parseWhole(text);
  return amount === null || amount > 100_000_000n ? null : Number(amount);
}

/** Digits, optionally grouped by thousands with dots, commas or spaces (one kind of separator). */
function parseWhole(text: string): bigint | null {
  const v = text.trim().replace(/[\s\u00a0\u202f]/g, "");
  if (/^\d{1,18}$/.test(v)) return BigInt(v);
  if (/^\d{1,3}(\.\d{3}){1,5}$/.test(v)) return BigInt(v.replace(/\./g, ""));
  if (/^\d{1,3}(,\d{3}){1,5}$/.test(v)) return BigInt(v.replace(/,/g, ""));
  return null;
}

const text = (max: number) => z.string().trim().normalize("NFC").max(max);

const count = (message: "plans.classesRange" | "plans.participantsRange" | "plans.seatsRange", min: number) =>
  z
    .string()
    .transform((v, ctx) => {
      const n = parseCount(v);
      if (n === null || n < min) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return n;
    });

export const budget = z.string().transform((v, ctx) => {
  if (v.trim() === "") return 0n;
  const amount = parseVnd(v);
  if (amount === null) {
    ctx.addIssue({ code: "custom", message: "plans.budgetInvalid" });
    return z.NEVER;
  }
  return amount;
});

export const quarter = z.string().transform((v, ctx) => {
  const n = parseCount(v);
  if (n === null || n < 1 || n > 4) {
    ctx.addIssue({ code: "custom", message: "plans.quarterRange" });
    return z.NEVER;
  }
  return n;
});

export const targetGroups = checkboxList(TARGET_GROUPS, { invalid: "plans.targetGroupInvalid", none: "plans.chooseTargetGroup" });

/** "" from an empty select means none. */
const optionalId = z
  .union([z.uuid(), z.literal("")])
  .default("")
  .transform((v) => (v === "" ? null : v));

/** Why an approved plan changes; empty in a draft. Its length is checked by the command, which knows the status. */
export const reason = text(1000).default("");

/** The values of an item that need no lookup: shared by the item form and the import's rows. */
export const itemValues = z.object({
  title: text(500).pipe(z.string().min(3)),
  targetGroups,
  plannedClasses: count("plans.classesRange", 1),
  plannedParticipants: count("plans.participantsRange", 1),
  quarter,
  budget,
  fundingSource: text(200).default(""),
  note: text(1000).default(""),
});

const itemRefs = {
  areaId: optionalId,
  courseId: optionalId,
  leadUnitId: z.uuid({ message: "plans.chooseLeadUnit" }),
};
const areaOrCourse = (v: { areaId: string | null; courseId: string | null }) => v.areaId !== null || v.courseId !== null;
const areaOrCourseIssue = { message: "plans.areaOrCourse", path: ["areaId"] };

export const itemFields = itemValues.extend(itemRefs).refine(areaOrCourse, areaOrCourseIssue);
export type ItemFields = z.output<typeof itemFields>;

export const planId = z.uuid();
const YEAR_MIN = 2000;
const YEAR_MAX = 2100;

export const createPlanInput = z.object({
  unitId: z.uuid({ message: "plans.chooseUnit" }),
  year: z.coerce.number({ message: "plans.yearRange" }).int({ message: "plans.yearRange" }).min(YEAR_MIN, { message: "plans.yearRange" }).max(YEAR_MAX, { message: "plans.yearRange" }),
  title: text(300).pipe(z.string().min(3)),
});
export type CreatePlanInput = z.output<typeof createPlanInput>;

export const renamePlanInput = z.object({ id: planId, title: text(300).pipe(z.string().min(3)), reason });
export type RenamePlanInput = z.output<typeof renamePlanInput>;

export const approvePlanInput = z.object({
  id: planId,
  confirm: z.literal("on", { message: "plans.confirmApprove" }),
});

export const addItemInput = itemValues.extend({ ...itemRefs, planId, reason }).refine(areaOrCourse, areaOrCourseIssue);
export type AddItemInput = z.output<typeof addItemInput>;

export const updateItemInput = itemValues.extend({ ...itemRefs, itemId: z.uuid(), reason }).refine(areaOrCourse, areaOrCourseIssue);
export type UpdateItemInput = z.output<typeof updateItemInput>;

export const deleteItemInput = z.object({ itemId: z.uuid(), reason });
export const moveItemInput = z.object({ itemId: z.uuid(), direction: z.enum(["up", "down"]) });

/** One unit's quota for an item; 0 seats removes the unit's quota. */
export const setQuotaInput = z.object({
  itemId: z.uuid(),
  unitId: z.uuid({ message: "plans.chooseQuotaUnit" }),
  seats: count("plans.seatsRange", 0),
  reason,
});
export type SetQuotaInput = z.output<typeof setQuotaInput>;

/** The plans list's year filter, from a shareable URL: anything malformed shows every year. */
export const listPlansQuery = z.object({
  year: z.coerce.number().int().min(YEAR_MIN).max(YEAR_MAX).optional().catch(undefined),
});
