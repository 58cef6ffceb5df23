import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { closeDb } from "@/lib/db";
import { databaseTarget } from "@/lib/db/config";
import { applyMigrations } from "@/lib/db/migrations";

// Embedded mode: one fresh, migrated PGlite directory per test file's process.
if (databaseTarget().kind === "embedded" && !process.env.TAPHUAN_TEST_EMBEDDED_READY) {
  process.env.TAPHUAN_DATA_DIR = mkdtempSync(path.join(tmpdir(), "taphuan-it-"));
  await applyMigrations(databaseTarget());
  process.env.TAPHUAN_TEST_EMBEDDED_READY = "1";
}

afterAll(async () => {
  await closeDb();
});
