import { can, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { db, type Prisma } from "@/lib/db";
import type { QuestionType } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { assertEditBank, bankAccess } from "@/lib/quizzes/bank-access";
import type { QuestionDraft } from "@/lib/quizzes/question-types";
import { foldForSearch } from "@/lib/text";
import { categoryPaths, draftOfVersion, QUESTION_PAGE_SIZE, questionFilter, type QuestionFilter } from "./schemas";

export type BankRow = {
  id: string;
  name: string;
  unitId: string | null;
  courseId: string | null;
  /** The unit's name, or the course's title. */
  ownerName: string;
  courseCode: string | null;
  questionCount: number;
  canEdit: boolean;
};

/**
 * The banks the viewer sees: unit banks where they hold course:read, course banks of courses they
 * are staff of (course:read on the owning unit, or one of its trainers). Scoped in the query.
 */
export async function listBanks(viewer: Viewer): Promise<BankRow[]> {
  const readUnits = unitIdsWith(viewer, "course:read");
  const banks = await db().questionBank.findMany({
    where: {
      OR: [
        { unitId: { in: readUnits } },
        { course: { unitId: { in: readUnits } } },
        { course: { trainers: { some: { userId: viewer.userId } } } },
      ],
    },
    select: {
      id: true,
      name: true,
      unitId: true,
      courseId: true,
      unit: { select: { name: true } },
      course: { select: { title: true, code: true, unitId: true, trainers: { where: { userId: viewer.userId }, select: { userId: true } } } },
      _count: { select: { questions: { where: { archivedAt: null } } } },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return banks.map((b) => ({
    id: b.id,
    name: b.name,
    unitId: b.unitId,
    courseId: b.courseId,
    ownerName: b.unit?.name ?? b.course?.title ?? "",
    courseCode: b.course?.code ?? null,
    questionCount: b._count.questions,
    canEdit: b.course
      ? b.course.trainers.length > 0 || can(viewer, "course:manage", b.course.unitId)
      : b.unitId !== null && can(viewer, "course:manage", b.unitId),
  }));
}

/** Where the viewer may create a bank: units (course:manage) and courses they manage, by name. */
export async function bankOwnerChoices(viewer: Viewer): Promise<{ units: { id: string; name: string }[]; courses: { id: string; title: string; code: string }[] }> {
  const manageUnits = unitIdsWith(viewer, "course:manage");
  const units = await db().unit.findMany({
    where: { id: { in: manageUnits }, active: true, mergedIntoId: null },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
    take: 500,
  });
  const courses = await db().course.findMany({
    where: { status: { not: "ARCHIVED" }, OR: [{ unitId: { in: manageUnits } }, { trainers: { some: { userId: viewer.userId } } }] },
    select: { id: true, title: true, code: true },
    orderBy: { title: "asc" },
    take: 500,
  });
  return { units, courses };
}

export type CategoryNode = { id: string; parentId: string | null; name: string; depth: number; path: string[]; questionCount: number };

export type BankDetail = {
  bank: { id: string; name: string; unitId: string | null; courseId: string | null; ownerName: string };
  canEdit: boolean;
  /** Depth-first, each category after its parent, siblings by name. */
  categories: CategoryNode[];
  tags: string[];
};

/** One bank with its category tree, for its page. NOT_FOUND when the viewer may not see it. */
export async function bankDetail(viewer: Viewer, bankId: string): Promise<BankDetail> {
  const access = await bankAccess(viewer, bankId);
  const bank = await db().questionBank.findUniqueOrThrow({
    where: { id: bankId },
    select: { id: true, name: true, unitId: true, courseId: true, unit: { select: { name: true } }, course: { select: { title: true } } },
  });
  const categories = await db().questionCategory.findMany({ where: { bankId }, select: { id: true, parentId: true, name: true } });
  const counts = await db().question.groupBy({ by: ["categoryId"], where: { bankId, archivedAt: null }, _count: { _all: true } });
  const countOf = new Map(counts.map((c) => [c.categoryId, c._count._all]));
  const tagRows = await db().$queryRaw<{ tag: string }[]>`
    SELECT DISTINCT unnest("tags") AS "tag" FROM "Question" WHERE "bankId" = ${bankId}::uuid ORDER BY 1 LIMIT 500`;
  return {
    bank: { id: bank.id, name: bank.name, unitId: bank.unitId, courseId: bank.courseId, ownerName: bank.unit?.name ?? bank.course?.title ?? "" },
    canEdit: access.edit,
    categories: categoryTree(categories).map((c) => ({ ...c, questionCount: countOf.get(c.id) ?? 0 })),
    tags: tagRows.map((r) => r.tag),
  };
}

/** Categories depth-first (siblings by name), with depth and path. Pure. */
export function categoryTree(categories: readonly { id: string; parentId: string | null; name: string }[]) {
  const paths = categoryPaths(categories);
  const children = new Map<string | null, typeof categories[number][]>();
  for (const c of categories) {
    const key = c.parentId && categories.some((p) => p.id === c.parentId) ? c.parentId : null;
    children.set(key, [...(children.get(key) ?? []), c]);
  }
  const out: { id: string; parentId: string | null; name: string; depth: number; path: string[] }[] = [];
  const visit = (parentId: string | null, depth: number) => {
    const list = [...(children.get(parentId) ?? [])].sort((a, b) => a.name.localeCompare(b.name, "vi"));
    for (const c of list) {
      out.push({ id: c.id, parentId: c.parentId, name: c.name, depth, path: paths.get(c.id) ?? [c.name] });
      if (depth < 50) visit(c.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** A category and every category below it. */
export function withDescendants(categories: readonly { id: string; parentId: string | null }[], rootId: string): string[] {
  const out = [rootId];
  for (let i = 0; i < out.length; i++) for (const c of categories) if (c.parentId === out[i] && !out.includes(c.id)) out.push(c.id);
  return out;
}

export type QuestionRow = {
  id: string;
  type: QuestionType;
  name: string;
  version: number;
  tags: string[];
  categoryId: string;
  archived: boolean;
  updatedAt: Date;
};

/**
 * A page of a bank's questions: in a category (and its subcategories when asked), with a tag,
 * matching a search (accent-insensitive, on name and text), archived ones only when asked.
 */
export async function listQuestions(
  viewer: Viewer,
  bankId: string,
  rawFilter: QuestionFilter = {},
): Promise<{ rows: QuestionRow[]; total: number; page: number; pageSize: number }> {
  await bankAccess(viewer, bankId);
  const filter = questionFilter.parse(rawFilter);
  const page = filter.page ?? 1;
  const where: Prisma.QuestionWhereInput = { bankId, archivedAt: filter.archived ? { not: null } : null };
  if (filter.categoryId) {
    if (filter.includeSubcategories) {
      const categories = await db().questionCategory.findMany({ where: { bankId }, select: { id: true, parentId: true } });
      where.categoryId = { in: withDescendants(categories, filter.categoryId) };
    } else where.categoryId = filter.categoryId;
  }
  if (filter.tag) where.tags = { has: filter.tag };
  const q = filter.q ? foldForSearch(filter.q) : "";
  if (q) where.AND = q.split(" ").map((word) => ({ searchText: { contains: word } }));
  const total = await db().question.count({ where });
  const questions = await db().question.findMany({
    where,
    select: { id: true, type: true, latestVersion: true, tags: true, categoryId: true, archivedAt: true, updatedAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: (page - 1) * QUESTION_PAGE_SIZE,
    take: QUESTION_PAGE_SIZE,
  });
  const names = await db().questionVersion.findMany({
    where: { OR: questions.map((x) => ({ questionId: x.id, version: x.latestVersion })) },
    select: { questionId: true, name: true },
  });
  const nameOf = new Map(names.map((n) => [n.questionId, n.name]));
  return {
    rows: questions.map((x) => ({
      id: x.id,
      type: x.type,
      name: nameOf.get(x.id) ?? "",
      version: x.latestVersion,
      tags: x.tags,
      categoryId: x.categoryId,
      archived: x.archivedAt !== null,
      updatedAt: x.updatedAt,
    })),
    total,
    page,
    pageSize: QUESTION_PAGE_SIZE,
  };
}

export type QuestionForEdit = {
  id: string;
  bankId: string;
  categoryId: string;
  type: QuestionType;
  tags: string[];
  archived: boolean;
  /** May the viewer save a new version (else they only read). */
  canEdit: boolean;
  latest: QuestionDraft & { version: number };
  versions: { version: number; name: string; createdAt: Date; createdBy: string | null }[];
};

async function visibleQuestion(viewer: Viewer, questionId: string) {
  const q = await db().question.findUnique({
    where: { id: questionId },
    select: { id: true, bankId: true, categoryId: true, type: true, tags: true, archivedAt: true, latestVersion: true },
  });
  if (!q) throw notFound();
  const access = await bankAccess(viewer, q.bankId);
  const categories = await db().questionCategory.findMany({ where: { bankId: q.bankId }, select: { id: true, parentId: true, name: true } });
  return { q, access, path: categoryPaths(categories).get(q.categoryId) ?? [] };
}

const VERSION_SELECT = { version: true, name: true, text: true, format: true, generalFeedback: true, generalFeedbackFormat: true, defaultMark: true, data: true } as const;

/** A question with its newest version as a draft and the list of its versions (newest first). */
export async function questionForEdit(viewer: Viewer, questionId: string): Promise<QuestionForEdit> {
  const { q, access, path } = await visibleQuestion(viewer, questionId);
  const versions = await db().questionVersion.findMany({
    where: { questionId },
    select: { ...VERSION_SELECT, createdAt: true, createdById: true },
    orderBy: { version: "desc" },
  });
  const latest = versions.find((v) => v.version === q.latestVersion) ?? versions[0];
  if (!latest) throw notFound();
  const authorIds = [...new Set(versions.map((v) => v.createdById).filter((id): id is string => id !== null))];
  const authors = await db().user.findMany({ where: { id: { in: authorIds } }, select: { id: true, fullName: true } });
  const authorName = new Map(authors.map((a) => [a.id, a.fullName]));
  return {
    id: q.id,
    bankId: q.bankId,
    categoryId: q.categoryId,
    type: q.type,
    tags: q.tags,
    archived: q.archivedAt !== null,
    canEdit: access.edit,
    latest: { ...draftOfVersion(q, latest, path), version: latest.version },
    versions: versions.map((v) => ({ version: v.version, name: v.name, createdAt: v.createdAt, createdBy: v.createdById ? (authorName.get(v.createdById) ?? null) : null })),
  };
}

/** One version of a question as a draft (an older one, to compare or to start an edit from). */
export async function questionVersion(viewer: Viewer, questionId: string, version: number): Promise<QuestionDraft & { version: number }> {
  const { q, path } = await visibleQuestion(viewer, questionId);
  const v = await db().questionVersion.findUnique({ where: { questionId_version: { questionId, version } }, select: VERSION_SELECT });
  if (!v) throw notFound();
  return { ...draftOfVersion(q, v, path), version: v.version };
}

/** The bank a file is imported into: the viewer must edit it (FORBIDDEN when they only see it). */
export async function bankForImport(viewer: Viewer, bankId: string): Promise<{ id: string; name: string }> {
  const { bank } = await assertEditBank(viewer, bankId);
  return { id: bank.id, name: bank.name };
}
