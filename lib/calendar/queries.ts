import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { ClassStatus, EnrolmentStatus } from "@/lib/db/generated/enums";

// "My schedule" (docs/decisions/072-attendance-and-calendar.md): the sessions where a person is
// the trainer, or a learner enrolled in the class (ACTIVE, PENDING or COMPLETED). Scoped by the
// person, not by units: a schedule is one's own.

/** Enrolments that put a class in one's schedule (a pending nomination too: keep the date free). */
export const SCHEDULE_ENROLMENT_STATUSES = ["ACTIVE", "PENDING", "COMPLETED"] as const satisfies readonly EnrolmentStatus[];

export type ScheduleEntry = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  onlineUrl: string | null;
  createdAt: Date;
  /** The later of the session's and the class's last change. */
  updatedAt: Date;
  role: "trainer" | "learner";
  enrolmentStatus: EnrolmentStatus | null;
  trainerName: string | null;
  class: { id: string; code: string; title: string; status: ClassStatus; cancelReason: string | null; courseId: string };
};

/** Past sessions older than this are left out of the schedule and the calendar files. */
export const PAST_DAYS = 180;
export const MAX_ENTRIES = 500;

/**
 * The sessions of one person, in time order, from `PAST_DAYS` ago on. Not exported under a
 * viewer-less name on purpose: callers pass the viewer, or the feed's owner found by token.
 */
async function sessionsOfUser(userId: string, now: Date): Promise<ScheduleEntry[]> {
  const from = new Date(now.getTime() - PAST_DAYS * 86_400_000);
  const rows = await db().classSession.findMany({
    where: {
      endsAt: { gte: from },
      OR: [{ trainerId: userId }, { class: { enrolments: { some: { userId, status: { in: [...SCHEDULE_ENROLMENT_STATUSES] } } } } }],
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: MAX_ENTRIES,
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      place: true,
      onlineUrl: true,
      createdAt: true,
      updatedAt: true,
      trainerId: true,
      trainer: { select: { fullName: true } },
      class: {
        select: {
          id: true,
          code: true,
          title: true,
          status: true,
          cancelReason: true,
          courseId: true,
          updatedAt: true,
          enrolments: { where: { userId }, select: { status: true } },
        },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    place: r.place,
    onlineUrl: r.onlineUrl,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt > r.class.updatedAt ? r.updatedAt : r.class.updatedAt,
    role: r.trainerId === userId ? "trainer" : "learner",
    enrolmentStatus: r.class.enrolments[0]?.status ?? null,
    trainerName: r.trainer?.fullName ?? null,
    class: { id: r.class.id, code: r.class.code, title: r.class.title, status: r.class.status, cancelReason: r.class.cancelReason, courseId: r.class.courseId },
  }));
}

/** The viewer's own sessions (as trainer or learner). */
export async function mySchedule(viewer: Viewer, now: Date = new Date()): Promise<ScheduleEntry[]> {
  return sessionsOfUser(viewer.userId, now);
}

/**
 * Unsafe: the sessions of any user id, unscoped. Only for a calendar feed's owner, whom the caller
 * found by the feed token (`feedCalendar` in lib/calendar/http.ts, through `feedOwnerByToken`);
 * there is no viewer on a calendar app's request. Everything else calls `mySchedule`.
 */
export async function unsafeFeedOwnerSchedule(owner: { userId: string }, now: Date = new Date()): Promise<ScheduleEntry[]> {
  return sessionsOfUser(owner.userId, now);
}
