import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client";
import { databaseTarget, type DatabaseTarget } from "./config";
import { onEmbeddedShutdown, openEmbedded, releaseEmbedded } from "./embedded";

export { Prisma } from "./generated/client";
export type { PrismaClient } from "./generated/client";
export type { DatabaseTarget } from "./config";

/**
 * The database client, created on first use and kept on globalThis (one per process, also in
 * production: Next.js can load this module several times). Never opened at import time.
 *
 * - DATABASE_URL=postgres(ql)://… → PostgreSQL via @prisma/adapter-pg;
 * - otherwise → embedded PostgreSQL (PGlite) in TAPHUAN_DATA_DIR (default .data/pglite), locked
 *   to this process, checkpointed every 5 minutes, closed on SIGTERM/SIGINT (under Next.js set
 *   NEXT_MANUAL_SIG_HANDLE=1 so that Next leaves the signals to us).
 *
 * Throws during `next build`: pages that query must be dynamic.
 */
export function db(): PrismaClient {
  const st = state();
  if (st.current) return st.current.client;
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error(
      "lib/db: the database was opened during `next build`. Pages and routes that query the database " +
        "must be dynamic (e.g. `await connection()` from next/server, or `export const dynamic = \"force-dynamic\"`); " +
        "a static page would bake stale data into HTML, and parallel build workers would open the embedded database at once.",
    );
  }
  const target = databaseTarget();
  if (target.kind === "postgres") {
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) });
    st.current = { target, client };
    return client;
  }
  const pg = openEmbedded(target.dir); // throws if another process holds the directory
  const client = new PrismaClient({ adapter: new PrismaPGlite(pg) });
  st.current = { target, client };
  if (!st.hookInstalled) {
    st.hookInstalled = true;
    onEmbeddedShutdown(closeDb);
  }
  return client;
}

/** The target db() uses (or would use, if it has not been opened yet). */
export function dbTarget(): DatabaseTarget {
  return state().current?.target ?? databaseTarget();
}

/**
 * Disconnect the client; for the embedded database also CHECKPOINT, close PGlite and release the
 * data-directory lock. Safe to call twice; db() afterwards opens a new client.
 */
export async function closeDb(): Promise<void> {
  const st = state();
  if (st.closing) return st.closing;
  const current = st.current;
  if (!current) return;
  st.closing = (async () => {
    try {
      await current.client.$disconnect();
    } finally {
      st.current = null;
      if (current.target.kind === "embedded") await releaseEmbedded(current.target.dir);
    }
  })().finally(() => {
    st.closing = null;
  });
  return st.closing;
}

type State = {
  current: { target: DatabaseTarget; client: PrismaClient } | null;
  closing: Promise<void> | null;
  hookInstalled: boolean;
};

const STATE_KEY = Symbol.for("taphuan.db.client");
function state(): State {
  const g = globalThis as unknown as Record<symbol, State | undefined>;
  return (g[STATE_KEY] ??= { current: null, closing: null, hookInstalled: false });
}
