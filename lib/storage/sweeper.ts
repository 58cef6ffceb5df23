import { sweepAbandonedUploads } from "@/lib/courses/upload-sweep";

const HOUR = 60 * 60 * 1000;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Runs `sweepAbandonedUploads` at server start and every hour (instrumentation.ts). A failure is
 * logged and the next run tries again; the timer never keeps the process alive.
 */
export function startUploadSweeper(): void {
  if (timer) return;
  const run = () => {
    sweepAbandonedUploads().then(
      (r) => {
        if (r.rows || r.objects) console.info(`files: swept ${r.rows} abandoned uploads and ${r.objects} orphan objects`);
      },
      (e: unknown) => console.error("files: the sweep of abandoned uploads failed", e),
    );
  };
  // A few seconds after start: the database may still be migrating (embedded demo).
  setTimeout(run, 10_000).unref();
  timer = setInterval(run, HOUR);
  timer.unref();
}
