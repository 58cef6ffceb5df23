import type { Db } from "@/lib/db";

/**
 * Limits on "forgot password" requests (ASVS 2.4.1, 6.3.1), counted in the LoginThrottle table
 * under their own key prefixes so they never touch sign-in counters ("account:", "ip:").
 * For these keys `failures` counts requests and `lastFailure` holds the start of a fixed window.
 * - per address: at most 3 links an hour; more requests are answered as usual but send nothing
 *   (the answer must not differ, or it would tell which addresses exist);
 * - per client IP: at most 20 requests an hour (an office shares one address), then refused.
 */
export const RESET_LIMITS = { perEmail: 3, perIp: 20, windowMs: 60 * 60_000 } as const;

export const resetEmailKey = (email: string) => `reset-email:${email.toLowerCase()}`;
export const resetIpKey = (ip: string) => `reset-ip:${ip}`;

/** Counts one request on the key atomically; returns the count in the current window, this one included. */
export async function countResetRequest(db: Db, key: string, now = new Date()): Promise<number> {
  const windowStart = new Date(now.getTime() - RESET_LIMITS.windowMs);
  const [row] = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO "LoginThrottle" ("key", "failures", "lastFailure")
    VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "LoginThrottle"."lastFailure" <= ${windowStart}
                        THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
      "lastFailure" = CASE WHEN "LoginThrottle"."lastFailure" <= ${windowStart}
                           THEN ${now} ELSE "LoginThrottle"."lastFailure" END
    RETURNING "failures"`;
  return row?.failures ?? 1;
}
