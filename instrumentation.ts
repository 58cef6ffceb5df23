/**
 * Next.js calls register() once when a server process starts, in the Node.js runtime only and never
 * during `next build`. It installs the peer-address header (lib/http/peer.ts), then starts:
 * - the sweep of abandoned uploads (lib/courses/files.ts, docs/decisions/061): now, then hourly;
 * - the job runner (lib/jobs/queue.ts, docs/decisions/073): every minute it queues tomorrow's
 *   session reminders and runs the jobs that are due;
 * - the mail sender (lib/mail/sender.ts), only when SMTP_URL is set; otherwise mail stays in the
 *   outbox page (demo mode, docs/decisions/021).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // First: the client address comes from the socket, not from a header the client wrote.
  const { installPeerHeader } = await import("./lib/http/peer");
  installPeerHeader();
  const { startUploadSweeper } = await import("./lib/storage/sweeper");
  startUploadSweeper();
  const { startJobRunner } = await import("./lib/jobs/queue");
  const { REMINDER_JOB, queueTomorrowsReminders, sendSessionReminder } = await import("./lib/classes/reminders");
  startJobRunner({ handlers: { [REMINDER_JOB]: sendSessionReminder }, beforeRound: () => queueTomorrowsReminders() });
  if (!process.env.SMTP_URL?.trim()) return;
  const { startMailSenderFromEnv } = await import("./lib/mail/sender");
  startMailSenderFromEnv();
}
