/**
 * Next.js calls register() once when a server process starts. It starts the mail sender
 * (lib/mail/sender.ts) in the Node.js runtime only, never during `next build`, and only when
 * SMTP_URL is set; otherwise mail stays in the outbox page (demo mode, docs/decisions/021).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (!process.env.SMTP_URL?.trim()) return;
  const { startMailSenderFromEnv } = await import("./lib/mail/sender");
  startMailSenderFromEnv();
}
