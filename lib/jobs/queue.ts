import { Prisma, db, dbTarget, transaction, type PrismaClient } from "@/lib/db";

/**
 * Background jobs stored in PostgreSQL (`Job`; docs/decisions/073-background-jobs.md): session
 * reminders, and whatever else must happen later or again. Not scoped by a viewer: a job is
 * authorised by what queued it (a server job, like the mail sender; decision 003).
 *
 * - A job runs inside one transaction with its own writes and the mark "done": what it writes to
 *   the database happens exactly once; a crash before the commit leaves the job to run again.
 * - Claiming is `SELECT … FOR UPDATE SKIP LOCKED`: two server processes never run one job at once.
 *   The embedded database has one process and one connection: there the single runner is the lock.
 * - A failure is recorded (`attempts`, `lastError`) and retried after 1, 5, 15, 60, 180 minutes;
 *   then the job is given up (kept for inspection).
 * - `dedupeKey` makes queueing idempotent: a second job with the same key is not added.
 */

export type JobHandler = (payload: Prisma.JsonValue, tx: Prisma.TransactionClient, job: { id: string; attempts: number }) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export const JOB_RETRY_MIN = [1, 5, 15, 60, 180] as const;
export const JOB_MAX_ATTEMPTS = JOB_RETRY_MIN.length + 1;

type Writer = Prisma.TransactionClient | PrismaClient;

/** Queues a job (in the caller's transaction when given one). False when its dedupeKey is taken. */
export async function enqueueJob(
  writer: Writer,
  job: { kind: string; payload: Prisma.InputJsonValue; runAt?: Date; dedupeKey?: string },
): Promise<boolean> {
  const { count } = await writer.job.createMany({
    data: [{ kind: job.kind, payload: job.payload, runAt: job.runAt ?? new Date(), dedupeKey: job.dedupeKey ?? null }],
    skipDuplicates: true,
  });
  return count === 1;
}

type Claimed = { id: string; kind: string; payload: Prisma.JsonValue; attempts: number };

function dueQuery(now: Date, kinds: string[], lock: boolean, onlyIds?: string[]) {
  return Prisma.sql`
    SELECT "id", "kind", "payload", "attempts" FROM "Job"
    WHERE "doneAt" IS NULL AND "attempts" < ${JOB_MAX_ATTEMPTS} AND "runAt" <= ${now}
      AND "kind" = ANY(${kinds}::text[])
      ${onlyIds ? Prisma.sql`AND "id" = ANY(${onlyIds}::uuid[])` : Prisma.empty}
    ORDER BY "runAt", "id"
    LIMIT 1
    ${lock ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty}`;
}

export type RunOptions = {
  handlers: JobHandlers;
  client?: PrismaClient;
  now?: () => Date;
  limit?: number;
  /** Defaults to true on PostgreSQL, false on the embedded database. */
  locking?: boolean;
  /** Tests only: run just these jobs, so parallel test files do not run each other's. */
  onlyIds?: string[];
};

/** Runs the jobs that are due, one transaction each, until none is left or `limit` is reached. */
export async function runDueJobs(options: RunOptions): Promise<{ done: number; failed: number }> {
  const client = options.client ?? db();
  const now = options.now ?? (() => new Date());
  const locking = options.locking ?? dbTarget().kind === "postgres";
  const kinds = Object.keys(options.handlers);
  const result = { done: 0, failed: 0 };
  const limit = options.limit ?? 100;
  while (result.done + result.failed < limit) {
    let claimed: Claimed | null = null;
    /** The job the transaction claimed, known outside it when its handler fails. */
    const running: { job: Claimed | null } = { job: null };
    try {
      claimed = await transaction(
        async (tx) => {
          const [job] = await tx.$queryRaw<Claimed[]>(dueQuery(now(), kinds, locking, options.onlyIds));
          if (!job) return null;
          running.job = job;
          await options.handlers[job.kind]!(job.payload, tx, { id: job.id, attempts: job.attempts });
          await tx.job.update({ where: { id: job.id }, data: { doneAt: now(), attempts: job.attempts + 1, lastError: null } });
          return job;
        },
        { maxWait: 10_000, timeout: 120_000, client: options.client },
      );
    } catch (e) {
      // The transaction rolled back, the job's writes with it; record the failure on its own.
      const job = running.job;
      if (!job) throw e;
      const attempts = job.attempts + 1;
      const delay = JOB_RETRY_MIN[attempts - 1];
      await client.job.update({
        where: { id: job.id },
        data: {
          attempts,
          lastError: (e instanceof Error ? e.message : String(e)).replace(/\s+/g, " ").slice(0, 500),
          runAt: new Date(now().getTime() + (delay ?? 0) * 60_000),
        },
      });
      console.warn(`job ${job.id} (${job.kind}): attempt ${attempts} failed${delay === undefined ? ", given up" : ""}`);
      result.failed += 1;
      continue;
    }
    if (!claimed) break;
    result.done += 1;
  }
  return result;
}

type RunnerState = { timer: NodeJS.Timeout | null; running: Promise<unknown> | null; stopped: boolean };
const KEY = Symbol.for("taphuan.jobRunner");

/**
 * Starts this process's job runner (once): every `intervalMs`, `beforeRound` (e.g. queueing
 * tomorrow's reminders), then the due jobs. Returns a stop function.
 */
export function startJobRunner(options: RunOptions & { intervalMs?: number; beforeRound?: () => Promise<unknown> }): () => Promise<void> {
  const g = globalThis as unknown as Record<symbol, RunnerState | undefined>;
  const existing = g[KEY];
  if (existing && !existing.stopped) return async () => {};
  const state: RunnerState = { timer: null, running: null, stopped: false };
  g[KEY] = state;
  const interval = options.intervalMs ?? 60_000;
  const tick = () => {
    state.running = (async () => {
      await options.beforeRound?.();
      await runDueJobs(options);
    })()
      .catch((e) => console.error("jobs: round failed", e instanceof Error ? e.message : e))
      .finally(() => {
        state.running = null;
        if (!state.stopped) state.timer = setTimeout(tick, interval).unref();
      });
  };
  state.timer = setTimeout(tick, 5_000).unref();
  return async () => {
    state.stopped = true;
    if (state.timer) clearTimeout(state.timer);
    await state.running;
    if (g[KEY] === state) g[KEY] = undefined;
  };
}
