/**
 * Retry schedule of mail delivery (lib/mail/sender.ts): minutes after queueing at which attempt
 * n+1 is due — 1 min, 6 min, 21 min, 81 min, 4 h 21, 10 h 21, ≈ 22 h; the length is the number
 * of attempts before a mail is given up. Counted from `createdAt` because the outbox row has no
 * "next attempt" column; a sender that was down catches up with back-to-back attempts.
 */
export const RETRY_SCHEDULE_MIN = [0, 1, 6, 21, 81, 261, 621, 1341] as const;
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MIN.length;

/** When a mail with `attempts` failed attempts may be tried again; null when it is given up. Pure. */
export function nextAttemptAt(createdAt: Date, attempts: number): Date | null {
  const minutes = RETRY_SCHEDULE_MIN[attempts];
  return minutes === undefined ? null : new Date(createdAt.getTime() + minutes * 60_000);
}
