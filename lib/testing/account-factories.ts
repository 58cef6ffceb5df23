// Test-only, like factories.ts: writes without a viewer. Used by tests/ and the e2e support route.
import { issueInvitations } from "@/lib/accounts/invitations";
import { db, transaction } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { NO_PASSWORD_HASH } from "@/lib/people/commands";
import { TEST_PASSWORD, makeUser, uniq } from "./factories";

/**
 * The token of the newest link of this kind mailed to `to`, read from the queued mail itself —
 * so tests follow the same path a person does (the mail is the only place the raw token exists).
 */
export async function tokenFromMail(to: string, kind: "invite" | "reset-password"): Promise<string> {
  const mails = await db().outboxMail.findMany({ where: { to }, orderBy: { createdAt: "desc" }, select: { text: true } });
  for (const mail of mails) {
    const match = new RegExp(`/${kind}/([A-Za-z0-9_-]{43})`).exec(mail.text);
    if (match?.[1]) return match[1];
  }
  throw new Error(`factory: no ${kind} mail to ${to}`);
}

/** A newly created account without a password, invited by mail as lib/people does it. */
export async function makeInvitedUser(input: {
  unitId: string;
  fullName?: string;
  email?: string;
  active?: boolean;
  grants?: { role: Role; unitId: string }[];
}) {
  const created = await makeUser(input);
  const user = await transaction(async (tx) => {
    const u = await tx.user.update({ where: { id: created.id }, data: { passwordHash: NO_PASSWORD_HASH } });
    await issueInvitations(tx, [{ id: u.id, email: u.email, fullName: u.fullName, unitId: u.unitId }]);
    return u;
  });
  return { user, token: await tokenFromMail(user.email, "invite") };
}

/** An account whose password an admin chose and handed over: it must be changed at first sign-in. */
export async function makeUserWithInitialPassword(input: { unitId: string; fullName?: string; email?: string; grants?: { role: Role; unitId: string }[] }) {
  const created = await makeUser(input);
  const user = await db().user.update({ where: { id: created.id }, data: { mustChangePassword: true } });
  return { user, password: TEST_PASSWORD };
}

/** For the e2e support route: an invited or a must-change account in a unit of the test's world. */
export async function makeE2eAccount(kind: "invited" | "mustChange", unitId: string, fullName: string) {
  if (kind === "invited") {
    const { user, token } = await makeInvitedUser({ unitId, fullName, email: `invited.${uniq().toLowerCase()}@e2e.taphuan.vn` });
    return { id: user.id, email: user.email, fullName: user.fullName, token };
  }
  const { user, password } = await makeUserWithInitialPassword({ unitId, fullName, email: `initial.${uniq().toLowerCase()}@e2e.taphuan.vn` });
  return { id: user.id, email: user.email, fullName: user.fullName, password };
}

