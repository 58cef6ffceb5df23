import type { Viewer } from "@/lib/auth/viewer";
import { assertStudyCourse } from "@/lib/courses/access";
import { db, Prisma } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { DB_NOW, unsafeCompleteEnrolmentIfAllDone, unsafeMarkLessonDone, type DoneRow } from "./completion";
import { creditedSeconds, doneThreshold, VIDEO_RULES } from "./rules";
import { progressInput } from "./schemas";

export type CourseProgress = {
  /** Lessons in the course. */
  total: number;
  /** Lessons the viewer has finished (LessonProgress.doneAt set). */
  done: number;
  /** 0–100, rounded down: 100 only when every lesson is done. */
  percent: number;
  doneLessonIds: string[];
};

/** Whole percent, rounded down so that 100 means every lesson is done; 0 for an empty course. */
export function progressPercent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((done * 100) / total));
}

/**
 * The viewer's own progress in a course (docs/decisions/062-learning-progress.md). Scoped by the
 * viewer: it reads only the viewer's own LessonProgress rows, and counts the course's lessons only
 * when the viewer holds an enrolment in it (any status) — anyone else (a staff preview, a stranger
 * with a forged id) gets all zeros, so it never tells whether a course exists. Callers that show a
 * course check `courseAccess` / `assertStudyCourse` first, as they must anyway.
 * One query.
 */
export async function courseProgress(viewer: Viewer, courseId: string): Promise<CourseProgress> {
  const rows = await db().$queryRaw<{ total: number; done: number; doneIds: string[] | null }[]>`
    SELECT count(l."id")::int AS "total",
           count(p."doneAt")::int AS "done",
           array_agg(l."id"::text ORDER BY l."id") FILTER (WHERE p."doneAt" IS NOT NULL) AS "doneIds"
    FROM "Lesson" l
    LEFT JOIN "LessonProgress" p ON p."lessonId" = l."id" AND p."userId" = ${viewer.userId}::uuid
    WHERE l."courseId" = ${courseId}::uuid
      AND EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."courseId" = ${courseId}::uuid AND e."userId" = ${viewer.userId}::uuid)`;
  const row = rows[0];
  const total = row?.total ?? 0;
  const done = row?.done ?? 0;
  return { total, done, percent: progressPercent(done, total), doneLessonIds: row?.doneIds ?? [] };
}

/** The stored row as a write returns it. */
export type LessonProgressRow = {
  positionSeconds: number;
  watchedSeconds: number;
  doneAt: Date | null;
  /** This very write finished the lesson. */
  justDone: boolean;
  /** This very write completed the enrolment (all lessons done). */
  courseCompleted: boolean;
};

const NOW = DB_NOW;
const SLACK = Prisma.sql`make_interval(secs => ${VIDEO_RULES.slackSeconds}::float8)`;

/**
 * Records one progress event of the viewer (docs/decisions/062-learning-progress.md).
 *
 * - The lesson must be in a course the viewer may study (`assertStudyCourse`): others get
 *   NOT_FOUND (withdrawn, not enrolled, another unit, forged ids, a courseId that is not the
 *   lesson's). Staff previewing without an enrolment get FORBIDDEN and nothing is written; a
 *   trainer who is also enrolled writes as the learner they are.
 * - One `INSERT … ON CONFLICT DO UPDATE` applies the rules of lib/learning/rules.ts on the locked
 *   row: no read-modify-write, so concurrent writes from one phone stay consistent.
 * - When the write finishes the last lesson, the enrolment becomes COMPLETED, once, audited.
 */
