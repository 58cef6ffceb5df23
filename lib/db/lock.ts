import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * One process per embedded data directory (PGlite has no lock of its own; two writers
 * lose or corrupt data). The lock is a file `<dir>/taphuan.lock` whose first line is the
 * owner's PID. Within one process the lock is re-entrant (counted), so the app's client
 * and the migration runner can both hold it.
 */
export const LOCK_FILE_NAME = "taphuan.lock";

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database ${dir} is in use by another process (PID ${pid}). ` +
        `Only one process may open it: stop that process first (the server, a seed or migrate script), ` +
        `or point TAPHUAN_DATA_DIR elsewhere. If no process ${pid} uses it, delete ${path.join(dir, LOCK_FILE_NAME)}.`,
    );
    this.name = "DataDirLockedError";
  }
}

type LockRegistry = { held: Map<string, number>; exitHookInstalled: boolean };
const REGISTRY_KEY = Symbol.for("taphuan.db.locks");
function registry(): LockRegistry {
  const g = globalThis as unknown as Record<symbol, LockRegistry | undefined>;
  return (g[REGISTRY_KEY] ??= { held: new Map(), exitHookInstalled: false });
}

export function lockFilePath(dir: string): string {
  return path.join(path.resolve(dir), LOCK_FILE_NAME);
}

/** PID recorded in the lock file of `dir`, or null when there is no (readable) lock. */
export function readLockOwner(dir: string): number | null {
  let text: string;
  try {
    text = fs.readFileSync(lockFilePath(dir), "utf8");
  } catch {
    return null;
  }
  const pid = Number.parseInt(text.split("\n", 1)[0] ?? "", 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** True when a process with this PID exists (EPERM: it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when this process holds the lock of `dir`. */
export function holdsDataDirLock(dir: string): boolean {
  return (registry().held.get(path.resolve(dir)) ?? 0) > 0;
}

/**
 * Take the lock of `dir` (created if missing) for this process, or throw DataDirLockedError
 * when another live process holds it. A lock left by a dead process — or by an earlier process
 * that had our PID, as happens after a container restart — is taken over.
 */
export function acquireDataDirLock(dir: string): void {
  const abs = path.resolve(dir);
  const reg = registry();
  const count = reg.held.get(abs) ?? 0;
  if (count > 0) {
    reg.held.set(abs, count + 1);
    return;
  }
  fs.mkdirSync(abs, { recursive: true });
  const file = lockFilePath(abs);
  for (let attempt = 0; attempt < 30; attempt++) {
    if (tryCreate(file)) {
      reg.held.set(abs, 1);
      installExitHook(reg);
      return;
    }
    const owner = readLockOwner(abs);
    if (owner !== null && owner !== process.pid && isProcessAlive(owner)) {
      throw new DataDirLockedError(abs, owner);
    }
    if (owner === null && isFresh(file)) {
      sleepSync(100); // another process has just created it and is writing its PID
      continue;
    }
    takeOverStaleLock(file, owner);
  }
  throw new Error(`Could not take the lock ${file} (it keeps changing: is another process starting?)`);
}

/** Drop one hold of this process on `dir`; the file is removed when the last hold goes. */
export function releaseDataDirLock(dir: string): void {
  const abs = path.resolve(dir);
  const reg = registry();
  const count = reg.held.get(abs) ?? 0;
  if (count > 1) {
    reg.held.set(abs, count - 1);
    return;
  }
  if (count === 0) return;
  reg.held.delete(abs);
  removeIfOurs(abs);
}

function removeIfOurs(abs: string): void {
  if (readLockOwner(abs) !== process.pid) return; // somebody took it over; not ours to delete
  try {
    fs.unlinkSync(lockFilePath(abs));
  } catch {
    /* already gone */
  }
}

function tryCreate(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, "wx", 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    fs.writeSync(fd, `${process.pid}\n${os.hostname()} ${new Date().toISOString()}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Remove a stale lock, guarded by a short-lived `<lock>.takeover` file so that two processes
 * racing to take over the same stale lock cannot both delete each other's fresh lock.
 */
function takeOverStaleLock(file: string, staleOwner: number | null): void {
  const guard = `${file}.takeover`;
  let fd: number;
  try {
    fd = fs.openSync(guard, "wx");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    try {
      // A guard older than 10 s belongs to a process that died mid-takeover.
      if (Date.now() - fs.statSync(guard).mtimeMs > 10_000) fs.unlinkSync(guard);
    } catch {
      /* gone meanwhile */
    }
    sleepSync(50);
    return;
  }
  fs.closeSync(fd);
  try {
    const dir = path.dirname(file);
    if (readLockOwner(dir) === staleOwner) {
      try {
        fs.unlinkSync(file);
      } catch {
        /* gone meanwhile */
      }
    }
  } finally {
    fs.unlinkSync(guard);
  }
}

function isFresh(file: string): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs < 2_000;
  } catch {
    return false;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function installExitHook(reg: LockRegistry): void {
  if (reg.exitHookInstalled) return;
  reg.exitHookInstalled = true;
  // Last resort: whatever way the process ends (normally), leave no lock behind.
  process.on("exit", () => {
    for (const abs of reg.held.keys()) removeIfOurs(abs);
    reg.held.clear();
  });
}
