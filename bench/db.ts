// Shared by the benchmarks (not tests). Imports nothing from lib/db: the benchmarks set
// DATABASE_URL first and import lib/db afterwards (it reads the variable on first use).
import pg from "pg";

/**
 * Drops the PostgreSQL database named in `url` (closing its connections) and creates it empty,
 * through the server's `postgres` database; then points DATABASE_URL at it.
 */
export async function recreateDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  process.env.DATABASE_URL = url;
}