export async function recordProgress(viewer: Viewer, raw: unknown): Promise<LessonProgressRow> {
  const parsed = progressInput.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION", "learning.progress.invalid");
  const input = parsed.data;

  const lesson = await db().lesson.findUnique({
    where: { id: input.lessonId },
    select: { id: true, courseId: true, kind: true, file: { select: { durationSeconds: true } } },
  });
  if (!lesson || (input.courseId !== undefined && input.courseId !== lesson.courseId)) throw notFound();
  const access = await assertStudyCourse(viewer, lesson.courseId);
  if (!access.study || !access.enrolment) throw new AppError("FORBIDDEN", "learning.progress.previewOnly");

  let rows: DoneRow[];
  if (input.event === "complete") {
    if (lesson.kind === "VIDEO") throw new AppError("VALIDATION", "learning.progress.videoNeedsWatching");
    // A quiz is done when it is passed (lib/quizzes/attempts), never by hand.
    if (lesson.kind === "QUIZ") throw new AppError("VALIDATION", "quizAttempt.lessonIsQuiz");
    rows = [await unsafeMarkLessonDone(viewer.userId, lesson)];
  } else {
    if (lesson.kind !== "VIDEO") throw new AppError("VALIDATION", "learning.progress.notVideo");
    // The length read from the file at upload; a player's word is never taken (none known: no credit).
    const duration = lesson.file?.durationSeconds ?? null;
    rows = await db().$queryRaw(videoUpsert(viewer.userId, lesson, duration, input));
  }
  const row = rows[0]!;
  let courseCompleted = false;
  // Completion is checked in its own statement, after the progress row is committed: two lessons
  // finished at once by two requests each see the other's row, so the last one completes.
  // A repeated "complete" on an ACTIVE enrolment checks again (it heals a check that never ran).
  if (row.justDone || (input.event === "complete" && access.enrolment.status === "ACTIVE")) {
    courseCompleted = await unsafeCompleteEnrolmentIfAllDone(viewer.userId, lesson.courseId);
  }
  return { ...row, courseCompleted };
}

/** The rules of `applyVideoWrite` (lib/learning/rules.ts) as one upsert on the locked row. */
function videoUpsert(
  userId: string,
  lesson: { id: string; courseId: string },
  duration: number | null,
  input: { position: number; watchedDelta: number },
): Prisma.Sql {
  const rate = VIDEO_RULES.maxRate;
  const claimed = duration === null ? 0 : Math.round(Math.min(input.watchedDelta, VIDEO_RULES.maxDeltaSeconds));
  const position = Math.max(0, Math.min(duration ?? VIDEO_RULES.maxDurationSeconds, Math.round(input.position)));
  const threshold = duration === null ? null : doneThreshold(duration);
  // The first write: the credit clock starts `slack` seconds back.
  const firstCredit = creditedSeconds(null, input.watchedDelta, duration, 0);
  const firstDone = duration !== null && firstCredit >= threshold!;
  // Later writes: what the client claims, at most what the clock allows, never past the duration.
  const credit = Prisma.sql`GREATEST(0, LEAST(
      ${claimed}::int,
      FLOOR(GREATEST(0, EXTRACT(EPOCH FROM (${NOW} - p."updatedAt"))) * ${rate}::float8)::int,
      COALESCE(${duration}::int, 0) - p."watchedSeconds"))`;
  return Prisma.sql`
    INSERT INTO "LessonProgress" AS p ("userId", "lessonId", "courseId", "positionSeconds", "watchedSeconds", "doneAt", "updatedAt")
    VALUES (${userId}::uuid, ${lesson.id}::uuid, ${lesson.courseId}::uuid, ${position}::int, ${firstCredit}::int,
            CASE WHEN ${firstDone}::boolean THEN ${NOW} END,
            ${NOW} - ${SLACK} + make_interval(secs => ${firstCredit / rate}::float8))
    ON CONFLICT ("userId", "lessonId") DO UPDATE SET
      "positionSeconds" = ${position}::int,
      "watchedSeconds" = p."watchedSeconds" + ${credit},
      "doneAt" = COALESCE(p."doneAt",
        CASE WHEN ${threshold}::int IS NOT NULL AND p."watchedSeconds" + ${credit} >= ${threshold}::int THEN ${NOW} END),
      "updatedAt" = GREATEST(p."updatedAt" + make_interval(secs => ${credit}::float8 / ${rate}::float8), ${NOW} - ${SLACK})
    RETURNING "positionSeconds", "watchedSeconds", "doneAt", ("doneAt" IS NOT NULL AND "doneAt" = ${NOW}) AS "justDone"`;
}
