import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { AttendanceMethod, AttendanceStatus } from "@/lib/db/generated/enums";
import { sessionForAttendance, type AttendanceSession } from "./access";
import { ROSTER_STATUSES } from "./rules";
import { ATTENDANCE_STATUSES } from "./statuses";

export type RosterLine = {
  userId: string;
  fullName: string;
  unitName: string;
  status: AttendanceStatus | null;
  method: AttendanceMethod | null;
  markedAt: Date | null;
};

export type Roster = {
  session: AttendanceSession;
  learners: RosterLine[];
  counts: Record<AttendanceStatus | "UNMARKED", number>;
};

/** Vietnamese order: by given name (the last word), then the whole name. */
function byVietnameseName(a: { fullName: string }, b: { fullName: string }): number {
  const given = (s: string) => s.trim().split(/\s+/).at(-1) ?? s;
  return given(a.fullName).localeCompare(given(b.fullName), "vi") || a.fullName.localeCompare(b.fullName, "vi");
}

/**
 * The roster of a session: the class's enrolled learners (ACTIVE or COMPLETED) with what has
 * been recorded for each, and the counts per state. For the session's trainer and the class's
 * managers only (NOT_FOUND for anyone else).
 */
export async function roster(viewer: Viewer, sessionId: string): Promise<Roster> {
  const session = await sessionForAttendance(db(), viewer, sessionId);
  const [enrolments, marks] = await Promise.all([
    db().enrolment.findMany({
      where: { classId: session.classId, status: { in: [...ROSTER_STATUSES] } },
      select: { userId: true, user: { select: { fullName: true, unit: { select: { name: true } } } } },
    }),
    db().attendance.findMany({ where: { sessionId }, select: { userId: true, status: true, method: true, markedAt: true } }),
  ]);
  const markOf = new Map(marks.map((m) => [m.userId, m]));
  const learners = enrolments
    .map((e) => {
      const m = markOf.get(e.userId);
      return { userId: e.userId, fullName: e.user.fullName, unitName: e.user.unit.name, status: m?.status ?? null, method: m?.method ?? null, markedAt: m?.markedAt ?? null };
    })
    .sort(byVietnameseName);
  const counts = Object.fromEntries([...ATTENDANCE_STATUSES, "UNMARKED"].map((s) => [s, 0])) as Roster["counts"];
  for (const l of learners) counts[l.status ?? "UNMARKED"] += 1;
  return { session, learners, counts };
}

/** The viewer's own attendance at a session, for the page shown after a check-in; null when none. */
export async function ownAttendance(
  viewer: Viewer,
  sessionId: string,
): Promise<{ status: AttendanceStatus; method: AttendanceMethod; session: { startsAt: Date; endsAt: Date; classTitle: string } } | null> {
  const row = await db().attendance.findUnique({
    where: { sessionId_userId: { sessionId, userId: viewer.userId } },
    select: { status: true, method: true, session: { select: { startsAt: true, endsAt: true, class: { select: { title: true } } } } },
  });
  if (!row) return null;
  return { status: row.status, method: row.method, session: { startsAt: row.session.startsAt, endsAt: row.session.endsAt, classTitle: row.session.class.title } };
}
