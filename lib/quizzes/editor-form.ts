import { z } from "zod";
import type { MessageKey } from "@/lib/i18n/messages/vi";
import {
  QUESTION_TYPES,
  TEXT_FORMATS,
  questionDraft,
  type NumericalAnswer,
  type QuestionDraft,
  type QuestionType,
  type RichText,
  type TextFormat,
} from "./question-types";

/*
 * The question editor's form, both ways (pure: no database, safe in the browser):
 *  - `parseQuestionForm`: the posted fields → a QuestionDraft, or every problem under its field;
 *  - `questionFormDefaults`: a QuestionDraft → the same flat fields, to fill the form.
 *
 * The form posts one flat name per input (formAction joins repeated names with commas, so rows
 * are numbered): `name`, `text`, `format`, `generalFeedback`, `defaultMark`, `tags`, then per type
 * `options.<n>.text|fraction|feedback`, `answers.<n>.…`, `pairs.<n>.left|right`, … Row numbers may
 * have gaps (a row removed in the browser); the order of the numbers is the order of the rows.
 * A row's `id` travels in a hidden input so that an option keeps its id across versions (attempts
 * and option orders refer to it); a new row gets the next free one. A rich text's own format travels
 * in `<field>Format` (a text imported as `plain` stays plain); a new row takes the question's.
 * Numbers and marks accept the Vietnamese decimal comma ("0,5").
 */

export type FormValues = Record<string, string>;
export type FormErrors = Record<string, MessageKey[]>;
export type ParsedQuestion = { ok: true; draft: QuestionDraft } | { ok: false; errors: FormErrors };

/** Moodle's grade choices for an option or answer (question_bank::fraction_options), as fractions. */
export const GRADE_FRACTIONS = [
  1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0,
] as const;
/** With the negative ones (penalties), for choice questions. */
export const GRADE_FRACTIONS_WITH_PENALTIES: readonly number[] = [...GRADE_FRACTIONS, ...GRADE_FRACTIONS.slice(0, -1).map((f) => -f).reverse()].sort((a, b) => b - a);

/** The grade choices of a type's rows: negatives only where Moodle allows them (choice questions). */
export function gradeChoices(type: QuestionType): readonly number[] {
  return type === "SINGLE_CHOICE" || type === "MULTIPLE_CHOICE" ? GRADE_FRACTIONS_WITH_PENALTIES : GRADE_FRACTIONS;
}

/** The rows each type edits, by the prefix of their field names. */
export const ROW_PREFIX = {
  SINGLE_CHOICE: "options",
  MULTIPLE_CHOICE: "options",
  SHORT_ANSWER: "answers",
  NUMERICAL: "answers",
  MATCHING: "pairs",
} as const satisfies Partial<Record<QuestionType, string>>;
export type RowPrefix = (typeof ROW_PREFIX)[keyof typeof ROW_PREFIX];

export function rowPrefix(type: QuestionType): RowPrefix | null {
  return (ROW_PREFIX as Partial<Record<QuestionType, RowPrefix>>)[type] ?? null;
}

/** Rows a new question starts with. */
export const NEW_ROWS: Record<RowPrefix, number> = { options: 4, answers: 1, pairs: 3 };

