import { can, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { mailDeliveryConfigured } from "./config";
import { MAX_ATTEMPTS } from "./schedule";
import { splitMailText, type TextPart } from "./text";

export const OUTBOX_PAGE_SIZE = 20;

export type OutboxStatus = "sent" | "held" | "pending" | "retrying" | "failed";
export type OutboxRow = {
  id: string;
  to: string;
  subject: string;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
  status: OutboxStatus;
  parts: TextPart[];
};

function statusOf(m: { sentAt: Date | null; attempts: number }, delivering: boolean): OutboxStatus {
  if (m.sentAt) return "sent";
  if (m.attempts >= MAX_ATTEMPTS) return "failed";
  if (m.attempts > 0) return "retrying";
  return delivering ? "pending" : "held";
}

/**
 * The outbox: mail about the units where the viewer holds `outbox:read`, newest first.
 *
 * Links that set a password (invitations, resets) are shown only in demo mode, where the outbox
 * is how such links reach people, and only when the viewer covers every unit where the recipient
 * holds a role: otherwise a unit admin could take over the account of someone with more power
 * (a province admin who works in their unit). With SMTP configured they are always hidden.
 */
export async function listOutbox(viewer: Viewer, page = 1) {
  const unitIds = unitIdsWith(viewer, "outbox:read");
  if (unitIds.length === 0) throw notFound();
  const where = { unitId: { in: unitIds } };
  const total = await db().outboxMail.count({ where });
  const pages = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const mails = await db().outboxMail.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * OUTBOX_PAGE_SIZE,
    take: OUTBOX_PAGE_SIZE,
    select: { id: true, to: true, subject: true, text: true, createdAt: true, sentAt: true, attempts: true, lastError: true },
  });

  const delivering = mailDeliveryConfigured();
  const covered = new Set<string>();
  if (!delivering && mails.length > 0) {
    const recipients = await db().user.findMany({
      where: { email: { in: [...new Set(mails.map((m) => m.to))] } },
      select: { email: true, unitId: true, grants: { select: { unitId: true } } },
    });
    for (const r of recipients) {
      const units = [r.unitId, ...r.grants.map((g) => g.unitId)];
      if (units.every((u) => can(viewer, "outbox:read", u))) covered.add(r.email);
    }
  }

  const rows: OutboxRow[] = mails.map(({ text, ...m }) => ({
    ...m,
    status: statusOf(m, delivering),
    parts: splitMailText(text, covered.has(m.to)),
  }));
  return { rows, page: current, pages, total, delivering };
}
