import { createHash, randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { db, type Db, type Prisma, transaction } from "@/lib/db";
import type { QuestionType } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { assertEditBank, bankAccess } from "@/lib/quizzes/bank-access";
import { parseAiken } from "@/lib/quizzes/formats/aiken";
import { parseGift } from "@/lib/quizzes/formats/gift";
import { exportGift } from "@/lib/quizzes/formats/gift-export";
import { decodeImportText, MAX_TEXT_IMPORT_BYTES } from "@/lib/quizzes/formats/text-file";
import type { ImportProblem, ImportResult } from "@/lib/quizzes/formats/types";
import type { QuestionDraft } from "@/lib/quizzes/question-types";
import { foldForSearch } from "@/lib/text";
import { DEFAULT_CATEGORY, unsafeBankUnit, versionColumns } from "./commands";
import { categoryPaths, checkDraft, draftOfVersion, questionSearchSource } from "./schemas";
import { withDescendants } from "./queries";

/**
 * Importing a question file into a bank (docs/decisions/082-question-banks.md): the upload is
 * parsed once and kept in a `QuestionImport` row; the preview page shows that row; the import
 * writes exactly it, in one transaction, or nothing.
 */
export const IMPORT_FORMATS = ["gift", "aiken"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The largest question file read: a GIFT or Aiken text of thousands of questions (decision 081). */
export const QUESTION_FILE_MAX_BYTES = MAX_TEXT_IMPORT_BYTES;

/** A file's questions as its format reads them; a file that is not what it claims is one file-level problem. */
export async function parseQuestionFile(format: ImportFormat, bytes: Uint8Array): Promise<ImportResult> {
  const decoded = decodeImportText(bytes, { maxBytes: QUESTION_FILE_MAX_BYTES });
  if ("problem" in decoded) return { items: [], problems: [decoded.problem] };
  return format === "gift" ? parseGift(decoded.text) : parseAiken(decoded.text);
}

/** A parsed, not yet imported file is kept this long. */
export const IMPORT_KEEP_MS = 24 * 60 * 60 * 1000;

export type PreviewItem = {
  line: number;
  name: string;
  type: QuestionType | null;
  /** The category path from the bank's root; empty: the default category. */
  category: string[];
  /** Null: it cannot be imported (its problems say why). */
  draft: QuestionDraft | null;
  problems: ImportProblem[];
};
type StoredResult = { items: PreviewItem[]; problems: ImportProblem[] };

/**
 * The parser's items checked by the same rules as the editor's (schemas.ts): an item the parser
 * accepted but a rule refuses gets that rule's problem on its line and is not importable.
 * HTML texts are sanitised here, so the preview shows what will be stored. Pure.
 */
export function checkedImport(result: ImportResult): StoredResult {
  const items = result.items.map((item): PreviewItem => {
    const type = (item.draft?.type ?? null) as QuestionType | null;
    const category = item.draft?.category ?? [];
    if (!item.draft) return { line: item.line, name: item.name, type, category, draft: null, problems: item.problems };
    const checked = checkDraft(item.draft);
    if (checked.draft) return { line: item.line, name: item.name, type, category, draft: checked.draft, problems: item.problems };
    const ruleProblems: ImportProblem[] = checked.problems.map((p) =>
      p.key.startsWith("validation.")
        ? { line: item.line, key: "quizImport.question.invalid", params: { part: p.field } }
        : { line: item.line, key: p.key, ...(p.params ? { params: p.params } : {}) },
    );
    return { line: item.line, name: item.name, type, category, draft: null, problems: [...ruleProblems, ...item.problems] };
  });
  return { items, problems: result.problems };
}

/**
 * Keeps a parsed file for the viewer's decision; returns the row's id for the preview page.
 * The viewer must edit the bank. Parsed files older than a day are removed on the way.
 */
export async function stageQuestionImport(
  viewer: Viewer,
  bankId: string,
  file: { fileName: string; format: ImportFormat; bytes: Uint8Array },
): Promise<{ id: string }> {
  await assertEditBank(viewer, bankId);
  const stored = checkedImport(await parseQuestionFile(file.format, file.bytes));
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  return transaction(async (tx) => {
    await tx.questionImport.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - IMPORT_KEEP_MS) } } });
    return tx.questionImport.create({
      data: { bankId, createdById: viewer.userId, fileName: file.fileName.slice(0, 255), format: file.format, sha256, result: stored as unknown as Prisma.InputJsonValue },
      select: { id: true },
    });
  });
}

