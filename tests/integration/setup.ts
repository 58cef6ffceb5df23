import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach } from "vitest";
import { TX_WARNING_CODE, closeDb } from "@/lib/db";
import { databaseTarget } from "@/lib/db/config";
import { applyMigrations } from "@/lib/db/migrations";

// Embedded mode: one fresh, migrated PGlite directory per test file's process.
if (databaseTarget().kind === "embedded" && !process.env.TAPHUAN_TEST_EMBEDDED_READY) {
  process.env.TAPHUAN_DATA_DIR = mkdtempSync(path.join(tmpdir(), "taphuan-it-"));
  await applyMigrations(databaseTarget());
  process.env.TAPHUAN_TEST_EMBEDDED_READY = "1";
}

// A deprecation (pg's "client is already executing a query": queries at once on one transaction's
// connection) or a lib/db transaction warning fails the test during which it was emitted
// (docs/decisions/006). lib/db itself throws on the global client inside a transaction here
// (NODE_ENV=test), so that pattern fails at once where it happens.
const warnings: Error[] = [];
process.on("warning", (w: Error & { code?: string }) => {
  if (w.name === "DeprecationWarning" || w.code === TX_WARNING_CODE) warnings.push(w);
});

afterEach(async () => {
  await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
  if (warnings.length === 0) return;
  const found = warnings.splice(0);
  throw new Error(`Process warning(s) during this test:\n${found.map((w) => w.stack ?? `${w.name}: ${w.message}`).join("\n\n")}`);
});

afterAll(async () => {
  await closeDb();
});
