import type { Prisma } from "@/lib/db";
import { queueMails } from "@/lib/mail/outbox";

export type NotificationInput = {
  userId: string;
  email: string;
  unitId?: string | null;
  kind: string;
  title: string;
  body: string;
  /** A path inside the app ("/classes/…"); the mail carries it as a full address. */
  link: string | null;
  /** The mail text; the body followed by the full link when omitted. */
  mailText?: string;
};

/**
 * In-app notifications and their e-mails, written with the caller's transaction client: they
 * commit with the change that causes them, and a rolled-back change leaves neither
 * (docs/decisions/071-classes-and-nomination.md). Not scoped: callers decide who is told.
 */
export async function notify(tx: Prisma.TransactionClient, baseUrl: string, items: NotificationInput[]): Promise<void> {
  if (items.length === 0) return;
  await tx.notification.createMany({
    data: items.map((n) => ({ userId: n.userId, kind: n.kind, title: n.title, body: n.body, link: n.link })),
  });
  await queueMails(
    tx,
    items.map((n) => ({
      to: n.email,
      subject: n.title,
      text: n.mailText ?? (n.link ? `${n.body}\n\n${baseUrl}${n.link}` : n.body),
      unitId: n.unitId ?? null,
    })),
  );
}
