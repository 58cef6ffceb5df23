import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { db, type Prisma, transaction } from "@/lib/db";
import type { AttendanceMethod, AttendanceStatus } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { sessionForAttendance, unsafeSessionForCheckIn, type AttendanceSession } from "./access";
import { checkInOpen, checkInStatus, ROSTER_STATUSES } from "./rules";
import { MAX_MARKS, type MarkEntry } from "./schemas";
import { checkInKey, isValidToken, REFRESH_SECONDS, stepOf, STEP_SECONDS, tokenFor } from "./token";

// Attendance writes (docs/decisions/072-attendance-and-calendar.md). Both the roster and the QR
// check-in lock the session row (FOR NO KEY UPDATE) first, so two saves of one session, or a save
// and a scan, run one after the other and each sees the other's result.

type Tx = Prisma.TransactionClient;

async function lockSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "ClassSession" WHERE "id" = ${sessionId}::uuid FOR NO KEY UPDATE`;
}

function assertOpenClass(session: AttendanceSession): void {
  if (session.class.status === "CANCELLED") throw new AppError("CONFLICT", "attendance.classCancelled");
}

/** The learners of a class who may be on its roster, among `userIds`. */
async function enrolledAmong(tx: Tx, classId: string, userIds: string[]): Promise<Set<string>> {
  const rows = await tx.enrolment.findMany({
    where: { classId, userId: { in: userIds }, status: { in: [...ROSTER_STATUSES] } },
    select: { userId: true },
  });
  return new Set(rows.map((r) => r.userId));
}

export type MarkResult = { changed: number };

/**
 * The trainer's roster save: sets each listed learner's state (method ROSTER). Only learners
 * enrolled in this session's class (ACTIVE or COMPLETED) may be listed; any other id refuses the
 * whole save, nothing written. A line whose state is already the stored one is left as it is
 * (with its method and time), so saving twice changes nothing and records nothing.
 */
export async function markAttendance(viewer: Viewer, sessionId: string, entries: readonly MarkEntry[]): Promise<MarkResult> {
  if (entries.length > MAX_MARKS) throw new AppError("VALIDATION", "attendance.invalid");
  const wanted = new Map<string, AttendanceStatus>();
  for (const e of entries) wanted.set(e.userId, e.status);
  return transaction(async (tx) => {
    const session = await sessionForAttendance(tx, viewer, sessionId);
    assertOpenClass(session);
    await lockSession(tx, sessionId);
    const ids = [...wanted.keys()];
    const enrolled = await enrolledAmong(tx, session.classId, ids);
    if (ids.some((id) => !enrolled.has(id))) throw new AppError("VALIDATION", "attendance.notOnRoster");

    const existing = await tx.attendance.findMany({ where: { sessionId, userId: { in: ids } }, select: { userId: true, status: true, method: true } });
    const before = new Map(existing.map((a) => [a.userId, a]));
    const changes: { userId: string; before: { status: AttendanceStatus; method: AttendanceMethod } | null; after: AttendanceStatus }[] = [];
    const now = new Date();
    for (const [userId, status] of wanted) {
      const old = before.get(userId);
      if (old?.status === status) continue;
      await tx.attendance.upsert({
        where: { sessionId_userId: { sessionId, userId } },
        create: { sessionId, userId, status, method: "ROSTER", markedAt: now, markedById: viewer.userId },
        update: { status, method: "ROSTER", markedAt: now, markedById: viewer.userId },
      });
      changes.push({ userId, before: old ? { status: old.status, method: old.method } : null, after: status });
    }
    if (changes.length > 0) {
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "attendance.mark",
        entity: "ClassSession",
        entityId: sessionId,
        unitId: session.class.unitId,
        data: { classId: session.classId, changes },
      });
    }
    return { changed: changes.length };
  });
}

export type CheckInCode = {
  token: string;
  /** The path the QR code carries (the page adds the origin). */
  path: string;
  /** When the code stops working: the end of the step after this one. */
  validUntil: Date;
  refreshSeconds: number;
};

/** The path a check-in QR code opens. */
export function checkInPath(sessionId: string, token: string): string {
  return `/checkin/${sessionId}?t=${encodeURIComponent(token)}`;
}

/**
 * The code for the trainer's screen: only for those who may take the session's attendance, and
 * only while check-in is open (15 minutes before the start to the end) in a class not cancelled.
 */
export async function checkInToken(viewer: Viewer, sessionId: string, now: Date = new Date()): Promise<CheckInCode> {
  const session = await sessionForAttendance(db(), viewer, sessionId);
  assertOpenClass(session);
  if (!checkInOpen(session, now)) throw new AppError("CONFLICT", "attendance.qr.notRunning");
  const step = stepOf(now);
  const token = tokenFor(checkInKey(), sessionId, step);
  return {
    token,
    path: checkInPath(sessionId, token),
    validUntil: new Date((step + 2) * STEP_SECONDS * 1000),
    refreshSeconds: REFRESH_SECONDS,
  };
}

export type CheckInResult = {
  status: AttendanceStatus;
  /** The learner had already been recorded (a replayed code, or the trainer marked them first). */
  already: boolean;
  session: { id: string; startsAt: Date; endsAt: Date; classTitle: string; place: string };
};

/**
 * A learner's QR check-in. In order: the token (for this session, this step or the one before:
 * else VALIDATION "expired or not valid", which says nothing about the session), the session is
 * running, the class is not cancelled, the learner is enrolled (ACTIVE or COMPLETED). Records
 * PRESENT, or LATE more than 15 minutes after the start, method QR. A learner already recorded
 * keeps their record (a replayed code changes nothing), except ABSENT — a trainer who marked them
 * absent before they arrived — which the check-in replaces.
 */
export async function checkIn(viewer: Viewer, sessionId: string, token: string, now: Date = new Date()): Promise<CheckInResult> {
  if (!isValidToken(checkInKey(), sessionId, token, now)) throw new AppError("VALIDATION", "attendance.checkIn.invalid");
  return transaction(async (tx) => {
    const session = await unsafeSessionForCheckIn(tx, sessionId);
    if (!session) throw notFound();
    if (!checkInOpen(session, now)) throw new AppError("CONFLICT", "attendance.checkIn.notRunning");
    assertOpenClass(session);
    const enrolled = await enrolledAmong(tx, session.classId, [viewer.userId]);
    if (!enrolled.has(viewer.userId)) throw new AppError("FORBIDDEN", "attendance.checkIn.notEnrolled");
    await lockSession(tx, sessionId);

    const summary = { id: session.id, startsAt: session.startsAt, endsAt: session.endsAt, classTitle: session.class.title, place: session.place };
    const existing = await tx.attendance.findUnique({ where: { sessionId_userId: { sessionId, userId: viewer.userId } }, select: { status: true, method: true } });
    if (existing && existing.status !== "ABSENT") return { status: existing.status, already: true, session: summary };

    const status = checkInStatus(session, now);
    await tx.attendance.upsert({
      where: { sessionId_userId: { sessionId, userId: viewer.userId } },
      create: { sessionId, userId: viewer.userId, status, method: "QR", markedAt: now, markedById: viewer.userId },
      update: { status, method: "QR", markedAt: now, markedById: viewer.userId },
    });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "attendance.checkIn",
      entity: "ClassSession",
      entityId: sessionId,
      unitId: session.class.unitId,
      data: { classId: session.classId, before: existing ? { status: existing.status, method: existing.method } : null, after: status },
    });
    return { status, already: false, session: summary };
  });
}
