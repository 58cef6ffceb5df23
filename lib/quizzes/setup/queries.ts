import type { Viewer } from "@/lib/auth/viewer";
import { assertManageCourse, type CourseAccess } from "@/lib/courses/access";
import { db, Prisma } from "@/lib/db";
import type { QuestionType, QuizGrading, ReviewWhen } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { usableBanksForCourse, type BankRef } from "@/lib/quizzes/bank-access";
import { foldForSearch } from "@/lib/text";
import { PICKER_PAGE_SIZE, type PickerFilter } from "./schemas";

// Reading a quiz to set it up (docs/decisions/080-quizzes.md). Only those who manage the quiz's
// course (its trainers, `course:manage` on its unit) set it up: a quiz of a course the viewer does
// not see is NOT_FOUND, of one seen but not managed FORBIDDEN (lib/courses/access.ts).

/** A quiz and the viewer's rights on its course, for setting it up. */
export async function quizForSetup(viewer: Viewer, quizId: string): Promise<{ quiz: { id: string; courseId: string; lessonId: string }; access: CourseAccess }> {
  const quiz = await db().quiz.findUnique({ where: { id: quizId }, select: { id: true, courseId: true, lessonId: true } });
  if (!quiz) throw notFound();
  const access = await assertManageCourse(viewer, quiz.courseId);
  return { quiz, access };
}

/** The course and its sections, for the "new quiz" page (manage only). */
export async function newQuizChoices(viewer: Viewer, courseId: string) {
  const access = await assertManageCourse(viewer, courseId);
  const sections = await db().courseSection.findMany({
    where: { courseId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, title: true },
  });
  return { course: { id: access.course.id, title: access.course.title }, sections };
}

