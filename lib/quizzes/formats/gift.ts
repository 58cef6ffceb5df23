import { TEXT_FORMATS, type NumericalAnswer, type QuestionDraft, type RichText, type TextFormat } from "../question-types";
import { defaultMarkFor, hasPositive, makeItem, questionName } from "./draft";
import { MAX_IMPORT_QUESTIONS, type ImportItem, type ImportProblem, type ImportResult } from "./types";

/**
 * GIFT, as Moodle defines and reads it (https://docs.moodle.org/en/GIFT_format and
 * question/format/gift/format.php): questions separated by blank lines, `//` comment lines,
 * `::name::`, `$CATEGORY: a/b`, the escapes `\~ \= \# \{ \} \: \\ \n`, `[html]`-style format
 * markers, and one answer part `{…}` per question. Differences from Moodle are listed in
 * docs/decisions/081-gift-aiken-xlsx.md.
 *
 * Linear time: escapes are replaced by private-use placeholders once, then every step is an
 * indexOf or a single scan; no regular expression backtracks over the text.
 */
export function parseGift(input: string): ImportResult {
  const text = input.normalize("NFC").replace(/\r\n?/g, "\n");
  const items: ImportItem[] = [];
  const problems: ImportProblem[] = [];
  let category: string[] = [];
  let block: Line[] = [];
  let comments: string[] = [];

  const flush = () => {
    const lines = block;
    const notes = comments;
    block = [];
    comments = [];
    if (lines.length === 0) return;
    let rest = lines;
    if (lines[0]!.text.startsWith("$CATEGORY:")) {
      const value = lines[0]!.text.slice("$CATEGORY:".length);
      const path = categoryPath(protect(value));
      // `$course$/top` is the root: an empty path on purpose. A bare `$CATEGORY:` is a mistake.
      if (value.trim() === "") problems.push({ line: lines[0]!.line, key: "quizImport.gift.emptyCategory" });
      category = path;
      rest = lines.slice(1);
      if (rest.length === 0) return;
    }
    items.push(readQuestion(rest, notes, category));
  };

  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === "") flush();
    else if (t.startsWith("//")) comments.push(t);
    else block.push({ line: i + 1, text: t });
    if (items.length > MAX_IMPORT_QUESTIONS) break;
  }
  flush();
  if (items.length > MAX_IMPORT_QUESTIONS) {
    return { items: [], problems: [{ line: 0, key: "quizImport.file.tooManyQuestions", params: { max: MAX_IMPORT_QUESTIONS } }] };
  }
  if (items.length === 0 && problems.length === 0) problems.push({ line: 0, key: "quizImport.file.noQuestions" });
  return { items, problems };
}

type Line = { line: number; text: string };

// ── Escapes ─────────────────────────────────────────────────────────────────────────────────
// `\:` `\#` `\=` `\{` `\}` `\~` become U+E000…U+E005 and `\n` U+E006, so that the structure is
// read with plain searches; a private-use character already in the text (U+E000…U+E01F) is kept
// as U+E01F followed by itself moved up by 0x20. `unprotect` undoes both.

const ESCAPABLE = ":#={}~";
const NEWLINE = 0xe006;
const QUOTE = 0xe01f;
const BACKSLASH = 0x5c;

/** Replaces escapes by placeholders (see above); one pass over UTF-16 code units. */
export function protect(line: string): string {
  if (!/[\\\ue000-\ue01f]/.test(line)) return line;
  const out = new Uint16Array(line.length * 2);
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code >= 0xe000 && code <= 0xe01f) {
      out[n++] = QUOTE;
      out[n++] = code + 0x20;
    } else if (code === BACKSLASH && i + 1 < line.length) {
      const next = line.charCodeAt(i + 1);
      const k = ESCAPABLE.indexOf(line[i + 1]!);
      if (next === BACKSLASH) out[n++] = BACKSLASH;
      else if (k >= 0) out[n++] = 0xe000 + k;
      else if (next === 0x6e /* n */) out[n++] = NEWLINE;
      else {
        out[n++] = BACKSLASH;
        continue;
      }
      i++;
    } else out[n++] = code;
  }
  return fromCodes(out, n);
}

