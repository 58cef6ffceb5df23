// The behaviour every FileStorage must have, run against each backend (storage-local, storage-s3).
import { randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { expect, it } from "vitest";
import { StorageNotFoundError, StorageTooLargeError, type FileStorage } from "@/lib/storage";

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

async function keys(store: FileStorage, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const o of store.list(prefix)) out.push(o.key);
  return out.sort();
}

/** A body that sends `bytes` in 64 KiB chunks, then fails (an uploader whose connection dropped). */
function failingBody(bytes: Buffer): Readable {
  async function* gen() {
    for (let at = 0; at < bytes.length; at += 65536) {
      yield bytes.subarray(at, at + 65536);
      await new Promise((r) => setImmediate(r));
    }
    throw new Error("connection reset");
  }
  return Readable.from(gen());
}

export function storageContract(store: () => FileStorage) {
  const prefix = () => `courses/${randomUUID()}`;

  it("stores a Node stream and a web stream, and reads them back whole and by range", async () => {
    const s = store();
    const p = prefix();
    const data = randomBytes(300_000);
    const a = await s.put(`${p}/a`, Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]), { contentType: "application/pdf", maxBytes: 1_000_000 });
    expect(a.size).toBe(300_000);
    const web = new Blob([data]).stream();
    expect((await s.put(`${p}/b`, web, { contentType: "video/mp4", maxBytes: 300_000 })).size).toBe(300_000);

    const whole = await s.get(`${p}/a`);
    expect(whole.size).toBe(300_000);
    expect((await bytesOf(whole.stream)).equals(data)).toBe(true);
    for (const [start, end] of [[0, 0], [0, 1023], [123_456, 200_000], [299_999, 299_999]] as const) {
      const part = await s.get(`${p}/b`, { start, end });
      expect(part.size).toBe(300_000);
      const got = await bytesOf(part.stream);
      expect({ start, end, length: got.length, same: got.equals(data.subarray(start, end + 1)) }).toEqual({ start, end, length: end - start + 1, same: true });
    }
    const st = await s.stat(`${p}/a`);
    expect(st?.size).toBe(300_000);
    expect(st?.modifiedAt).toBeInstanceOf(Date);
    expect(await keys(s, p)).toEqual([`${p}/a`, `${p}/b`]);
  });

  it("refuses past maxBytes and leaves nothing behind", async () => {
    const s = store();
    const p = prefix();
    await expect(s.put(`${p}/big`, Readable.from([randomBytes(70_000), randomBytes(70_000)]), { contentType: "application/pdf", maxBytes: 100_000 })).rejects.toBeInstanceOf(StorageTooLargeError);
    expect(await s.stat(`${p}/big`)).toBeNull();
    expect(await keys(s, p)).toEqual([]);
  });

  it("leaves nothing behind when the body fails halfway, even past one multipart part", async () => {
    const s = store();
    const p = prefix();
    await expect(s.put(`${p}/cut`, failingBody(randomBytes(9 * 1024 * 1024)), { contentType: "video/mp4", maxBytes: 50 * 1024 * 1024 })).rejects.toThrow(/connection reset/);
    expect(await s.stat(`${p}/cut`)).toBeNull();
    expect(await keys(s, p)).toEqual([]);
  });

  it("stops and cleans up when the signal aborts", async () => {
    const s = store();
    const p = prefix();
    const abort = new AbortController();
    async function* slow() {
      for (let i = 0; i < 1000; i++) {
        if (i === 3) abort.abort();
        yield randomBytes(16_384);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    await expect(s.put(`${p}/gone`, Readable.from(slow()), { contentType: "video/webm", maxBytes: 1e9, signal: abort.signal })).rejects.toThrow();
    expect(await s.stat(`${p}/gone`)).toBeNull();
    expect(await keys(s, p)).toEqual([]);
  });

  it("deletes idempotently; get of a missing key is StorageNotFoundError; stat is null", async () => {
    const s = store();
    const p = prefix();
    await s.put(`${p}/x`, Readable.from([Buffer.from("xin chào")]), { contentType: "application/pdf", maxBytes: 100 });
    expect(await text((await s.get(`${p}/x`)).stream)).toBe("xin chào");
    await s.delete(`${p}/x`);
    await s.delete(`${p}/x`);
    await s.delete(`${p}/never`);
    expect(await s.stat(`${p}/x`)).toBeNull();
    await expect(s.get(`${p}/x`)).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it("refuses keys that could leave the storage root", async () => {
    const s = store();
    for (const key of ["../etc/passwd", "courses/../../x", "/abs", "courses//x", ""]) {
      await expect(s.put(key, Readable.from([Buffer.from("x")]), { contentType: "application/pdf", maxBytes: 10 })).rejects.toThrow(/invalid storage key/);
    }
  });

  it("lists only under the prefix", async () => {
    const s = store();
    const p = prefix();
    const q = prefix();
    await s.put(`${p}/1`, Readable.from([Buffer.from("1")]), { contentType: "application/pdf", maxBytes: 10 });
    await s.put(`${q}/2`, Readable.from([Buffer.from("2")]), { contentType: "application/pdf", maxBytes: 10 });
    // A sibling that shares the prefix's first characters, and a key under another top folder.
    const sibling = `${p}x/3`;
    const outside = `sweep-test-${randomUUID()}/4`;
    await s.put(sibling, Readable.from([Buffer.from("3")]), { contentType: "application/pdf", maxBytes: 10 });
    await s.put(outside, Readable.from([Buffer.from("4")]), { contentType: "application/pdf", maxBytes: 10 });
    expect(await keys(s, `${p}/`)).toEqual([`${p}/1`]);
    expect(await keys(s, p)).toEqual([`${p}/1`, sibling].sort());
    const underCourses = await keys(s, "courses/");
    expect(underCourses).toEqual(expect.arrayContaining([`${p}/1`, `${q}/2`, sibling]));
    expect(underCourses.every((k) => k.startsWith("courses/"))).toBe(true);
    expect(underCourses).not.toContain(outside);
    expect(await keys(s, outside.split("/")[0] + "/")).toEqual([outside]);
    await s.delete(outside);
  });
}
