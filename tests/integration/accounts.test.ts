import { describe, expect, it } from "vitest";
import { acceptInvitation, changeOwnPassword, requestPasswordReset, resetPassword } from "@/lib/accounts/commands";
import { inspectLink } from "@/lib/accounts/queries";
import { RESET_LIMITS, resetEmailKey } from "@/lib/accounts/reset-throttle";
import { INVITE_TTL_MS, RESET_TTL_MS, hashToken, newToken } from "@/lib/accounts/tokens";
import { authorizeCredentials } from "@/lib/auth/options";
import { verifyPassword } from "@/lib/auth/password";
import { feedOwnerByToken, rotateFeed } from "@/lib/calendar/feed";
import { THROTTLE, accountKey, pairKey } from "@/lib/auth/throttle";
import { loadViewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { NO_PASSWORD_HASH } from "@/lib/people/commands";
import { makeInvitedUser, makeUserWithInitialPassword, tokenFromMail } from "@/lib/testing/account-factories";
import { appError } from "@/lib/testing/errors";
import { TEST_PASSWORD, makeProvince, makeUser, uniq } from "@/lib/testing/factories";

const GOOD = "đi tập huấn ở Tuy Hòa";
const OTHER_GOOD = "sông Đà Rằng mùa lũ";

const ip = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${uniq()}`;

const snapshot = (userId: string) =>
  db().user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true, sessionVersion: true, mustChangePassword: true, active: true, updatedAt: true },
  });
const tokensOf = (userId: string) =>
  db().accountToken.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { id: true, kind: true, usedAt: true, expiresAt: true } });
const auditOf = (userId: string, action: string) => db().auditEvent.count({ where: { entityId: userId, action } });

const signIn = (email: string, password: string) =>
  authorizeCredentials({ email, password }, ip()).then(
    () => true,
    () => false,
  );

describe("invitations", () => {
  it("an invited person sets a password with the mailed link, once; then signs in with it", async () => {
    const p = await makeProvince();
    const { user, token } = await makeInvitedUser({ unitId: p.communeA.id, fullName: "Trần Thị Mai" });
    // The mail went to the person's unit, in Vietnamese, with a 7-day single-use link.
    const mail = await db().outboxMail.findFirstOrThrow({ where: { to: user.email } });
    expect(mail.unitId).toBe(p.communeA.id);
    expect(mail.subject).toBe("Mời tham gia hệ thống Tập huấn CCHC");
    expect(mail.text).toContain("Kính gửi Trần Thị Mai,");
    expect(mail.text).toContain("hiệu lực 7 ngày");
    const [stored] = await tokensOf(user.id);
    expect(stored!.kind).toBe("INVITE");
    expect(await db().accountToken.count({ where: { tokenHash: hashToken(token) } })).toBe(1);
    expect(await db().accountToken.count({ where: { tokenHash: token } })).toBe(0); // only the hash is stored
    expect(await inspectLink("INVITE", token)).toEqual({ email: user.email, fullName: "Trần Thị Mai" });
    expect(await signIn(user.email, TEST_PASSWORD)).toBe(false); // no usable password before

    const before = await snapshot(user.id);
    await acceptInvitation({ token, password: GOOD, confirm: GOOD }, { ip: "198.51.100.7" });

    const after = await snapshot(user.id);
    expect(await verifyPassword(after.passwordHash, GOOD)).toBe(true);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.mustChangePassword).toBe(false);
    const [used] = await tokensOf(user.id);
    expect(used!.usedAt).not.toBeNull();
    expect(await auditOf(user.id, "account.inviteAccepted")).toBe(1);
    expect(await inspectLink("INVITE", token)).toBeNull();

    expect(await signIn(user.email, GOOD)).toBe(true);
    const signedIn = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { lastSignInAt: true } });
    expect(signedIn.lastSignInAt).not.toBeNull();

    // Reusing the link is refused and changes nothing.
    const e = await appError(acceptInvitation({ token, password: OTHER_GOOD, confirm: OTHER_GOOD }));
    expect([e.code, e.messageKey]).toEqual(["NOT_FOUND", "accounts.link.invalid"]);
    expect((await snapshot(user.id)).passwordHash).toBe(after.passwordHash);
    const refused = await db().auditEvent.findFirstOrThrow({ where: { entityId: used!.id, action: "account.inviteRefused" } });
    expect(refused.data).toEqual({ reason: "used" });
    expect(JSON.stringify(refused)).not.toContain(token);
  });

  it("refuses an expired link, a wrong or malformed token, a reset token, and an inactive account — changing nothing", async () => {
    const p = await makeProvince();
    const { user, token } = await makeInvitedUser({ unitId: p.communeA.id });
    const before = await snapshot(user.id);
    const tokensBefore = await tokensOf(user.id);
    const attempt = (t: string, now?: Date) => appError(acceptInvitation({ token: t, password: GOOD, confirm: GOOD }, { now }));

    const later = new Date(Date.now() + INVITE_TTL_MS + 60_000);
    expect((await attempt(token, later)).messageKey).toBe("accounts.link.invalid");
    expect((await attempt(newToken().token)).messageKey).toBe("accounts.link.invalid");
    expect((await attempt("khong-phai-token")).messageKey).toBe("accounts.link.invalid");
    expect((await attempt(token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"))).messageKey).toBe("accounts.link.invalid");

    // A reset token of the same person does not open the invitation form.
    await requestPasswordReset({ email: user.email }, { ip: ip() });
    const resetToken = await tokenFromMail(user.email, "reset-password");
    expect((await attempt(resetToken)).messageKey).toBe("accounts.link.invalid");
    expect(await inspectLink("INVITE", resetToken)).toBeNull();

    await db().user.update({ where: { id: user.id }, data: { active: false } });
    const inactive = await snapshot(user.id);
    expect((await attempt(token)).messageKey).toBe("accounts.link.invalid");
    expect(await inspectLink("INVITE", token)).toBeNull();

    expect(await snapshot(user.id)).toEqual(inactive);
    expect(inactive.passwordHash).toBe(before.passwordHash);
    expect(inactive.sessionVersion).toBe(before.sessionVersion);
    const invite = (await tokensOf(user.id)).find((t) => t.kind === "INVITE");
    expect(invite).toEqual(tokensBefore[0]);
    expect(await auditOf(user.id, "account.inviteAccepted")).toBe(0);
    const reasons = (
      await db().auditEvent.findMany({ where: { entityId: invite!.id, action: "account.inviteRefused" }, select: { data: true } })
    ).map((a) => (a.data as { reason: string }).reason);
    expect(reasons.sort()).toEqual(["expired", "inactive"]);
  });

  it("a weak or mismatched password is explained under its field, and the link stays usable", async () => {
    const p = await makeProvince();
    const { user, token } = await makeInvitedUser({ unitId: p.communeA.id, fullName: "Lê Văn Sơn", email: `son.lv.${uniq()}@test.taphuan.vn` });
    const before = await snapshot(user.id);
    const cases: [string, string][] = [
      ["ngắn", "accounts.password.tooShort"],
      ["password1", "accounts.password.common"],
      ["iloveyou", "accounts.password.common"],
      [user.email, "accounts.password.personal"],
      ["Lê Văn Sơn", "accounts.password.personal"],
      ["x".repeat(30) + "y".repeat(35), "accounts.password.tooLong"],
    ];
    for (const [password, key] of cases) {
      const e = await appError(acceptInvitation({ token, password, confirm: password }));
      expect([e.code, e.messageKey, e.field], password).toEqual(["VALIDATION", key, "password"]);
    }
    expect(await snapshot(user.id)).toEqual(before);
    expect((await tokensOf(user.id))[0]!.usedAt).toBeNull();
    await acceptInvitation({ token, password: GOOD, confirm: GOOD });
    expect(await verifyPassword((await snapshot(user.id)).passwordHash, GOOD)).toBe(true);
  });

  it("two submissions of one link at once: exactly one wins", async () => {
    const p = await makeProvince();
    const { user, token } = await makeInvitedUser({ unitId: p.communeA.id });
    const results = await Promise.allSettled([
      acceptInvitation({ token, password: GOOD, confirm: GOOD }),
      acceptInvitation({ token, password: OTHER_GOOD, confirm: OTHER_GOOD }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await snapshot(user.id)).sessionVersion).toBe(1);
    expect(await auditOf(user.id, "account.inviteAccepted")).toBe(1);
  });
});

describe("password reset", () => {
  it("queues a 1-hour link for a known address and answers the same for an unknown one, which writes no token", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeB.id, fullName: "Đặng Văn Trọng" });
    const now = new Date();
    await expect(requestPasswordReset({ email: user.email }, { ip: ip(), now })).resolves.toBeUndefined();
    const [token] = await tokensOf(user.id);
    expect(token!.kind).toBe("RESET");
    expect(token!.expiresAt.getTime() - now.getTime()).toBe(RESET_TTL_MS);
    const mail = await db().outboxMail.findFirstOrThrow({ where: { to: user.email } });
    expect(mail.unitId).toBe(p.communeB.id);
    expect(mail.subject).toBe("Đặt lại mật khẩu — Tập huấn CCHC");
    expect(mail.text).toContain("Kính gửi Đặng Văn Trọng,");
    expect(await auditOf(user.id, "account.resetRequested")).toBe(1);

    const unknown = `khong.ton.tai.${uniq()}@test.taphuan.vn`;
    await expect(requestPasswordReset({ email: unknown }, { ip: ip() })).resolves.toBeUndefined();
    expect(await db().outboxMail.count({ where: { to: unknown } })).toBe(0);
    const logged = await db().auditEvent.findFirstOrThrow({ where: { action: "account.resetUnknown", data: { equals: { email: unknown } } } });
    expect(logged.entityId).toBeNull();

    // An inactive account gets nothing either.
    const inactive = await makeUser({ unitId: p.communeB.id, active: false });
    await requestPasswordReset({ email: inactive.email }, { ip: ip() });
    expect(await tokensOf(inactive.id)).toEqual([]);
    expect(await db().outboxMail.count({ where: { to: inactive.email } })).toBe(0);
  });

  it("the link sets a new password once: the new one signs in, the old one does not, other sessions end", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    await db().user.update({ where: { id: user.id }, data: { mustChangePassword: true } });
    await authorizeCredentials({ email: user.email, password: "sai-mat-khau" }, ip()).catch(() => null);
    expect(await db().loginThrottle.findUnique({ where: { key: accountKey(user.email) } })).not.toBeNull();

    await requestPasswordReset({ email: user.email }, { ip: ip() });
    const token = await tokenFromMail(user.email, "reset-password");
    expect(await inspectLink("RESET", token)).toEqual({ email: user.email, fullName: user.fullName });
    const before = await snapshot(user.id);
    await resetPassword({ token, password: GOOD, confirm: GOOD }, { ip: ip() });

    const after = await snapshot(user.id);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.mustChangePassword).toBe(false);
    expect(await loadViewer(user.id, before.sessionVersion)).toBeNull();
    expect(await signIn(user.email, TEST_PASSWORD)).toBe(false);
    expect(await signIn(user.email, GOOD)).toBe(true);
    expect(await auditOf(user.id, "account.passwordReset")).toBe(1);

    const e = await appError(resetPassword({ token, password: OTHER_GOOD, confirm: OTHER_GOOD }));
    expect(e.messageKey).toBe("accounts.link.invalid");
    expect((await snapshot(user.id)).passwordHash).toBe(after.passwordHash);
  });

  it("a newer request expires the older link; an expired link changes nothing", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    const address = ip();
    await requestPasswordReset({ email: user.email }, { ip: address });
    const first = await tokenFromMail(user.email, "reset-password");
    await new Promise((r) => setTimeout(r, 5));
    await requestPasswordReset({ email: user.email }, { ip: address });
    const second = await tokenFromMail(user.email, "reset-password");
    expect(second).not.toBe(first);
    const before = await snapshot(user.id);

    expect((await appError(resetPassword({ token: first, password: GOOD, confirm: GOOD }))).messageKey).toBe("accounts.link.invalid");
    const late = new Date(Date.now() + RESET_TTL_MS + 1000);
    expect((await appError(resetPassword({ token: second, password: GOOD, confirm: GOOD }, { now: late }))).messageKey).toBe("accounts.link.invalid");
    expect(await snapshot(user.id)).toEqual(before);
    const weak = await appError(resetPassword({ token: second, password: "12345678", confirm: "12345678" }));
    expect([weak.messageKey, weak.field]).toEqual(["accounts.password.common", "password"]);
    expect(await snapshot(user.id)).toEqual(before);

    await resetPassword({ token: second, password: GOOD, confirm: GOOD });
    expect(await signIn(user.email, GOOD)).toBe(true);
  });

  it("limits requests: silently per address (same answer, nothing sent), openly per IP", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    const now = new Date();
    for (let i = 0; i < RESET_LIMITS.perEmail + 2; i++) {
      await expect(requestPasswordReset({ email: user.email }, { ip: ip(), now })).resolves.toBeUndefined();
    }
    expect(await db().outboxMail.count({ where: { to: user.email } })).toBe(RESET_LIMITS.perEmail);
    expect(await tokensOf(user.id)).toHaveLength(RESET_LIMITS.perEmail);
    expect(await db().auditEvent.count({ where: { entityId: user.id, action: "account.resetThrottled" } })).toBe(2);
    // The sign-in counters are untouched (their own key prefix).
    expect(await db().loginThrottle.findUnique({ where: { key: accountKey(user.email) } })).toBeNull();
    expect((await db().loginThrottle.findUniqueOrThrow({ where: { key: resetEmailKey(user.email) } })).failures).toBe(RESET_LIMITS.perEmail + 2);
    // An hour later the address may ask again.
    await requestPasswordReset({ email: user.email }, { ip: ip(), now: new Date(now.getTime() + RESET_LIMITS.windowMs + 1000) });
    expect(await db().outboxMail.count({ where: { to: user.email } })).toBe(RESET_LIMITS.perEmail + 1);

    const address = ip();
    for (let i = 0; i < RESET_LIMITS.perIp; i++) await requestPasswordReset({ email: `ai.do.${uniq()}@test.taphuan.vn` }, { ip: address });
    const e = await appError(requestPasswordReset({ email: user.email }, { ip: address }));
    expect([e.code, e.messageKey]).toEqual(["RATE_LIMITED", "accounts.forgot.rateLimited"]);
  });
});

describe("changing one's own password", () => {
  it("needs the current password; raises the session version; clears a forced change", async () => {
    const p = await makeProvince();
    const { user, password } = await makeUserWithInitialPassword({ unitId: p.communeA.id });
    const viewer = (await loadViewer(user.id, 0))!;
    expect(viewer.mustChangePassword).toBe(true);
    const address = ip();
    const before = await snapshot(user.id);

    const wrong = await appError(changeOwnPassword(viewer, { current: "khong-dung", password: GOOD, confirm: GOOD }, { ip: address }));
    expect([wrong.code, wrong.messageKey, wrong.field]).toEqual(["VALIDATION", "accounts.password.currentWrong", "current"]);
    expect((await db().loginThrottle.findUniqueOrThrow({ where: { key: accountKey(user.email) } })).failures).toBe(1);
    const same = await appError(changeOwnPassword(viewer, { current: password, password, confirm: password }));
    expect([same.messageKey, same.field]).toEqual(["accounts.password.sameAsCurrent", "password"]);
    const weak = await appError(changeOwnPassword(viewer, { current: password, password: "qwertyuiop", confirm: "qwertyuiop" }));
    expect(weak.messageKey).toBe("accounts.password.common");
    expect(await snapshot(user.id)).toEqual(before);
    expect(await auditOf(user.id, "account.passwordChangeRefused")).toBe(1);

    const { sessionVersion } = await changeOwnPassword(viewer, { current: password, password: GOOD, confirm: GOOD }, { ip: address });
    expect(sessionVersion).toBe(before.sessionVersion + 1);
    const after = await snapshot(user.id);
    expect(after.mustChangePassword).toBe(false);
    expect(after.sessionVersion).toBe(sessionVersion);
    expect(await loadViewer(user.id, before.sessionVersion)).toBeNull(); // every older session ends…
    expect((await loadViewer(user.id, sessionVersion))?.mustChangePassword).toBe(false); // …a re-issued one lives
    expect(await signIn(user.email, password)).toBe(false);
    expect(await signIn(user.email, GOOD)).toBe(true);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: user.id, action: "account.passwordChanged" } });
    expect(audit.data).toEqual({ forced: true });
    expect(await db().loginThrottle.findUnique({ where: { key: accountKey(user.email) } })).toBeNull();
  });

  it("expires open invitation and reset links of the account", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    await requestPasswordReset({ email: user.email }, { ip: ip() });
    const token = await tokenFromMail(user.email, "reset-password");
    await changeOwnPassword((await loadViewer(user.id))!, { current: TEST_PASSWORD, password: GOOD, confirm: GOOD });
    expect((await appError(resetPassword({ token, password: OTHER_GOOD, confirm: OTHER_GOOD }))).messageKey).toBe("accounts.link.invalid");
  });

  it("wrong current passwords count towards the sign-in lock, and a locked account cannot change", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    const viewer = (await loadViewer(user.id))!;
    await db().loginThrottle.create({
      data: { key: pairKey(user.email, null), failures: THROTTLE.lockAt, lockedUntil: new Date(Date.now() + THROTTLE.lockMs) },
    });
    const e = await appError(changeOwnPassword(viewer, { current: TEST_PASSWORD, password: GOOD, confirm: GOOD }));
    expect([e.code, e.messageKey, e.field]).toEqual(["RATE_LIMITED", "accounts.password.locked", "current"]);
    expect(await verifyPassword((await snapshot(user.id)).passwordHash, TEST_PASSWORD)).toBe(true);
  });
});

describe("accounts without a password", () => {
  it("cannot be signed into with any password, including the marker itself", async () => {
    const p = await makeProvince();
    const { user } = await makeInvitedUser({ unitId: p.communeA.id });
    expect(await signIn(user.email, NO_PASSWORD_HASH)).toBe(false);
    expect(await signIn(user.email, "")).toBe(false);
  });
});

describe("a new password revokes the private calendar feed", () => {
  it("when the person changes it, and when a reset link sets it", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    const viewer = (await loadViewer(user.id))!;
    const { token } = await rotateFeed(viewer);
    expect(await feedOwnerByToken(token)).not.toBeNull();
    await changeOwnPassword(viewer, { current: TEST_PASSWORD, password: GOOD, confirm: GOOD });
    expect(await feedOwnerByToken(token)).toBeNull();

    const second = await rotateFeed(viewer);
    expect(await feedOwnerByToken(second.token)).not.toBeNull();
    await requestPasswordReset({ email: user.email }, { ip: ip() });
    await resetPassword({ token: await tokenFromMail(user.email, "reset-password"), password: OTHER_GOOD, confirm: OTHER_GOOD });
    expect(await feedOwnerByToken(second.token)).toBeNull();
  });
});
