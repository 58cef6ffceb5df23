import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { Prisma, PrismaClient } from "./generated/client";
import { databaseTarget, type DatabaseTarget } from "./config";
import { onEmbeddedShutdown, openEmbedded, releaseEmbedded } from "./embedded";
import { OUTSIDE_TX_MESSAGE, guardAdapterFactory, reportMisuse } from "./guard";

export { Prisma } from "./generated/client";
export type { PrismaClient } from "./generated/client";
export type { DatabaseTarget } from "./config";
export { TransactionMisuseError, TX_WARNING_CODE } from "./guard";

/**
 * What data code queries through: the global client, or — while code runs inside `transaction()` —
 * that transaction's client. It has no `$transaction`: transactions start with `transaction()`.
 */
export type Db = Prisma.TransactionClient;

export type TransactionOptions = {
  maxWait?: number;
  timeout?: number;
  isolationLevel?: Prisma.TransactionIsolationLevel;
  /** Tests only: run the transaction on this other client (a second connection pool). */
  client?: PrismaClient;
};

/**
 * The database client: inside `transaction()` the transaction's client, found through
 * AsyncLocalStorage, so that a function called inside a transaction cannot reach the global
 * client (docs/decisions/006); otherwise the one global client, created on first use and kept on
 * globalThis (one per process, also in production: Next.js can load this module several times).
 * Never opened at import time.
 *
 * - DATABASE_URL=postgres(ql)://… → PostgreSQL via @prisma/adapter-pg;
 * - otherwise → embedded PostgreSQL (PGlite) in TAPHUAN_DATA_DIR (default .data/pglite), locked
 *   to this process, checkpointed every 5 minutes, closed on SIGTERM/SIGINT (under Next.js set
 *   NEXT_MANUAL_SIG_HANDLE=1 so that Next leaves the signals to us). In production only when
 *   asked for (TAPHUAN_EMBEDDED=1, lib/db/config.ts).
 *
 * Throws during `next build`: pages that query must be dynamic.
 */
export function db(): Db {
  return txStorage().getStore() ?? opened().guarded;
}

/**
 * Run `fn` in one interactive transaction; inside it `db()` is the transaction's client (and `fn`
 * gets it too). The one way to start a transaction (lint forbids `$transaction` elsewhere).
 *
 * Called while a transaction is already open in this async context, it runs inside that
 * transaction, on its connection, under a savepoint (its options are then ignored): a lib function
 * that needs a transaction can be called from another one without waiting for a second
 * connection, and when it fails its writes are undone while the outer transaction goes on.
 */
export async function transaction<T>(fn: (tx: Db) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const storage = txStorage();
  const outer = storage.getStore();
  const { client, ...txOptions } = options;
  if (outer && !client) return outer.$transaction((tx) => storage.run(tx, () => fn(tx)));
  const base = client ?? opened().client;
  return base.$transaction((tx) => storage.run(tx, () => fn(tx)), txOptions);
}

/** True while code runs inside `transaction()`. */
export function inTransaction(): boolean {
  return txStorage().getStore() !== undefined;
}

function opened(): Opened {
  const st = state();
  if (st.current) return st.current;
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error(
      "lib/db: the database was opened during `next build`. Pages and routes that query the database " +
        "must be dynamic (e.g. `await connection()` from next/server, or `export const dynamic = \"force-dynamic\"`); " +
        "a static page would bake stale data into HTML, and parallel build workers would open the embedded database at once.",
    );
  }
  const target = databaseTarget();
  const strict = isStrict(target);
  if (target.kind === "postgres") {
    const client = new PrismaClient({ adapter: guardAdapterFactory(new PrismaPg({ connectionString: target.url })) });
    st.current = { target, client, guarded: guardGlobal(client, strict) };
    return st.current;
  }
  const pg = openEmbedded(target.dir); // throws if another process holds the directory
  const client = new PrismaClient({ adapter: guardAdapterFactory(new PrismaPGlite(pg)) });
  st.current = { target, client, guarded: guardGlobal(client, strict) };
  if (!st.hookInstalled) {
    st.hookInstalled = true;
    onEmbeddedShutdown(closeDb);
  }
  return st.current;
}

/**
 * Misuse throws everywhere except production on PostgreSQL, where it is reported as a process
 * warning and the query proceeds (it would deadlock on the embedded database, so there it throws).
 */
function isStrict(target: DatabaseTarget): boolean {
  return process.env.NODE_ENV !== "production" || target.kind === "embedded" || process.env.TAPHUAN_DB_STRICT === "1";
}

/** The global client, refusing to run while a transaction is open in the caller's async context. */
function guardGlobal(client: PrismaClient, strict: boolean): Db {
  const storage = txStorage();
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        if (storage.getStore() !== undefined) reportMisuse(OUTSIDE_TX_MESSAGE, strict);
        return query(args);
      },
    },
  }) as unknown as Db;
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

type Opened = { target: DatabaseTarget; client: PrismaClient; guarded: Db };

type State = {
  current: Opened | null;
  closing: Promise<void> | null;
  hookInstalled: boolean;
  transactions: AsyncLocalStorage<Db>;
};

const STATE_KEY = Symbol.for("taphuan.db.client");
function state(): State {
  const g = globalThis as unknown as Record<symbol, State | undefined>;
  const st = (g[STATE_KEY] ??= { current: null, closing: null, hookInstalled: false, transactions: new AsyncLocalStorage() });
  return st;
}
function txStorage(): AsyncLocalStorage<Db> {
  return state().transactions;
}
