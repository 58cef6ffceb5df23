import type { Db } from "@/lib/db";

/**
 * Sign-in throttling (ASVS 6.1.1, 6.3.1): failures are counted per account and per client IP.
 * After a few free failures each attempt must wait longer (2 s, 4 s, … 32 s); at `lockAt` the
 * key is locked for 15 minutes. Counters reset after a quiet window or a successful sign-in.
 */
export const THROTTLE = {
  freeFailures: 4,
  lockAt: 10,
  lockMs: 15 * 60_000,
  windowMs: 15 * 60_000,
  /** An IP is shared by a whole office (NAT), so it gets proportionally more room. */
  ipScale: 5,
} as const;

/** How long a key must rest after its `failures`-th failure. Pure, for tests. */
export function backoffMs(failures: number, scale = 1): number {
  const n = Math.floor(failures / scale);
  if (n >= THROTTLE.lockAt) return THROTTLE.lockMs;
  if (n <= THROTTLE.freeFailures) return 0;
  return 2 ** (n - THROTTLE.freeFailures) * 1000;
}

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

type Key = { key: string; scale: number };
export function throttleKeys(email: string, ip: string | null): Key[] {
  const keys = [{ key: accountKey(email), scale: 1 }];
  if (ip) keys.push({ key: ipKey(ip), scale: THROTTLE.ipScale });
  return keys;
}

/** Milliseconds the caller must still wait before trying, 0 when allowed. */
export async function throttleWait(db: Db, keys: Key[], now = new Date()): Promise<number> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  let wait = 0;
  for (const row of rows) {
    if (row.lockedUntil && row.lockedUntil > now) {
      wait = Math.max(wait, row.lockedUntil.getTime() - now.getTime());
    }
  }
  return wait;
}

/** Counts one failure on every key atomically and sets their rest period. */
export async function recordFailure(db: Db, keys: Key[], now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs);
  for (const { key, scale } of keys) {
    const [row] = await db.$queryRaw<{ failures: number }[]>`
      INSERT INTO "LoginThrottle" ("key", "failures", "lastFailure")
      VALUES (${key}, 1, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "LoginThrottle"."lastFailure" < ${windowStart}
                          THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
        "lastFailure" = ${now}
      RETURNING "failures"`;
    const rest = backoffMs(row?.failures ?? 1, scale);
    if (rest > 0) {
      await db.loginThrottle.update({
        where: { key },
        data: { lockedUntil: new Date(now.getTime() + rest) },
      });
    }
  }
}

export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: accountKey(email) } });
}
