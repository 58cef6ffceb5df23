/**
 * Retry schedule of mail delivery (lib/mail/sender.ts): after failed attempt n the mail waits
 * `RETRY_DELAY_MIN[n - 1]` minutes — 1 min, 5 min, 15 min, 1 h, 3 h, 6 h, 12 h — counted from the
 * failure, so a sender that was down for a day does not retry back-to-back when it comes back.
 * The length plus one is the number of attempts before a mail is given up (≈ 22 h in all).
 */
export const RETRY_DELAY_MIN = [1, 5, 15, 60, 180, 360, 720] as const;
export const MAX_ATTEMPTS = RETRY_DELAY_MIN.length + 1;

/** When a mail that has now failed `attempts` times may be tried again; null when it is given up. Pure. */
export function nextAttemptAfter(failedAt: Date, attempts: number): Date | null {
  const minutes = RETRY_DELAY_MIN[attempts - 1];
  return minutes === undefined ? null : new Date(failedAt.getTime() + minutes * 60_000);
}
