import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { assertManageCourse } from "@/lib/courses/access";
import { lockCourse } from "@/lib/courses/commands";
import { sanitizeRichText } from "@/lib/courses/sanitize";
import { db, type Prisma, transaction } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { usableBanksForCourse } from "@/lib/quizzes/bank-access";
import { quizForSetup, withDescendants } from "./queries";
import type { AddQuestionsInput, AddRandomInput, CreateQuizInput, OverrideInput, QuizSettingsInput } from "./schemas";

// Setting a quiz up (docs/decisions/080-quizzes.md): creating it in the outline, its settings, its
// slots and its classes' own times. Only the course's managers (assertManageCourse): NOT_FOUND when
// the course is unseen, FORBIDDEN when seen but not managed. A question or category of a bank the
// course may not use is NOT_FOUND. Slot changes lock the quiz row, so that two editors renumber
// positions one after the other; creating a quiz locks the course row, as every outline write does.

async function audit(viewer: Viewer, unitId: string, action: string, quizId: string, data: Prisma.InputJsonValue) {
  await recordAudit(db(), { actorId: viewer.userId, action, entity: "Quiz", entityId: quizId, unitId, data });
}

async function lockQuiz(quizId: string) {
  const rows = await db().$queryRaw<{ id: string }[]>`SELECT "id" FROM "Quiz" WHERE "id" = ${quizId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound();
}

/** A new quiz: a QUIZ lesson at the end of the section, and its settings row (defaults). */
export async function createQuiz(viewer: Viewer, courseId: string, input: Omit<CreateQuizInput, "courseId">): Promise<{ quizId: string; lessonId: string }> {
  const access = await assertManageCourse(viewer, courseId);
  return transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const section = await tx.courseSection.findFirst({ where: { id: input.sectionId, courseId }, select: { id: true } });
    if (!section) throw new AppError("NOT_FOUND", "courses.sectionGone", { field: "sectionId" });
    const top = await tx.lesson.aggregate({ where: { sectionId: section.id }, _max: { position: true } });
    const lesson = await tx.lesson.create({
      data: { courseId, sectionId: section.id, title: input.title, kind: "QUIZ", position: (top._max.position ?? 0) + 1 },
    });
    const quiz = await tx.quiz.create({ data: { courseId, lessonId: lesson.id, createdById: viewer.userId } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "course.lesson.add",
      entity: "Course",
      entityId: courseId,
      unitId: access.course.unitId,
      data: { after: { lessonId: lesson.id, sectionId: section.id, title: input.title, kind: "QUIZ" } },
    });
    return { quizId: quiz.id, lessonId: lesson.id };
  });
}

const SETTING_FIELDS = [
  "intro",
  "opensAt",
  "closesAt",
  "timeLimitSeconds",
  "attemptsAllowed",
  "grading",
  "passPercent",
  "shuffleQuestions",
  "shuffleAnswers",
  "reviewMarks",
  "reviewFeedback",
  "reviewCorrect",
] as const;

/** A value as the audit log keeps it: instants as ISO text, decimals as numbers. */
function logged(v: unknown): Prisma.InputJsonValue | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object" && "toNumber" in v && typeof v.toNumber === "function") return v.toNumber() as number;
  return v as Prisma.InputJsonValue;
}

/**
 * Changes a quiz's title (its lesson's), introduction (sanitised rich text), times, limits,
 * grading, pass mark, shuffling and review settings. Allowed while attempts exist: those keep the
 * questions and the deadline they were given at their start.
 */
export async function updateQuizSettings(viewer: Viewer, input: QuizSettingsInput): Promise<{ changed: boolean }> {
  const { quiz, access } = await quizForSetup(viewer, input.quizId);
  const next = {
    intro: sanitizeRichText(input.intro),
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    timeLimitSeconds: input.timeLimit === null ? null : input.timeLimit * 60,
    attemptsAllowed: input.attemptsAllowed,
    grading: input.grading,
    passPercent: input.passPercent,
    shuffleQuestions: input.shuffleQuestions,
    shuffleAnswers: input.shuffleAnswers,
    reviewMarks: input.reviewMarks,
    reviewFeedback: input.reviewFeedback,
    reviewCorrect: input.reviewCorrect,
  };
  return transaction(async (tx) => {
    await lockCourse(tx, quiz.courseId);
    await lockQuiz(quiz.id);
    const before = await tx.quiz.findUniqueOrThrow({ where: { id: quiz.id }, include: { lesson: { select: { title: true } } } });
    const changed = SETTING_FIELDS.filter((f) => JSON.stringify(logged(before[f])) !== JSON.stringify(logged(next[f])));
    const titleChanged = before.lesson.title !== input.title;
    if (changed.length === 0 && !titleChanged) return { changed: false };
    if (changed.length > 0) await tx.quiz.update({ where: { id: quiz.id }, data: Object.fromEntries(changed.map((f) => [f, next[f]])) });
    if (titleChanged) await tx.lesson.update({ where: { id: quiz.lessonId }, data: { title: input.title } });
    // The introduction is recorded as changed (the log's "body"), not copied.
    const key = (f: (typeof SETTING_FIELDS)[number]) => (f === "intro" ? "body" : f);
    const shown = (f: (typeof SETTING_FIELDS)[number], v: unknown) => (f === "intro" ? "(html)" : logged(v));
    await audit(viewer, access.course.unitId, "quiz.settings", quiz.id, {
      courseId: quiz.courseId,
      before: { ...(titleChanged ? { title: before.lesson.title } : {}), ...Object.fromEntries(changed.map((f) => [key(f), shown(f, before[f])])) },
      after: { ...(titleChanged ? { title: input.title } : {}), ...Object.fromEntries(changed.map((f) => [key(f), shown(f, next[f])])) },
    });
    return { changed: true };
  });
}

async function nextSlotPosition(quizId: string) {
  const top = await db().quizSlot.aggregate({ where: { quizId }, _max: { position: true } });
  return (top._max.position ?? 0) + 1;
}

/**
 * Adds fixed questions at the end of the quiz, in the order given, each with `mark` or its own
 * default mark. Each must be a question (not archived) of a bank the course may use (else
 * NOT_FOUND) and not already in the quiz (else CONFLICT, nothing added).
 */
export async function addQuizQuestions(viewer: Viewer, input: AddQuestionsInput): Promise<{ added: number }> {
  const { quiz, access } = await quizForSetup(viewer, input.quizId);
  const banks = (await usableBanksForCourse(viewer, quiz.courseId)).map((b) => b.id);
  return transaction(async (tx) => {
    await lockQuiz(quiz.id);
    const questions = await tx.question.findMany({
      where: { id: { in: input.questionIds }, bankId: { in: banks }, archivedAt: null },
      select: { id: true, versions: { orderBy: { version: "desc" }, take: 1, select: { name: true, defaultMark: true } } },
    });
    if (questions.length !== input.questionIds.length) throw new AppError("NOT_FOUND", "quizSetup.questionGone", { field: "questionIds" });
    const present = await tx.quizSlot.findMany({ where: { quizId: quiz.id, questionId: { in: input.questionIds } }, select: { questionId: true } });
    if (present.length > 0) throw new AppError("CONFLICT", "quizSetup.questionAlreadyIn", { field: "questionIds", params: { count: present.length } });
    const byId = new Map(questions.map((q) => [q.id, q]));
    let position = await nextSlotPosition(quiz.id);
    for (const id of input.questionIds) {
      const q = byId.get(id)!;
      await tx.quizSlot.create({ data: { quizId: quiz.id, position: position++, questionId: id, mark: input.mark ?? q.versions[0]?.defaultMark ?? 1 } });
    }
    await audit(viewer, access.course.unitId, "quiz.slot.add", quiz.id, {
      courseId: quiz.courseId,
      after: { questions: questions.map((q) => q.versions[0]?.name ?? ""), mark: input.mark },
    });
    return { added: questions.length };
  });
}

/**
 * Adds a random slot: `count` questions drawn from a category of a usable bank (optionally with its
 * subcategories), each worth `mark`. Refused when the category holds fewer usable questions.
 */
export async function addRandomSlot(viewer: Viewer, input: AddRandomInput): Promise<void> {
  const { quiz, access } = await quizForSetup(viewer, input.quizId);
  const banks = (await usableBanksForCourse(viewer, quiz.courseId)).map((b) => b.id);
  await transaction(async (tx) => {
    await lockQuiz(quiz.id);
    const category = await tx.questionCategory.findFirst({ where: { id: input.categoryId, bankId: { in: banks } }, select: { id: true, bankId: true, name: true } });
    if (!category) throw new AppError("NOT_FOUND", "quizSetup.categoryGone", { field: "categoryId" });
    const rows = input.includeSubcategories
      ? await tx.questionCategory.findMany({ where: { bankId: category.bankId }, select: { id: true, parentId: true } })
      : [{ id: category.id, parentId: null }];
    const available = await tx.question.count({
      where: { categoryId: { in: withDescendants(rows, category.id) }, archivedAt: null, type: { not: "DESCRIPTION" } },
    });
    if (input.count > available) throw new AppError("VALIDATION", "quizSetup.randomTooMany", { field: "count", params: { count: available } });
    await tx.quizSlot.create({
      data: { quizId: quiz.id, position: await nextSlotPosition(quiz.id), categoryId: category.id, randomCount: input.count, includeSubcategories: input.includeSubcategories, mark: input.mark },
    });
    await audit(viewer, access.course.unitId, "quiz.slot.add", quiz.id, {
      courseId: quiz.courseId,
      after: { categoryName: category.name, randomCount: input.count, includeSubcategories: input.includeSubcategories, mark: input.mark },
    });
  });
}

async function slotOf(quizId: string, slotId: string) {
  const slot = await db().quizSlot.findFirst({ where: { id: slotId, quizId } });
  if (!slot) throw new AppError("NOT_FOUND", "quizSetup.slotGone");
  return slot;
}

/** A slot's mark per question. */
export async function setSlotMark(viewer: Viewer, input: { quizId: string; slotId: string; mark: number }): Promise<{ changed: boolean }> {
  const { quiz, access } = await quizForSetup(viewer, input.quizId);
  return transaction(async () => {
    await lockQuiz(quiz.id);
    const slot = await slotOf(quiz.id, input.slotId);
    if (Number(slot.mark) === input.mark) return { changed: false };
    await db().quizSlot.update({ where: { id: slot.id }, data: { mark: input.mark } });
    await audit(viewer, access.course.unitId, "quiz.slot.mark", quiz.id, {
      courseId: quiz.courseId,
      slot: slot.position,
      before: { mark: Number(slot.mark) },
      after: { mark: input.mark },
    });
    return { changed: true };
  });
}

/** Rewrites positions 1..n in the order given (one transaction, the quiz locked). */
async function renumber(ids: string[]) {
  for (const [i, id] of ids.entries()) await db().quizSlot.update({ where: { id }, data: { position: i + 1 } });
}

/** Removes a slot; the others close up. Attempts already started keep their questions. */
export async function removeSlot(viewer: Viewer, input: { quizId: string; slotId: string }): Promise<void> {
  const { quiz, access } = await quizForSetup(viewer, input.quizId);
  await transaction(async (tx) => {
    await lockQuiz(quiz.id);
    const slot = await slotOf(quiz.id, input.slotId);
    await tx.quizSlot.delete({ where: { id: slot.id } });
    const rest = await tx.quizSlot.findMany({ where: { quizId: quiz.id }, orderBy: { position: "asc" }, select: { id: true } });
    await renumber(rest.map((s) => s.id));
    await audit(viewer, access.course.unitId, "quiz.slot.remove", quiz.id, {
      courseId: quiz.courseId,
      slot: slot.position,
      before: { mark: Number(slot.mark), randomCount: slot.questionId ? 1 : slot.randomCount },
    });
  });
}

/** Moves a slot one place up or down; positions are rewritten 1..n. At an end it stays. Returns its position after. */
export async function moveSlot(viewer: Viewer, input: { quizId: string; slotId: string; direction: "up" | "down" }): Promise<{ changed: boolean; position: number }> {
  const { quiz, access } = await quizForSetup(viewer, input.quizId);
  return transaction(async (tx) => {
    await lockQuiz(quiz.id);
    const ids = (await tx.quizSlot.findMany({ where: { quizId: quiz.id }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true } })).map((s) => s.id);
    const from = ids.indexOf(input.slotId);
    if (from < 0) throw new AppError("NOT_FOUND", "quizSetup.slotGone");
    const to = input.direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) return { changed: false, position: from + 1 };
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    await renumber(ids);
    await audit(viewer, access.course.unitId, "quiz.slot.move", quiz.id, { courseId: quiz.courseId, before: { slot: from + 1 }, after: { slot: to + 1 } });
    return { changed: true, position: to + 1 };
  });
}

/** A class of the quiz's course gets its own opening and closing times (set or replaced). */
export async function setClassOverride(viewer: Viewer, input: OverrideInput): Promise<void> {
  const { quiz, access } = await quizForSetup(viewer, input.quizId);
  await transaction(async (tx) => {
    await lockQuiz(quiz.id);
    const cls = await tx.class.findFirst({ where: { id: input.classId, courseId: quiz.courseId }, select: { id: true } });
    if (!cls) throw new AppError("NOT_FOUND", "quizSetup.classGone", { field: "classId" });
    const key = { quizId_classId: { quizId: quiz.id, classId: cls.id } };
    const before = await tx.quizClassOverride.findUnique({ where: key });
    const times = { opensAt: input.opensAt, closesAt: input.closesAt };
    await tx.quizClassOverride.upsert({ where: key, create: { quizId: quiz.id, classId: cls.id, ...times }, update: times });
    await audit(viewer, access.course.unitId, "quiz.override.set", quiz.id, {
      courseId: quiz.courseId,
      classId: cls.id,
      before: before ? { opensAt: logged(before.opensAt), closesAt: logged(before.closesAt) } : null,
      after: { opensAt: logged(input.opensAt), closesAt: logged(input.closesAt) },
    });
  });
}

/** The class sits the quiz at the quiz's own times again. */
export async function removeClassOverride(viewer: Viewer, input: { quizId: string; classId: string }): Promise<void> {
  const { quiz, access } = await quizForSetup(viewer, input.quizId);
  await transaction(async (tx) => {
    await lockQuiz(quiz.id);
    const before = await tx.quizClassOverride.findUnique({ where: { quizId_classId: { quizId: quiz.id, classId: input.classId } } });
    if (!before) throw new AppError("NOT_FOUND", "quizSetup.overrideGone");
    await tx.quizClassOverride.delete({ where: { quizId_classId: { quizId: quiz.id, classId: input.classId } } });
    await audit(viewer, access.course.unitId, "quiz.override.remove", quiz.id, {
      courseId: quiz.courseId,
      classId: input.classId,
      before: { opensAt: logged(before.opensAt), closesAt: logged(before.closesAt) },
    });
  });
}

/**
 * Inside the transaction that deletes these lessons (lib/courses/content.ts): removes their quizzes
 * (slots and class times go with them), or refuses with CONFLICT when one has attempts. Unsafe:
 * the caller has checked that the viewer manages the course and locked its row.
 */
export async function unsafeRemoveLessonQuizzes(lessonIds: string[]): Promise<void> {
  if (lessonIds.length === 0) return;
  const quizzes = await db().quiz.findMany({ where: { lessonId: { in: lessonIds } }, select: { id: true, _count: { select: { attempts: true } } } });
  const attempted = quizzes.filter((q) => q._count.attempts > 0);
  if (attempted.length > 0) throw new AppError("CONFLICT", "quizSetup.deleteHasAttempts", { params: { count: attempted.reduce((n, q) => n + q._count.attempts, 0) } });
  if (quizzes.length > 0) await db().quiz.deleteMany({ where: { id: { in: quizzes.map((q) => q.id) } } });
}