/** The row numbers present in the values (any field `<prefix>.<n>.…`), in order. */
export function rowNumbers(values: FormValues, prefix: string): number[] {
  const found = new Set<number>();
  const pattern = new RegExp(`^${prefix}\\.(\\d{1,4})\\.`);
  for (const key of Object.keys(values)) {
    const m = pattern.exec(key);
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * A number as a person types it: "0,5", "0.5", "-2", "1e3" is not. Vietnamese writes a decimal
 * comma; a dot is accepted too. No thousands separators (a comma is always the decimal one).
 */
export function parseDecimal(text: string | undefined): number | null {
  const t = (text ?? "").trim().replace(/\u2212/g, "-");
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(t)) return null;
  const n = Number(t.replace(",", "."));
  return Number.isFinite(n) ? n : null;
}

/** A number written back into a form field, the way the page's language writes it. */
export function decimalText(n: number, decimalComma = true): string {
  const s = String(Number(n.toFixed(7)));
  return decimalComma ? s.replace(".", ",") : s;
}

/** A fraction as its select value (the choice it is, within rounding of Moodle's sevenths and ninths). */
export function fractionValue(fraction: number): string {
  const known = GRADE_FRACTIONS_WITH_PENALTIES.find((g) => Math.abs(g - fraction) < 5e-5);
  return String(known ?? Number(fraction.toFixed(7)));
}

const isFormat = (v: string | undefined): v is TextFormat => (TEXT_FORMATS as readonly string[]).includes(v ?? "");
const isType = (v: string | undefined): v is QuestionType => (QUESTION_TYPES as readonly string[]).includes(v ?? "");

/** The posted fields of a FormData (repeated names joined by commas, as formAction does). */
export function formValuesOf(form: FormData): FormValues {
  const out: FormValues = {};
  for (const [key, value] of form) {
    if (typeof value !== "string") continue;
    out[key] = key in out ? `${out[key]},${value}` : value;
  }
  return out;
}

// ── Form → draft ─────────────────────────────────────────────────────────────────────────────

class Problems {
  readonly errors: FormErrors = {};
  add(field: string, key: MessageKey) {
    const list = (this.errors[field] ??= []);
    if (!list.includes(key)) list.push(key);
  }
  get any() {
    return Object.keys(this.errors).length > 0;
  }
}

const MAX_TEXT = 20_000;

/** Reads the form; every problem is reported, under the field that has it. */
export function parseQuestionForm(input: FormValues | FormData): ParsedQuestion {
  const v = input instanceof FormData ? formValuesOf(input) : input;
  const p = new Problems();
  const str = (name: string) => (v[name] ?? "").normalize("NFC");
  const type = v.type;
  if (!isType(type)) return { ok: false, errors: { type: ["questionEditor.error.type"] } };

  const name = str("name").trim();
  if (!name) p.add("name", "questionEditor.error.nameRequired");
  else if (name.length > 255) p.add("name", "questionEditor.error.nameTooLong");
  const format: TextFormat = isFormat(v.format) ? v.format : "html";
  if (v.format !== undefined && !isFormat(v.format)) p.add("format", "questionEditor.error.format");
  const text = str("text");
  if (!text.trim()) p.add("text", "questionEditor.error.textRequired");
  else if (text.length > 50_000) p.add("text", "questionEditor.error.textTooLong");

  /** A rich text of the form: its own format when it says one, else the question's. */
  const rich = (field: string): RichText | undefined => {
    const t = str(field);
    if (!t.trim()) return undefined;
    if (t.length > MAX_TEXT) p.add(field, "questionEditor.error.textTooLong");
    const own = v[`${field}Format`];
    return { text: t, format: isFormat(own) ? own : format };
  };

  let defaultMark = 0;
  if (type !== "DESCRIPTION") {
    const mark = parseDecimal(v.defaultMark);
    if (mark === null) p.add("defaultMark", "questionEditor.error.number");
    else if (mark < 0 || mark > 1000) p.add("defaultMark", "questionEditor.error.markRange");
    else defaultMark = Math.round(mark * 100) / 100;
  }

  const tags = [...new Set(str("tags").split(/[,;]/).map((t) => t.trim()).filter(Boolean))];
  if (tags.length > 30) p.add("tags", "questionEditor.error.tooManyTags");
  if (tags.some((t) => t.length > 100)) p.add("tags", "questionEditor.error.tagTooLong");

  const generalFeedback = rich("generalFeedback");
  const data = parseData(type, v, str, rich, p);
  if (p.any || data === null) return { ok: false, errors: p.errors };

  const draft = questionDraft.safeParse({ type, name, text, format, generalFeedback, defaultMark, category: [], tags, data });
  if (!draft.success) {
    // The checks above cover the shape; what is left is a limit (too many rows).
    for (const issue of draft.error.issues) p.add(issueField(issue.path), "questionEditor.error.invalid");
    return { ok: false, errors: p.errors };
  }
  return { ok: true, draft: draft.data };
}

function issueField(path: readonly PropertyKey[]): string {
  if (path[0] === "data" && typeof path[1] === "string") return path[1];
  return String(path[0] ?? "type");
}

type Str = (name: string) => string;
type Rich = (field: string) => RichText | undefined;

/** Stable ids: a row keeps the id it came with; new rows get the next free `<letter><n>`. */
function idMaker(v: FormValues, prefix: string, rows: number[], letter: string) {
  const taken = new Set(rows.map((n) => (v[`${prefix}.${n}.id`] ?? "").trim()).filter((id) => /^[\w-]{1,40}$/.test(id)));
  let next = 1;
  const used = new Set<string>();
  return (n: number) => {
    const own = (v[`${prefix}.${n}.id`] ?? "").trim();
    if (/^[\w-]{1,40}$/.test(own) && !used.has(own)) {
      used.add(own);
      return own;
    }
    while (taken.has(`${letter}${next}`) || used.has(`${letter}${next}`)) next++;
    const id = `${letter}${next}`;
    used.add(id);
    return id;
  };
}

function fractionOf(v: FormValues, field: string, type: QuestionType, p: Problems): number {
  const raw = v[field];
  if (raw === undefined || raw.trim() === "") return 0;
  const f = parseDecimal(raw);
  const penalties = type === "SINGLE_CHOICE" || type === "MULTIPLE_CHOICE";
  if (f === null || f > 1 || f < (penalties ? -1 : 0)) {
    p.add(field, "questionEditor.error.fraction");
    return 0;
  }
  return f;
}

const FULL = 1 - 1e-4;

function parseData(type: QuestionType, v: FormValues, str: Str, rich: Rich, p: Problems): QuestionDraft["data"] | null {
  switch (type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE":
      return parseChoices(type, v, rich, p);
    case "TRUE_FALSE": {
      if (v.answer !== "true" && v.answer !== "false") {
        p.add("answer", "questionEditor.error.trueFalseAnswer");
        return null;
      }
      return { answer: v.answer === "true", feedbackTrue: rich("feedbackTrue"), feedbackFalse: rich("feedbackFalse") };
    }
    case "SHORT_ANSWER":
      return parseShortAnswers(v, str, rich, p);
    case "NUMERICAL":
      return parseNumerical(v, str, rich, p);
    case "MATCHING":
      return parsePairs(v, str, p);
    case "ESSAY": {
      const template = str("responseTemplate");
      if (template.length > MAX_TEXT) p.add("responseTemplate", "questionEditor.error.textTooLong");
      return { graderInfo: rich("graderInfo"), responseTemplate: template.trim() ? template : undefined };
    }
    case "DESCRIPTION":
      return {};
  }
}

/** Moodle's rules: blank rows are left out; single choice needs a 100 % option; multiple choice's positive grades add up to 100 %. */
function parseChoices(type: "SINGLE_CHOICE" | "MULTIPLE_CHOICE", v: FormValues, rich: Rich, p: Problems) {
  const rows = rowNumbers(v, "options");
  const nextId = idMaker(v, "options", rows, "o");
  const options = [];
  for (const n of rows) {
    const f = (k: string) => `options.${n}.${k}`;
    const text = rich(f("text"));
    const fraction = fractionOf(v, f("fraction"), type, p);
    const feedback = rich(f("feedback"));
    if (!text) {
      if (feedback || fraction !== 0) p.add(f("text"), "questionEditor.error.optionTextRequired");
      continue;
    }
    options.push({ id: nextId(n), text, fraction, feedback });
  }
  if (options.length < 2) p.add("options", "questionEditor.error.twoOptions");
  else if (type === "SINGLE_CHOICE" && !options.some((o) => o.fraction >= FULL)) p.add("options", "questionEditor.error.oneFull");
  else if (type === "MULTIPLE_CHOICE") {
    const sum = options.reduce((s, o) => s + Math.max(0, o.fraction), 0);
    if (Math.abs(sum - 1) > 1e-4 * options.length) p.add("options", "questionEditor.error.positiveSum");
  }
  return { options };
}

function parseShortAnswers(v: FormValues, str: Str, rich: Rich, p: Problems) {
  const rows = rowNumbers(v, "answers");
  const nextId = idMaker(v, "answers", rows, "a");
  const answers = [];
  for (const n of rows) {
    const f = (k: string) => `answers.${n}.${k}`;
    const text = str(f("text")).trim();
    const fraction = fractionOf(v, f("fraction"), "SHORT_ANSWER", p);
    const feedback = rich(f("feedback"));
    if (!text) {
      if (feedback || fraction !== 0) p.add(f("text"), "questionEditor.error.answerTextRequired");
      continue;
    }
    if (text.length > 500) p.add(f("text"), "questionEditor.error.answerTooLong");
    answers.push({ id: nextId(n), text, fraction, feedback });
  }
  if (answers.length === 0) p.add("answers", "questionEditor.error.oneAnswer");
  else if (!answers.some((a) => a.fraction >= FULL)) p.add("answers", "questionEditor.error.oneFull");
  return { answers, caseSensitive: "caseSensitive" in v, ignoreDiacritics: "ignoreDiacritics" in v };
}

function parseNumerical(v: FormValues, str: Str, rich: Rich, p: Problems) {
  const rows = rowNumbers(v, "answers");
  const nextId = idMaker(v, "answers", rows, "a");
  const answers: NumericalAnswer[] = [];
  for (const n of rows) {
    const f = (k: string) => `answers.${n}.${k}`;
    const kind = v[f("kind")] === "range" ? "range" : "tolerance";
    const fraction = fractionOf(v, f("fraction"), "NUMERICAL", p);
    const feedback = rich(f("feedback"));
    const blank = (k: string) => str(f(k)).trim() === "";
    const number = (k: string, fallback?: number) => {
      if (blank(k) && fallback !== undefined) return fallback;
      const x = parseDecimal(v[f(k)]);
      if (x === null) p.add(f(k), blank(k) ? "questionEditor.error.numberRequired" : "questionEditor.error.number");
      return x;
    };
    if (kind === "tolerance") {
      if (blank("value") && blank("tolerance")) {
        if (feedback || fraction !== 0) p.add(f("value"), "questionEditor.error.numberRequired");
        continue;
      }
      const value = number("value");
      const tolerance = number("tolerance", 0);
      if (tolerance !== null && tolerance < 0) p.add(f("tolerance"), "questionEditor.error.toleranceNegative");
      if (value === null || tolerance === null || tolerance < 0) continue;
      answers.push({ kind, id: nextId(n), value, tolerance, fraction, feedback });
    } else {
      if (blank("min") && blank("max")) {
        if (feedback || fraction !== 0) p.add(f("min"), "questionEditor.error.numberRequired");
        continue;
      }
      const min = number("min");
      const max = number("max");
      if (min !== null && max !== null && min > max) p.add(f("max"), "questionEditor.error.rangeOrder");
      if (min === null || max === null || min > max) continue;
      answers.push({ kind, id: nextId(n), min, max, fraction, feedback });
    }
  }
  const rowProblems = Object.keys(p.errors).some((k) => k.startsWith("answers."));
  if (answers.length === 0 && !rowProblems) p.add("answers", "questionEditor.error.oneAnswer");
  else if (answers.length > 0 && !answers.some((a) => a.fraction >= FULL)) p.add("answers", "questionEditor.error.oneFull");
  return { answers };
}

/** Moodle's rule: at least two items to match; a right side without a left is a distractor. */
function parsePairs(v: FormValues, str: Str, p: Problems) {
  const rows = rowNumbers(v, "pairs");
  const nextId = idMaker(v, "pairs", rows, "p");
  const pairs = [];
  for (const n of rows) {
    const f = (k: string) => `pairs.${n}.${k}`;
    const leftText = str(f("left"));
    const right = str(f("right")).trim();
    if (!leftText.trim() && !right) continue;
    if (!right) {
      p.add(f("right"), "questionEditor.error.pairRightRequired");
      continue;
    }
    if (right.length > 500) p.add(f("right"), "questionEditor.error.answerTooLong");
    const own = v[f("leftFormat")];
    const left: RichText = { text: leftText.trim() ? leftText : "", format: isFormat(own) ? own : isFormat(v.format) ? v.format : "html" };
    pairs.push({ id: nextId(n), left, right });
  }
  if (pairs.filter((x) => x.left.text.trim()).length < 2) p.add("pairs", "questionEditor.error.twoPairs");
  return { pairs };
}

// ── Draft → form ─────────────────────────────────────────────────────────────────────────────

/** The form's fields for a draft (an edited question's latest version). */
export function questionFormDefaults(draft: QuestionDraft, options: { decimalComma?: boolean } = {}): FormValues {
  const comma = options.decimalComma ?? true;
  const num = (n: number) => decimalText(n, comma);
  const out: FormValues = {
    type: draft.type,
    name: draft.name,
    text: draft.text,
    format: draft.format,
    defaultMark: num(draft.defaultMark),
    tags: draft.tags.join(", "),
  };
  const putRich = (field: string, rich: RichText | undefined) => {
    out[field] = rich?.text ?? "";
    if (rich) out[`${field}Format`] = rich.format;
  };
  putRich("generalFeedback", draft.generalFeedback);
  switch (draft.type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE":
      draft.data.options.forEach((o, n) => {
        out[`options.${n}.id`] = o.id;
        putRich(`options.${n}.text`, o.text);
        out[`options.${n}.fraction`] = fractionValue(o.fraction);
        putRich(`options.${n}.feedback`, o.feedback);
      });
      break;
    case "TRUE_FALSE":
      out.answer = String(draft.data.answer);
      putRich("feedbackTrue", draft.data.feedbackTrue);
      putRich("feedbackFalse", draft.data.feedbackFalse);
      break;
    case "SHORT_ANSWER":
      draft.data.answers.forEach((a, n) => {
        out[`answers.${n}.id`] = a.id;
        out[`answers.${n}.text`] = a.text;
        out[`answers.${n}.fraction`] = fractionValue(a.fraction);
        putRich(`answers.${n}.feedback`, a.feedback);
      });
      if (draft.data.caseSensitive) out.caseSensitive = "on";
      if (draft.data.ignoreDiacritics) out.ignoreDiacritics = "on";
      break;
    case "NUMERICAL":
      draft.data.answers.forEach((a, n) => {
        out[`answers.${n}.id`] = a.id;
        out[`answers.${n}.kind`] = a.kind;
        if (a.kind === "tolerance") {
          out[`answers.${n}.value`] = num(a.value);
          out[`answers.${n}.tolerance`] = num(a.tolerance);
        } else {
          out[`answers.${n}.min`] = num(a.min);
          out[`answers.${n}.max`] = num(a.max);
        }
        out[`answers.${n}.fraction`] = fractionValue(a.fraction);
        putRich(`answers.${n}.feedback`, a.feedback);
      });
      break;
    case "MATCHING":
      draft.data.pairs.forEach((pair, n) => {
        out[`pairs.${n}.id`] = pair.id;
        out[`pairs.${n}.left`] = pair.left.text;
        out[`pairs.${n}.leftFormat`] = pair.left.format;
        out[`pairs.${n}.right`] = pair.right;
      });
      break;
    case "ESSAY":
      putRich("graderInfo", draft.data.graderInfo);
      out.responseTemplate = draft.data.responseTemplate ?? "";
      break;
    case "DESCRIPTION":
      break;
  }
  return out;
}

/** The fields of a new question of a type: empty rows to fill, the usual mark. */
export function newQuestionDefaults(type: QuestionType): FormValues {
  const out: FormValues = { type, name: "", text: "", format: "html", defaultMark: type === "DESCRIPTION" ? "0" : "1", tags: "" };
  const prefix = rowPrefix(type);
  if (prefix) {
    for (let n = 0; n < NEW_ROWS[prefix]; n++) {
      out[`${prefix}.${n}.id`] = "";
      if (type === "NUMERICAL") out[`${prefix}.${n}.kind`] = "tolerance";
    }
  }
  if (type === "TRUE_FALSE") out.answer = "true";
  return out;
}

// ── For formAction ───────────────────────────────────────────────────────────────────────────

/**
 * A formAction schema: the ids the form carries (checked by `ids`) and the draft. Every problem
 * becomes an issue on its field with the message key, which the form shows under that field.
 */
export function questionFormSchema<T extends z.ZodType<Record<string, unknown>>>(ids: T) {
  return z.record(z.string(), z.string()).transform((raw, ctx) => {
    const idsParsed = ids.safeParse(raw);
    const parsed = parseQuestionForm(raw);
    if (!idsParsed.success) for (const issue of idsParsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: "questionEditor.error.invalid" });
    if (!parsed.ok) for (const [field, keys] of Object.entries(parsed.errors)) for (const key of keys) ctx.addIssue({ code: "custom", path: [field], message: key });
    if (!idsParsed.success || !parsed.ok) return z.NEVER;
    return { ...(idsParsed.data as z.output<T>), draft: parsed.draft };
  });
}
