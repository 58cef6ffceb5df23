/**
 * Next.js calls register() once when a server process starts, in the Node.js runtime only and never
 * during `next build`. It installs the peer-address header (lib/http/peer.ts), then starts:
 * - the sweep of abandoned uploads (lib/courses/files.ts, docs/decisions/061): now, then hourly;
 * - the job runner (lib/jobs/queue.ts, docs/decisions/073): every minute it queues tomorrow's
 *   session reminders and runs the jobs that are due (reminders; quiz attempts whose time is up,
 *   docs/decisions/080);
 * - the mail sender (lib/mail/sender.ts), only when SMTP_URL is set; otherwise mail stays in the
 *   outbox page (demo mode, docs/decisions/021).
 * Before that it refuses to start on a database configuration that is not allowed (production
 * without DATABASE_URL and without TAPHUAN_EMBEDDED=1, lib/db/config.ts), and, when
 * TAPHUAN_WARNINGS_FILE is set (the end-to-end servers), appends every process warning to that
 * file: the e2e run fails on the pg and transaction warnings found there (docs/decisions/006).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // First: the client address comes from the socket, not from a header the client wrote.
  const { installPeerHeader } = await import("./lib/http/peer");
  installPeerHeader();
  const warningsFile = process.env.TAPHUAN_WARNINGS_FILE?.trim();
  if (warningsFile) {
    const { appendFileSync } = await import("node:fs");
    process.on("warning", (w: Error & { code?: string }) => {
      const line = { at: new Date().toISOString(), pid: process.pid, name: w.name, code: w.code, message: w.message, stack: w.stack };
      appendFileSync(warningsFile, `${JSON.stringify(line)}\n`);
    });
  }
  const { databaseTarget } = await import("./lib/db/config");
  try {
    databaseTarget();
  } catch (err) {
    console.error(`[taphuan] cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const { startUploadSweeper } = await import("./lib/storage/sweeper");
  startUploadSweeper();
  const { startJobRunner } = await import("./lib/jobs/queue");
  const { REMINDER_JOB, queueTomorrowsReminders, sendSessionReminder } = await import("./lib/classes/reminders");
  const { QUIZ_FINISH_JOB } = await import("./lib/quizzes/attempts/load");
  const { finishAttemptJob } = await import("./lib/quizzes/attempts/finish");
  startJobRunner({
    handlers: { [REMINDER_JOB]: sendSessionReminder, [QUIZ_FINISH_JOB]: finishAttemptJob },
    beforeRound: () => queueTomorrowsReminders(),
  });
  if (!process.env.SMTP_URL?.trim()) return;
  const { startMailSenderFromEnv } = await import("./lib/mail/sender");
  startMailSenderFromEnv();
}
