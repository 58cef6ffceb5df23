import { questionDraft, type QuestionDraft } from "../question-types";
import type { ImportItem, ImportProblem } from "./types";

/** A question's default mark on import, as Moodle gives it: 1, or 0 for a description. */
export function defaultMarkFor(type: QuestionDraft["type"]): number {
  return type === "DESCRIPTION" ? 0 : 1;
}

const NAME_FROM_TEXT_CHARS = 80;
const NAME_MAX = 255;

/**
 * The start of a text (at most `max` visible characters) with tags removed and white space
 * collapsed: one scan that stops early, so a name costs nothing on a huge or hostile text.
 */
export function plainOf(text: string, max = NAME_FROM_TEXT_CHARS + 1): string {
  let out = "";
  let inTag = false;
  let space = false;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const ch = text[i]!;
    if (inTag) {
      if (ch === ">") inTag = false;
    } else if (ch === "<") {
      inTag = true;
    } else if (/\s/.test(ch)) {
      space = out.length > 0;
    } else {
      if (space) out += " ";
      space = false;
      out += ch;
    }
  }
  return out;
}

/**
 * A question's name: the one given (cut to 255 characters), else the start of its text without
 * markup (as Moodle's create_default_question_name), else "Câu hỏi dòng N".
 */
export function questionName(given: string | null, text: string, line: number): string {
  const name = (given ?? "").replace(/\s+/g, " ").trim();
  if (name) return name.slice(0, NAME_MAX).trim();
  const plain = plainOf(text);
  if (plain) return plain.length > NAME_FROM_TEXT_CHARS ? `${plain.slice(0, NAME_FROM_TEXT_CHARS - 3).trim()}...` : plain;
  return `Câu hỏi dòng ${line}`;
}

/**
 * Checks a built draft against the shared zod shape and makes the item: `errors` (or a shape
 * problem) leave the draft out; `notes` are kept beside a draft that imports.
 */
export function makeItem(
  line: number,
  name: string,
  draft: QuestionDraft | null,
  errors: ImportProblem[],
  notes: ImportProblem[] = [],
): ImportItem {
  if (errors.length > 0 || draft === null) return { line, name, draft: null, problems: [...errors, ...notes] };
  const checked = questionDraft.safeParse(draft);
  if (checked.success) return { line, name, draft: checked.data, problems: notes };
  const issue = checked.error.issues[0]!;
  const part = issue.path.map(String).join(".");
  const max = "maximum" in issue ? Number(issue.maximum) : undefined;
  const isList = /^data\.(options|answers|pairs)$/.test(part);
  const problem: ImportProblem =
    issue.code === "too_big" && isList
      ? { line, key: "quizImport.question.tooManyAnswers", params: { max: max ?? 0 } }
      : issue.code === "too_big" && max !== undefined
        ? { line, key: "quizImport.question.tooLong", params: { max, part } }
        : { line, key: "quizImport.question.invalid", params: { part } };
  return { line, name, draft: null, problems: [problem, ...notes] };
}

/** Fractions a question's answers give: at least one must be positive for it to have a right answer. */
export function hasPositive(fractions: readonly number[]): boolean {
  return fractions.some((f) => f > 0);
}
