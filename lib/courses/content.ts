import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { db, type Prisma, transaction } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { unsafeRemoveLessonQuizzes } from "@/lib/quizzes/setup/commands";
import { storage } from "@/lib/storage";
import { assertManageCourse } from "./access";
import { lockCourse } from "./commands";
import { plainText, sanitizeRichText } from "./sanitize";
import { httpUrl, type Layout, type LessonInput, type UpdateLessonInput } from "./schemas";

// The outline of a course (sections → lessons) as its managers edit it. Every function checks
// `assertManageCourse` first (NOT_FOUND when the course is unseen, FORBIDDEN when seen but not
// managed), then locks the course row so that concurrent edits of one outline run one at a time.

async function audit(tx: Prisma.TransactionClient, viewer: Viewer, unitId: string, action: string, entityId: string, data: Prisma.InputJsonValue) {
  await recordAudit(tx, { actorId: viewer.userId, action, entity: "Course", entityId, unitId, data });
}

async function sectionOf(tx: Prisma.TransactionClient, courseId: string, sectionId: string) {
  const section = await tx.courseSection.findFirst({ where: { id: sectionId, courseId }, select: { id: true, title: true } });
  if (!section) throw new AppError("NOT_FOUND", "courses.sectionGone", { field: "sectionId" });
  return section;
}

async function lessonOf(tx: Prisma.TransactionClient, courseId: string, lessonId: string) {
  const lesson = await tx.lesson.findFirst({
    where: { id: lessonId, courseId },
    include: { file: { select: { id: true, storageKey: true } } },
  });
  if (!lesson) throw new AppError("NOT_FOUND", "courses.lessonGone");
  return lesson;
}

async function nextSectionPosition(tx: Prisma.TransactionClient, courseId: string) {
  const top = await tx.courseSection.aggregate({ where: { courseId }, _max: { position: true } });
  return (top._max.position ?? 0) + 1;
}

async function nextLessonPosition(tx: Prisma.TransactionClient, sectionId: string) {
  const top = await tx.lesson.aggregate({ where: { sectionId }, _max: { position: true } });
  return (top._max.position ?? 0) + 1;
}

export async function addSection(viewer: Viewer, courseId: string, title: string) {
  const access = await assertManageCourse(viewer, courseId);
  return transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const section = await tx.courseSection.create({ data: { courseId, title, position: await nextSectionPosition(tx, courseId) } });
    await audit(tx, viewer, access.course.unitId, "course.section.add", courseId, { after: { sectionId: section.id, title } });
    return section;
  });
}

export async function renameSection(viewer: Viewer, courseId: string, sectionId: string, title: string) {
  const access = await assertManageCourse(viewer, courseId);
  return transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const before = await sectionOf(tx, courseId, sectionId);
    if (before.title === title) return { changed: false };
    await tx.courseSection.update({ where: { id: sectionId }, data: { title } });
    await audit(tx, viewer, access.course.unitId, "course.section.rename", courseId, {
      before: { sectionId, title: before.title },
      after: { sectionId, title },
    });
    return { changed: true };
  });
}

/** Deletes the stored objects of deleted file lessons, after the rows are gone (committed). */
async function deleteObjects(keys: string[]) {
  for (const key of keys) {
    try {
      await storage().delete(key);
    } catch (e) {
      // The row is gone; an orphaned object is swept later and must not undo the deletion.
      console.error("course content: could not delete a stored object", e instanceof Error ? e.message : e);
    }
  }
}

/**
 * Deletes a section. One with lessons needs `confirm` (else CONFLICT, nothing changed): its
 * lessons, their progress, their stored files and their quizzes go with it — unless a quiz has
 * attempts (CONFLICT, nothing changed).
 */
