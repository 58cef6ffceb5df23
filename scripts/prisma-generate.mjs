#!/usr/bin/env node
// Generate the Prisma client (lib/db/generated) without network access.
//
// `prisma generate` does not need Prisma's native schema engine, but the CLI tries to download it
// unless PRISMA_SCHEMA_ENGINE_BINARY points at an existing file; any file will do, so we point it
// at this script. Never set that variable for `prisma migrate` (it then does nothing and exits 0):
// migrations go through scripts/migrate.ts.
//
//   node scripts/prisma-generate.mjs           generate if prisma/schema.prisma is newer than the client
//   node scripts/prisma-generate.mjs --force   always generate (used by postinstall)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), "..");
const schema = path.join(root, "prisma", "schema.prisma");
const generated = path.join(root, "lib", "db", "generated");
const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
const force = process.argv.includes("--force");

if (!fs.existsSync(cli)) {
  // e.g. `npm ci --omit=dev`: the prisma CLI is a devDependency. Do not fail the install.
  console.warn("prisma-generate: node_modules/prisma is not installed; skipping `prisma generate`.");
  process.exit(0);
}

/** Oldest modification time among the generated entry points, or 0 if any is missing. */
function generatedTime() {
  let oldest = Infinity;
  for (const f of ["client.ts", "enums.ts", "models.ts"]) {
    try {
      oldest = Math.min(oldest, fs.statSync(path.join(generated, f)).mtimeMs);
    } catch {
      return 0;
    }
  }
  return oldest;
}

if (!force && generatedTime() > fs.statSync(schema).mtimeMs) {
  console.log("prisma-generate: lib/db/generated is up to date (use --force to regenerate).");
  process.exit(0);
}

const started = Date.now();
const result = spawnSync(process.execPath, [cli, "generate", "--schema", schema], {
  cwd: root,
  stdio: ["ignore", "pipe", "pipe"],
  encoding: "utf8",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: self,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1", // no telemetry call to an unreachable host
  },
});
if (result.status !== 0) {
  process.stdout.write(result.stdout ?? "");
  process.stderr.write(result.stderr ?? "");
  console.error(`prisma-generate: prisma generate failed (exit ${result.status ?? result.signal}).`);
  process.exit(result.status || 1);
}
console.log(`prisma-generate: generated lib/db/generated in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
