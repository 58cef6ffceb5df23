import type { QuizGrading } from "@/lib/db/generated/enums";
import { stripDiacritics } from "@/lib/text";
import {
  choiceData,
  matchingData,
  numericalData,
  shortAnswerData,
  trueFalseData,
  type QuestionResponse,
  type QuestionType,
} from "./question-types";

/**
 * Marking (docs/decisions/080-quizzes.md): pure functions from a question version's `data` and a
 * learner's response to a fraction of the question's mark, Moodle's rules.
 *
 * `fraction` is within [-1, 1] (only a penalised single choice or short answer goes below 0);
 * `null` means no automatic mark: an essay waits for a trainer (`needsMarking`), a DESCRIPTION
 * carries no mark at all (state "unanswered", maximum mark 0).
 */
export type MarkState = "correct" | "partial" | "wrong" | "unanswered" | "needsMarking";
export type Mark = { fraction: number | null; state: MarkState };

const UNANSWERED: Mark = { fraction: 0, state: "unanswered" };
const EPSILON = 1e-9;

function stateOf(fraction: number): MarkState {
  if (fraction >= 1 - EPSILON) return "correct";
  if (fraction <= EPSILON) return "wrong";
  return "partial";
}

function graded(fraction: number): Mark {
  const f = Math.max(-1, Math.min(1, fraction));
  return { fraction: f, state: stateOf(f) };
}

export function markResponse(type: QuestionType, data: unknown, response: QuestionResponse | null): Mark {
  if (type === "DESCRIPTION") return { fraction: null, state: "unanswered" };
  if (type === "ESSAY") {
    const text = response && "text" in response ? response.text : "";
    // An essay left empty is not sent to a trainer: it is worth nothing (Moodle: "Not answered").
    return text.replace(/<[^>]*>|&nbsp;/g, "").trim() === "" ? UNANSWERED : { fraction: null, state: "needsMarking" };
  }
  if (!response) return UNANSWERED;
  // A version's data was validated when it was written; one that no longer parses (a bug) marks
  // every response as wrong rather than blocking the whole attempt from finishing.
  switch (type) {
    case "SINGLE_CHOICE": {
      if (!("optionId" in response)) return UNANSWERED;
      const d = choiceData.safeParse(data);
      if (!d.success) return graded(0);
      return graded(d.data.options.find((o) => o.id === response.optionId)?.fraction ?? 0);
    }
    case "MULTIPLE_CHOICE": {
      if (!("optionIds" in response) || response.optionIds.length === 0) return UNANSWERED;
      const d = choiceData.safeParse(data);
      if (!d.success) return graded(0);
      const chosen = new Set(response.optionIds);
      const sum = d.data.options.filter((o) => chosen.has(o.id)).reduce((s, o) => s + o.fraction, 0);
      // Moodle: the sum of the chosen options' fractions, never below 0 nor above 1.
      return graded(Math.max(0, Math.min(1, sum)));
    }
    case "TRUE_FALSE": {
      if (!("value" in response)) return UNANSWERED;
      const d = trueFalseData.safeParse(data);
      if (!d.success) return graded(0);
      return graded(response.value === d.data.answer ? 1 : 0);
    }
    case "SHORT_ANSWER": {
      if (!("text" in response) || normaliseSpaces(response.text) === "") return UNANSWERED;
      const d = shortAnswerData.safeParse(data);
      if (!d.success) return graded(0);
      const best = bestShortAnswer(d.data, response.text);
      return graded(best?.fraction ?? 0);
    }
    case "MATCHING": {
      if (!("matches" in response)) return UNANSWERED;
      const d = matchingData.safeParse(data);
      if (!d.success) return graded(0);
      const items = matchingItems(d.data);
      if (!items.some((p) => (response.matches[p.id] ?? "") !== "")) return UNANSWERED;
      const right = items.filter((p) => response.matches[p.id] === p.right).length;
      return graded(items.length === 0 ? 0 : right / items.length);
    }
    case "NUMERICAL": {
      if (!("text" in response) || response.text.trim() === "") return UNANSWERED;
      const d = numericalData.safeParse(data);
      if (!d.success) return graded(0);
      const value = parseNumber(response.text);
      if (value === null) return graded(0);
      return graded(bestNumericalAnswer(d.data.answers, value)?.fraction ?? 0);
    }
  }
}

/** The items of a matching question: pairs with a left side (an empty left is a distractor). */
export function matchingItems<P extends { left: { text: string } }>(data: { pairs: P[] }): P[] {
  return data.pairs.filter((p) => p.left.text.trim() !== "");
}