/** "Chương 1 / Bài 2": each category's path from its bank's top, for the banks given. */
async function categoryPaths(bankIds: string[]): Promise<Map<string, string>> {
  const rows = await db().questionCategory.findMany({ where: { bankId: { in: bankIds } }, select: { id: true, parentId: true, name: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const paths = new Map<string, string>();
  const pathOf = (id: string, depth = 0): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const row = byId.get(id);
    if (!row) return "";
    const path = row.parentId && depth < 50 ? `${pathOf(row.parentId, depth + 1)} / ${row.name}` : row.name;
    paths.set(id, path);
    return path;
  };
  for (const r of rows) pathOf(r.id);
  return paths;
}

export type SetupSlot = {
  id: string;
  position: number;
  mark: number;
  /** A fixed question. */
  question: { id: string; name: string; type: QuestionType; bankName: string; archived: boolean } | null;
  /** `count` questions drawn from a category. */
  random: { categoryId: string; path: string; bankName: string; count: number; includeSubcategories: boolean } | null;
};

export type QuizForEdit = {
  id: string;
  course: { id: string; title: string };
  lessonId: string;
  title: string;
  intro: string;
  opensAt: Date | null;
  closesAt: Date | null;
  timeLimitSeconds: number | null;
  attemptsAllowed: number;
  grading: QuizGrading;
  passPercent: number | null;
  shuffleQuestions: boolean;
  shuffleAnswers: boolean;
  reviewMarks: ReviewWhen;
  reviewFeedback: ReviewWhen;
  reviewCorrect: ReviewWhen;
  attemptCount: number;
  slots: SetupSlot[];
  /** Questions an attempt gets (a random slot counts its draws) and their marks. */
  questionCount: number;
  totalMarks: number;
  /** The course's classes, and those with their own times. */
  classes: { id: string; code: string; title: string }[];
  overrides: { classId: string; code: string; title: string; opensAt: Date | null; closesAt: Date | null }[];
};

/** A quiz with its settings, slots and class times, for its edit page (the course's managers). */
export async function quizForEdit(viewer: Viewer, quizId: string): Promise<QuizForEdit> {
  const { access } = await quizForSetup(viewer, quizId);
  const quiz = await db().quiz.findUniqueOrThrow({
    where: { id: quizId },
    include: {
      lesson: { select: { title: true } },
      slots: {
        orderBy: { position: "asc" },
        include: {
          question: {
            select: {
              id: true,
              type: true,
              archivedAt: true,
              bank: { select: { name: true } },
              versions: { orderBy: { version: "desc" }, take: 1, select: { name: true } },
            },
          },
          category: { select: { id: true, bankId: true, bank: { select: { name: true } } } },
        },
      },
      overrides: { include: { class: { select: { id: true, code: true, title: true } } } },
      _count: { select: { attempts: true } },
    },
  });
  const classes = await db().class.findMany({
    where: { courseId: quiz.courseId },
    orderBy: [{ code: "asc" }],
    select: { id: true, code: true, title: true },
  });
  const paths = await categoryPaths([...new Set(quiz.slots.flatMap((s) => (s.category ? [s.category.bankId] : [])))]);
  const slots: SetupSlot[] = quiz.slots.map((s) => ({
    id: s.id,
    position: s.position,
    mark: Number(s.mark),
    question: s.question
      ? { id: s.question.id, name: s.question.versions[0]?.name ?? "", type: s.question.type, bankName: s.question.bank.name, archived: s.question.archivedAt !== null }
      : null,
    random:
      !s.question && s.category
        ? { categoryId: s.category.id, path: paths.get(s.category.id) ?? "", bankName: s.category.bank.name, count: s.randomCount, includeSubcategories: s.includeSubcategories }
        : null,
  }));
  const perSlot = (s: SetupSlot) => (s.random ? s.random.count : 1);
  return {
    id: quiz.id,
    course: { id: access.course.id, title: access.course.title },
    lessonId: quiz.lessonId,
    title: quiz.lesson.title,
    intro: quiz.intro,
    opensAt: quiz.opensAt,
    closesAt: quiz.closesAt,
    timeLimitSeconds: quiz.timeLimitSeconds,
    attemptsAllowed: quiz.attemptsAllowed,
    grading: quiz.grading,
    passPercent: quiz.passPercent === null ? null : Number(quiz.passPercent),
    shuffleQuestions: quiz.shuffleQuestions,
    shuffleAnswers: quiz.shuffleAnswers,
    reviewMarks: quiz.reviewMarks,
    reviewFeedback: quiz.reviewFeedback,
    reviewCorrect: quiz.reviewCorrect,
    attemptCount: quiz._count.attempts,
    slots,
    questionCount: slots.reduce((n, s) => n + perSlot(s), 0),
    // In hundredths, so that 0,1 + 0,2 is 0,3.
    totalMarks: slots.reduce((n, s) => n + Math.round(s.mark * 100) * perSlot(s), 0) / 100,
    classes,
    overrides: quiz.overrides
      .map((o) => ({ classId: o.classId, code: o.class.code, title: o.class.title, opensAt: o.opensAt, closesAt: o.closesAt }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

export type PickerCategory = { id: string; path: string; depth: number; count: number; countWithSub: number };
export type PickerQuestion = { id: string; name: string; type: QuestionType; tags: string[]; defaultMark: number; inQuiz: boolean };
export type QuestionPicker = {
  banks: BankRef[];
  bank: BankRef | null;
  categories: PickerCategory[];
  tags: string[];
  filter: PickerFilter;
  questions: PickerQuestion[];
  total: number;
  pageSize: number;
};

/** Ids of a category and every category under it, from a bank's (id, parentId) rows. */
export function withDescendants(rows: { id: string; parentId: string | null }[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const r of rows) if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  const out: string[] = [];
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.includes(id)) continue;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/**
 * The question picker of a quiz: the banks its course may use, one bank's categories (with how many
 * usable questions each holds) and tags, and a page of its questions that are not archived, by
 * category (optionally with subcategories), tag and words typed with or without diacritics.
 * A bank the course may not use is NOT_FOUND; a category outside the bank shown is ignored.
 */
export async function questionPicker(viewer: Viewer, quizId: string, filter: PickerFilter): Promise<QuestionPicker> {
  const { quiz } = await quizForSetup(viewer, quizId);
  const banks = await usableBanksForCourse(viewer, quiz.courseId);
  const empty = { banks, bank: null, categories: [], tags: [], filter, questions: [], total: 0, pageSize: PICKER_PAGE_SIZE };
  if (filter.bank && !banks.some((b) => b.id === filter.bank)) throw notFound();
  const bank = banks.find((b) => b.id === filter.bank) ?? banks[0];
  if (!bank) return empty;

  const rows = await db().questionCategory.findMany({ where: { bankId: bank.id }, orderBy: { name: "asc" }, select: { id: true, parentId: true, name: true } });
  // A category of another bank (the bank was just changed in the filter) is ignored.
  if (filter.category && !rows.some((r) => r.id === filter.category)) filter = { ...filter, category: undefined };
  const counts = await db().question.groupBy({
    by: ["categoryId"],
    where: { bankId: bank.id, archivedAt: null, type: { not: "DESCRIPTION" } },
    _count: { _all: true },
  });
  const countOf = new Map(counts.map((c) => [c.categoryId, c._count._all]));
  const paths = await categoryPaths([bank.id]);
  // Depth-first, so that each category follows its parent.
  const categories: PickerCategory[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const r of rows.filter((x) => x.parentId === parentId)) {
      const all = withDescendants(rows, r.id);
      categories.push({ id: r.id, path: paths.get(r.id) ?? r.name, depth, count: countOf.get(r.id) ?? 0, countWithSub: all.reduce((n, id) => n + (countOf.get(id) ?? 0), 0) });
      if (depth < 50) visit(r.id, depth + 1);
    }
  };
  visit(null, 0);

  const tagRows = await db().$queryRaw<{ tag: string }[]>(
    Prisma.sql`SELECT DISTINCT unnest("tags") AS "tag" FROM "Question" WHERE "bankId" = ${bank.id}::uuid AND "archivedAt" IS NULL ORDER BY 1 LIMIT 500`,
  );

  const words = foldForSearch(filter.q).split(" ").filter(Boolean).slice(0, 8);
  const where: Prisma.QuestionWhereInput = {
    bankId: bank.id,
    archivedAt: null,
    ...(filter.category ? { categoryId: { in: filter.sub ? withDescendants(rows, filter.category) : [filter.category] } } : {}),
    ...(filter.tag ? { tags: { has: filter.tag } } : {}),
    AND: words.map((w) => ({ searchText: { contains: w } })),
  };
  const total = await db().question.count({ where });
  const found = await db().question.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: (filter.page - 1) * PICKER_PAGE_SIZE,
    take: PICKER_PAGE_SIZE,
    select: { id: true, type: true, tags: true, versions: { orderBy: { version: "desc" }, take: 1, select: { name: true, defaultMark: true } } },
  });
  const inQuiz = new Set(
    (await db().quizSlot.findMany({ where: { quizId, questionId: { in: found.map((q) => q.id) } }, select: { questionId: true } })).map((s) => s.questionId),
  );
  return {
    banks,
    bank,
    categories,
    tags: tagRows.map((r) => r.tag),
    filter,
    questions: found.map((q) => ({
      id: q.id,
      name: q.versions[0]?.name ?? "",
      type: q.type,
      tags: q.tags,
      defaultMark: Number(q.versions[0]?.defaultMark ?? 1),
      inQuiz: inQuiz.has(q.id),
    })),
    total,
    pageSize: PICKER_PAGE_SIZE,
  };
}
