import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Viewer } from "@/lib/auth/viewer";
import { assertManageCourse } from "@/lib/courses/access";
import { db, type Db, type Prisma, transaction } from "@/lib/db";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { assertEditBank, type BankRef } from "@/lib/quizzes/bank-access";
import type { QuestionDraft } from "@/lib/quizzes/question-types";
import { foldForSearch } from "@/lib/text";
import { bankName, categoryName, createBankInput, questionSearchSource, validDraft, type CreateBankInput } from "./schemas";

/** The name a new bank's first category gets: where questions go when nothing else is said. */
export const DEFAULT_CATEGORY = "Mặc định";

/**
 * The unit an audit event of a bank is filed under: the bank's unit, or its course's owning unit.
 * Unsafe: it reads the course without a viewer; callers have already checked the bank's access.
 */
export async function unsafeBankUnit(bank: BankRef): Promise<string> {
  if (bank.unitId) return bank.unitId;
  const course = await db().course.findUniqueOrThrow({ where: { id: bank.courseId! }, select: { unitId: true } });
  return course.unitId;
}

/** The columns of a version written from a checked draft (the general feedback keeps its own format only when it differs). */
export function versionColumns(d: QuestionDraft) {
  return {
    name: d.name,
    text: d.text,
    format: d.format,
    generalFeedback: d.generalFeedback?.text ?? "",
    generalFeedbackFormat: d.generalFeedback && d.generalFeedback.text && d.generalFeedback.format !== d.format ? d.generalFeedback.format : null,
    defaultMark: d.defaultMark,
    data: d.data as Prisma.InputJsonValue,
  };
}

const categoryNotInBank = () => new AppError("VALIDATION", "banks.categoryMissing", { field: "categoryId" });

/** Locks the bank's row: changes of its category tree and imports into it happen one at a time. */
async function lockBank(tx: Db, bankId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "QuestionBank" WHERE "id" = ${bankId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound();
}

async function assertCategoryOfBank(tx: Db, bankId: string, categoryId: string): Promise<void> {
  const category = await tx.questionCategory.findUnique({ where: { id: categoryId }, select: { bankId: true } });
  if (!category || category.bankId !== bankId) throw categoryNotInBank();
}

/**
 * Writes a question with its first version. Unsafe: the caller has checked the bank and the category.
 * Shared by the editor and the import (one question per call, inside the caller's transaction).
 */
export async function unsafeInsertQuestion(tx: Db, createdById: string, bankId: string, categoryId: string, draft: QuestionDraft) {
  return tx.question.create({
    data: {
      bankId,
      categoryId,
      type: draft.type,
      tags: draft.tags,
      searchText: foldForSearch(questionSearchSource(draft)),
      createdById,
      versions: { create: { version: 1, ...versionColumns(draft), createdById } },
    },
    select: { id: true },
  });
}

/** A new question in a category of a bank the viewer edits; the draft is checked (field-level VALIDATION). */
export async function createQuestion(viewer: Viewer, input: { bankId: string; categoryId: string; draft: unknown }): Promise<{ id: string }> {
  const access = await assertEditBank(viewer, input.bankId);
  const draft = validDraft(input.draft);
  const unitId = await unsafeBankUnit(access.bank);
  return transaction(async (tx) => {
    await assertCategoryOfBank(tx, input.bankId, input.categoryId);
    const q = await unsafeInsertQuestion(tx, viewer.userId, input.bankId, input.categoryId, draft);
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "bank.question.create",
      entity: "Question",
      entityId: q.id,
      unitId,
      data: { bankId: input.bankId, categoryId: input.categoryId, type: draft.type, name: draft.name },
    });
    return { id: q.id };
  });
}

/** The question and the bank access, or NOT_FOUND when either is not the viewer's to see. */
async function editableQuestion(viewer: Viewer, questionId: string) {
  const q = await db().question.findUnique({ where: { id: questionId }, select: { id: true, bankId: true, type: true } });
  if (!q) throw notFound();
  const access = await assertEditBank(viewer, q.bankId);
  return { q, access };
}

/**
 * Saves an edit as a new version (the old ones stay as they were: attempts point at them), and
 * moves the question to it. The type of a question never changes.
 */
export async function updateQuestion(viewer: Viewer, questionId: string, rawDraft: unknown): Promise<{ version: number }> {
  const { q, access } = await editableQuestion(viewer, questionId);
  const draft = validDraft(rawDraft);
  if (draft.type !== q.type) throw new AppError("VALIDATION", "banks.typeFixed", { field: "type" });
  const unitId = await unsafeBankUnit(access.bank);
  return transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ latestVersion: number }[]>`
      SELECT "latestVersion" FROM "Question" WHERE "id" = ${questionId}::uuid FOR UPDATE`;
    if (rows.length === 0) throw notFound();
    const version = rows[0]!.latestVersion + 1;
    await tx.questionVersion.create({ data: { questionId, version, ...versionColumns(draft), createdById: viewer.userId } });
    await tx.question.update({
      where: { id: questionId },
      data: { latestVersion: version, tags: draft.tags, searchText: foldForSearch(questionSearchSource(draft)) },
    });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "bank.question.update",
      entity: "Question",
      entityId: questionId,
      unitId,
      data: { bankId: q.bankId, version, name: draft.name },
    });
    return { version };
  });
}

