import {
  choiceData,
  essayData,
  matchingData,
  numericalData,
  shortAnswerData,
  trueFalseData,
  questionResponse,
  type QuestionType,
} from "@/lib/quizzes/question-types";
import { renderRich, renderText } from "@/lib/quizzes/render";

/**
 * What the staff's attempt page shows of one question (pure): the learner's response and the
 * correct answer, each as lines of sanitised HTML (lib/quizzes/render.ts; what the learner typed
 * is escaped as plain text). A `key` line is a message the page translates (true / false, "not
 * answered"); `percent` is the share of the mark an option or answer gives.
 */
export type ShownLine = { html: string; percent?: number } | { key: "quizResults.true" | "quizResults.false" };
export type Shown = ShownLine[];

const plain = (text: string) => renderText(text, "plain");
const pct = (fraction: number) => Math.round(fraction * 10000) / 100;

/** The learner's response as lines; an empty list when nothing was answered. */
export function showResponse(type: QuestionType, data: unknown, raw: unknown): Shown {
  const parsed = questionResponse.safeParse(raw);
  if (!parsed.success) return [];
  const r = parsed.data;
  switch (type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE": {
      const options = choiceData.safeParse(data).data?.options ?? [];
      const ids = "optionId" in r ? [r.optionId] : "optionIds" in r ? r.optionIds : [];
      return ids.map((id) => {
        const o = options.find((x) => x.id === id);
        return { html: o ? renderRich(o.text) : plain(id) };
      });
    }
    case "TRUE_FALSE":
      return "value" in r ? [{ key: r.value ? "quizResults.true" : "quizResults.false" }] : [];
    case "SHORT_ANSWER":
    case "NUMERICAL":
    case "ESSAY":
      return "text" in r && r.text.trim() !== "" ? [{ html: plain(r.text) }] : [];
    case "MATCHING": {
      if (!("matches" in r)) return [];
      const pairs = matchingData.safeParse(data).data?.pairs ?? [];
      return Object.entries(r.matches).map(([id, right]) => {
        const p = pairs.find((x) => x.id === id);
        return { html: `${p ? renderRich(p.left) : plain(id)} → ${plain(right)}` };
      });
    }
    case "DESCRIPTION":
      return [];
  }
}

/** The correct answer (every option or answer that gives marks, with its share); for an essay, the information for graders. */
export function showCorrect(type: QuestionType, data: unknown): Shown {
  switch (type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE":
      return (choiceData.safeParse(data).data?.options ?? []).filter((o) => o.fraction > 0).map((o) => ({ html: renderRich(o.text), percent: pct(o.fraction) }));
    case "TRUE_FALSE": {
      const d = trueFalseData.safeParse(data).data;
      return d ? [{ key: d.answer ? "quizResults.true" : "quizResults.false" }] : [];
    }
    case "SHORT_ANSWER":
      return (shortAnswerData.safeParse(data).data?.answers ?? []).filter((a) => a.fraction > 0).map((a) => ({ html: plain(a.text), percent: pct(a.fraction) }));
    case "NUMERICAL":
      return (numericalData.safeParse(data).data?.answers ?? [])
        .filter((a) => a.fraction > 0)
        .map((a) => ({
          html: plain(a.kind === "tolerance" ? (a.tolerance > 0 ? `${a.value} ± ${a.tolerance}` : String(a.value)) : `${a.min} – ${a.max}`),
          percent: pct(a.fraction),
        }));
    case "MATCHING":
      return (matchingData.safeParse(data).data?.pairs ?? []).filter((p) => p.left.text.trim() !== "").map((p) => ({ html: `${renderRich(p.left)} → ${plain(p.right)}` }));
    case "ESSAY": {
      const info = essayData.safeParse(data).data?.graderInfo;
      return info && info.text.trim() !== "" ? [{ html: renderRich(info) }] : [];
    }
    case "DESCRIPTION":
      return [];
  }
}

/** The option labels of a choice or true/false question, in the question's order, for item analysis. */
export function optionLabels(type: QuestionType, data: unknown): { id: string; line: ShownLine }[] {
  if (type === "SINGLE_CHOICE" || type === "MULTIPLE_CHOICE") {
    return (choiceData.safeParse(data).data?.options ?? []).map((o) => ({ id: o.id, line: { html: renderRich(o.text), percent: pct(o.fraction) } }));
  }
  if (type === "TRUE_FALSE") {
    return [
      { id: "true", line: { key: "quizResults.true" } },
      { id: "false", line: { key: "quizResults.false" } },
    ];
  }
  return [];
}
