import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { MessageKey, Params } from "@/lib/i18n/messages";
import { questionDraft, TEXT_FORMATS, type QuestionDraft, type RichText } from "@/lib/quizzes/question-types";
import { renderText } from "@/lib/quizzes/render";

/**
 * What a question must be before it is saved, whoever sends it (the editor, an import): the shape
 * of lib/quizzes/question-types.ts, then the rules of its type, each problem tied to its field
 * ("data.options.2.text") so a form can show it where it belongs (docs/decisions/082-question-banks.md).
 */
export type DraftProblem = { field: string; key: MessageKey; params?: Params };

const trimmed = (s: string) => s.trim().length > 0;
const richFilled = (r: RichText) => trimmed(r.format === "html" ? r.text.replace(/<[^>]*>/g, (tag) => (/^<img\b/i.test(tag) ? "img" : "")) : r.text);

/** The first problem of each field of a parsed draft (empty: it may be saved). */
export function draftRuleProblems(d: QuestionDraft): DraftProblem[] {
  const out: DraftProblem[] = [];
  if (!richFilled({ text: d.text, format: d.format })) out.push({ field: "text", key: "banks.rule.textRequired" });
  const uniqueIds = (ids: string[], field: string) => {
    if (new Set(ids).size !== ids.length) out.push({ field, key: "banks.rule.duplicateIds" });
  };
  switch (d.type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE": {
      const options = d.data.options;
      options.forEach((o, i) => {
        if (!richFilled(o.text)) out.push({ field: `data.options.${i}.text`, key: "banks.rule.optionText" });
      });
      uniqueIds(options.map((o) => o.id), "data.options");
      if (d.type === "SINGLE_CHOICE" && !options.some((o) => o.fraction === 1)) {
        out.push({ field: "data.options", key: "banks.rule.singleNeedsFull" });
      }
      if (d.type === "MULTIPLE_CHOICE") {
        const positive = options.reduce((sum, o) => sum + Math.max(0, o.fraction), 0);
        if (positive <= 0) out.push({ field: "data.options", key: "banks.rule.multipleNeedsPositive" });
      }
      break;
    }
    case "SHORT_ANSWER":
      d.data.answers.forEach((a, i) => {
        if (!trimmed(a.text)) out.push({ field: `data.answers.${i}.text`, key: "banks.rule.answerText" });
      });
      uniqueIds(d.data.answers.map((a) => a.id), "data.answers");
      if (!d.data.answers.some((a) => a.fraction > 0)) out.push({ field: "data.answers", key: "banks.rule.answerNeedsPositive" });
      break;
    case "NUMERICAL":
      d.data.answers.forEach((a, i) => {
        if (a.kind === "range" && a.min > a.max) out.push({ field: `data.answers.${i}.max`, key: "banks.rule.rangeOrder" });
      });
      uniqueIds(d.data.answers.map((a) => a.id), "data.answers");
      if (!d.data.answers.some((a) => a.fraction > 0)) out.push({ field: "data.answers", key: "banks.rule.answerNeedsPositive" });
      break;
    case "MATCHING": {
      const pairs = d.data.pairs;
      pairs.forEach((p, i) => {
        if (!trimmed(p.right)) out.push({ field: `data.pairs.${i}.right`, key: "banks.rule.pairRight" });
      });
      uniqueIds(pairs.map((p) => p.id), "data.pairs");
      if (pairs.filter((p) => richFilled(p.left)).length < 2) out.push({ field: "data.pairs", key: "banks.rule.twoPairs" });
      break;
    }
    case "TRUE_FALSE":
    case "ESSAY":
    case "DESCRIPTION":
      break;
  }
  return out;
}

function issueProblem(issue: z.core.$ZodIssue): DraftProblem {
  const field = issue.path.map(String).join(".") || "_form";
  switch (issue.code) {
    case "too_small":
      return Number(issue.minimum) <= 1 && issue.origin === "string"
        ? { field, key: "validation.required" }
        : { field, key: "banks.rule.tooFew", params: { min: Number(issue.minimum) } };
    case "too_big":
      return { field, key: "validation.tooLong", params: { max: Number(issue.maximum) } };
    default:
      return { field, key: "validation.invalid" };
  }
}

const isRich = (v: unknown): v is RichText =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as RichText).text === "string" &&
  (TEXT_FORMATS as readonly string[]).includes((v as RichText).format as string);

/** Every HTML text of the draft through the sanitiser pages render with (lib/quizzes/render.ts); other formats are kept as written. */
export function sanitiseDraft(d: QuestionDraft): QuestionDraft {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (isRich(v)) return { ...v, text: v.format === "html" ? renderText(v.text, "html") : v.text.normalize("NFC") };
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return typeof v === "string" ? v.normalize("NFC") : v;
  };
  const clean = walk(d) as QuestionDraft;
  return {
    ...clean,
    text: d.format === "html" ? renderText(d.text, "html") : d.text.normalize("NFC"),
    tags: [...new Set(clean.tags.map((t) => t.trim()))],
  };
}

