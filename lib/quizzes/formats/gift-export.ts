import { TEXT_FORMATS, type QuestionDraft, type RichText, type TextFormat } from "../question-types";

/**
 * Questions as GIFT that `parseGift` reads back to the same drafts (ids renumbered o1…, a1…,
 * p1…), and that Moodle imports: every reserved character escaped (`\\ \~ \= \# \{ \} \: \n`),
 * `$CATEGORY:` when the category changes, `::name::`, format markers where the format differs
 * from the question's (or the text itself starts like a marker), weights, feedback, tolerances
 * and ranges, tags as Moodle's `// [tag:…]` comment.
 *
 * What GIFT cannot carry (docs/decisions/081): a question's mark (Moodle gives 1), short-answer
 * case and diacritics settings, an essay's grader information and template, a description's
 * general feedback, and a "->" inside a matching item's left side or in short-answer texts.
 */
export function exportGift(questions: readonly QuestionDraft[]): string {
  const blocks: string[] = [];
  let category: readonly string[] = [];
  for (const q of questions) {
    if (!samePath(q.category, category)) {
      category = q.category;
      // An empty path is the bank's default category; Moodle's own prefix reads back as empty.
      blocks.push(`$CATEGORY: ${category.length === 0 ? "$course$/top" : category.map(categoryName).join("/")}`);
    }
    blocks.push(question(q));
  }
  return blocks.length === 0 ? "" : `${blocks.join("\n\n")}\n`;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Moodle's repchar: the reserved characters escaped, line breaks as `\n`. */
export function escapeGift(text: string): string {
  let out = "";
  for (const ch of text) {
    if (ch === "\\" || ch === "#" || ch === "=" || ch === "~" || ch === "{" || ch === "}" || ch === ":") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch !== "\r") out += ch;
  }
  return out;
}

function categoryName(name: string): string {
  return escapeGift(name).replaceAll("/", "//");
}

function looksLikeMarker(text: string): boolean {
  if (!text.startsWith("[")) return false;
  const end = text.indexOf("]");
  return end > 0 && (TEXT_FORMATS as readonly string[]).includes(text.slice(1, end));
}

/** A text with its format marker when it differs from `fallback` or the text could be read as one. */
function rich(text: string, format: TextFormat, fallback: TextFormat): string {
  const marker = format !== fallback || looksLikeMarker(text) ? `[${format}]` : "";
  return marker + escapeGift(text);
}

function feedback(fb: RichText | undefined, format: TextFormat): string {
  return fb ? `#${rich(fb.text, fb.format, format)}` : "";
}

/** A fraction as GIFT's percentage, written by moving the decimal point so it reads back exactly. */
export function percentOf(fraction: number): string {
  const s = String(fraction);
  if (s.includes("e")) return String(fraction * 100);
  const negative = s.startsWith("-");
  const [int = "0", frac = ""] = (negative ? s.slice(1) : s).split(".");
  const digits = int + frac.padEnd(2, "0");
  const whole = digits.slice(0, int.length + 2).replace(/^0+(?=\d)/, "");
  const rest = digits.slice(int.length + 2).replace(/0+$/, "");
  const value = rest ? `${whole}.${rest}` : whole;
  return negative && value !== "0" ? `-${value}` : value;
}

function question(q: QuestionDraft): string {
  const head: string[] = [];
  if (q.tags.length > 0) head.push(`// ${q.tags.map((t) => `[tag:${t.replace(/\s+/g, " ").replaceAll("]", "\\]")}]`).join(" ")}`);
  const start = `::${escapeGift(q.name)}::${rich(q.text, q.format, "moodle")}`;
  const f = q.format;
  const general = q.generalFeedback ? `####${rich(q.generalFeedback.text, q.generalFeedback.format, f)}` : "";
  const body = (lines: string[]) => [...head, `${start}{`, ...lines.map((l) => `\t${l}`), ...(general ? [`\t${general}`] : []), "}"].join("\n");

  switch (q.type) {
    case "DESCRIPTION":
      return [...head, start].join("\n");
    case "ESSAY":
      return [...head, `${start}{${general}}`].join("\n");
    case "TRUE_FALSE": {
      const { answer, feedbackTrue, feedbackFalse } = q.data;
      const [right, wrong] = answer ? [feedbackTrue, feedbackFalse] : [feedbackFalse, feedbackTrue];
      const wrongPart = wrong ? feedback(wrong, f) : right ? "#" : "";
      return [...head, `${start}{${answer ? "TRUE" : "FALSE"}${wrongPart}${feedback(right, f)}${general}}`].join("\n");
    }
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE": {
      // Single choice: the first full-mark option is `=` (that makes it single); Moodle reads an
      // answer part with a `~` and no `=` as multiple choice.
      let equals = q.type === "SINGLE_CHOICE";
      return body(
        q.data.options.map((o) => {
          let mark: string;
          if (equals && o.fraction === 1) {
            mark = "=";
            equals = false;
          } else if (o.fraction === 0 && !o.text.text.startsWith("%")) mark = "~";
          else mark = `~%${percentOf(o.fraction)}%`;
          return `${mark}${rich(o.text.text, o.text.format, f)}${feedback(o.feedback, f)}`;
        }),
      );
    }
    case "SHORT_ANSWER":
      return body(q.data.answers.map((a) => `=%${percentOf(a.fraction)}%${looksLikeMarker(a.text) ? `[${f}]` : ""}${escapeGift(a.text)}${feedback(a.feedback, f)}`));
    case "MATCHING":
      return body(q.data.pairs.map((p) => `=${rich(p.left.text, p.left.format, f)} -> ${escapeGift(p.right)}`));
    case "NUMERICAL": {
      const lines = q.data.answers.map((a) => {
        const value = a.kind === "range" ? `${a.min}..${a.max}` : `${a.value}:${a.tolerance}`;
        return `=%${percentOf(a.fraction)}%${value}${feedback(a.feedback, f)}`;
      });
      return [...head, `${start}{#`, ...lines.map((l) => `\t${l}`), ...(general ? [`\t${general}`] : []), "}"].join("\n");
    }
  }
}
