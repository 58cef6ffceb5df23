import { recordAudit } from "@/lib/audit/record";
import { db, Prisma, transaction } from "@/lib/db";

/**
 * Lesson done and course completion (docs/decisions/062-learning-progress.md), shared by the
 * learner's own writes (lib/learning/progress.ts) and by quiz outcomes (lib/quizzes/attempts):
 * one place decides when an enrolment is COMPLETED. `unsafe`: the callers have checked that
 * `userId` studies the course (progress: the viewer's own access; quizzes: the attempt's owner).
 */

/** The database's clock, at the precision of the timestamp(3) columns, in UTC like Prisma's own writes. */
export const DB_NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')::timestamp(3)`;

export type DoneRow = { positionSeconds: number; watchedSeconds: number; doneAt: Date | null; justDone: boolean };

/**
 * Marks a lesson done for a learner: one upsert; `doneAt` is set once and never moves. Returns the
 * row, `justDone` when this very call set it.
 */
export async function unsafeMarkLessonDone(userId: string, lesson: { id: string; courseId: string }): Promise<DoneRow> {
  const rows = await db().$queryRaw<DoneRow[]>`
    INSERT INTO "LessonProgress" AS p ("userId", "lessonId", "courseId", "doneAt", "updatedAt")
    VALUES (${userId}::uuid, ${lesson.id}::uuid, ${lesson.courseId}::uuid, ${DB_NOW}, ${DB_NOW})
    ON CONFLICT ("userId", "lessonId") DO UPDATE SET "doneAt" = ${DB_NOW}, "updatedAt" = ${DB_NOW}
      WHERE p."doneAt" IS NULL
    RETURNING "positionSeconds", "watchedSeconds", "doneAt", true AS "justDone"`;
  if (rows[0]) return rows[0];
  // Already done: nothing changed (the same request twice is the same result).
  const row = await db().lessonProgress.findUniqueOrThrow({
    where: { userId_lessonId: { userId, lessonId: lesson.id } },
    select: { positionSeconds: true, watchedSeconds: true, doneAt: true },
  });
  return { ...row, justDone: false };
}

/**
 * Marks the learner's enrolment COMPLETED when every lesson of the course is done. The status
 * condition makes it happen once, whatever the number of concurrent callers; audited with the
 * learner as the actor. Run it after the progress row is committed (its own transaction), so that
 * two last lessons finished at once by two requests see each other.
 */
export async function unsafeCompleteEnrolmentIfAllDone(userId: string, courseId: string): Promise<boolean> {
  return transaction(async (tx) => {
    const done = await tx.$queryRaw<{ id: string; unitId: string; completedAt: Date }[]>`
      UPDATE "Enrolment" e SET "status" = 'COMPLETED', "completedAt" = ${DB_NOW}, "updatedAt" = ${DB_NOW}
      WHERE e."userId" = ${userId}::uuid AND e."courseId" = ${courseId}::uuid AND e."status" = 'ACTIVE'
        AND EXISTS (SELECT 1 FROM "Lesson" l WHERE l."courseId" = ${courseId}::uuid)
        AND NOT EXISTS (
          SELECT 1 FROM "Lesson" l
          WHERE l."courseId" = ${courseId}::uuid
            AND NOT EXISTS (
              SELECT 1 FROM "LessonProgress" lp
              WHERE lp."userId" = ${userId}::uuid AND lp."lessonId" = l."id" AND lp."doneAt" IS NOT NULL))
      RETURNING e."id", e."unitId", e."completedAt"`;
    const enrolment = done[0];
    if (!enrolment) return false;
    await recordAudit(tx, {
      actorId: userId,
      action: "enrolment.complete",
      entity: "Enrolment",
      entityId: enrolment.id,
      unitId: enrolment.unitId,
      data: { courseId, before: { status: "ACTIVE" }, after: { status: "COMPLETED", completedAt: enrolment.completedAt.toISOString() } },
    });
    return true;
  });
}