export async function deleteSection(viewer: Viewer, courseId: string, sectionId: string, confirm: boolean) {
  const access = await assertManageCourse(viewer, courseId);
  const keys = await transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const section = await sectionOf(tx, courseId, sectionId);
    const lessons = await tx.lesson.findMany({ where: { sectionId }, include: { file: { select: { id: true, storageKey: true } } } });
    if (lessons.length > 0 && !confirm) throw new AppError("CONFLICT", "courses.sectionNotEmpty", { params: { count: lessons.length } });
    await unsafeRemoveLessonQuizzes(lessons.filter((l) => l.kind === "QUIZ").map((l) => l.id));
    await tx.lesson.deleteMany({ where: { sectionId } });
    const files = lessons.flatMap((l) => (l.file ? [l.file] : []));
    if (files.length > 0) await tx.storedFile.deleteMany({ where: { id: { in: files.map((f) => f.id) } } });
    await tx.courseSection.delete({ where: { id: sectionId } });
    await audit(tx, viewer, access.course.unitId, "course.section.delete", courseId, {
      before: { sectionId, title: section.title, lessons: lessons.map((l) => ({ id: l.id, title: l.title, kind: l.kind })) },
    });
    return files.map((f) => f.storageKey);
  });
  await deleteObjects(keys);
  return { deletedLessons: keys.length };
}

/** A TEXT body as stored: sanitised; an empty editor is refused. */
function storedBody(body: string): string {
  const clean = sanitizeRichText(body);
  if (plainText(clean) === "") throw new AppError("VALIDATION", "courses.bodyRequired", { field: "body" });
  return clean;
}

/** A TEXT or LINK lesson at the end of a section (FILE and VIDEO lessons come from uploads). */
export async function addLesson(viewer: Viewer, input: LessonInput) {
  const access = await assertManageCourse(viewer, input.courseId);
  const body = input.kind === "TEXT" ? storedBody(input.body) : null;
  return transaction(async (tx) => {
    await lockCourse(tx, input.courseId);
    await sectionOf(tx, input.courseId, input.sectionId);
    const lesson = await tx.lesson.create({
      data: {
        courseId: input.courseId,
        sectionId: input.sectionId,
        title: input.title,
        kind: input.kind,
        position: await nextLessonPosition(tx, input.sectionId),
        body,
        url: input.kind === "LINK" ? input.url : null,
      },
    });
    await audit(tx, viewer, access.course.unitId, "course.lesson.add", input.courseId, {
      after: { lessonId: lesson.id, sectionId: input.sectionId, title: input.title, kind: input.kind },
    });
    return lesson;
  });
}

/**
 * Edits a lesson's title and, by kind, its body (TEXT) or address (LINK). A new section moves it
 * to the end of that section.
 */
export async function updateLesson(viewer: Viewer, input: UpdateLessonInput) {
  const access = await assertManageCourse(viewer, input.courseId);
  return transaction(async (tx) => {
    await lockCourse(tx, input.courseId);
    const before = await lessonOf(tx, input.courseId, input.lessonId);
    const moving = input.sectionId !== before.sectionId;
    if (moving) await sectionOf(tx, input.courseId, input.sectionId);
    const data: Prisma.LessonUpdateInput = { title: input.title };
    if (before.kind === "TEXT" && input.body !== undefined) data.body = storedBody(input.body);
    if (before.kind === "LINK" && input.url !== undefined) {
      const url = httpUrl.safeParse(input.url);
      if (!url.success) throw new AppError("VALIDATION", "courses.urlInvalid", { field: "url" });
      data.url = url.data;
    }
    if (moving) {
      data.section = { connect: { id: input.sectionId } };
      data.position = await nextLessonPosition(tx, input.sectionId);
    }
    const after = await tx.lesson.update({ where: { id: input.lessonId }, data });
    const fields = (["title", "body", "url", "sectionId"] as const).filter((f) => before[f] !== after[f]);
    if (fields.length === 0) return { changed: false };
    await audit(tx, viewer, access.course.unitId, "course.lesson.update", input.courseId, {
      lessonId: input.lessonId,
      before: Object.fromEntries(fields.map((f) => [f, f === "body" ? "(html)" : before[f]])),
      after: Object.fromEntries(fields.map((f) => [f, f === "body" ? "(html)" : after[f]])),
    });
    return { changed: true };
  });
}

