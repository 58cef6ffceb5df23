import { type Db, transaction } from "@/lib/db";

/**
 * Sign-in throttling (ASVS 6.1.1, 6.3.1; docs/decisions/024).
 *
 * Every attempt is counted as a failure *before* the password is checked, in one transaction that
 * locks the attempt's counters: parallel guesses queue on those rows, and once a wait applies the
 * next ones are refused without being evaluated. A right password then takes its count back.
 *
 * Three counters per attempt:
 * - the account from this address (`pair`): free failures, then doubling waits (2 s … 32 s), then
 *   a 15-minute lock. It stops the one guessing, and nobody else;
 * - the address (`ip`), across accounts: the same curve with more room (an office shares one NAT
 *   address);
 * - the account from every address (`account`): against guesses spread over many addresses. Its
 *   wait has a ceiling (`accountCeilingMs`) and applies only to an address that has itself failed
 *   on this account in the window: a stranger can never lock the owner (an admin included) out
 *   from the owner's own address, whatever they try from theirs.
 * Counters reset after a quiet window; a successful sign-in clears the account's counters.
 */
export const THROTTLE = {
  freeFailures: 4,
  lockAt: 10,
  lockMs: 15 * 60_000,
  windowMs: 15 * 60_000,
  /** An IP is shared by a whole office (NAT), so it gets proportionally more room. */
  ipScale: 5,
  /** Failures across addresses before the account-wide wait starts growing. */
  accountScale: 2,
  /** The longest the account-wide counter makes anyone wait: a slowdown, never a lock-out. */
  accountCeilingMs: 30_000,
} as const;

/** How long a key must rest after its `failures`-th failure. Pure, for tests. */
export function backoffMs(failures: number, scale = 1): number {
  const n = Math.floor(failures / scale);
  if (n >= THROTTLE.lockAt) return THROTTLE.lockMs;
  if (n <= THROTTLE.freeFailures) return 0;
  return 2 ** (n - THROTTLE.freeFailures) * 1000;
}

export type KeyKind = "pair" | "ip" | "account";
export type Key = { key: string; scale: number; kind: KeyKind };

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;
/** The account from one address; an unknown address is one address of its own. */
export const pairKey = (email: string, ip: string | null) => `pair:${email.toLowerCase()}|${ip ?? "unknown"}`;

export function throttleKeys(email: string, ip: string | null): Key[] {
  const keys: Key[] = [
    { key: pairKey(email, ip), scale: 1, kind: "pair" },
    { key: accountKey(email), scale: THROTTLE.accountScale, kind: "account" },
  ];
  if (ip) keys.push({ key: ipKey(ip), scale: THROTTLE.ipScale, kind: "ip" });
  return keys;
}

/** The rest a key imposes after its `failures`-th failure. */
function restMs(key: Key, failures: number): number {
  const rest = backoffMs(failures, key.scale);
  return key.kind === "account" ? Math.min(rest, THROTTLE.accountCeilingMs) : rest;
}

type Row = { key: string; failures: number; lastFailure: Date; lockedUntil: Date | null };

export type Attempt =
  /** Evaluate the password; `restIfWrong` is the wait that applies if it is wrong (0: none). */
  | { allowed: true; restIfWrong: number }
  /** Refused without evaluating anything; `waitMs` is how long to wait. */
  | { allowed: false; waitMs: number };

/**
 * Claims one attempt for these keys: refused while any of them imposes a wait, otherwise counted
 * as a failure in advance (the caller takes it back with `attemptSucceeded`). One transaction,
 * rows locked in key order, so concurrent attempts are serialised and cannot deadlock.
 */
export async function claimAttempt(keys: Key[], now = new Date()): Promise<Attempt> {
  const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs);
  return transaction(async (tx) => {
    for (const { key } of sorted) {
      await tx.$executeRaw`INSERT INTO "LoginThrottle" ("key", "failures", "lastFailure") VALUES (${key}, 0, ${now}) ON CONFLICT ("key") DO NOTHING`;
    }
    const rows = await tx.$queryRaw<Row[]>`
      SELECT "key", "failures", "lastFailure", "lockedUntil" FROM "LoginThrottle"
      WHERE "key" = ANY(${sorted.map((k) => k.key)}::text[]) ORDER BY "key" FOR UPDATE`;
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const current = (r: Row | undefined) => (!r || r.lastFailure < windowStart ? 0 : r.failures);
    const pair = sorted.find((k) => k.kind === "pair");
    const pairFailed = pair ? current(byKey.get(pair.key)) > 0 : true;

    let wait = 0;
    for (const k of sorted) {
      // The account-wide wait binds only an address that has failed on this account itself.
      if (k.kind === "account" && !pairFailed) continue;
      const until = byKey.get(k.key)?.lockedUntil;
      if (until && until > now) wait = Math.max(wait, until.getTime() - now.getTime());
    }
    if (wait > 0) return { allowed: false as const, waitMs: wait };

    let restIfWrong = 0;
    for (const k of sorted) {
      const failures = current(byKey.get(k.key)) + 1;
      const rest = restMs(k, failures);
      restIfWrong = Math.max(restIfWrong, rest);
      await tx.$executeRaw`
        UPDATE "LoginThrottle" SET "failures" = ${failures}, "lastFailure" = ${now},
          "lockedUntil" = ${rest > 0 ? new Date(now.getTime() + rest) : null}
        WHERE "key" = ${k.key}`;
    }
    return { allowed: true as const, restIfWrong };
  });
}

/**
 * The password was right: the account's counters from this address and from all addresses are
 * cleared, and the address gives back the failure counted in advance. Other addresses keep their
 * own counts: the owner signing in does not lift a stranger's wait.
 */
export async function attemptSucceeded(client: Db, email: string, keys: Key[]): Promise<void> {
  const own = keys.filter((k) => k.kind !== "ip").map((k) => k.key);
  await client.$executeRaw`DELETE FROM "LoginThrottle" WHERE "key" = ANY(${own}::text[])`;
  for (const k of keys) {
    if (k.kind !== "ip") continue;
    const free = (THROTTLE.freeFailures + 1) * k.scale; // below this count the key imposes no wait
    await client.$executeRaw`
      UPDATE "LoginThrottle" SET "failures" = GREATEST("failures" - 1, 0),
        "lockedUntil" = CASE WHEN "failures" - 1 < ${free} THEN NULL ELSE "lockedUntil" END
      WHERE "key" = ${k.key}`;
  }
}

/** Every sign-in counter of the account, from any address (a right password, a reset link). */
export async function clearFailures(client: Db, email: string): Promise<void> {
  const prefix = `pair:${email.toLowerCase()}|`;
  await client.$executeRaw`
    DELETE FROM "LoginThrottle"
    WHERE "key" = ${accountKey(email)} OR left("key", ${prefix.length}) = ${prefix}`;
}