/** Hides a question from new quizzes and the bank's default list (archived = true), or brings it back. */
export async function archiveQuestion(viewer: Viewer, questionId: string, archived: boolean): Promise<{ changed: boolean }> {
  const { q, access } = await editableQuestion(viewer, questionId);
  const unitId = await unsafeBankUnit(access.bank);
  return transaction(async (tx) => {
    const { count } = await tx.question.updateMany({
      where: { id: questionId, archivedAt: archived ? null : { not: null } },
      data: { archivedAt: archived ? new Date() : null },
    });
    if (count === 0) return { changed: false };
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: archived ? "bank.question.archive" : "bank.question.restore",
      entity: "Question",
      entityId: questionId,
      unitId,
      data: { bankId: q.bankId },
    });
    return { changed: true };
  });
}

/** Moves a question to another category of its bank (no new version: the content is unchanged). */
export async function moveQuestion(viewer: Viewer, questionId: string, categoryId: string): Promise<void> {
  const { q, access } = await editableQuestion(viewer, questionId);
  const unitId = await unsafeBankUnit(access.bank);
  await transaction(async (tx) => {
    await assertCategoryOfBank(tx, q.bankId, categoryId);
    await tx.question.update({ where: { id: questionId }, data: { categoryId } });
    await recordAudit(tx, { actorId: viewer.userId, action: "bank.question.move", entity: "Question", entityId: questionId, unitId, data: { categoryId } });
  });
}

// ── Banks ─────────────────────────────────────────────────────────────────────────────────────

const bankNameInvalid = () => new AppError("VALIDATION", "banks.nameRequired", { field: "name" });

/**
 * A new bank with its default category: a unit's (course:manage on the unit) or a course's
 * (whoever manages the course).
 */
export async function createBank(viewer: Viewer, raw: CreateBankInput): Promise<{ id: string }> {
  const parsed = createBankInput.safeParse(raw);
  if (!parsed.success) {
    const owner = parsed.error.issues.some((i) => i.path[0] === "owner" || i.path[0] === "unitId" || i.path[0] === "courseId");
    throw owner ? new AppError("VALIDATION", "banks.ownerRequired", { field: "owner" }) : bankNameInvalid();
  }
  const input = parsed.data;
  let unitId: string;
  if (input.courseId) unitId = (await assertManageCourse(viewer, input.courseId)).course.unitId;
  else {
    assertCan(viewer, "course:manage", input.unitId!, "course:read");
    unitId = input.unitId!;
  }
  return transaction(async (tx) => {
    const bank = await tx.questionBank.create({
      data: { name: input.name, unitId: input.unitId ?? null, courseId: input.courseId ?? null, createdById: viewer.userId },
      select: { id: true },
    });
    await tx.questionCategory.create({ data: { bankId: bank.id, name: DEFAULT_CATEGORY } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "bank.create",
      entity: "QuestionBank",
      entityId: bank.id,
      unitId,
      data: { name: input.name, unitId: input.unitId ?? null, courseId: input.courseId ?? null },
    });
    return bank;
  });
}

export async function renameBank(viewer: Viewer, bankId: string, rawName: string): Promise<{ changed: boolean }> {
  const access = await assertEditBank(viewer, bankId);
  const name = bankName.safeParse(rawName);
  if (!name.success) throw bankNameInvalid();
  if (name.data === access.bank.name) return { changed: false };
  const unitId = await unsafeBankUnit(access.bank);
  await transaction(async (tx) => {
    await tx.questionBank.update({ where: { id: bankId }, data: { name: name.data } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "bank.rename",
      entity: "QuestionBank",
      entityId: bankId,
      unitId,
      data: { before: { name: access.bank.name }, after: { name: name.data } },
    });
  });
  return { changed: true };
}

// ── Categories ────────────────────────────────────────────────────────────────────────────────

const categoryTaken = () => new AppError("CONFLICT", "banks.categoryTaken", { field: "name" });

function checkedCategoryName(raw: string): string {
  const parsed = categoryName.safeParse(raw);
  if (!parsed.success) {
    const slash = parsed.error.issues.some((i) => i.message === "banks.categorySlash");
    throw new AppError("VALIDATION", slash ? "banks.categorySlash" : "banks.categoryNameRequired", { field: "name" });
  }
  return parsed.data;
}

/** A category the viewer may change: NOT_FOUND when unseen (or not of this bank), FORBIDDEN when only seen. */
async function editableCategory(viewer: Viewer, categoryId: string) {
  const category = await db().questionCategory.findUnique({ where: { id: categoryId }, select: { id: true, bankId: true, parentId: true, name: true } });
  if (!category) throw notFound();
  const access = await assertEditBank(viewer, category.bankId);
  return { category, access };
}

