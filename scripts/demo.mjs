#!/usr/bin/env node
// One command for a new machine with only Node.js: installs, builds, prepares the embedded
// database with demo data and serves the app. A second run keeps the data and skips what is done.
//   npm run demo                         → http://localhost:3000
//   PORT=8080 TAPHUAN_DATA_DIR=… npm run demo
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const port = process.env.PORT ?? "3000";
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const log = (msg) => console.log(`[demo] ${msg}`);

function run(cmd, args, env = {}) {
  const res = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (res.status !== 0) {
    console.error(`[demo] failed: ${cmd} ${args.join(" ")}`);
    process.exit(res.status ?? 1);
  }
}

function newestMtime(entries) {
  let newest = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      if (p.endsWith(`${path.sep}generated`)) return;
      for (const e of readdirSync(p)) walk(path.join(p, e));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  entries.forEach(walk);
  return newest;
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`[demo] Node.js 20.19 or newer is needed (found ${process.versions.node}).`);
  process.exit(1);
}

// 1. Dependencies (and the generated Prisma client, via postinstall).
const installed = path.join("node_modules", ".package-lock.json");
if (!existsSync(installed) || statSync("package-lock.json").mtimeMs > statSync(installed).mtimeMs) {
  log("installing dependencies (npm ci)…");
  run(npm, ["ci", "--no-audit", "--no-fund"]);
} else if (!existsSync(path.join("lib", "db", "generated", "client.ts"))) {
  run(process.execPath, ["scripts/prisma-generate.mjs", "--force"]);
}

// 2. A production build, redone only when the sources changed.
const buildId = path.join(process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
const sources = ["app", "components", "lib", "public", "prisma/schema.prisma", "next.config.ts", "package-lock.json", "postcss.config.mjs"];
// TAPHUAN_DEMO_REUSE_BUILD=1 (the test runner, which has just built) never rebuilds: a rebuild would
// replace the files under a server already serving from the same folder.
const reuse = process.env.TAPHUAN_DEMO_REUSE_BUILD === "1" && existsSync(buildId);
if (!reuse && (!existsSync(buildId) || newestMtime(sources) > statSync(buildId).mtimeMs)) {
  log("building the app (about a minute the first time)…");
  run(npm, ["run", "build"], { NEXT_TELEMETRY_DISABLED: "1" });
}

// 3. The embedded database and a session secret kept beside it.
const dataDir = path.resolve(process.env.TAPHUAN_DATA_DIR ?? path.join(".data", "pglite"));
mkdirSync(path.dirname(dataDir), { recursive: true });
const secretFile = path.join(path.dirname(dataDir), "nextauth-secret");
if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("hex"), { mode: 0o600 });
const env = {
  DATABASE_URL: "",
  TAPHUAN_EMBEDDED: "1", // production mode on the embedded database, asked for (lib/db/config.ts)
  TAPHUAN_DATA_DIR: dataDir,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? readFileSync(secretFile, "utf8").trim(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_MANUAL_SIG_HANDLE: "1",
  NODE_ENV: "production",
};
log(`preparing the embedded database in ${dataDir}…`);
run(path.join("node_modules", ".bin", "tsx"), ["scripts/prepare-db.ts", "--seed"], env);

// 4. Serve. Ctrl+C closes the database cleanly.
log(`serving on http://localhost:${port} — demo accounts are listed in README.md (password taphuan2026)`);
const server = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", port], {
  stdio: "inherit",
  env: { ...process.env, ...env },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
