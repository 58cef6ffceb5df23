import { z } from "zod";

/**
 * A mark as a trainer types it: a non-negative number with at most two decimals, with a decimal
 * comma (Vietnamese: "7,5") or point ("7.5"). The upper bound (the question's mark) is the command's.
 */
export const markText = z
  .string()
  .trim()
  .regex(/^\d{1,5}([.,]\d{1,2})?$/, { message: "quizResults.markInvalid" })
  .transform((s) => Number(s.replace(",", ".")));

export const markEssayInput = z.object({
  courseId: z.uuid(),
  quizId: z.uuid(),
  attemptQuestionId: z.uuid(),
  mark: markText,
  comment: z.string().trim().max(5000).default(""),
});

export const regradeInput = z.object({
  courseId: z.uuid(),
  quizId: z.uuid(),
  questionId: z.uuid(),
});
