import { can, type Viewer } from "@/lib/auth/viewer";
import type { Prisma, PrismaClient } from "@/lib/db";
import { notFound } from "@/lib/errors";

// Who takes attendance for a session (docs/decisions/072-attendance-and-calendar.md): the
// session's own trainer, or an admin with class:manage on the class's organising unit. Anyone
// else — another trainer, a learner, an admin of another province — is told "not found".

type Reader = PrismaClient | Prisma.TransactionClient;

export type AttendanceSession = {
  id: string;
  classId: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  onlineUrl: string | null;
  trainerId: string | null;
  class: { id: string; code: string; title: string; unitId: string; status: "OPEN" | "CANCELLED" };
};

const SESSION_SELECT = {
  id: true,
  classId: true,
  startsAt: true,
  endsAt: true,
  place: true,
  onlineUrl: true,
  trainerId: true,
  class: { select: { id: true, code: true, title: true, unitId: true, status: true } },
} as const;

/** May this viewer take attendance for this (already read) session? */
export function canTakeAttendance(viewer: Viewer, session: { trainerId: string | null; class: { unitId: string } }): boolean {
  return session.trainerId === viewer.userId || can(viewer, "class:manage", session.class.unitId);
}

/** The session, when the viewer may take its attendance; NOT_FOUND otherwise (no existence leak). */
export async function sessionForAttendance(reader: Reader, viewer: Viewer, sessionId: string): Promise<AttendanceSession> {
  const session = await reader.classSession.findUnique({ where: { id: sessionId }, select: SESSION_SELECT });
  if (!session || !canTakeAttendance(viewer, session)) throw notFound();
  return session;
}

/** The session as stored, for check-in, which is authorised by the QR token and the enrolment instead. */
export async function unsafeSessionForCheckIn(reader: Reader, sessionId: string): Promise<AttendanceSession | null> {
  return reader.classSession.findUnique({ where: { id: sessionId }, select: SESSION_SELECT });
}
