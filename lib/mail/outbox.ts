import type { Prisma } from "@/lib/db";

export type MailInput = { to: string; subject: string; text: string; unitId?: string | null };

/**
 * Queues mail in the same transaction as the change that causes it, so a rolled-back change
 * sends nothing and a committed one is never without its mail. lib/mail/sender.ts delivers it.
 */
export async function queueMails(tx: Prisma.TransactionClient, mails: MailInput[]): Promise<void> {
  if (mails.length === 0) return;
  await tx.outboxMail.createMany({
    data: mails.map((m) => ({ to: m.to, subject: m.subject, text: m.text, unitId: m.unitId ?? null })),
  });
}
