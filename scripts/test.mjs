#!/usr/bin/env node
// The whole test suite, as README.md gives it: `npm test`.
// Uses the PostgreSQL in TEST_DATABASE_URL or DATABASE_URL when one is configured (CI always does),
// the embedded database otherwise. Fails plainly when no Chromium can be found.
import { spawnSync } from "node:child_process";
import pg from "pg";
import { CHROMIUM_MISSING, findChromium } from "./find-chromium.mjs";

const started = Date.now();
const results = [];
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "";
const usePostgres = /^postgres(ql)?:\/\//.test(serverUrl);

function dbUrl(name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops and recreates a throwaway database on the configured server. */
async function freshDatabase(name) {
  const admin = new pg.Client({ connectionString: dbUrl("postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

function step(name, cmd, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n━━ ${name} ━━ ${cmd} ${args.join(" ")}`);
  const merged = { ...process.env, ...env };
  delete merged.NODE_ENV; // each tool sets its own (next build: production, vitest: test)
  const res = spawnSync(cmd, args, { stdio: "inherit", env: merged });
  const ok = res.status === 0;
  results.push({ name, ok, seconds: (Date.now() - t0) / 1000 });
  if (!ok) finish();
}

function finish() {
  console.log("\n━━ summary ━━");
  for (const r of results) console.log(`${r.ok ? "✓" : "✗"} ${r.name.padEnd(28)} ${r.seconds.toFixed(1).padStart(6)} s`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`steps: ${results.length - failed} passed, ${failed} failed — ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  process.exit(failed ? 1 : 0);
}

const chromium = await findChromium();
if (!chromium) {
  console.error(CHROMIUM_MISSING);
  process.exit(1);
}
console.log(`database: ${usePostgres ? `PostgreSQL at ${new URL(serverUrl).host}` : "embedded PGlite (set DATABASE_URL=postgresql://… to use a server)"}`);
console.log(`chromium: ${chromium}`);

/** Integration files also run on the embedded engine when the suite runs on PostgreSQL. */
const EMBEDDED_CORE = [
  "tests/integration/db-transactions.test.ts",
  "tests/integration/db-durability.test.ts",
  "tests/integration/courses.test.ts",
  "tests/integration/classes.test.ts",
  "tests/integration/import.test.ts",
  "tests/integration/attendance.test.ts",
  "tests/integration/units.test.ts",
  "tests/integration/quiz-results.test.ts",
  "tests/integration/quiz-attempts.test.ts",
];

const bin = (name) => `node_modules/.bin/${name}`;
const common = { NEXT_TELEMETRY_DISABLED: "1", CHROMIUM_PATH: chromium };
const integrationEnv = usePostgres ? { DATABASE_URL: dbUrl("taphuan_test") } : { DATABASE_URL: "" };

step("lint", bin("eslint"), ["--max-warnings=0", "."], common);
step("typecheck", bin("tsc"), ["--noEmit"], common);
step("schema matches migrations", bin("tsx"), ["scripts/migrate.ts", "check"], common);
step("unit tests", bin("vitest"), ["run", "--project", "unit"], common);
step("integration tests", bin("vitest"), ["run", "--project", "integration"], { ...common, ...integrationEnv });
// The demo and small servers run on the embedded engine (one connection, no pool): the core paths
// run there too, so that a query outside its transaction or a PGlite difference fails here
// (docs/decisions/006). Each file gets its own fresh PGlite directory (tests/integration/setup.ts).
if (usePostgres) {
  step("integration, embedded core", bin("vitest"), ["run", "--project", "integration", ...EMBEDDED_CORE], { ...common, DATABASE_URL: "" });
}
step("build", bin("next"), ["build"], common);
if (usePostgres) await freshDatabase("taphuan_e2e_test");
step("end-to-end tests (Chromium)", bin("playwright"), ["test"], {
  ...common,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
  E2E_DATABASE_URL: usePostgres ? dbUrl("taphuan_e2e_test") : "",
  DATABASE_URL: "",
});
finish();
