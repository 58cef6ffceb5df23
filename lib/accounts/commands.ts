import { recordAudit } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { attemptSucceeded, claimAttempt, clearFailures, throttleKeys } from "@/lib/auth/throttle";
import type { Viewer } from "@/lib/auth/viewer";
import { db, type Prisma, transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { queueMails } from "@/lib/mail/outbox";
import { appUrl, mailT } from "./invitations";
import { checkPassword } from "./password-policy";
import { findLinkToken, type LinkKind } from "./queries";
import { countResetRequest, RESET_LIMITS, resetEmailKey, resetIpKey } from "./reset-throttle";
import type { AcceptInvitationInput, ChangePasswordInput, RequestResetInput, ResetPasswordInput } from "./schemas";
import { RESET_TTL_MS, newToken } from "./tokens";

/**
 * Account commands (docs/decisions/020). Invitation and reset commands are authorised by the link
 * token, not by a viewer: whoever holds the link may set that one account's password, once.
 * Tokens are looked up by their SHA-256 and never logged; the audit log names the token row.
 */
type Meta = { ip?: string | null; now?: Date };

const invalidLink = () => new AppError("NOT_FOUND", "accounts.link.invalid");

function passwordProblem(password: string, person: { email: string; fullName: string }): AppError | null {
  const problem = checkPassword(password, person);
  return problem ? new AppError("VALIDATION", problem.messageKey, { field: "password", params: problem.params }) : null;
}

/**
 * A new password ends every credential that the old one stood behind: the private calendar feed
 * (its link may have been copied with the account) stops working, and the person makes a new one.
 */
async function revokeCalendarFeed(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.calendarFeed.deleteMany({ where: { userId } });
}

/**
 * Every link still open for the user (or only those of `kind`) stops working now: the password
 * just changed, the e-mail they were sent to changed, or a newer reset link replaces them.
 */
export async function expireOpenLinks(tx: Prisma.TransactionClient, userId: string, now: Date, kind?: LinkKind): Promise<void> {
  await tx.accountToken.updateMany({
    where: { userId, kind, usedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
}

const AUDIT = {
  INVITE: { done: "account.inviteAccepted", refused: "account.inviteRefused" },
  RESET: { done: "account.passwordReset", refused: "account.resetRefused" },
} as const;

/**
 * Sets the password of the link's account: the token must exist for this purpose, be unused and
 * unexpired, and the account active. Then, in one transaction: the token is marked used (only if
 * still unused, so two concurrent submissions cannot both succeed), the password set, a pending
 * forced change cleared, `sessionVersion` raised (other sessions end), other open links expired,
 * the calendar feed revoked.
 */
async function setPasswordByLink(kind: LinkKind, input: { token: string; password: string }, meta: Meta): Promise<void> {
  const now = meta.now ?? new Date();
  const ip = meta.ip ?? null;
  const found = await findLinkToken(kind, input.token, now);
  if (!found.ok) {
    await recordAudit(db(), {
      action: AUDIT[kind].refused,
      entity: "AccountToken",
      entityId: found.tokenId,
      unitId: found.unitId,
      ip,
      data: { reason: found.reason },
    });
    throw invalidLink();
  }
  const { token, user } = found;
  const weak = passwordProblem(input.password, user);
  if (weak) throw weak;
  const passwordHash = await hashPassword(input.password.normalize("NFC"));

  await transaction(async (tx) => {
    const claimed = await tx.accountToken.updateMany({
      where: { id: token.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw invalidLink();
    const updated = await tx.user.updateMany({
      where: { id: user.id, active: true },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    if (updated.count !== 1) throw invalidLink();
    await expireOpenLinks(tx, user.id, now);
    await revokeCalendarFeed(tx, user.id);
    await recordAudit(tx, {
      actorId: user.id,
      action: AUDIT[kind].done,
      entity: "User",
      entityId: user.id,
      unitId: user.unitId,
      ip,
      data: { tokenId: token.id },
    });
  });
  // Whoever holds a working link may sign in again at once.
  if (kind === "RESET") await clearFailures(db(), user.email);
}

/** An invited person chooses their password with the link from their invitation mail. */
export async function acceptInvitation(input: AcceptInvitationInput, meta: Meta = {}): Promise<void> {
  await setPasswordByLink("INVITE", input, meta);
}

/** A person who forgot their password sets a new one with the link from the reset mail. */
export async function resetPassword(input: ResetPasswordInput, meta: Meta = {}): Promise<void> {
  await setPasswordByLink("RESET", input, meta);
}

/**
 * "Forgot password": queues a reset link (valid 1 h) for an active account with this address,
 * expiring the account's older open reset links. The caller always answers the same, whether or
 * not the address exists (no account enumeration). Limits (reset-throttle.ts): past the per-address
 * cap nothing more is sent, silently; past the per-IP cap the request is refused openly, which
 * says nothing about any address.
 */
export async function requestPasswordReset(input: RequestResetInput, meta: Meta = {}): Promise<void> {
  const now = meta.now ?? new Date();
  const ip = meta.ip ?? null;
  const email = input.email;
  if (ip && (await countResetRequest(db(), resetIpKey(ip), now)) > RESET_LIMITS.perIp) {
    await recordAudit(db(), { action: "account.resetThrottled", entity: "User", ip, data: { email, limit: "ip" } });
    throw new AppError("RATE_LIMITED", "accounts.forgot.rateLimited");
  }
  const perEmail = await countResetRequest(db(), resetEmailKey(email), now);
  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, email: true, fullName: true, unitId: true, active: true },
  });
  if (perEmail > RESET_LIMITS.perEmail) {
    await recordAudit(db(), { action: "account.resetThrottled", entity: "User", entityId: user?.id, unitId: user?.unitId, ip, data: { email, limit: "email" } });
    return;
  }
  if (!user || !user.active) {
    await recordAudit(db(), { action: "account.resetUnknown", entity: "User", entityId: user?.id, unitId: user?.unitId, ip, data: { email } });
    return;
  }
  const { token, hash } = newToken();
  await transaction(async (tx) => {
    await expireOpenLinks(tx, user.id, now, "RESET");
    await tx.accountToken.create({
      data: { userId: user.id, kind: "RESET", tokenHash: hash, expiresAt: new Date(now.getTime() + RESET_TTL_MS) },
    });
    await queueMails(tx, [
      {
        to: user.email,
        unitId: user.unitId,
        subject: mailT("accounts.mail.reset.subject"),
        text: mailT("accounts.mail.reset.body", { name: user.fullName, email: user.email, link: `${appUrl()}/reset-password/${token}` }),
      },
    ]);
    await recordAudit(tx, { action: "account.resetRequested", entity: "User", entityId: user.id, unitId: user.unitId, ip });
  });
}

/**
 * A signed-in person changes their own password; the current one is required and wrong guesses
 * count towards the sign-in throttle. Raises `sessionVersion` (other sessions end) and returns it,
 * so the caller can re-issue this session's cookie (docs/decisions/022).
 */
export async function changeOwnPassword(viewer: Viewer, input: ChangePasswordInput, meta: Meta = {}): Promise<{ sessionVersion: number }> {
  const now = meta.now ?? new Date();
  const ip = meta.ip ?? null;
  const keys = throttleKeys(viewer.email, ip);
  // Counted before the current password is checked, as at sign-in (lib/auth/throttle.ts).
  const attempt = await claimAttempt(keys, now);
  if (!attempt.allowed) {
    throw new AppError("RATE_LIMITED", "accounts.password.locked", { field: "current", params: { minutes: Math.ceil(attempt.waitMs / 60_000) } });
  }
  const user = await db().user.findUnique({
    where: { id: viewer.userId },
    select: { id: true, email: true, fullName: true, unitId: true, active: true, passwordHash: true },
  });
  if (!user || !user.active) throw new AppError("UNAUTHENTICATED", "errors.unauthenticated");
  if (!(await verifyPassword(user.passwordHash, input.current.normalize("NFC")))) {
    await recordAudit(db(), {
      actorId: user.id,
      action: "account.passwordChangeRefused",
      entity: "User",
      entityId: user.id,
      unitId: user.unitId,
      ip,
      data: { reason: "wrongCurrent" },
    });
    throw new AppError("VALIDATION", "accounts.password.currentWrong", { field: "current" });
  }
  await attemptSucceeded(db(), user.email, keys);
  const weak = passwordProblem(input.password, user);
  if (weak) throw weak;
  if (await verifyPassword(user.passwordHash, input.password.normalize("NFC"))) {
    throw new AppError("VALIDATION", "accounts.password.sameAsCurrent", { field: "password" });
  }
  const passwordHash = await hashPassword(input.password.normalize("NFC"));
  const sessionVersion = await transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await expireOpenLinks(tx, user.id, now);
    await revokeCalendarFeed(tx, user.id);
    await recordAudit(tx, {
      actorId: user.id,
      action: "account.passwordChanged",
      entity: "User",
      entityId: user.id,
      unitId: user.unitId,
      ip,
      data: { forced: viewer.mustChangePassword },
    });
    return updated.sessionVersion;
  });
  await clearFailures(db(), user.email);
  return { sessionVersion };
}