/** The problems of any value sent as a draft; the parsed, sanitised draft when there is none. */
export function checkDraft(raw: unknown): { draft: QuestionDraft; problems: [] } | { draft: null; problems: DraftProblem[] } {
  const parsed = questionDraft.safeParse(raw);
  if (!parsed.success) {
    const seen = new Set<string>();
    const problems = parsed.error.issues.map(issueProblem).filter((p) => !seen.has(p.field) && seen.add(p.field));
    return { draft: null, problems };
  }
  const draft = sanitiseDraft(parsed.data);
  const problems = draftRuleProblems(draft);
  return problems.length ? { draft: null, problems } : { draft, problems: [] };
}

/** The draft to save, or VALIDATION on its first problem's field. */
export function validDraft(raw: unknown): QuestionDraft {
  const checked = checkDraft(raw);
  if (!checked.draft) {
    const first = checked.problems[0]!;
    throw new AppError("VALIDATION", first.key, { field: first.field, params: first.params });
  }
  return checked.draft;
}

export const bankName = z.string().trim().min(1).max(200);
export const categoryName = z.string().trim().min(1).max(255).refine((s) => !s.includes("/"), { message: "banks.categorySlash" });

export const createBankInput = z
  .object({
    name: bankName,
    unitId: z.uuid().optional(),
    courseId: z.uuid().optional(),
  })
  .refine((v) => (v.unitId ? 1 : 0) + (v.courseId ? 1 : 0) === 1, { message: "banks.ownerRequired", path: ["owner"] });
export type CreateBankInput = z.infer<typeof createBankInput>;

export const QUESTION_PAGE_SIZE = 50;
export const questionFilter = z.object({
  categoryId: z.uuid().optional(),
  includeSubcategories: z.boolean().optional(),
  tag: z.string().trim().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  archived: z.boolean().optional(),
  page: z.number().int().min(1).max(10_000).optional(),
});
export type QuestionFilter = z.infer<typeof questionFilter>;

/** A stored version as the draft it was saved from (category: its path from the bank's root). */
export function draftOfVersion(
  q: { type: QuestionDraft["type"]; tags: string[] },
  v: { name: string; text: string; format: string; generalFeedback: string; generalFeedbackFormat: string | null; defaultMark: { toString(): string } | number; data: unknown },
  category: string[],
): QuestionDraft {
  const format = v.format as QuestionDraft["format"];
  return {
    type: q.type,
    name: v.name,
    text: v.text,
    format,
    ...(v.generalFeedback ? { generalFeedback: { text: v.generalFeedback, format: (v.generalFeedbackFormat ?? format) as QuestionDraft["format"] } } : {}),
    defaultMark: Number(v.defaultMark.toString()),
    category,
    tags: q.tags,
    data: v.data,
  } as QuestionDraft;
}

/** Each category's path of names from the bank's root ("Mặc định" is a root like any other). */
export function categoryPaths(categories: readonly { id: string; parentId: string | null; name: string }[]): Map<string, string[]> {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const out = new Map<string, string[]>();
  const pathOf = (id: string, depth = 0): string[] => {
    const known = out.get(id);
    if (known) return known;
    const c = byId.get(id);
    if (!c || depth > 100) return [];
    const path = [...(c.parentId ? pathOf(c.parentId, depth + 1) : []), c.name];
    out.set(id, path);
    return path;
  };
  for (const c of categories) pathOf(c.id);
  return out;
}

/** What search finds a question by: its name and text without markup, folded (lib/text.ts). */
export function questionSearchSource(d: { name: string; text: string }): string {
  return `${d.name} ${d.text.replace(/<[^>]*>/g, " ")}`;
}

// ── Forms (strings as posted; lib/forms/action.ts) ───────────────────────────────────────────
const uuidField = z.uuid({ message: "validation.invalid" });
const optionalUuid = z.union([z.literal(""), z.uuid()]).transform((v) => v || null);
const ticked = z.string().optional().transform((v) => v === "on" || v === "1" || v === "true");

export const createBankForm = z.object({
  name: z.string(),
  owner: z.string().regex(/^(unit|course):[0-9a-f-]{36}$/i, { message: "banks.ownerRequired" }),
});
export const renameBankForm = z.object({ bankId: uuidField, name: z.string() });
export const createCategoryForm = z.object({ bankId: uuidField, parentId: optionalUuid, name: z.string() });
export const renameCategoryForm = z.object({ categoryId: uuidField, name: z.string() });
export const moveCategoryForm = z.object({ categoryId: uuidField, parentId: optionalUuid });
export const categoryIdForm = z.object({ categoryId: uuidField });
export const archiveQuestionForm = z.object({ questionId: uuidField, archived: ticked });
export const commitImportForm = z.object({ importId: uuidField, validOnly: ticked });
export const importIdForm = z.object({ importId: uuidField });