/** Puts back what `protect` replaced. */
export function unprotect(text: string): string {
  if (!/[\ue000-\ue01f]/.test(text)) return text;
  const out = new Uint16Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE && i + 1 < text.length) out[n++] = text.charCodeAt(++i) - 0x20;
    else if (code >= 0xe000 && code < 0xe000 + ESCAPABLE.length) out[n++] = ESCAPABLE.charCodeAt(code - 0xe000);
    else if (code === NEWLINE) out[n++] = 0x0a;
    else out[n++] = code;
  }
  return fromCodes(out, n);
}

function fromCodes(codes: Uint16Array, length: number): string {
  const parts: string[] = [];
  for (let at = 0; at < length; at += 8192) parts.push(String.fromCharCode(...codes.subarray(at, Math.min(at + 8192, length))));
  return parts.join("");
}

/** A `$CATEGORY:` path: Moodle's context prefix (`$course$/top/`) dropped, `//` is a slash in a name. */
function categoryPath(raw: string): string[] {
  const parts: string[] = [];
  let current = "";
  const value = raw.trim();
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "/") {
      if (value[i + 1] === "/") {
        current += "/";
        i++;
      } else {
        parts.push(current);
        current = "";
      }
    } else current += value[i];
  }
  parts.push(current);
  let names = parts.map((p) => unprotect(p).trim()).filter((p) => p !== "");
  if (names.length > 0 && /^\$[a-z]+\$$/.test(names[0]!)) {
    names = names.slice(1);
    if (names[0] === "top") names = names.slice(1);
  }
  return names;
}

/** Moodle 3.6+ keeps tags in the question's comment: `// [tag:an toàn] [tag:PCCC]`, `\]` inside a tag. */
function tagsOf(comments: readonly string[]): string[] {
  const tags: string[] = [];
  for (const comment of comments) {
    let at = comment.indexOf("[tag:");
    while (at >= 0) {
      let tag = "";
      let i = at + 5;
      for (; i < comment.length && comment[i] !== "]"; i++) {
        if (comment[i] === "\\" && comment[i + 1] === "]") {
          tag += "]";
          i++;
        } else tag += comment[i];
      }
      if (i >= comment.length) break;
      const name = tag.trim();
      if (name && !tags.includes(name)) tags.push(name);
      at = comment.indexOf("[tag:", i + 1);
    }
  }
  return tags;
}

// ── One question ────────────────────────────────────────────────────────────────────────────

/** A question's protected text with a map from offsets back to file lines. */
class Source {
  readonly text: string;
  private readonly starts: number[] = [];
  private readonly lines: number[] = [];

  constructor(block: readonly Line[]) {
    const parts: string[] = [];
    let at = 0;
    for (const l of block) {
      const p = protect(l.text);
      this.starts.push(at);
      this.lines.push(l.line);
      parts.push(p);
      at += p.length + 1;
    }
    this.text = parts.join("\n");
  }

  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.lines[lo]!;
  }
}

/** A piece of the protected text and where it starts. */
type Piece = { text: string; at: number };

function trimmed(p: Piece): Piece {
  const start = p.text.length - p.text.trimStart().length;
  return { text: p.text.trim(), at: p.at + start };
}

function slice(p: Piece, from: number, to?: number): Piece {
  return { text: p.text.slice(from, to), at: p.at + from };
}

/** A text with its optional leading format marker (`[html]…`), the marker's default otherwise. */
function formatted(raw: string, fallback: TextFormat): RichText {
  let text = raw.trim();
  let format = fallback;
  if (text.startsWith("[")) {
    const end = text.indexOf("]");
    const name = end > 0 ? text.slice(1, end) : "";
    if ((TEXT_FORMATS as readonly string[]).includes(name)) {
      format = name as TextFormat;
      text = text.slice(end + 1).trim();
    }
  }
  return { text: unprotect(text), format };
}

