import { z } from "zod";

/**
 * The shape of a question, shared by the editor, the GIFT / Aiken / XLSX importers, the GIFT
 * exporter, the attempt engine and marking (docs/decisions/080-quizzes.md).
 *
 * A question version stores: `name`, `text` + `format`, `generalFeedback`, `defaultMark`, and
 * `data` — the type's own part, below. Texts keep their source format (GIFT's `[html]`,
 * `[markdown]`, `[moodle]`, `[plain]`) so that an export gives back what was imported; they are
 * rendered to sanitised HTML only when shown (lib/quizzes/render.ts).
 *
 * Fractions are Moodle's: the share of the question's mark an option or answer gives, from -1 to
 * 1 (GIFT's `%50%`, `%-25%`). Ids inside `data` are short strings, stable across versions of a
 * question when an option is kept, so that responses and option orders refer to them.
 */

export const TEXT_FORMATS = ["html", "markdown", "moodle", "plain"] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

export const QUESTION_TYPES = [
  "SINGLE_CHOICE",
  "MULTIPLE_CHOICE",
  "TRUE_FALSE",
  "SHORT_ANSWER",
  "MATCHING",
  "NUMERICAL",
  "ESSAY",
  "DESCRIPTION",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A piece of text with its format (an option, a feedback). */
export const richText = z.object({ text: z.string().max(20_000), format: z.enum(TEXT_FORMATS) });
export type RichText = z.infer<typeof richText>;

const id = z.string().min(1).max(40);
const fraction = z.number().min(-1).max(1);
const feedback = richText.optional();

export const choiceData = z.object({
  options: z
    .array(z.object({ id, text: richText, fraction, feedback }))
    .min(2)
    .max(50),
});
export const trueFalseData = z.object({
  answer: z.boolean(),
  /** Shown when the learner answered true / false (GIFT: `{T#wrong#right}`). */
  feedbackTrue: feedback,
  feedbackFalse: feedback,
});
export const shortAnswerData = z.object({
  answers: z
    .array(z.object({ id, text: z.string().min(1).max(500), fraction, feedback }))
    .min(1)
    .max(50),
  /** Case matters (default: it does not). Extra spaces never matter. */
  caseSensitive: z.boolean().default(false),
  /** Vietnamese diacritics may be left out or wrong ("Ha Noi" for "Hà Nội"), when the author allows. */
  ignoreDiacritics: z.boolean().default(false),
});
export const matchingData = z.object({
  /** Each item on the left is matched with one text on the right. A pair with an empty left is a distractor. */
  pairs: z
    .array(z.object({ id, left: richText, right: z.string().min(1).max(500) }))
    .min(2)
    .max(50),
});
export const numericalAnswer = z.discriminatedUnion("kind", [
  /** value ± tolerance (GIFT `{#2:0.5}`; `{#2}` is tolerance 0). */
  z.object({ kind: z.literal("tolerance"), id, value: z.number(), tolerance: z.number().min(0), fraction, feedback }),
  /** min..max inclusive (GIFT `{#1..3}`). */
  z.object({ kind: z.literal("range"), id, min: z.number(), max: z.number(), fraction, feedback }),
]);
export const numericalData = z.object({ answers: z.array(numericalAnswer).min(1).max(50) });
export const essayData = z.object({
  /** Shown to the trainer who marks it. */
  graderInfo: richText.optional(),
  responseTemplate: z.string().max(20_000).optional(),
});
export const descriptionData = z.object({});

export type ChoiceData = z.infer<typeof choiceData>;
export type TrueFalseData = z.infer<typeof trueFalseData>;
export type ShortAnswerData = z.infer<typeof shortAnswerData>;
export type MatchingData = z.infer<typeof matchingData>;
export type NumericalAnswer = z.infer<typeof numericalAnswer>;
export type NumericalData = z.infer<typeof numericalData>;
export type EssayData = z.infer<typeof essayData>;

/** A whole question, as an importer produces it and the editor saves it. */
export const questionDraft = z.discriminatedUnion("type", [
  base("SINGLE_CHOICE", choiceData),
  base("MULTIPLE_CHOICE", choiceData),
  base("TRUE_FALSE", trueFalseData),
  base("SHORT_ANSWER", shortAnswerData),
  base("MATCHING", matchingData),
  base("NUMERICAL", numericalData),
  base("ESSAY", essayData),
  base("DESCRIPTION", descriptionData),
]);
export type QuestionDraft = z.infer<typeof questionDraft>;

function base<T extends QuestionType, D extends z.ZodType>(type: T, data: D) {
  return z.object({
    type: z.literal(type),
    name: z.string().trim().min(1).max(255),
    text: z.string().max(50_000),
    format: z.enum(TEXT_FORMATS),
    generalFeedback: richText.optional(),
    defaultMark: z.number().min(0).max(1000),
    /** Category path from the bank's root, e.g. ["CCHC", "Một cửa"] (GIFT `$CATEGORY:`). Empty: the default category. */
    category: z.array(z.string().trim().min(1).max(255)).max(20).default([]),
    tags: z.array(z.string().trim().min(1).max(100)).max(30).default([]),
    data,
  });
}

/**
 * A learner's response to one question, as saved during an attempt. Unknown or missing parts
 * mark as unanswered; a response never holds more than the type allows.
 */
export const questionResponse = z.union([
  z.object({ optionId: id }),
  z.object({ optionIds: z.array(id).max(50) }),
  z.object({ value: z.boolean() }),
  /** SHORT_ANSWER, NUMERICAL (the text as typed: "2,5" and "2.5" both read as 2.5), ESSAY. */
  z.object({ text: z.string().max(50_000) }),
  /** MATCHING: left pair id → the right text chosen. */
  z.object({ matches: z.record(id, z.string().max(500)) }),
]);
export type QuestionResponse = z.infer<typeof questionResponse>;
