import type { Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n/messages";
import { queueMails } from "@/lib/mail/outbox";
import { INVITE_TTL_MS, newToken } from "./tokens";

export type Invitee = { id: string; email: string; fullName: string; unitId: string };

/** The public address of the app, for links in e-mail. */
export function appUrl(): string {
  return (env().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
}

/** Mail to officials is written in Vietnamese: we do not know the recipient's language choice. */
export const mailT = translator("vi");

/**
 * For newly created accounts without a password: a single-use invitation link (valid 7 days) and
 * the e-mail carrying it, written in the caller's transaction. Works in bulk (imports).
 * The raw token exists only in the mail; the database keeps its SHA-256 (docs/decisions/020).
 */
export async function issueInvitations(tx: Prisma.TransactionClient, invitees: Invitee[], now = new Date()): Promise<void> {
  if (invitees.length === 0) return;
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  const tokens = invitees.map((u) => ({ user: u, ...newToken() }));
  await tx.accountToken.createMany({
    data: tokens.map((t) => ({ userId: t.user.id, kind: "INVITE" as const, tokenHash: t.hash, expiresAt })),
  });
  const base = appUrl();
  const days = Math.round(INVITE_TTL_MS / (24 * 60 * 60_000));
  await queueMails(
    tx,
    tokens.map((t) => ({
      to: t.user.email,
      unitId: t.user.unitId,
      subject: mailT("accounts.mail.invite.subject"),
      text: mailT("accounts.mail.invite.body", {
        name: t.user.fullName,
        link: `${base}/invite/${t.token}`,
        email: t.user.email,
        days,
      }),
    })),
  );
}
