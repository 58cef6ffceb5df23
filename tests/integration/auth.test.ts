import { describe, expect, it, vi } from "vitest";
import { authorizeCredentials } from "@/lib/auth/options";
import { THROTTLE, accountKey, ipKey, pairKey } from "@/lib/auth/throttle";
import { endSessions } from "@/lib/auth/sign-out";
import { loadViewer, viewerOfSession } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { TEST_PASSWORD, makeProvince, makeUser, uniq } from "@/lib/testing/factories";

/** Counts the passwords actually evaluated (the real argon2 check runs; only the count is added). */
const evaluations = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...real,
    verifyPassword: (...args: Parameters<typeof real.verifyPassword>) => {
      evaluations.count++;
      return real.verifyPassword(...args);
    },
  };
});

const signIn = (email: string, password: string, ip: string | null = null) =>
  authorizeCredentials({ email, password }, ip).then(
    (u) => ({ ok: true as const, id: u.id }),
    (e: Error) => ({ ok: false as const, error: e.message }),
  );

/** A fresh documentation-range IP per test, so tests do not share IP counters. */
const ip = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${uniq()}`;

describe("sign-in", () => {
  it("accepts the right password (e-mail case and spaces ignored) and records the sign-in", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    const result = await signIn(`  ${user.email.toUpperCase()} `, TEST_PASSWORD);
    expect(result).toEqual({ ok: true, id: user.id });
    expect(await db().auditEvent.count({ where: { actorId: user.id, action: "auth.signIn" } })).toBe(1);
  });

  it("refuses a wrong password, an unknown account and empty fields with codes the form understands", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    expect(await signIn(user.email, "sai-mat-khau")).toEqual({ ok: false, error: "WRONG_CREDENTIALS" });
    expect(await signIn(`khong.co.${uniq()}@test.taphuan.vn`, "x")).toEqual({ ok: false, error: "WRONG_CREDENTIALS" });
    expect(await signIn("", "")).toEqual({ ok: false, error: "REQUIRED" });
    expect(await signIn(user.email, "")).toEqual({ ok: false, error: "REQUIRED" });
    expect(await db().auditEvent.count({ where: { entityId: user.id, action: "auth.signInFailed" } })).toBe(1);
  });

  it("tells a deactivated account so, but only once the password is right", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id, active: false });
    expect(await signIn(user.email, "sai")).toEqual({ ok: false, error: "WRONG_CREDENTIALS" });
    expect(await signIn(user.email, TEST_PASSWORD)).toEqual({ ok: false, error: "INACTIVE" });
  });

  it("slows down, then locks the account from that address after repeated failures, even for the right password", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    const address = ip();
    for (let i = 0; i < THROTTLE.freeFailures; i++) {
      expect(await signIn(user.email, `sai-${i}`, address)).toEqual({ ok: false, error: "WRONG_CREDENTIALS" });
    }
    // The next failure imposes a wait, said with the refusal itself; during it even the right
    // password is refused, and the wait is said again on every refused attempt.
    expect(await signIn(user.email, "sai-nua", address)).toEqual({ ok: false, error: "WRONG_CREDENTIALS:2" });
    for (let i = 0; i < 3; i++) {
      const waiting = await signIn(user.email, TEST_PASSWORD, address);
      expect(!waiting.ok && waiting.error).toMatch(/^LOCKED:[12]$/);
    }

    // Reaching the lock threshold locks for the full period.
    await db().loginThrottle.update({
      where: { key: pairKey(user.email, address) },
      data: { failures: THROTTLE.lockAt - 1, lockedUntil: null },
    });
    const last = await signIn(user.email, "sai-lan-cuoi", address);
    expect(!last.ok && Number(last.error.split(":")[1])).toBeGreaterThan(14 * 60);
    const locked = await signIn(user.email, TEST_PASSWORD, address);
    expect(!locked.ok && Number(locked.error.split(":")[1])).toBeGreaterThan(14 * 60);
    // From another address the owner signs in.
    expect(await signIn(user.email, TEST_PASSWORD, ip())).toEqual({ ok: true, id: user.id });
  });

  it("counts each attempt before checking the password: of 20 parallel guesses, at most 5 are evaluated", async () => {
    // Wrong-then-right: the right password comes last, while the others are still being checked.
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    const address = ip();
    evaluations.count = 0;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(user.email, i === 19 ? TEST_PASSWORD : `doan-${i}`, address)));
    // The passwords actually checked, not only the answers given.
    expect(evaluations.count).toBeLessThanOrEqual(THROTTLE.freeFailures + 1);
    const evaluated = results.filter((r) => r.ok || r.error.startsWith("WRONG_CREDENTIALS"));
    const refused = results.filter((r) => !r.ok && r.error.startsWith("LOCKED:"));
    expect(evaluated.length).toBeLessThanOrEqual(THROTTLE.freeFailures + 1);
    expect(evaluated.length + refused.length).toBe(20);
    expect(await db().auditEvent.count({ where: { entityId: user.id, action: "auth.signInFailed" } })).toBe(evaluated.filter((r) => !r.ok).length);
    // Every refused attempt says how long to wait; the counter holds exactly what was evaluated.
    for (const r of refused) expect(!r.ok && Number(r.error.split(":")[1])).toBeGreaterThanOrEqual(1);
    if (!results[19]!.ok) {
      const pair = await db().loginThrottle.findUniqueOrThrow({ where: { key: pairKey(user.email, address) } });
      expect(pair.failures).toBe(evaluated.length);
      expect(pair.lockedUntil).not.toBeNull();
    }
  });

  it("a stranger failing from many addresses cannot lock an admin out of their own address", async () => {
    const p = await makeProvince();
    const admin = await makeUser({ unitId: p.agency.id, grants: [{ role: "PROVINCE_ADMIN", unitId: p.province.id }] });
    const email = admin.email;
    // 40 addresses, one guess each (each new address's first guess is evaluated)…
    for (let i = 0; i < 40; i++) await signIn(email, `doan-${i}`, ip());
    const account = await db().loginThrottle.findUniqueOrThrow({ where: { key: accountKey(email) } });
    expect(account.failures).toBe(40);
    // …the account-wide wait has a ceiling, and binds only an address that has failed itself.
    expect(account.lockedUntil!.getTime() - Date.now()).toBeLessThanOrEqual(THROTTLE.accountCeilingMs);
    const home = ip();
    expect(await signIn(email, TEST_PASSWORD, home)).toEqual({ ok: true, id: admin.id });
    // A stranger locked out from their address stays locked after the owner signs in, and the
    // owner signs in from elsewhere all the same.
    const stranger = ip();
    await signIn(email, "doan", stranger);
    await db().loginThrottle.update({ where: { key: pairKey(email, stranger) }, data: { failures: THROTTLE.lockAt - 1, lockedUntil: null } });
    await signIn(email, "doan-lan-cuoi", stranger); // the 10th: locked for the full period
    const locked = await signIn(email, TEST_PASSWORD, stranger);
    expect(!locked.ok && locked.error).toMatch(/^LOCKED:\d+$/);
    expect(await signIn(email, TEST_PASSWORD, home)).toEqual({ ok: true, id: admin.id });
    const still = await signIn(email, TEST_PASSWORD, stranger);
    expect(!still.ok && still.error).toMatch(/^LOCKED:\d+$/);
  });

  it("also throttles one IP trying many accounts", async () => {
    const p = await makeProvince();
    const address = ip();
    const n = (THROTTLE.freeFailures + 1) * THROTTLE.ipScale;
    for (let i = 0; i < n; i++) await signIn(`nobody.${uniq()}@test.taphuan.vn`, "x", address);
    const row = await db().loginThrottle.findUniqueOrThrow({ where: { key: ipKey(address) } });
    expect(row.failures).toBe(n);
    const user = await makeUser({ unitId: p.communeA.id });
    const result = await signIn(user.email, TEST_PASSWORD, address);
    expect(!result.ok && result.error).toMatch(/^LOCKED:/);
    // From another address the same account is fine.
    expect(await signIn(user.email, TEST_PASSWORD, ip())).toEqual({ ok: true, id: user.id });
  });

  it("a successful sign-in clears the account's failures and gives back the address's count", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    const address = ip();
    await signIn(user.email, "sai", address);
    await signIn(user.email, "sai", address);
    expect(await signIn(user.email, TEST_PASSWORD, address)).toEqual({ ok: true, id: user.id });
    expect(await db().loginThrottle.findUnique({ where: { key: accountKey(user.email) } })).toBeNull();
    expect(await db().loginThrottle.findUnique({ where: { key: pairKey(user.email, address) } })).toBeNull();
    expect((await db().loginThrottle.findUniqueOrThrow({ where: { key: ipKey(address) } })).failures).toBe(2);
  });
});

describe("sessions", () => {
  it("end when the account is deactivated or its session version is raised", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    expect(await loadViewer(user.id, 0)).not.toBeNull();
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: 1 } });
    expect(await loadViewer(user.id, 0)).toBeNull();
    expect(await loadViewer(user.id, 1)).not.toBeNull();
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await loadViewer(user.id, 1)).toBeNull();
  });

  it("refuse a token without a session version", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    expect(await viewerOfSession({ userId: user.id })).toBeNull();
    expect(await viewerOfSession({ userId: user.id, sv: "0" })).toBeNull();
    expect((await viewerOfSession({ userId: user.id, sv: 0 }))?.userId).toBe(user.id);
  });

  it("end on the server at sign-out: the old token, replayed, yields no viewer; a stale one signs nobody out", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    const signedIn = await authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, ip());
    expect(await endSessions(user.id, signedIn.sv)).toBe(true);
    expect(await viewerOfSession({ userId: user.id, sv: signedIn.sv })).toBeNull();
    const again = await authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, ip());
    expect(again.sv).toBe(signedIn.sv + 1);
    expect(await endSessions(user.id, signedIn.sv)).toBe(false); // the old token cannot end the new session
    expect(await viewerOfSession({ userId: user.id, sv: again.sv })).not.toBeNull();
  });
});
