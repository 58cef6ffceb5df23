import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { db, transaction } from "@/lib/db";
import type { EnrolmentStatus } from "@/lib/db/generated/enums";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { ENDED, courseAccess } from "./access";

/**
 * Self-enrolment (ghi danh) in a self-study course open to the viewer. Idempotent: enrolling
 * again while enrolled changes nothing and is not an error (a double click); after a withdrawal
 * the same row comes back to ACTIVE (one row per person and course). The row keeps the learner's
 * unit at this moment (`unitId`), which later moves and merges do not rewrite.
 */
export async function selfEnrol(viewer: Viewer, courseId: string): Promise<{ changed: boolean; enrolmentId: string }> {
  const access = await courseAccess(viewer, courseId);
  if (access.enrolment && !ENDED.includes(access.enrolment.status)) return { changed: false, enrolmentId: access.enrolment.id };
  if (!access.open) throw notFound();
  if (!access.course.selfEnrol) throw new AppError("FORBIDDEN", "courses.notSelfEnrol");
  const run = () =>
    transaction(async (tx) => {
      // The person's row is locked: two clicks at once enrol once, and a concurrent move is seen.
      const me = await tx.$queryRaw<{ unitId: string }[]>`SELECT "unitId"::text AS "unitId" FROM "User" WHERE "id" = ${viewer.userId}::uuid FOR UPDATE`;
      const unitId = me[0]?.unitId;
      if (!unitId) throw notFound();
      const existing = await tx.enrolment.findUnique({ where: { userId_courseId: { userId: viewer.userId, courseId } } });
      if (existing && !ENDED.includes(existing.status)) return { changed: false, enrolmentId: existing.id };
      // Reused after a withdrawal or a refused nomination: now self-study, out of any class.
      const enrolment = existing
        ? await tx.enrolment.update({
            where: { id: existing.id },
            data: {
              status: "ACTIVE",
              unitId,
              withdrawnAt: null,
              enrolledAt: new Date(),
              completedAt: null,
              classId: null,
              quotaUnitId: null,
              nominatedById: null,
              waitlistedAt: null,
              decidedAt: null,
              decidedById: null,
            },
          })
        : await tx.enrolment.create({ data: { userId: viewer.userId, courseId, unitId } });
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: existing ? "enrolment.reenrol" : "enrolment.selfEnrol",
        entity: "Enrolment",
        entityId: enrolment.id,
        unitId,
        data: { after: { courseId, status: "ACTIVE", unitId } },
      });
      return { changed: true, enrolmentId: enrolment.id };
    });
  try {
    return await run();
  } catch (e) {
    // Two first enrolments at once: the unique (userId, courseId) index stops the second, which
    // then sees the first's row.
    if (isUniqueViolation(e)) return run();
    throw e;
  }
}

/**
 * Withdraws from a self-study course the viewer is ACTIVE in (a completed course stays
 * completed; a class seat is given back with `withdrawFromClass`, lib/classes/nomination.ts).
 * Withdrawing twice is not an error.
 */
export async function withdraw(viewer: Viewer, courseId: string): Promise<{ changed: boolean }> {
  const access = await courseAccess(viewer, courseId);
  if (!access.enrolment) throw notFound();
  if (ENDED.includes(access.enrolment.status)) return { changed: false };
  if (access.enrolment.status === "COMPLETED") throw new AppError("CONFLICT", "courses.completedCannotWithdraw");
  // A class seat is given back on the class's page, where the waiting list moves up.
  if (access.enrolment.classId) throw new AppError("CONFLICT", "courses.withdrawFromClass");
  if (!access.course.selfEnrol) throw new AppError("FORBIDDEN", "courses.notSelfEnrol");
  return transaction(async (tx) => {
    const { count } = await tx.enrolment.updateMany({
      where: { userId: viewer.userId, courseId, status: "ACTIVE", classId: null },
      data: { status: "WITHDRAWN", withdrawnAt: new Date() },
    });
    if (count === 0) return { changed: false };
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "enrolment.withdraw",
      entity: "Enrolment",
      entityId: access.enrolment!.id,
      unitId: viewer.unitId,
      data: { before: { status: "ACTIVE" }, after: { courseId, status: "WITHDRAWN" } },
    });
    return { changed: true };
  });
}

export type MyCourse = {
  courseId: string;
  title: string;
  code: string;
  hours: number;
  courseStatus: string;
  status: EnrolmentStatus;
  enrolledAt: Date;
  completedAt: Date | null;
  areaName: string;
  areaNameEn: string;
  /** Lessons in the course, and how many of them the viewer has finished. */
  lessons: number;
  lessonsDone: number;
};

/**
 * "Khóa học của tôi": the viewer's own enrolments, newest first. Withdrawn ones only with
 * `includeWithdrawn`; drafts never (a course taken back to draft is not shown to learners).
 */
export async function listMyCourses(viewer: Viewer, opts: { includeWithdrawn?: boolean } = {}): Promise<MyCourse[]> {
  const rows = await db().enrolment.findMany({
    where: {
      userId: viewer.userId,
      ...(opts.includeWithdrawn ? {} : { status: { not: "WITHDRAWN" } }),
      course: { status: { not: "DRAFT" } },
    },
    orderBy: [{ enrolledAt: "desc" }, { id: "asc" }],
    select: {
      status: true,
      enrolledAt: true,
      completedAt: true,
      course: { select: { id: true, title: true, code: true, hours: true, status: true, area: { select: { name: true, nameEn: true } } } },
    },
  });
  const ids = rows.map((r) => r.course.id);
  // The viewer's own progress in these courses, one grouped query.
  const counts = ids.length
    ? await db().$queryRaw<{ courseId: string; lessons: number; done: number }[]>`
        SELECT l."courseId", count(l."id")::int AS "lessons", count(p."doneAt")::int AS "done"
        FROM "Lesson" l
        LEFT JOIN "LessonProgress" p ON p."lessonId" = l."id" AND p."userId" = ${viewer.userId}::uuid
        WHERE l."courseId" = ANY(${ids}::uuid[])
        GROUP BY l."courseId"`
    : [];
  const countOf = new Map(counts.map((c) => [c.courseId, c]));
  return rows.map((r) => ({
    lessons: countOf.get(r.course.id)?.lessons ?? 0,
    lessonsDone: countOf.get(r.course.id)?.done ?? 0,
    courseId: r.course.id,
    title: r.course.title,
    code: r.course.code,
    hours: r.course.hours,
    courseStatus: r.course.status,
    status: r.status,
    enrolledAt: r.enrolledAt,
    completedAt: r.completedAt,
    areaName: r.course.area.name,
    areaNameEn: r.course.area.nameEn,
  }));
}
