import pg from "pg";
import { databaseTarget, describeTarget } from "@/lib/db/config";
import { applyMigrations } from "@/lib/db/migrations";

/**
 * Integration tests run against the PostgreSQL in DATABASE_URL (CI always sets one). The database is
 * created if missing and migrated once; tests never truncate it: each makes its own rows.
 * Without DATABASE_URL each worker gets its own embedded database (tests/integration/setup.ts).
 */
export default async function setup() {
  const target = databaseTarget();
  if (target.kind !== "postgres") {
    console.log("integration tests: embedded PGlite (set DATABASE_URL=postgresql://… to use a server)");
    return;
  }
  const url = new URL(target.url);
  const name = url.pathname.slice(1);
  if (!/^[a-z0-9_]+_test$|^test$/.test(name)) {
    throw new Error(`Refusing to run integration tests on database "${name}": its name must end in _test.`);
  }
  const admin = new URL(target.url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  await applyMigrations(target);
  console.log(`integration tests: ${describeTarget(target)}`);
}
