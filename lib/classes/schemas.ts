import { z } from "zod";
import { vnDayEnd, vnDayStart, vnToUtc } from "@/lib/i18n/format";

// Inputs of classes and nominations (docs/decisions/071-classes-and-nomination.md). Times are
// typed as Vietnamese local dates and HH:MM and leave here as UTC instants (lib/classes/time.ts).
// Messages are i18n keys (lib/forms/zod.ts translates them).

const text = (max: number) => z.string().trim().normalize("NFC").max(max);
const uuid = z.uuid();

export const CLASS_MODES = ["ONLINE", "IN_PERSON", "BLENDED"] as const;
export const JOIN_POLICIES = ["NOMINATED", "SELF"] as const;
export const MIN_CANCEL_REASON = 5;

const capacity = z.string().transform((v, ctx) => {
  const n = /^\s*\d{1,5}\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1) {
    ctx.addIssue({ code: "custom", message: "classes.capacityRange" });
    return z.NEVER;
  }
  return n;
});

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

/** Comma-joined ids (formAction joins ticked checkboxes with commas). */
const idList = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const ids = [...new Set((v ?? "").split(",").map((s) => s.trim()).filter(Boolean))];
    if (ids.some((id) => !uuid.safeParse(id).success)) {
      ctx.addIssue({ code: "custom", message: "validation.invalid" });
      return z.NEVER;
    }
    return ids;
  });

const classFieldsShape = {
  code: text(40).min(2).regex(/^[\p{L}\p{N}._\-/]+$/u, { message: "classes.codeInvalid" }),
  title: text(300).min(3),
  mode: z.enum(CLASS_MODES, { message: "classes.modeInvalid" }),
  capacity,
  enrolOpens: z.string().trim(),
  enrolCloses: z.string().trim(),
  joinPolicy: z.enum(JOIN_POLICIES).default("NOMINATED"),
  requiresApproval: checkbox,
  selfUnitIds: idList,
};

function window<T extends { enrolOpens: string; enrolCloses: string }>(v: T, ctx: z.RefinementCtx) {
  const opens = vnDayStart(v.enrolOpens);
  const dayOver = vnDayEnd(v.enrolCloses);
  // Stored as the last millisecond of the closing day: shown as that date, and nomination is open while now ≤ it.
  const closes = dayOver && new Date(dayOver.getTime() - 1);
  if (!opens) ctx.addIssue({ code: "custom", message: "classes.dateInvalid", path: ["enrolOpens"] });
  if (!closes) ctx.addIssue({ code: "custom", message: "classes.dateInvalid", path: ["enrolCloses"] });
  if (opens && closes && opens >= closes) ctx.addIssue({ code: "custom", message: "classes.windowOrder", path: ["enrolCloses"] });
  return { enrolOpensAt: opens ?? new Date(0), enrolClosesAt: closes ?? new Date(0) };
}

type Common = { title: string; mode: (typeof CLASS_MODES)[number]; capacity: number; joinPolicy: (typeof JOIN_POLICIES)[number]; requiresApproval: boolean; selfUnitIds: string[] };
function common(v: Common): Common {
  return { title: v.title, mode: v.mode, capacity: v.capacity, joinPolicy: v.joinPolicy, requiresApproval: v.requiresApproval, selfUnitIds: v.selfUnitIds };
}

/** Opening a class against a plan item. */
export const openClassInput = z
  .object({ planItemId: uuid, courseId: uuid.optional().or(z.literal("").transform(() => undefined)), unitId: uuid.optional().or(z.literal("").transform(() => undefined)), ...classFieldsShape })
  .transform((v, ctx) => {
    const w = window(v, ctx);
    return {
      planItemId: v.planItemId,
      courseId: v.courseId,
      unitId: v.unitId,
      code: v.code,
      ...common(v),
      ...w,
    };
  });
export type OpenClassInput = z.output<typeof openClassInput>;

/** Changing a class (code stays). */
export const updateClassInput = z
  .object({ id: uuid, ...classFieldsShape, code: z.string().optional() })
  .transform((v, ctx) => {
    return { id: v.id, ...common(v), ...window(v, ctx) };
  });
export type UpdateClassInput = z.output<typeof updateClassInput>;

/** A session: a Vietnamese date, start and end HH:MM; a place or an online link; a trainer. */
export const sessionInput = z
  .object({
    classId: uuid,
    id: uuid.optional().or(z.literal("").transform(() => undefined)),
    date: z.string().trim(),
    start: z.string().trim(),
    end: z.string().trim(),
    place: text(300).default(""),
    onlineUrl: z
      .string()
      .trim()
      .max(500)
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        if (!/^https?:\/\/\S+$/i.test(v)) {
          ctx.addIssue({ code: "custom", message: "classes.urlInvalid" });
          return z.NEVER;
        }
        return v;
      }),
    trainerId: uuid.optional().or(z.literal("").transform(() => undefined)),
  })
  .transform((v, ctx) => {
    const startsAt = vnToUtc(v.date, v.start);
    const endsAt = vnToUtc(v.date, v.end);
    if (!vnToUtc(v.date, "00:00")) ctx.addIssue({ code: "custom", message: "classes.dateInvalid", path: ["date"] });
    else {
      if (!startsAt) ctx.addIssue({ code: "custom", message: "classes.timeInvalid", path: ["start"] });
      if (!endsAt) ctx.addIssue({ code: "custom", message: "classes.timeInvalid", path: ["end"] });
    }
    if (startsAt && endsAt && endsAt <= startsAt) ctx.addIssue({ code: "custom", message: "classes.endBeforeStart", path: ["end"] });
    return {
      classId: v.classId,
      id: v.id,
      startsAt: startsAt ?? new Date(0),
      endsAt: endsAt ?? new Date(0),
      place: v.place,
      onlineUrl: v.onlineUrl,
      trainerId: v.trainerId ?? null,
    };
  });
export type SessionInput = z.output<typeof sessionInput>;

export const nominateInput = z.object({
  classId: uuid,
  userIds: idList.refine((ids) => ids.length > 0, { message: "classes.pickSomeone" }),
});

export const cancelClassInput = z.object({ id: uuid, reason: text(1000).min(MIN_CANCEL_REASON) });
export const enrolmentIdInput = z.object({ enrolmentId: uuid, reason: text(1000).optional() });
export const classIdInput = z.object({ classId: uuid });