function normaliseSpaces(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/**
 * The answer a short response matches with the highest fraction, or null. Spaces never matter
 * (collapsed, trimmed); case matters only when `caseSensitive`; diacritics (and đ/d) not at all
 * when `ignoreDiacritics`. In an answer, `*` stands for any text (Moodle's wildcard); `\*` is a
 * literal star.
 */
export function bestShortAnswer<A extends { text: string; fraction: number }>(
  data: { answers: A[]; caseSensitive?: boolean; ignoreDiacritics?: boolean },
  text: string,
): A | null {
  const fold = (s: string) => {
    let out = normaliseSpaces(s);
    if (data.ignoreDiacritics) out = stripDiacritics(out);
    if (!data.caseSensitive) out = out.toLowerCase();
    return out;
  };
  const given = fold(text);
  let best: A | null = null;
  for (const answer of data.answers) {
    if (!wildcardPattern(fold(answer.text)).test(given)) continue;
    if (!best || answer.fraction > best.fraction) best = answer;
  }
  return best;
}

function wildcardPattern(answer: string): RegExp {
  const parts = answer.split(/(?<!\\)\*/).map((part) => part.replace(/\\\*/g, "*").replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".*")}$`, "su");
}

/**
 * Reads a number as a Vietnamese or an English speaker types it:
 * - spaces (also non-breaking) between digits are thousands separators: "1 234,5" → 1234.5;
 * - with both "," and ".", the last one is the decimal mark: "1.234,5" and "1,234.5" → 1234.5;
 * - one kind only: a single one is the decimal mark ("2,5" and "2.5" → 2.5), several are thousands
 *   separators ("1.234.567" → 1234567);
 * - an exponent ("1,5e3") and a leading sign are allowed. Anything else: null.
 */
export function parseNumber(text: string): number | null {
  let s = text.normalize("NFC").trim().replace(/[\s\u00a0\u202f]+/g, "").replace(/^\u2212/, "-");
  if (!/^[+-]?[\d.,]+(?:e[+-]?\d+)?$/i.test(s) || !/\d/.test(s)) return null;
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? "," : ".";
    const thousands = decimal === "," ? "." : ",";
    if (s.split(decimal).length > 2) return null;
    s = s.split(thousands).join("").replace(decimal, ".");
  } else {
    const sep = lastComma >= 0 ? "," : lastDot >= 0 ? "." : null;
    if (sep && s.split(sep).length > 2) s = s.split(sep).join("");
    else if (sep === ",") s = s.replace(",", ".");
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

type NumericalAnswerLike = { fraction: number } & (
  | { kind: "tolerance"; value: number; tolerance: number }
  | { kind: "range"; min: number; max: number }
);

/** The answer whose tolerance or range holds the value with the highest fraction, or null. */
export function bestNumericalAnswer<A extends NumericalAnswerLike>(answers: A[], value: number): A | null {
  let best: A | null = null;
  for (const a of answers) {
    const slack = EPSILON * Math.max(1, Math.abs(value));
    const holds =
      a.kind === "tolerance"
        ? Math.abs(value - a.value) <= a.tolerance + slack
        : value >= Math.min(a.min, a.max) - slack && value <= Math.max(a.min, a.max) + slack;
    if (holds && (!best || a.fraction > best.fraction)) best = a;
  }
  return best;
}

/**
 * A learner's grade on a quiz, in percent (0–100, two decimals), from their finished attempts;
 * null when there is none. An attempt with a maximum of 0 (only descriptions) counts as 100 %.
 */
export function quizGrade(grading: QuizGrading, attempts: { number: number; score: number; maxScore: number }[]): number | null {
  if (attempts.length === 0) return null;
  const percent = (a: { score: number; maxScore: number }) =>
    a.maxScore > 0 ? Math.max(0, Math.min(100, (a.score / a.maxScore) * 100)) : 100;
  const byNumber = [...attempts].sort((a, b) => a.number - b.number);
  let grade: number;
  switch (grading) {
    case "HIGHEST":
      grade = Math.max(...attempts.map(percent));
      break;
    case "LAST":
      grade = percent(byNumber[byNumber.length - 1]!);
      break;
    case "FIRST":
      grade = percent(byNumber[0]!);
      break;
    case "AVERAGE":
      grade = attempts.reduce((s, a) => s + percent(a), 0) / attempts.length;
      break;
  }
  return Math.round(grade * 100) / 100;
}
