import { z } from "zod";
import { vnToUtc } from "@/lib/i18n/format";

// Inputs of setting a quiz up (docs/decisions/080-quizzes.md): settings, slots, class overrides.
// Times are typed in Vietnam's time (an <input type="datetime-local">, "YYYY-MM-DDTHH:MM") and
// leave here as UTC instants; marks and the pass mark accept the Vietnamese decimal comma.
// Messages are i18n keys (lib/forms/zod.ts translates them).

const text = (max: number) => z.string().trim().normalize("NFC").max(max);
const uuid = z.uuid();

export const GRADINGS = ["HIGHEST", "LAST", "AVERAGE", "FIRST"] as const;
export const REVIEW_WHENS = ["DURING", "AFTER_SUBMIT", "AFTER_CLOSE", "NEVER"] as const;
export const REVIEW_FIELDS = ["reviewMarks", "reviewFeedback", "reviewCorrect"] as const;
export const MAX_TIME_LIMIT_MINUTES = 1440;
export const MAX_ATTEMPTS = 100;
export const MAX_MARK = 1000;
export const MAX_RANDOM = 200;

/**
 * A decimal number as Vietnamese officials type it ("2,5") or with a dot ("2.5"), at most two
 * decimals, no thousands separators; null for anything else. Pure.
 */
export function parseDecimal(input: string): number | null {
  const v = input.trim().replace(/[\s\u00a0\u202f]/g, "");
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(v);
  if (!m) return null;
  return Number(`${m[1]}.${m[2] ?? "0"}`);
}

/** A datetime-local value ("YYYY-MM-DDTHH:MM", seconds ignored) read as Vietnam's time; null when malformed. */
export function parseVnDateTime(input: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(input.trim());
  return m ? vnToUtc(m[1]!, m[2]!) : null;
}

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

/** "" → null; otherwise a Vietnamese date and time. */
const when = (message: "quizSetup.openInvalid" | "quizSetup.closeInvalid") =>
  z
    .string()
    .default("")
    .transform((v, ctx) => {
      if (v.trim() === "") return null;
      const at = parseVnDateTime(v);
      if (!at) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return at;
    });

