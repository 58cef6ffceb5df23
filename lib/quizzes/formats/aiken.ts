import type { QuestionDraft } from "../question-types";
import { makeItem, questionName } from "./draft";
import { MAX_IMPORT_QUESTIONS, type ImportItem, type ImportProblem, type ImportResult } from "./types";

/**
 * Aiken, as Moodle reads it (question/format/aiken/format.php, docs.moodle.org/en/Aiken_format):
 *
 *     Thủ đô của Việt Nam là?
 *     A. Hà Nội
 *     B) Huế
 *     ANSWER: A
 *
 * A single-choice question per group: the question text, then options `X.` or `X)` followed by a
 * space, then `ANSWER: X`. Texts are plain. Beyond Moodle: a question text may span several
 * lines (up to the first option), `ĐÁP ÁN: X` is read like `ANSWER: X`, and every mistake is
 * reported with its line instead of being skipped.
 */
export function parseAiken(input: string): ImportResult {
  const lines = input.normalize("NFC").replace(/\r\n?/g, "\n").split("\n");
  const items: ImportItem[] = [];
  const problems: ImportProblem[] = [];
  let current: Pending | null = null;

  const close = (answer: { letter: string; line: number } | null) => {
    if (!current) return;
    items.push(toItem(current, answer));
    current = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const text = lines[i]!.trim();
    // Moodle skips lines shorter than two characters.
    if (text.length < 2) continue;
    const option = OPTION.exec(text);
    const answer = ANSWER.exec(text);
    if (option) {
      if (!current) problems.push({ line, key: "quizImport.aiken.optionWithoutQuestion", params: { letter: option[1]! } });
      else current.options.push({ letter: option[1]!, text: text.slice(2).trim(), line });
    } else if (answer) {
      if (!current) problems.push({ line, key: "quizImport.aiken.answerWithoutQuestion" });
      else close({ letter: (answer[1] ?? "").toUpperCase(), line });
    } else if (current && current.options.length === 0) {
      current.text.push(text);
    } else {
      // A new question; the one before (if any) never got its ANSWER line.
      close(null);
      current = { line, text: [text], options: [] };
    }
    if (items.length > MAX_IMPORT_QUESTIONS) break;
  }
  close(null);
  if (items.length > MAX_IMPORT_QUESTIONS) {
    return { items: [], problems: [{ line: 0, key: "quizImport.file.tooManyQuestions", params: { max: MAX_IMPORT_QUESTIONS } }] };
  }
  if (items.length === 0 && problems.length === 0) problems.push({ line: 0, key: "quizImport.file.noQuestions" });
  return { items, problems };
}

const OPTION = /^([A-Z])[).][ \t]/;
const ANSWER = /^(?:ANSWER|ĐÁP ÁN)\s*:\s*([A-Za-z])?/i;

type Pending = { line: number; text: string[]; options: { letter: string; text: string; line: number }[] };

function toItem(q: Pending, answer: { letter: string; line: number } | null): ImportItem {
  const text = q.text.join("\n");
  const name = questionName(null, text, q.line);
  const errors: ImportProblem[] = [];
  const last = q.options.at(-1)?.line ?? q.line;
  if (q.options.length < 2) errors.push({ line: q.options[0]?.line ?? q.line, key: "quizImport.aiken.tooFewOptions" });
  if (!answer) errors.push({ line: last, key: "quizImport.aiken.missingAnswer" });
  else if (!q.options.some((o) => o.letter === answer.letter)) {
    errors.push({ line: answer.line, key: "quizImport.aiken.answerNotOption", params: { letter: answer.letter || "?" } });
  }
  const draft: QuestionDraft = {
    type: "SINGLE_CHOICE",
    name,
    text,
    format: "plain",
    defaultMark: 1,
    category: [],
    tags: [],
    data: {
      options: q.options.map((o, i) => ({ id: `o${i + 1}`, text: { text: o.text, format: "plain" }, fraction: o.letter === answer?.letter ? 1 : 0 })),
    },
  };
  return makeItem(q.line, name, draft, errors);
}