/** A sibling with the same name under the same parent (the unique index does not see two NULL parents as equal). */
async function assertNameFree(tx: Db, bankId: string, parentId: string | null, name: string, exceptId?: string) {
  const same = await tx.questionCategory.findFirst({
    where: { bankId, parentId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (same) throw categoryTaken();
}

export async function createCategory(viewer: Viewer, bankId: string, input: { parentId?: string | null; name: string }): Promise<{ id: string }> {
  const access = await assertEditBank(viewer, bankId);
  const name = checkedCategoryName(input.name);
  const parentId = input.parentId || null;
  const unitId = await unsafeBankUnit(access.bank);
  try {
    return await transaction(async (tx) => {
      await lockBank(tx, bankId);
      if (parentId) await assertCategoryOfBank(tx, bankId, parentId).catch(() => {
        throw new AppError("VALIDATION", "banks.categoryMissing", { field: "parentId" });
      });
      await assertNameFree(tx, bankId, parentId, name);
      const category = await tx.questionCategory.create({ data: { bankId, parentId, name }, select: { id: true } });
      await recordAudit(tx, { actorId: viewer.userId, action: "bank.category.create", entity: "QuestionCategory", entityId: category.id, unitId, data: { bankId, parentId, name } });
      return category;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw categoryTaken();
    throw e;
  }
}

export async function renameCategory(viewer: Viewer, categoryId: string, rawName: string): Promise<{ changed: boolean }> {
  const { category, access } = await editableCategory(viewer, categoryId);
  const name = checkedCategoryName(rawName);
  if (name === category.name) return { changed: false };
  const unitId = await unsafeBankUnit(access.bank);
  try {
    await transaction(async (tx) => {
      await lockBank(tx, category.bankId);
      await assertNameFree(tx, category.bankId, category.parentId, name, categoryId);
      await tx.questionCategory.update({ where: { id: categoryId }, data: { name } });
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "bank.category.rename",
        entity: "QuestionCategory",
        entityId: categoryId,
        unitId,
        data: { before: { name: category.name }, after: { name } },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw categoryTaken();
    throw e;
  }
  return { changed: true };
}

/** Moves a category (with everything under it) under another category of the same bank, or to the root (null); never under itself. */
export async function moveCategory(viewer: Viewer, categoryId: string, newParentId: string | null): Promise<{ changed: boolean }> {
  const { category, access } = await editableCategory(viewer, categoryId);
  const parentId = newParentId || null;
  if (parentId === category.parentId) return { changed: false };
  const unitId = await unsafeBankUnit(access.bank);
  try {
    await transaction(async (tx) => {
      await lockBank(tx, category.bankId);
      if (parentId) {
        const all = await tx.questionCategory.findMany({ where: { bankId: category.bankId }, select: { id: true, parentId: true } });
        const parentOf = new Map(all.map((c) => [c.id, c.parentId]));
        if (!parentOf.has(parentId)) throw new AppError("VALIDATION", "banks.categoryMissing", { field: "parentId" });
        for (let at: string | null = parentId; at; at = parentOf.get(at) ?? null) {
          if (at === categoryId) throw new AppError("VALIDATION", "banks.categoryCycle", { field: "parentId" });
        }
      }
      await assertNameFree(tx, category.bankId, parentId, category.name, categoryId);
      await tx.questionCategory.update({ where: { id: categoryId }, data: { parentId } });
      const parentName = async (id: string | null) =>
        id ? ((await tx.questionCategory.findUnique({ where: { id }, select: { name: true } }))?.name ?? "") : "";
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "bank.category.move",
        entity: "QuestionCategory",
        entityId: categoryId,
        unitId,
        data: { before: { parentCategory: await parentName(category.parentId) }, after: { parentCategory: await parentName(parentId) } },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw categoryTaken();
    throw e;
  }
  return { changed: true };
}

/** Deletes an empty category: no question, no subcategory, no quiz drawing from it. */
export async function deleteCategory(viewer: Viewer, categoryId: string): Promise<void> {
  const { category, access } = await editableCategory(viewer, categoryId);
  const unitId = await unsafeBankUnit(access.bank);
  await transaction(async (tx) => {
    await lockBank(tx, category.bankId);
    const [questions, children, slots] = [
      await tx.question.count({ where: { categoryId } }),
      await tx.questionCategory.count({ where: { parentId: categoryId } }),
      await tx.quizSlot.count({ where: { categoryId } }),
    ];
    if (questions + children + slots > 0) throw new AppError("CONFLICT", "banks.categoryNotEmpty");
    const remaining = await tx.questionCategory.count({ where: { bankId: category.bankId, id: { not: categoryId } } });
    if (remaining === 0) throw new AppError("CONFLICT", "banks.categoryLast");
    await tx.questionCategory.delete({ where: { id: categoryId } });
    await recordAudit(tx, { actorId: viewer.userId, action: "bank.category.delete", entity: "QuestionCategory", entityId: categoryId, unitId, data: { name: category.name, bankId: category.bankId } });
  });
}
