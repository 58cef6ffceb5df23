import path from "node:path";

/** Where the database lives: a PostgreSQL server, or an embedded PGlite data directory. */
export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "embedded"; dir: string };

/**
 * Decide the database from the environment.
 * - `DATABASE_URL=postgres://…` or `postgresql://…` → that PostgreSQL server;
 * - no/empty `DATABASE_URL` → embedded PostgreSQL (PGlite) in `TAPHUAN_DATA_DIR`,
 *   default `<cwd>/.data/pglite` — in production (`NODE_ENV=production`) only when asked for with
 *   `TAPHUAN_EMBEDDED=1` (the demo sets it): a production server that lost its `DATABASE_URL`
 *   must not start on an empty embedded database;
 * - anything else → an Error (we never guess).
 */
export function databaseTarget(
  env: Readonly<Record<string, string | undefined>> = process.env,
): DatabaseTarget {
  const url = env.DATABASE_URL?.trim() ?? "";
  if (url !== "") {
    if (/^postgres(ql)?:\/\//i.test(url)) return { kind: "postgres", url };
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
    throw new Error(
      `DATABASE_URL must start with postgres:// or postgresql:// (got ${
        scheme ? `a "${scheme}:" URL` : "a value without a URL scheme"
      }). Leave DATABASE_URL empty to use the embedded database in TAPHUAN_DATA_DIR.`,
    );
  }
  if (env.NODE_ENV === "production" && env.TAPHUAN_EMBEDDED?.trim() !== "1") {
    throw new Error(EMBEDDED_NOT_ASKED);
  }
  const dataDir = env.TAPHUAN_DATA_DIR?.trim();
  const dir = dataDir ? path.resolve(dataDir) : path.resolve(process.cwd(), ".data", "pglite");
  return { kind: "embedded", dir };
}

export const EMBEDDED_NOT_ASKED =
  "DATABASE_URL is not set. In production the server needs DATABASE_URL=postgresql://… " +
  "(see README.md); to run on the embedded database (a demo or a small training server) set TAPHUAN_EMBEDDED=1.";

/** A description safe to print (no password). */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "embedded") return `embedded PGlite at ${target.dir}`;
  try {
    const u = new URL(target.url);
    if (u.password) u.password = "***";
    return `PostgreSQL ${u.toString()}`;
  } catch {
    return "PostgreSQL (unparseable DATABASE_URL)";
  }
}
