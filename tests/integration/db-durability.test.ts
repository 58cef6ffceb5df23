import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { openEmbedded, releaseEmbedded } from "@/lib/db/embedded";
import { isProcessAlive, lockFilePath, readLockOwner } from "@/lib/db/lock";

// README.md "Durability of the embedded database": a kill -9 of the process holding the embedded
// database loses no acknowledged write, and the database opens again (stale lock taken over,
// WAL replayed). Runs on its own data directory, whatever DATABASE_URL says.
const dir = mkdtempSync(path.join(tmpdir(), "taphuan-kill9-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("embedded database durability", () => {
  it("kill -9 in the middle of writes: every acknowledged write is there after reopening", async () => {
    const tag = `K${process.pid}`;
    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/support/durability-writer.ts", tag], {
      env: { ...process.env, DATABASE_URL: "", TAPHUAN_DATA_DIR: dir, NODE_ENV: "development" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const acked: string[] = [];
    let killedAt = -1;
    for await (const line of createInterface({ input: child.stdout })) {
      if (line.startsWith("ack ")) acked.push(line.slice(4));
      // Killed while it keeps writing: the next commit is in flight.
      if (acked.length === 60 && killedAt < 0) {
        killedAt = acked.length;
        child.kill("SIGKILL");
      }
    }
    expect(await exited, stderr).toBe("SIGKILL");
    expect(acked.length).toBeGreaterThanOrEqual(60);
    // The lock is left behind, its owner dead: the next opener takes it over.
    expect(existsSync(lockFilePath(dir))).toBe(true);
    expect(isProcessAlive(readLockOwner(dir)!)).toBe(false);

    const pg = openEmbedded(dir);
    try {
      const { rows } = await pg.query<{ code: string; name: string }>(`SELECT "code", "name" FROM "Unit" WHERE "code" LIKE $1`, [`${tag}-%`]);
      const found = new Map(rows.map((r) => [r.code, r.name]));
      expect(acked.filter((code) => !found.has(code))).toEqual([]);
      // Transactions were atomic: no unit of a transaction without its update.
      for (const code of acked.filter((c) => Number(c.split("-")[1]) % 2 === 0)) expect(found.get(code)).toMatch(/đã sửa/);
      // It starts again and takes writes.
      await pg.query(`INSERT INTO "Unit" ("id", "code", "name", "kind", "updatedAt") VALUES (gen_random_uuid(), $1, 'Sau khi khởi động lại', 'COMMUNE', now())`, [`${tag}-after`]);
      expect(readLockOwner(dir)).toBe(process.pid);
    } finally {
      await releaseEmbedded(dir);
    }
  }, 120_000);
});