export type ImportPreview = {
  id: string;
  bankId: string;
  fileName: string;
  format: string;
  createdAt: Date;
  items: (Omit<PreviewItem, "draft"> & { valid: boolean })[];
  problems: ImportProblem[];
  valid: number;
  invalid: number;
};

/** The viewer's own parsed file, in a bank they still edit; anyone else's is NOT_FOUND. */
async function ownImport(viewer: Viewer, importId: string) {
  const row = await db().questionImport.findUnique({ where: { id: importId } });
  if (!row || row.createdById !== viewer.userId || Date.now() - row.createdAt.getTime() > IMPORT_KEEP_MS) throw notFound();
  const access = await assertEditBank(viewer, row.bankId);
  return { row, access, result: row.result as unknown as StoredResult };
}

/** What the preview page lists: every question found, valid or not, with its problems. */
export async function questionImportPreview(viewer: Viewer, importId: string): Promise<ImportPreview> {
  const { row, result } = await ownImport(viewer, importId);
  const items = result.items.map(({ draft, ...rest }) => ({ ...rest, valid: draft !== null }));
  const valid = items.filter((i) => i.valid).length;
  return {
    id: row.id,
    bankId: row.bankId,
    fileName: row.fileName,
    format: row.format,
    createdAt: row.createdAt,
    items,
    problems: result.problems,
    valid,
    invalid: items.length - valid,
  };
}

/** Forgets a parsed file without importing anything. */
export async function discardQuestionImport(viewer: Viewer, importId: string): Promise<{ bankId: string }> {
  const { row } = await ownImport(viewer, importId);
  await db().questionImport.deleteMany({ where: { id: row.id } });
  return { bankId: row.bankId };
}

const nameKey = (parentId: string | null, name: string) => `${parentId ?? ""}/${name.normalize("NFC").toLocaleLowerCase("vi")}`;

