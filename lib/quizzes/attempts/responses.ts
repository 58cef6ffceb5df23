import { randomInt } from "node:crypto";
import { z } from "zod";
import { matchingItems } from "@/lib/quizzes/marking";
import {
  choiceData,
  matchingData,
  questionResponse,
  type QuestionResponse,
  type QuestionType,
} from "@/lib/quizzes/question-types";

/**
 * Pure parts of the attempt engine: the shape of a save, whether a response fits its question,
 * and the option orders drawn at the start.
 */

/** A save (and a submit's last answers): `{ seq, answers: [{ position, response }] }`; `response: null` clears. */
export const saveInput = z.object({
  seq: z.number().int().min(1).max(2_000_000_000),
  answers: z
    .array(z.object({ position: z.number().int().min(1).max(10_000), response: questionResponse.nullable() }))
    .max(1000)
    .refine((a) => new Set(a.map((x) => x.position)).size === a.length, "one answer per position"),
});
export type SaveInput = z.infer<typeof saveInput>;

const SHORT_TEXT_MAX = 1000;

/**
 * True when `response` is one the question can take: the right kind for its type, naming only
 * options / items / choices the question has. A DESCRIPTION takes none.
 */
export function responseFits(type: QuestionType, data: unknown, response: QuestionResponse): boolean {
  switch (type) {
    case "SINGLE_CHOICE": {
      const d = choiceData.safeParse(data);
      return "optionId" in response && d.success && d.data.options.some((o) => o.id === response.optionId);
    }
    case "MULTIPLE_CHOICE": {
      const d = choiceData.safeParse(data);
      if (!("optionIds" in response) || !d.success) return false;
      const ids = new Set(d.data.options.map((o) => o.id));
      return new Set(response.optionIds).size === response.optionIds.length && response.optionIds.every((id) => ids.has(id));
    }
    case "TRUE_FALSE":
      return "value" in response;
    case "SHORT_ANSWER":
    case "NUMERICAL":
      return "text" in response && response.text.length <= SHORT_TEXT_MAX;
    case "ESSAY":
      return "text" in response;
    case "MATCHING": {
      const d = matchingData.safeParse(data);
      if (!("matches" in response) || !d.success) return false;
      const items = new Set(matchingItems(d.data).map((p) => p.id));
      const choices = new Set(d.data.pairs.map((p) => p.right));
      return Object.entries(response.matches).every(([id, right]) => items.has(id) && (right === "" || choices.has(right)));
    }
    case "DESCRIPTION":
      return false;
  }
}

export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The order a learner sees a question's parts in, drawn once at the start: option ids (choice
 * types), pair ids (MATCHING: the right-hand choices follow this order). Shuffled when the quiz
 * shuffles answers; empty for the other types.
 */
export function drawOrder(type: QuestionType, data: unknown, shuffle: boolean): string[] {
  let ids: string[] = [];
  if (type === "SINGLE_CHOICE" || type === "MULTIPLE_CHOICE") {
    const d = choiceData.safeParse(data);
    ids = d.success ? d.data.options.map((o) => o.id) : [];
  } else if (type === "MATCHING") {
    const d = matchingData.safeParse(data);
    ids = d.success ? d.data.pairs.map((p) => p.id) : [];
  }
  return shuffle ? shuffled(ids) : ids;
}
