import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_MISSING, findChromium } from "./scripts/find-chromium.mjs";

// Values shared by the runner, its workers and the servers it starts: set once, inherited by all.
process.env.TAPHUAN_E2E_TOKEN ??= randomBytes(24).toString("hex");
process.env.TAPHUAN_E2E_DIR ??= mkdtempSync(path.join(tmpdir(), "taphuan-e2e-"));
const executablePath = await findChromium();
if (!executablePath) throw new Error(CHROMIUM_MISSING);

const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const DEMO_PORT = Number(process.env.E2E_DEMO_PORT ?? 3200);
/** E2E_SKIP_DEMO=1 leaves out the demo smoke project (for a quick run of one spec). */
const withDemo = process.env.E2E_SKIP_DEMO !== "1";
const dir = process.env.TAPHUAN_E2E_DIR;
/** E2E_DATABASE_URL (PostgreSQL) when configured, the embedded database otherwise. */
const database: Record<string, string> = process.env.E2E_DATABASE_URL
  ? { DATABASE_URL: process.env.E2E_DATABASE_URL }
  : { DATABASE_URL: "", TAPHUAN_EMBEDDED: "1", TAPHUAN_DATA_DIR: path.join(dir, "app-db") };

const serverEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
  NEXT_MANUAL_SIG_HANDLE: "1",
  // Every process warning of both servers; global-teardown.ts fails the run on pg's and lib/db's.
  TAPHUAN_WARNINGS_FILE: path.join(dir, "server-warnings.log"),
};

export default defineConfig({
  testDir: "tests/e2e",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0, // a flaky test is a bug to fix, not to hide
  // One worker per core, at most four: each worker drives a Chromium against the same two servers,
  // which need the cores too. Long journeys set their own budgets (test.setTimeout) for their work.
  workers: Math.min(4, Math.max(1, availableParallelism())),
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    ...devices["Desktop Chrome"],
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "app", testIgnore: /demo\.spec\.ts/, use: { baseURL: `http://localhost:${APP_PORT}` } },
    ...(withDemo ? [{ name: "demo", testMatch: /demo\.spec\.ts/, use: { baseURL: `http://localhost:${DEMO_PORT}` } }] : []),
  ],
  webServer: [
    {
      // The built app on the test database; e2e tests make their own data through /api/test-support.
      command: `npx tsx scripts/prepare-db.ts && npx next start -p ${APP_PORT}`,
      url: `http://localhost:${APP_PORT}/api/health`,
      env: {
        ...serverEnv,
        ...database,
        // Course files of this run, in its temp folder (never the working tree's .data/files).
        TAPHUAN_FILES_DIR: path.join(dir, "app-files"),
        NEXTAUTH_URL: `http://localhost:${APP_PORT}`,
        TAPHUAN_E2E_TOKEN: process.env.TAPHUAN_E2E_TOKEN,
      },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    ...(withDemo ? [{
      // README's demo command itself, on a fresh embedded database: the smoke test of `npm run demo`.
      command: "node scripts/demo.mjs",
      url: `http://localhost:${DEMO_PORT}/api/health`,
      env: { ...serverEnv, TAPHUAN_DEMO_REUSE_BUILD: "1", PORT: String(DEMO_PORT), TAPHUAN_DATA_DIR: path.join(dir, "demo-db"), TAPHUAN_FILES_DIR: path.join(dir, "demo-files"), DATABASE_URL: "", TAPHUAN_EMBEDDED: "1" },
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: "ignore" as const,
      stderr: "pipe" as const,
    }] : []),
  ],
});
