import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

/**
 * Two ways a transaction can go wrong, closed where they happen (docs/decisions/006):
 * - a query through the global client while a transaction is open in the same async context (the
 *   embedded database has one connection: that query waits for the transaction, which waits for it,
 *   until the transaction expires; on PostgreSQL it takes a second pool connection). `db()` returns
 *   the transaction's client inside `transaction()`; a global client captured before is refused
 *   (`reportMisuse`): it throws everywhere but production on PostgreSQL, where a process warning
 *   is emitted and the query proceeds.
 * - two queries at once on one transaction's connection. Prisma queues the operations of one
 *   transaction, but its query interpreter loads an operation's relations (`include` of two
 *   relations, chunked `IN` lists) with Promise.all; on PostgreSQL `pg` then queues them with a
 *   DeprecationWarning, an error in its next major version. The adapter wrapper below runs a
 *   transaction's queries one after the other.
 */
export const TX_WARNING_CODE = "TAPHUAN_DB_TRANSACTION";

export class TransactionMisuseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TransactionMisuseError";
  }
}

export function reportMisuse(message: string, strict: boolean): void {
  if (strict) throw new TransactionMisuseError(message);
  process.emitWarning(message, { type: "TaphuanDbWarning", code: TX_WARNING_CODE });
}

export const OUTSIDE_TX_MESSAGE =
  "lib/db: a query went through the global client while a transaction is open in the same async context. " +
  "Inside transaction(...) use db() or the transaction client (never a client captured before the transaction).";

/**
 * Wrap a driver adapter factory so that every transaction it starts runs its queries one after the
 * other, and supports savepoints (nested `transaction()` calls) on adapters that lack them (PGlite's).
 */
export function guardAdapterFactory<F extends SqlDriverAdapterFactory>(factory: F): F {
  return new Proxy(factory, {
    get(target, prop, receiver) {
      if (prop === "connect") {
        return async () => guardAdapter(await target.connect());
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function guardAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === "startTransaction") {
        return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) =>
          guardTransaction(await target.startTransaction(...args));
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const SAVEPOINT_SQL = {
  createSavepoint: "SAVEPOINT",
  rollbackToSavepoint: "ROLLBACK TO SAVEPOINT",
  releaseSavepoint: "RELEASE SAVEPOINT",
} as const;

function guardTransaction(tx: Transaction): Transaction {
  let tail: Promise<unknown> = Promise.resolve();
  const serialised = <R>(run: () => Promise<R>): Promise<R> => {
    const result = tail.then(run);
    tail = result.catch(() => undefined);
    return result;
  };
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === "queryRaw") return (q: SqlQuery) => serialised(() => target.queryRaw(q));
      if (prop === "executeRaw") return (q: SqlQuery) => serialised(() => target.executeRaw(q));
      if (prop in SAVEPOINT_SQL && typeof Reflect.get(target, prop) !== "function") {
        const verb = SAVEPOINT_SQL[prop as keyof typeof SAVEPOINT_SQL];
        return async (name: string) => {
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`lib/db: unexpected savepoint name ${name}`);
          await serialised(() => target.executeRaw({ sql: `${verb} "${name}"`, args: [], argTypes: [] }));
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
