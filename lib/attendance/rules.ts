// When a session's QR check-in is open and what a check-in records
// (docs/decisions/072-attendance-and-calendar.md). Pure, for tests.

/** The QR code works from this long before the start… */
export const OPENS_BEFORE_MS = 15 * 60_000;
/** …and a learner who checks in more than this long after the start is LATE. */
export const LATE_AFTER_MS = 15 * 60_000;

/** Is the session running (for check-in) at `now`: from 15 minutes before its start to its end. */
export function checkInOpen(session: { startsAt: Date; endsAt: Date }, now: Date): boolean {
  const t = now.getTime();
  return t >= session.startsAt.getTime() - OPENS_BEFORE_MS && t <= session.endsAt.getTime();
}

/** PRESENT up to 15 minutes after the start (inclusive), LATE after that. */
export function checkInStatus(session: { startsAt: Date }, now: Date): "PRESENT" | "LATE" {
  return now.getTime() > session.startsAt.getTime() + LATE_AFTER_MS ? "LATE" : "PRESENT";
}

/** Enrolments whose learner is on the roster and may check in. */
export const ROSTER_STATUSES = ["ACTIVE", "COMPLETED"] as const;
