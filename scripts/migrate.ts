/**
 * Database migrations without Prisma's native engine (see lib/db/migrations.ts).
 *
 *   tsx scripts/migrate.ts apply       apply pending migrations to DATABASE_URL / TAPHUAN_DATA_DIR
 *   tsx scripts/migrate.ts status      list applied / pending migrations; exit 1 if not up to date
 *   tsx scripts/migrate.ts check       exit 2 (and print the SQL) if schema.prisma has changes
 *                                      that no migration covers; 0 when they agree
 *   tsx scripts/migrate.ts new NAME    write prisma/migrations/<timestamp>_NAME/migration.sql
 */
import path from "node:path";
import { databaseTarget, describeTarget } from "../lib/db/config";
import { closeAllEmbedded } from "../lib/db/embedded";
import {
  applyMigrations,
  createMigration,
  diffMigrationsToSchema,
  migrationStatus,
} from "../lib/db/migrations";

const USAGE = "usage: tsx scripts/migrate.ts <apply|status|check|new NAME>";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const started = performance.now();
  const took = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  switch (command) {
    case "apply": {
      const target = databaseTarget();
      const applied = await applyMigrations(target);
      console.log(
        applied.length
          ? `migrate: applied ${applied.length} migration(s) to ${describeTarget(target)}: ${applied.join(", ")} (${took()})`
          : `migrate: ${describeTarget(target)} is up to date, nothing to apply (${took()})`,
      );
      return 0;
    }
    case "status": {
      const target = databaseTarget();
      const s = await migrationStatus(target);
      const problems = s.problems.length ? `; PROBLEMS: ${s.problems.join("; ")}` : "";
      const pending = s.pending.length ? `; pending: ${s.pending.join(", ")}` : "";
      console.log(
        `migrate: ${s.target}: ${s.applied.length} applied, ${s.pending.length} pending` +
          `${pending}${problems} — ${s.upToDate ? "up to date" : "NOT up to date"} (${took()})`,
      );
      return s.upToDate ? 0 : 1;
    }
    case "check": {
      const sql = await diffMigrationsToSchema();
      if (!sql) {
        console.log(`migrate: prisma/schema.prisma and prisma/migrations agree (${took()})`);
        return 0;
      }
      process.stdout.write(sql);
      console.error(
        `migrate: prisma/schema.prisma has changes no migration covers (SQL above); run: npm run db:new -- <name> (${took()})`,
      );
      return 2;
    }
    case "new": {
      const name = rest.join("_");
      if (!name) {
        console.error(`migrate: a name is required. ${USAGE}`);
        return 64;
      }
      const file = await createMigration(name);
      console.log(
        file
          ? `migrate: wrote ${path.relative(process.cwd(), file)} (${took()})`
          : `migrate: prisma/schema.prisma and prisma/migrations agree; no migration written (${took()})`,
      );
      return 0;
    }
    default:
      console.error(`migrate: unknown command ${command ? `"${command}"` : "(none)"}. ${USAGE}`);
      return 64;
  }
}

// A panic inside the WebAssembly engine can surface outside any promise chain; its message is
// kept in PRISMA_WASM_PANIC_REGISTRY (see lib/db/migrations.ts).
process.on("uncaughtException", (err) => {
  const panic = (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { get(): string } }).PRISMA_WASM_PANIC_REGISTRY?.get();
  console.error(`migrate: error: ${(panic || String(err)).replace(/\s*\n\s*/g, " ")}`);
  process.exit(1);
});

let code = 1;
try {
  code = await main(process.argv.slice(2));
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`migrate: error: ${message.replace(/\s*\n\s*/g, " ")}`);
  if (process.env.TAPHUAN_MIGRATE_DEBUG) console.error(err);
} finally {
  await closeAllEmbedded();
}
process.exit(code);