/**
 * Deletes a lesson with its progress; a FILE or VIDEO lesson's stored file goes too, a QUIZ
 * lesson's quiz too — refused (CONFLICT, nothing changed) once the quiz has attempts.
 */
export async function deleteLesson(viewer: Viewer, courseId: string, lessonId: string) {
  const access = await assertManageCourse(viewer, courseId);
  const key = await transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const lesson = await lessonOf(tx, courseId, lessonId);
    if (lesson.kind === "QUIZ") await unsafeRemoveLessonQuizzes([lesson.id]);
    await tx.lesson.delete({ where: { id: lessonId } });
    if (lesson.file) await tx.storedFile.delete({ where: { id: lesson.file.id } });
    await audit(tx, viewer, access.course.unitId, "course.lesson.delete", courseId, {
      before: { lessonId, title: lesson.title, kind: lesson.kind, sectionId: lesson.sectionId, file: lesson.file?.storageKey ?? null },
    });
    return lesson.file?.storageKey ?? null;
  });
  if (key) await deleteObjects([key]);
}

/**
 * Rewrites the order of the whole outline in one transaction: `layout` lists every section, in
 * order, each with every lesson it is to hold, in order (a lesson may change section). The ids
 * submitted must be exactly the course's current sections and lessons; if the page was stale (an
 * id added, removed or repeated) nothing changes and CONFLICT asks to reload.
 */
export async function reorderContent(viewer: Viewer, courseId: string, layout: Layout) {
  const access = await assertManageCourse(viewer, courseId);
  return transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const sections = await tx.courseSection.findMany({ where: { courseId }, orderBy: { position: "asc" }, select: { id: true } });
    const lessons = await tx.lesson.findMany({
      where: { courseId },
      orderBy: [{ sectionId: "asc" }, { position: "asc" }],
      select: { id: true, sectionId: true, position: true },
    });
    const sameSet = (current: string[], submitted: string[]) =>
      current.length === submitted.length && new Set(submitted).size === submitted.length && submitted.every((id) => current.includes(id));
    const submittedLessons = layout.flatMap((s) => s.lessonIds);
    if (!sameSet(sections.map((s) => s.id), layout.map((s) => s.id)) || !sameSet(lessons.map((l) => l.id), submittedLessons)) {
      throw new AppError("CONFLICT", "courses.staleOrder");
    }
    const before = (await tx.courseSection.findMany({
      where: { courseId },
      orderBy: { position: "asc" },
      select: { id: true, lessons: { orderBy: { position: "asc" }, select: { id: true } } },
    })).map((s) => ({ id: s.id, lessonIds: s.lessons.map((l) => l.id) }));
    if (JSON.stringify(before) === JSON.stringify(layout)) return { changed: false };
    // Positions are rewritten 1..n; there is no unique index on them, so no shuffling is needed.
    for (const [i, s] of layout.entries()) {
      await tx.courseSection.update({ where: { id: s.id }, data: { position: i + 1 } });
      for (const [j, lessonId] of s.lessonIds.entries()) {
        await tx.lesson.update({ where: { id: lessonId }, data: { sectionId: s.id, position: j + 1 } });
      }
    }
    await audit(tx, viewer, access.course.unitId, "course.reorder", courseId, { before, after: layout });
    return { changed: true };
  });
}

/** The outline for the editor (manage only), with each lesson's kind and content. */
export async function getCourseContent(viewer: Viewer, courseId: string) {
  const access = await assertManageCourse(viewer, courseId);
  const sections = await db().courseSection.findMany({
    where: { courseId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      title: true,
      lessons: {
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: { id: true, title: true, kind: true, body: true, url: true, file: { select: { originalName: true } }, quiz: { select: { id: true } } },
      },
    },
  });
  if (!sections) throw notFound();
  return { access, sections };
}
