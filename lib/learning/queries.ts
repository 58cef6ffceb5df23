import type { Viewer } from "@/lib/auth/viewer";
import { assertStudyCourse } from "@/lib/courses/access";
import { db } from "@/lib/db";
import type { LessonKind } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { courseProgress, type CourseProgress } from "./progress";

export type LessonLink = { id: string; title: string; kind: LessonKind };

export type LessonForStudy = {
  course: { id: string; title: string; code: string };
  lesson: {
    id: string;
    title: string;
    kind: LessonKind;
    sectionTitle: string;
    body: string | null;
    url: string | null;
    durationSeconds: number | null;
    /** QUIZ: the quiz, whose own page (/courses/<id>/quizzes/<quizId>) the lesson's address leads to. */
    quizId: string | null;
    /** FILE and VIDEO: the stored file, when it is ready to be served by /api/files/<id>. */
    file: { id: string; name: string; mimeType: string; size: number } | null;
  };
  /** 1-based place of the lesson in the course, and the number of lessons. */
  index: number;
  count: number;
  previous: LessonLink | null;
  next: LessonLink | null;
  /** True when progress is recorded: the viewer studies the course as an enrolled learner. */
  records: boolean;
  /** The viewer's own row for this lesson (zeros when none or when previewing). */
  progress: { positionSeconds: number; watchedSeconds: number; done: boolean };
  courseProgress: CourseProgress;
  courseCompleted: boolean;
};

/**
 * One lesson as the lesson page shows it: to an enrolled learner (ACTIVE or COMPLETED) or to
 * course staff previewing it. Everyone else, and a lesson of another course, is NOT_FOUND.
 */
export async function lessonForStudy(viewer: Viewer, courseId: string, lessonId: string): Promise<LessonForStudy> {
  const access = await assertStudyCourse(viewer, courseId);
  const [lesson, outline, row] = await Promise.all([
    db().lesson.findFirst({
      where: { id: lessonId, courseId },
      select: {
        id: true,
        title: true,
        kind: true,
        body: true,
        url: true,
        section: { select: { title: true } },
        file: { select: { id: true, originalName: true, mimeType: true, size: true, state: true, durationSeconds: true } },
        quiz: { select: { id: true } },
      },
    }),
    db().lesson.findMany({
      where: { courseId },
      orderBy: [{ section: { position: "asc" } }, { position: "asc" }, { createdAt: "asc" }],
      select: { id: true, title: true, kind: true },
    }),
    db().lessonProgress.findUnique({
      where: { userId_lessonId: { userId: viewer.userId, lessonId } },
      select: { positionSeconds: true, watchedSeconds: true, doneAt: true },
    }),
  ]);
  if (!lesson) throw notFound();
  const at = outline.findIndex((l) => l.id === lesson.id);
  const records = access.study && access.enrolment !== null;
  const file = lesson.file && lesson.file.state === "READY" ? lesson.file : null;
  return {
    course: { id: access.course.id, title: access.course.title, code: access.course.code },
    lesson: {
      id: lesson.id,
      title: lesson.title,
      kind: lesson.kind,
      sectionTitle: lesson.section.title,
      body: lesson.kind === "TEXT" ? lesson.body : null,
      url: lesson.kind === "LINK" ? lesson.url : null,
      durationSeconds: file?.durationSeconds ?? null,
      quizId: lesson.quiz?.id ?? null,
      file: file ? { id: file.id, name: file.originalName, mimeType: file.mimeType, size: Number(file.size) } : null,
    },
    index: at + 1,
    count: outline.length,
    previous: at > 0 ? outline[at - 1]! : null,
    next: at >= 0 && at < outline.length - 1 ? outline[at + 1]! : null,
    records,
    progress:
      records && row
        ? { positionSeconds: row.positionSeconds, watchedSeconds: row.watchedSeconds, done: row.doneAt !== null }
        : { positionSeconds: 0, watchedSeconds: 0, done: false },
    courseProgress: records ? await courseProgress(viewer, courseId) : { total: outline.length, done: 0, percent: 0, doneLessonIds: [] },
    courseCompleted: access.enrolment?.status === "COMPLETED",
  };
}
