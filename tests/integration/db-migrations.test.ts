import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { databaseTarget } from "../../lib/db/config";
import { openEmbedded, releaseEmbedded } from "../../lib/db/embedded";
import {
  acquireDataDirLock,
  DataDirLockedError,
  holdsDataDirLock,
  lockFilePath,
  readLockOwner,
  releaseDataDirLock,
} from "../../lib/db/lock";
import { applyMigrations, diffMigrationsToSchema, readMigrationsList } from "../../lib/db/migrations";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "taphuan-dbmig-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const localMigrations = readMigrationsList().migrationDirectories.map((d) => d.path);

describe("migrations on a fresh embedded database", () => {
  it("applies every migration once, creates the tables, and then has nothing left to apply", async () => {
    const dir = path.join(tmp, "fresh");
    const target = { kind: "embedded", dir } as const;
    // Hold the instance ourselves: applyMigrations shares it (one PGlite per directory per process).
    const pg = openEmbedded(dir);
    try {
      expect(await applyMigrations(target)).toEqual(localMigrations);

      const tables = await pg.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(["AuditEvent", "LoginThrottle", "RoleGrant", "Unit", "User", "_prisma_migrations"]),
      );
      const recorded = await pg.query<{ migration_name: string; checksum: string }>(
        "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
      );
      expect(recorded.rows.map((r) => r.migration_name)).toEqual(localMigrations);
      expect(recorded.rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);

      expect(await applyMigrations(target)).toEqual([]);
    } finally {
      await releaseEmbedded(dir);
    }
    expect(fs.existsSync(lockFilePath(dir))).toBe(false);
  }, 120_000); // every migration on a fresh PGlite: about 10 s alone, 35 s on two busy cores

  it("has migrations that match prisma/schema.prisma", async () => {
    expect(await diffMigrationsToSchema()).toBe("");
  }, 120_000); // the schema engine diffs on an in-memory PGlite
});

describe("one process per embedded data directory", () => {
  it("refuses a directory whose lock belongs to another live process", async () => {
    const dir = path.join(tmp, "held");
    fs.mkdirSync(dir, { recursive: true });
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
    try {
      const otherPid = other.pid!;
      fs.writeFileSync(lockFilePath(dir), `${otherPid}\n`);
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`PID ${otherPid}\\b.*${escapeRegExp(dir)}|${escapeRegExp(dir)}.*PID ${otherPid}\\b`));
      expect(() => openEmbedded(dir)).toThrow(DataDirLockedError);
      await expect(applyMigrations({ kind: "embedded", dir })).rejects.toThrow(DataDirLockedError);
      expect(readLockOwner(dir)).toBe(otherPid); // untouched
      expect(holdsDataDirLock(dir)).toBe(false);
    } finally {
      other.kill("SIGKILL");
    }
  });

  it("takes over the lock of a process that died", () => {
    const dir = path.join(tmp, "stale");
    fs.mkdirSync(dir, { recursive: true });
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    fs.writeFileSync(lockFilePath(dir), `${dead.stdout}\n`);
    acquireDataDirLock(dir);
    expect(readLockOwner(dir)).toBe(process.pid);
    acquireDataDirLock(dir); // re-entrant within a process
    releaseDataDirLock(dir);
    expect(fs.existsSync(lockFilePath(dir))).toBe(true);
    releaseDataDirLock(dir);
    expect(fs.existsSync(lockFilePath(dir))).toBe(false);
  });

  it("refuses a second process while this one holds the directory", () => {
    const dir = path.join(tmp, "cross");
    acquireDataDirLock(dir);
    try {
      const child = spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "-e",
          `import("./lib/db/lock.ts").then((m) => {
             try { m.acquireDataDirLock(${JSON.stringify(dir)}); process.exit(0); }
             catch (e) { console.log(e.message); process.exit(e instanceof m.DataDirLockedError ? 3 : 1); }
           });`,
        ],
        { cwd: path.resolve(import.meta.dirname, "../.."), encoding: "utf8", timeout: 15_000 },
      );
      expect(child.stderr).toBe("");
      expect(child.status).toBe(3);
      expect(child.stdout).toContain(`PID ${process.pid}`);
      expect(readLockOwner(dir)).toBe(process.pid);
    } finally {
      releaseDataDirLock(dir);
    }
  });
});

describe("databaseTarget", () => {
  it("chooses PostgreSQL, embedded, or refuses", () => {
    expect(databaseTarget({ DATABASE_URL: "postgresql://u@h/db" })).toEqual({ kind: "postgres", url: "postgresql://u@h/db" });
    expect(databaseTarget({ DATABASE_URL: "postgres://u@h/db" }).kind).toBe("postgres");
    expect(databaseTarget({ TAPHUAN_DATA_DIR: "rel/dir" })).toEqual({ kind: "embedded", dir: path.resolve("rel/dir") });
    expect(databaseTarget({ DATABASE_URL: "" })).toEqual({ kind: "embedded", dir: path.resolve(".data/pglite") });
    expect(() => databaseTarget({ DATABASE_URL: "file:./dev.db" })).toThrow(/postgres/);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
