import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ByteLimit, toNodeReadable } from "./limit";
import { assertKey, StorageNotFoundError, type ByteRange, type FileStorage, type PutOptions, type StoredObject } from "./types";

/** Unfinished writes live here, under a random name, until renamed into place. */
const TEMP = ".tmp";

/**
 * Files in a local folder: `<root>/<key>`. A write goes to `<root>/.tmp/<uuid>` and is renamed into
 * place when complete (same file system, so atomic): a reader never sees half a file, and a crash
 * leaves only a temp file, removed by `sweepTemp`.
 */
export class LocalStorage implements FileStorage {
  readonly kind = "local" as const;
  constructor(readonly root: string) {}

  private file(key: string): string {
    assertKey(key);
    return path.join(this.root, ...key.split("/"));
  }

  async put(key: string, body: Readable | ReadableStream<Uint8Array>, options: PutOptions): Promise<{ size: number }> {
    const target = this.file(key);
    const tempDir = path.join(this.root, TEMP);
    await mkdir(tempDir, { recursive: true });
    await mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(tempDir, randomUUID());
    const limit = new ByteLimit(options.maxBytes);
    try {
      await pipeline(toNodeReadable(body), limit, createWriteStream(temp, { flags: "wx" }), { signal: options.signal });
      await rename(temp, target);
      return { size: limit.bytes };
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
  }

  async get(key: string, range?: ByteRange): Promise<{ stream: Readable; size: number }> {
    const file = this.file(key);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new StorageNotFoundError(key);
      throw e;
    }
    // 64 KiB reads (the fs default): what one reader holds ahead of its client stays small.
    const stream = createReadStream(file, { start: range?.start, end: range?.end, highWaterMark: 64 * 1024 });
    return { stream, size };
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const s = await stat(this.file(key));
      return { key, size: s.size, modifiedAt: s.mtime };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.file(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    const walk = async function* (dir: string, rel: string): AsyncGenerator<StoredObject> {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
        throw e;
      }
      for (const entry of entries) {
        if (rel === "" && entry.name === TEMP) continue;
        const key = rel ? `${rel}/${entry.name}` : entry.name;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) yield* walk(full, key);
        } else if (entry.isFile() && key.startsWith(prefix)) {
          const s = await stat(full).catch(() => null);
          if (s) yield { key, size: s.size, modifiedAt: s.mtime };
        }
      }
    };
    yield* walk(this.root, "");
  }

  /** Removes temp files older than `olderThanMs` (left by a crash mid-write). */
  async sweepTemp(olderThanMs: number): Promise<number> {
    const dir = path.join(this.root, TEMP);
    let removed = 0;
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const full = path.join(dir, name);
      const s = await stat(full).catch(() => null);
      if (s && Date.now() - s.mtimeMs > olderThanMs) {
        await rm(full, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