function optional(rich: RichText): RichText | undefined {
  return rich.text === "" ? undefined : rich;
}

/** Splits at each marker character; the marker stays at the start of its piece. The text before the first marker is kept when not blank (Moodle). */
function splitAt(p: Piece, markers: string): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  for (let i = 0; i <= p.text.length; i++) {
    if (i === p.text.length || (i > 0 && markers.includes(p.text[i]!))) {
      const piece = slice(p, start, i);
      if (start > 0 || piece.text.trim() !== "") pieces.push(piece);
      start = i;
      // One more than any question may have is enough to report it (and bounds the work).
      if (pieces.length > MAX_ANSWERS) return pieces;
    }
  }
  return pieces;
}

const CLOZE = /^\d*:[A-Za-z_]{2,20}:/;

/** The most answers, options or pairs a question may have (question-types.ts). */
const MAX_ANSWERS = 50;

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal number as written in GIFT (dot decimals, optional exponent); null when it is not one. */
export function readNumber(text: string): number | null {
  const t = text.trim();
  if (t.length === 0 || t.length > 64 || !NUMBER.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/**
 * A percentage as a fraction, exactly: the decimal point is moved two places in the text, so
 * "33.33333" gives the same number as the literal 0.3333333 (no floating-point division).
 */
export function fractionFromPercent(text: string): number | null {
  const t = text.trim();
  if (t.length > 40 || !/^-?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t)) return null;
  const negative = t.startsWith("-");
  const [int = "", frac = ""] = (negative ? t.slice(1) : t).split(".");
  const digits = (int.padStart(3, "0") + frac).replace(/^0+(?=\d)/, "");
  const padded = digits.padStart(frac.length + 3, "0");
  const point = padded.length - frac.length - 2;
  const n = Number(`${negative ? "-" : ""}${padded.slice(0, point)}.${padded.slice(point)}`);
  return n >= -1 && n <= 1 ? (n === 0 ? 0 : n) : null;
}

type Weighted = { fraction: number | null; rest: Piece; weightText?: string };

/**
 * A leading `%50%` weight. A `%` not followed by a number and `%` is text (Moodle's rule); a
 * number outside -100…100 is reported.
 */
function weightOf(p: Piece, fallback: number): Weighted {
  const t = p.text;
  if (!t.startsWith("%")) return { fraction: fallback, rest: p };
  let i = 1;
  while (i < t.length && "-0123456789.".includes(t[i]!)) i++;
  if (i === 1 || t[i] !== "%") return { fraction: fallback, rest: p };
  const weightText = t.slice(1, i);
  return { fraction: fractionFromPercent(weightText), rest: trimmed(slice(p, i + 1)), weightText };
}

/** Text and feedback of an answer: the first `#` starts the feedback. */
function withFeedback(p: Piece, format: TextFormat): { answer: RichText; feedback: RichText | undefined } {
  const hash = p.text.indexOf("#");
  if (hash < 0) return { answer: formatted(p.text, format), feedback: undefined };
  return { answer: formatted(p.text.slice(0, hash), format), feedback: optional(formatted(p.text.slice(hash + 1), format)) };
}

type Head = {
  name: string | null;
  text: RichText;
  generalFeedback: RichText | undefined;
  category: string[];
  tags: string[];
};

function readQuestion(block: readonly Line[], comments: readonly string[], category: string[]): ImportItem {
  const src = new Source(block);
  const line = block[0]!.line;
  const errors: ImportProblem[] = [];
  const notes: ImportProblem[] = [];
  let body: Piece = { text: src.text, at: 0 };

  let name: string | null = null;
  if (body.text.startsWith("::")) {
    const end = body.text.indexOf("::", 2);
    if (end < 0) body = slice(body, 2);
    else {
      name = unprotect(body.text.slice(2, end));
      body = trimmed(slice(body, end + 2));
    }
  }

  const open = body.text.indexOf("{");
  const close = body.text.indexOf("}");
  const base = { category, tags: tagsOf(comments) };

  if (open < 0 && close < 0) {
    const text = formatted(body.text, "moodle");
    const draft: QuestionDraft = { type: "DESCRIPTION", name: "", ...text, defaultMark: 0, ...base, data: {} };
    return finish(line, name, draft, errors, notes);
  }
  if (open < 0 || close < 0 || close < open) {
    const at = open < 0 ? close : close < 0 ? open : close;
    errors.push({ line: src.lineAt(body.at + at), key: "quizImport.gift.unbalancedBraces" });
    return makeItem(line, questionName(name, unprotect(body.text), line), null, errors);
  }
  const after = slice(body, close + 1);
  const stray = Math.max(after.text.indexOf("{"), after.text.indexOf("}"));
  if (stray >= 0) errors.push({ line: src.lineAt(after.at + stray), key: "quizImport.gift.textAfterAnswers" });
  const questionText = after.text.trim() === "" ? body.text.slice(0, open) : `${body.text.slice(0, open)}_____${after.text}`;

  let answers = trimmed(slice(body, open + 1, close));
  const text = formatted(questionText, "moodle");
  let generalFeedback: RichText | undefined;
  const gf = answers.text.lastIndexOf("####");
  if (gf >= 0) {
    generalFeedback = optional(formatted(answers.text.slice(gf + 4), text.format));
    answers = trimmed(slice(answers, 0, gf));
  }
  const head: Head = { name, text, generalFeedback, ...base };
  const a = answers.text;
  const at = (offset: number) => src.lineAt(offset);
  const nested = a.indexOf("{");
  if (nested >= 0) errors.push({ line: at(answers.at + nested), key: "quizImport.gift.unbalancedBraces" });
  // Moodle's embedded-answers (Cloze) syntax `{1:MULTICHOICE:…}` is another format, not GIFT.
  if (CLOZE.test(a)) return makeItem(line, questionName(name, text.text, line), null, [{ line: at(answers.at), key: "quizImport.gift.cloze" }]);

  let draft: QuestionDraft | null;
  if (a === "") draft = draftOf(head, "ESSAY", {});
  else if (a.startsWith("#")) draft = numerical(head, slice(answers, 1), at, errors, notes);
  else if (a.includes("~")) draft = choice(head, answers, at, errors);
  else if (a.includes("=") && a.includes("->")) draft = matching(head, answers, at, errors);
  else {
    const hash = a.indexOf("#");
    const check = hash > 0 ? a.slice(0, hash).trim() : a;
    if (["T", "TRUE", "F", "FALSE"].includes(check)) draft = trueFalse(head, a, text.format);
    else draft = shortAnswer(head, answers, at, errors);
  }
  return finish(line, name, draft, errors, notes);
}

function finish(line: number, given: string | null, draft: QuestionDraft | null, errors: ImportProblem[], notes: ImportProblem[]): ImportItem {
  const name = questionName(given, draft?.text ?? "", line);
  return makeItem(line, name, draft ? { ...draft, name } : null, errors, notes);
}

function draftOf<T extends QuestionDraft["type"]>(head: Head, type: T, data: Extract<QuestionDraft, { type: T }>["data"]): QuestionDraft {
  return {
    type,
    name: "",
    text: head.text.text,
    format: head.text.format,
    ...(head.generalFeedback ? { generalFeedback: head.generalFeedback } : {}),
    defaultMark: defaultMarkFor(type),
    category: head.category,
    tags: head.tags,
    data,
  } as QuestionDraft;
}

type LineAt = (offset: number) => number;

function badWeight(errors: ImportProblem[], at: LineAt, p: Piece, w: Weighted) {
  errors.push({ line: at(p.at), key: "quizImport.gift.badWeight", params: { weight: `%${unprotect(w.weightText ?? "")}%` } });
}

/** `{=right ~wrong ~%50%half#feedback}`: one `=` makes it single choice, none multiple choice (Moodle). */
function choice(head: Head, answers: Piece, at: LineAt, errors: ImportProblem[]): QuestionDraft | null {
  const single = answers.text.includes("=");
  const pieces = splitAt(answers, "~=");
  if (pieces.length < 2) {
    errors.push({ line: at(answers.at), key: "quizImport.gift.tooFewChoices" });
    return null;
  }
  const options = pieces.map((raw, i) => {
    let p = trimmed(raw);
    let fraction: number | null = 0;
    if (p.text.startsWith("=")) {
      fraction = 1;
      p = trimmed(slice(p, 1));
    } else {
      if (p.text.startsWith("~")) p = trimmed(slice(p, 1));
      const w = weightOf(p, 0);
      if (w.fraction === null) badWeight(errors, at, p, w);
      fraction = w.fraction;
      p = w.rest;
    }
    const { answer, feedback } = withFeedback(p, head.text.format);
    if (answer.text === "") errors.push({ line: at(p.at), key: "quizImport.question.emptyAnswer" });
    return { id: `o${i + 1}`, text: answer, fraction: fraction ?? 0, ...(feedback ? { feedback } : {}) };
  });
  if (!hasPositive(options.map((o) => o.fraction))) errors.push({ line: at(answers.at), key: "quizImport.question.noCorrectAnswer" });
  return draftOf(head, single ? "SINGLE_CHOICE" : "MULTIPLE_CHOICE", { options });
}

/** `{=Canada -> Ottawa =Italy -> Rome}`; an empty left side is a distractor. */
function matching(head: Head, answers: Piece, at: LineAt, errors: ImportProblem[]): QuestionDraft | null {
  const pieces = splitAt(answers, "=");
  if (pieces.length < 2) errors.push({ line: at(answers.at), key: "quizImport.gift.tooFewPairs" });
  const pairs = pieces.map((raw, i) => {
    let p = trimmed(raw);
    if (p.text.startsWith("=")) p = slice(p, 1);
    const arrow = p.text.indexOf("->");
    if (arrow < 0) {
      errors.push({ line: at(p.at), key: "quizImport.gift.matchingFormat" });
      return { id: `p${i + 1}`, left: formatted(p.text, head.text.format), right: "" };
    }
    const right = unprotect(p.text.slice(arrow + 2).trim());
    if (right === "") errors.push({ line: at(p.at), key: "quizImport.gift.emptyMatch" });
    return { id: `p${i + 1}`, left: formatted(p.text.slice(0, arrow), head.text.format), right };
  });
  return errors.length > 0 ? null : draftOf(head, "MATCHING", { pairs });
}

/** `{T}`, `{FALSE#feedback when answered wrongly#feedback when answered rightly}`. */
function trueFalse(head: Head, answers: string, format: TextFormat): QuestionDraft {
  const first = answers.indexOf("#");
  const second = first < 0 ? -1 : answers.indexOf("#", first + 1);
  const value = (first < 0 ? answers : answers.slice(0, first)).trim();
  const wrong = first < 0 ? undefined : optional(formatted(answers.slice(first + 1, second < 0 ? undefined : second), format));
  const right = second < 0 ? undefined : optional(formatted(answers.slice(second + 1), format));
  const answer = value === "T" || value === "TRUE";
  const [feedbackTrue, feedbackFalse] = answer ? [right, wrong] : [wrong, right];
  return draftOf(head, "TRUE_FALSE", {
    answer,
    ...(feedbackTrue ? { feedbackTrue } : {}),
    ...(feedbackFalse ? { feedbackFalse } : {}),
  });
}

/** `{=Hà Nội =%50%Ha Noi#feedback}`: every answer right unless weighted. */
function shortAnswer(head: Head, answers: Piece, at: LineAt, errors: ImportProblem[]): QuestionDraft | null {
  const list = splitAt(answers, "=").map((raw, i) => {
    let p = trimmed(raw);
    if (p.text.startsWith("=")) p = trimmed(slice(p, 1));
    const w = weightOf(p, 1);
    if (w.fraction === null) badWeight(errors, at, p, w);
    const { answer, feedback } = withFeedback(w.rest, head.text.format);
    if (answer.text === "") errors.push({ line: at(p.at), key: "quizImport.question.emptyAnswer" });
    return { id: `a${i + 1}`, text: answer.text, fraction: w.fraction ?? 0, ...(feedback ? { feedback } : {}) };
  });
  if (errors.length === 0 && !hasPositive(list.map((x) => x.fraction))) errors.push({ line: at(answers.at), key: "quizImport.question.noCorrectAnswer" });
  return draftOf(head, "SHORT_ANSWER", { answers: list, caseSensitive: false, ignoreDiacritics: false });
}

/** `{#2:0.5}`, `{#1..3}`, `{#=%100%2:0#fb =%50%3:1}`; `~#feedback` (any other answer) is not kept. */
function numerical(head: Head, rawAnswers: Piece, at: LineAt, errors: ImportProblem[], notes: ImportProblem[]): QuestionDraft | null {
  let answers = rawAnswers;
  const tilde = answers.text.indexOf("~");
  if (tilde >= 0) {
    const other = answers.text.slice(tilde + 1);
    const hash = other.indexOf("#");
    if (hash >= 0 && formatted(other.slice(hash + 1), head.text.format).text !== "") {
      notes.push({ line: at(answers.at + tilde), key: "quizImport.gift.numericalOtherFeedback" });
    }
    answers = slice(answers, 0, tilde);
  }
  const pieces = splitAt(answers, "=");
  if (pieces.length === 0) {
    errors.push({ line: at(answers.at), key: "quizImport.gift.noNumericalAnswer" });
    return null;
  }
  const list: NumericalAnswer[] = [];
  pieces.forEach((raw, i) => {
    let p = trimmed(raw);
    if (p.text.startsWith("=")) p = trimmed(slice(p, 1));
    const w = weightOf(p, 1);
    if (w.fraction === null) badWeight(errors, at, p, w);
    const { answer, feedback } = withFeedback(w.rest, head.text.format);
    const value = answer.text;
    const common = { id: `a${i + 1}`, fraction: w.fraction ?? 0, ...(feedback ? { feedback } : {}) };
    const bad = (key: "quizImport.gift.badNumber" | "quizImport.gift.badRange") => errors.push({ line: at(p.at), key, params: { value } });
    const range = value.indexOf("..");
    if (range > 0) {
      const min = readNumber(value.slice(0, range));
      const max = readNumber(value.slice(range + 2));
      if (min === null || max === null) return bad("quizImport.gift.badNumber");
      if (min > max) return bad("quizImport.gift.badRange");
      list.push({ kind: "range", ...common, min, max });
      return;
    }
    const colon = value.indexOf(":");
    const number = readNumber(colon > 0 ? value.slice(0, colon) : value);
    const tolerance = colon > 0 ? readNumber(value.slice(colon + 1)) : 0;
    if (number === null || tolerance === null || tolerance < 0) return bad("quizImport.gift.badNumber");
    list.push({ kind: "tolerance", ...common, value: number, tolerance });
  });
  if (errors.length === 0 && !hasPositive(list.map((x) => x.fraction))) errors.push({ line: at(answers.at), key: "quizImport.question.noCorrectAnswer" });
  return errors.length > 0 ? null : draftOf(head, "NUMERICAL", { answers: list });
}