/** The category of each path, creating the missing ones (same-named siblings match whatever their case). */
async function resolveCategories(tx: Db, bankId: string, paths: string[][]): Promise<{ idOf: (path: string[]) => string; created: number }> {
  const existing = await tx.questionCategory.findMany({ where: { bankId }, select: { id: true, parentId: true, name: true } });
  const byKey = new Map(existing.map((c) => [nameKey(c.parentId, c.name), c.id]));
  const byPath = new Map<string, string>();
  let created = 0;
  for (const raw of paths) {
    const path = raw.length > 0 ? raw : [DEFAULT_CATEGORY];
    const pathKey = JSON.stringify(path);
    if (byPath.has(pathKey)) continue;
    let parentId: string | null = null;
    for (const segment of path) {
      const name = segment.replace(/\//g, "-").trim().slice(0, 255) || DEFAULT_CATEGORY;
      const key = nameKey(parentId, name);
      let id = byKey.get(key);
      if (!id) {
        id = (await tx.questionCategory.create({ data: { bankId, parentId, name }, select: { id: true } })).id;
        byKey.set(key, id);
        created++;
      }
      parentId = id;
    }
    byPath.set(pathKey, parentId!);
  }
  return { idOf: (path) => byPath.get(JSON.stringify(path.length > 0 ? path : [DEFAULT_CATEGORY]))!, created };
}

const CHUNK = 500;

/**
 * Imports what was previewed, in one transaction: every question (mode all) or only the valid
 * ones (`validOnly`); with any invalid question and not `validOnly`, nothing. Categories named by
 * the file are created as needed. The drafts are checked again by today's rules before writing.
 */
export async function commitQuestionImport(
  viewer: Viewer,
  importId: string,
  options: { validOnly: boolean },
): Promise<{ bankId: string; imported: number; skipped: number; categoriesCreated: number }> {
  const { row, access, result } = await ownImport(viewer, importId);
  const ready: { draft: QuestionDraft; category: string[] }[] = [];
  let invalid = 0;
  for (const item of result.items) {
    const checked = item.draft ? checkDraft(item.draft) : null;
    if (checked?.draft) ready.push({ draft: checked.draft, category: item.category });
    else invalid++;
  }
  if (invalid > 0 && !options.validOnly) throw new AppError("VALIDATION", "banks.import.hasInvalid", { field: "validOnly", params: { count: invalid } });
  if (ready.length === 0) throw new AppError("VALIDATION", "banks.import.nothingValid");
  const unitId = await unsafeBankUnit(access.bank);
  return transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "QuestionBank" WHERE "id" = ${row.bankId}::uuid FOR UPDATE`;
      // Claimed by deleting it: a second click or another tab finds nothing left to import.
      const { count } = await tx.questionImport.deleteMany({ where: { id: row.id } });
      if (count === 0) throw new AppError("CONFLICT", "banks.import.gone");
      const categories = await resolveCategories(tx, row.bankId, ready.map((r) => r.category));
      for (let at = 0; at < ready.length; at += CHUNK) {
        const chunk = ready.slice(at, at + CHUNK).map((r) => ({ ...r, id: randomUUID() }));
        await tx.question.createMany({
          data: chunk.map((r) => ({
            id: r.id,
            bankId: row.bankId,
            categoryId: categories.idOf(r.category),
            type: r.draft.type,
            tags: r.draft.tags,
            searchText: foldForSearch(questionSearchSource(r.draft)),
            createdById: viewer.userId,
          })),
        });
        await tx.questionVersion.createMany({
          data: chunk.map((r) => ({ questionId: r.id, version: 1, ...versionColumns(r.draft), createdById: viewer.userId })),
        });
      }
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "bank.import",
        entity: "QuestionBank",
        entityId: row.bankId,
        unitId,
        data: {
          fileName: row.fileName,
          format: row.format,
          sha256: row.sha256,
          mode: options.validOnly ? "validOnly" : "all",
          imported: ready.length,
          skipped: invalid,
          categoriesCreated: categories.created,
        },
      });
      return { bankId: row.bankId, imported: ready.length, skipped: invalid, categoriesCreated: categories.created };
    },
    { timeout: 180_000 },
  );
}

/**
 * The bank's questions (not archived), or one category's with its subcategories, as GIFT: each
 * question's newest version under its `$CATEGORY:` path. Whoever sees the bank may export it.
 */
export async function exportBankGift(viewer: Viewer, bankId: string, categoryId?: string | null): Promise<{ fileName: string; text: string }> {
  const { bank } = await bankAccess(viewer, bankId);
  const categories = await db().questionCategory.findMany({ where: { bankId }, select: { id: true, parentId: true, name: true } });
  if (categoryId && !categories.some((c) => c.id === categoryId)) throw notFound();
  const paths = categoryPaths(categories);
  const questions = await db().question.findMany({
    where: { bankId, archivedAt: null, ...(categoryId ? { categoryId: { in: withDescendants(categories, categoryId) } } : {}) },
    select: { id: true, type: true, tags: true, categoryId: true, latestVersion: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const versions = await db().questionVersion.findMany({
    where: { questionId: { in: questions.map((q) => q.id) } },
    select: { questionId: true, version: true, name: true, text: true, format: true, generalFeedback: true, generalFeedbackFormat: true, defaultMark: true, data: true },
  });
  const latest = new Map(versions.map((v) => [`${v.questionId}:${v.version}`, v]));
  const drafts = questions.flatMap((q) => {
    const v = latest.get(`${q.id}:${q.latestVersion}`);
    return v ? [draftOfVersion(q, v, paths.get(q.categoryId) ?? [])] : [];
  });
  const base = (categoryId ? `${bank.name} - ${paths.get(categoryId)?.join(" - ")}` : bank.name).replace(/[\\/:*?"<>|]+/g, "-");
  return { fileName: `${base}.gift.txt`, text: exportGift(drafts) };
}