function wholeIn(v: string, min: number, max: number): number | null {
  const n = /^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/** A whole number in [min, max]. */
const whole = (min: number, max: number, message: SetupMessage) =>
  z
    .string()
    .default("")
    .transform((v, ctx): number => wholeIn(v, min, max) ?? issue(message, ctx));

/** The same, or null when left empty. */
const optionalWhole = (min: number, max: number, message: SetupMessage) =>
  z
    .string()
    .default("")
    .transform((v, ctx): number | null => (v.trim() === "" ? null : (wholeIn(v, min, max) ?? issue(message, ctx))));

/** A mark per question: more than 0, at most MAX_MARK, two decimals. */
export const mark = z
  .string()
  .default("")
  .transform((v, ctx) => {
    const n = parseDecimal(v);
    if (n === null || n <= 0 || n > MAX_MARK) return issue("quizSetup.markInvalid", ctx);
    return n;
  });

type SetupMessage =
  | "quizSetup.timeLimitRange"
  | "quizSetup.attemptsRange"
  | "quizSetup.passRange"
  | "quizSetup.markInvalid"
  | "quizSetup.randomCountRange"
  | "quizSetup.pickQuestions";
function issue(message: SetupMessage, ctx: z.RefinementCtx): never {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER as never;
}

/**
 * Closing after opening, when both are set. Checked even when other fields are refused (zod skips
 * refinements of an object with issues unless `when` says otherwise), so every problem shows at once.
 */
const closesAfterOpens = {
  message: "quizSetup.closeBeforeOpen",
  path: ["closesAt"],
  when: (payload: { value: unknown }) => {
    const v = payload.value as { opensAt?: unknown; closesAt?: unknown };
    return v.opensAt instanceof Date && v.closesAt instanceof Date;
  },
};
function windowOrder(v: { opensAt: Date | null; closesAt: Date | null }): boolean {
  return !(v.opensAt && v.closesAt && v.closesAt <= v.opensAt);
}

export const lessonTitle = text(200).pipe(z.string().min(2));

export const createQuizInput = z.object({
  courseId: uuid,
  sectionId: z.uuid({ message: "courses.chooseSection" }),
  title: lessonTitle,
});
export type CreateQuizInput = z.output<typeof createQuizInput>;

export const quizSettingsInput = z
  .object({
    quizId: uuid,
    title: lessonTitle,
    intro: z.string().max(200_000).default(""),
    opensAt: when("quizSetup.openInvalid"),
    closesAt: when("quizSetup.closeInvalid"),
    /** Minutes; empty: no limit. */
    timeLimit: optionalWhole(1, MAX_TIME_LIMIT_MINUTES, "quizSetup.timeLimitRange"),
    /** 0: unlimited. */
    attemptsAllowed: whole(0, MAX_ATTEMPTS, "quizSetup.attemptsRange"),
    grading: z.enum(GRADINGS, { message: "validation.invalid" }),
    /** Percent; empty: finishing is enough. */
    passPercent: z
      .string()
      .default("")
      .transform((v, ctx) => {
        if (v.trim() === "") return null;
        const n = parseDecimal(v);
        if (n === null || n > 100) return issue("quizSetup.passRange", ctx);
        return n;
      }),
    shuffleQuestions: checkbox,
    shuffleAnswers: checkbox,
    reviewMarks: z.enum(REVIEW_WHENS, { message: "validation.invalid" }),
    reviewFeedback: z.enum(REVIEW_WHENS, { message: "validation.invalid" }),
    reviewCorrect: z.enum(REVIEW_WHENS, { message: "validation.invalid" }),
  })
  .refine(windowOrder, closesAfterOpens);
export type QuizSettingsInput = z.output<typeof quizSettingsInput>;

/** Comma-joined question ids (formAction joins ticked checkboxes with commas): at least one. */
const questionIds = z
  .string()
  .default("")
  .transform((v, ctx) => {
    const ids = [...new Set(v.split(",").map((s) => s.trim()).filter(Boolean))];
    if (ids.length === 0 || ids.length > 200 || ids.some((id) => !uuid.safeParse(id).success)) return issue("quizSetup.pickQuestions", ctx);
    return ids;
  });

export const addQuestionsInput = z.object({
  quizId: uuid,
  questionIds,
  /** Empty: each question's own default mark. */
  mark: z
    .string()
    .default("")
    .transform((v, ctx) => {
      if (v.trim() === "") return null;
      const n = parseDecimal(v);
      if (n === null || n <= 0 || n > MAX_MARK) return issue("quizSetup.markInvalid", ctx);
      return n;
    }),
});
export type AddQuestionsInput = z.output<typeof addQuestionsInput>;

export const addRandomInput = z.object({
  quizId: uuid,
  categoryId: z.uuid({ message: "quizSetup.chooseCategory" }),
  count: whole(1, MAX_RANDOM, "quizSetup.randomCountRange"),
  includeSubcategories: checkbox,
  mark,
});
export type AddRandomInput = z.output<typeof addRandomInput>;

export const slotMarkInput = z.object({ quizId: uuid, slotId: uuid, mark });
export const slotInput = z.object({ quizId: uuid, slotId: uuid });
export const moveSlotInput = z.object({ quizId: uuid, slotId: uuid, direction: z.enum(["up", "down"]) });

export const overrideInput = z
  .object({
    quizId: uuid,
    classId: z.uuid({ message: "quizSetup.chooseClass" }),
    opensAt: when("quizSetup.openInvalid"),
    closesAt: when("quizSetup.closeInvalid"),
  })
  .refine((v) => v.opensAt !== null || v.closesAt !== null, { message: "quizSetup.overrideEmpty", path: ["opensAt"] })
  .refine(windowOrder, closesAfterOpens);
export type OverrideInput = z.output<typeof overrideInput>;

export const removeOverrideInput = z.object({ quizId: uuid, classId: uuid });

// ── The question picker's URL parameters ─────────────────────────────────────────────────
export const PICKER_PAGE_SIZE = 20;

const optionalId = z
  .union([z.uuid(), z.literal("")])
  .optional()
  .catch(undefined)
  .transform((v) => v || undefined);

const pickerQuery = z.object({
  bank: optionalId,
  category: optionalId,
  sub: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => v === "1" || v === "on"),
  tag: z.string().trim().normalize("NFC").max(100).catch("").default(""),
  q: z.string().trim().normalize("NFC").max(100).catch("").default(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type PickerFilter = z.output<typeof pickerQuery>;

/** The picker's URL parameters; anything malformed falls back to its default. */
export function parsePickerQuery(params: Record<string, string | string[] | undefined>): PickerFilter {
  return pickerQuery.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
}
