import type { Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { queueMails } from "@/lib/mail/outbox";
import { INVITE_TTL_MS, newToken } from "./tokens";

export type Invitee = { id: string; email: string; fullName: string; unitId: string };

/** The public address of the app, for links in e-mail. */
export function appUrl(): string {
  return (env().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
}

/**
 * For newly created accounts without a password: a single-use invitation link (valid 7 days) and
 * the e-mail carrying it, written in the caller's transaction. Works in bulk (imports).
 */
export async function issueInvitations(tx: Prisma.TransactionClient, invitees: Invitee[], now = new Date()): Promise<void> {
  if (invitees.length === 0) return;
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  const tokens = invitees.map((u) => ({ user: u, ...newToken() }));
  await tx.accountToken.createMany({
    data: tokens.map((t) => ({ userId: t.user.id, kind: "INVITE" as const, tokenHash: t.hash, expiresAt })),
  });
  const base = appUrl();
  await queueMails(
    tx,
    tokens.map((t) => ({
      to: t.user.email,
      unitId: t.user.unitId,
      subject: "Mời tham gia hệ thống Tập huấn CCHC",
      text: [
        `Kính gửi ${t.user.fullName},`,
        "",
        "Bạn được mời sử dụng hệ thống Tập huấn cải cách hành chính của tỉnh.",
        `Hãy mở liên kết sau để đặt mật khẩu (hiệu lực 7 ngày, chỉ dùng một lần):`,
        `${base}/invite/${t.token}`,
        "",
        `Tên đăng nhập: ${t.user.email}`,
        "",
        "Nếu bạn không chờ thư này, hãy bỏ qua nó.",
      ].join("\n"),
    })),
  );
}
