import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { acquireDataDirLock, releaseDataDirLock } from "./lock";

/**
 * The process-wide registry of embedded PostgreSQL (PGlite) instances: one instance per data
 * directory per process, kept on globalThis (Next.js may load this module more than once), shared
 * by the app's Prisma client (lib/db/index.ts) and the migration runner (lib/db/migrations.ts).
 *
 * Opening takes the data-directory lock; the last release runs CHECKPOINT, closes PGlite and drops
 * the lock. While open, CHECKPOINT runs every 5 minutes (PGlite never checkpoints by itself, so crash
 * recovery would replay everything since the last open), and SIGTERM/SIGINT close everything
 * cleanly before exiting.
 */

export const CHECKPOINT_INTERVAL_MS = 5 * 60 * 1000;
const SHUTDOWN_TIMEOUT_MS = 15_000;

type Entry = {
  pg: PGlite;
  refs: number;
  timer: NodeJS.Timeout;
  checkpointing: boolean;
  closing: Promise<void> | null;
};

type State = {
  entries: Map<string, Entry>;
  signalsInstalled: boolean;
  shuttingDown: boolean;
  /** Run before the PGlite instances close on a signal (e.g. disconnect Prisma). */
  beforeShutdown: Set<() => Promise<void>>;
};

const STATE_KEY = Symbol.for("taphuan.db.embedded");
function state(): State {
  const g = globalThis as unknown as Record<symbol, State | undefined>;
  return (g[STATE_KEY] ??= {
    entries: new Map(),
    signalsInstalled: false,
    shuttingDown: false,
    beforeShutdown: new Set(),
  });
}

/**
 * Open (or share) the PGlite instance for `dir`. Every call must be paired with
 * `releaseEmbedded(dir)`. Throws DataDirLockedError if another process holds the directory.
 * Synchronous: PGlite finishes starting in the background and queues queries meanwhile.
 */
export function openEmbedded(dir: string): PGlite {
  const abs = path.resolve(dir);
  const st = state();
  if (st.shuttingDown) throw new Error("The process is shutting down; the embedded database is closed.");
  const existing = st.entries.get(abs);
  if (existing && !existing.closing) {
    existing.refs++;
    return existing.pg;
  }
  if (existing?.closing) {
    throw new Error(`The embedded database ${abs} is being closed; open it again once closeDb() has finished.`);
  }
  acquireDataDirLock(abs);
  let pg: PGlite;
  try {
    pg = new PGlite(abs);
  } catch (err) {
    releaseDataDirLock(abs);
    throw err;
  }
  pg.waitReady.catch((err: unknown) => {
    console.error(`[db] embedded PostgreSQL at ${abs} failed to start:`, err);
  });
  const entry: Entry = { pg, refs: 1, timer: undefined as unknown as NodeJS.Timeout, checkpointing: false, closing: null };
  entry.timer = setInterval(() => void checkpoint(entry, abs), CHECKPOINT_INTERVAL_MS);
  entry.timer.unref();
  st.entries.set(abs, entry);
  installSignalHandlers(st);
  return pg;
}

/** Drop one user of `dir`; the last one checkpoints, closes PGlite and releases the lock. */
export async function releaseEmbedded(dir: string): Promise<void> {
  const abs = path.resolve(dir);
  const entry = state().entries.get(abs);
  if (!entry) return;
  if (entry.closing) return entry.closing;
  if (--entry.refs > 0) return;
  return close(abs, entry);
}

/** Close every embedded instance of this process, whoever opened it. */
export async function closeAllEmbedded(): Promise<void> {
  const st = state();
  await Promise.all([...st.entries].map(([abs, entry]) => entry.closing ?? close(abs, entry)));
}

/** Register work to run on SIGTERM/SIGINT before the embedded databases close. */
export function onEmbeddedShutdown(fn: () => Promise<void>): void {
  state().beforeShutdown.add(fn);
}

async function checkpoint(entry: Entry, abs: string): Promise<void> {
  if (entry.checkpointing || entry.closing) return;
  entry.checkpointing = true;
  try {
    await entry.pg.exec("CHECKPOINT");
  } catch (err) {
    console.error(`[db] CHECKPOINT failed on ${abs}:`, err);
  } finally {
    entry.checkpointing = false;
  }
}

function close(abs: string, entry: Entry): Promise<void> {
  clearInterval(entry.timer);
  entry.closing = (async () => {
    try {
      if (!entry.pg.closed) {
        try {
          await entry.pg.exec("CHECKPOINT");
        } catch {
          /* closing anyway; recovery replays the WAL on next open */
        }
        await entry.pg.close();
      }
    } finally {
      state().entries.delete(abs);
      releaseDataDirLock(abs);
    }
  })();
  return entry.closing;
}

function installSignalHandlers(st: State): void {
  if (st.signalsInstalled) return;
  st.signalsInstalled = true;
  const onSignal = (signal: NodeJS.Signals) => {
    if (st.shuttingDown) {
      // Second signal: give up waiting. The 'exit' hook in lock.ts still removes our locks.
      process.exit(1);
    }
    st.shuttingDown = true;
    const force = setTimeout(() => {
      console.error(`[db] shutdown after ${signal} took over ${SHUTDOWN_TIMEOUT_MS} ms; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    void (async () => {
      for (const fn of st.beforeShutdown) {
        try {
          await fn();
        } catch (err) {
          console.error("[db] shutdown hook failed:", err);
        }
      }
      try {
        await closeAllEmbedded();
      } catch (err) {
        console.error("[db] closing the embedded database failed:", err);
        process.exit(1);
      }
      process.exit(0);
    })();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
