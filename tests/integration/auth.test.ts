import { describe, expect, it } from "vitest";
import { authorizeCredentials } from "@/lib/auth/options";
import { THROTTLE, accountKey, ipKey } from "@/lib/auth/throttle";
import { loadViewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { TEST_PASSWORD, makeProvince, makeUser, uniq } from "@/lib/testing/factories";

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

  it("slows down, then locks an account after repeated failures, even for the right password", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    for (let i = 0; i < THROTTLE.freeFailures; i++) {
      expect(await signIn(user.email, `sai-${i}`, ip())).toEqual({ ok: false, error: "WRONG_CREDENTIALS" });
    }
    // The next failure imposes a wait; during it even the right password is refused.
    expect(await signIn(user.email, "sai-nua", ip())).toEqual({ ok: false, error: "WRONG_CREDENTIALS" });
    const waiting = await signIn(user.email, TEST_PASSWORD, ip());
    expect(waiting.ok).toBe(false);
    expect(!waiting.ok && waiting.error).toMatch(/^LOCKED:\d+$/);

    // Reaching the lock threshold locks for the full period.
    await db().loginThrottle.update({
      where: { key: accountKey(user.email) },
      data: { failures: THROTTLE.lockAt - 1, lockedUntil: null },
    });
    expect(await signIn(user.email, "sai-lan-cuoi", ip())).toEqual({ ok: false, error: "WRONG_CREDENTIALS" });
    const locked = await signIn(user.email, TEST_PASSWORD, ip());
    expect(!locked.ok && Number(locked.error.split(":")[1])).toBeGreaterThan(14 * 60);
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

  it("a successful sign-in clears the account's failures", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    await signIn(user.email, "sai");
    await signIn(user.email, "sai");
    expect(await signIn(user.email, TEST_PASSWORD)).toEqual({ ok: true, id: user.id });
    expect(await db().loginThrottle.findUnique({ where: { key: accountKey(user.email) } })).toBeNull();
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
});
