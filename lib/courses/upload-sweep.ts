import { db } from "@/lib/db";
import { storage, UPLOAD_PREFIXES, type FileStorage } from "@/lib/storage";
import { LocalStorage } from "@/lib/storage/local";

/** An upload whose bytes stopped arriving this long ago is abandoned (a crash, a killed server, a lost link). */
export const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * A server job (no viewer, like the mail sender; decision 003): removes what interrupted uploads
 * left — UPLOADING rows idle for an hour (`touchedAt`, moved forward while bytes flow: a slow
 * upload still streaming is never taken) with their objects, objects under `courses/` older than an
 * hour that no row names, and the local folder's stale temp files. Run at server start and hourly
 * (lib/storage/sweeper.ts). Never touches a READY file.
 */
export async function sweepAbandonedUploads(options: { store?: FileStorage; olderThanMs?: number; now?: Date } = {}): Promise<{ rows: number; objects: number }> {
  const store = options.store ?? storage();
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.olderThanMs ?? ABANDONED_AFTER_MS));
  let rows = 0;
  let objects = 0;
  const stale = await db().storedFile.findMany({
    where: { state: "UPLOADING", touchedAt: { lt: cutoff } },
    select: { id: true, storageKey: true },
    take: 1000,
  });
  for (const file of stale) {
    // The row first, and only if it is still idle: an upload that moved since the query keeps going.
    const removed = (await db().storedFile.deleteMany({ where: { id: file.id, state: "UPLOADING", touchedAt: { lt: cutoff } } })).count;
    if (removed === 0) continue;
    rows += removed;
    await store.delete(file.storageKey);
  }

  let batch: { key: string }[] = [];
  const flush = async () => {
    const known = new Set(
      (await db().storedFile.findMany({ where: { storageKey: { in: batch.map((o) => o.key) } }, select: { storageKey: true } })).map((f) => f.storageKey),
    );
    for (const o of batch) {
      if (known.has(o.key)) continue;
      await store.delete(o.key);
      objects++;
    }
    batch = [];
  };
  for (const prefix of UPLOAD_PREFIXES) {
    for await (const o of store.list(prefix)) {
      if (o.modifiedAt >= cutoff) continue;
      batch.push(o);
      if (batch.length >= 500) await flush();
    }
  }
  if (batch.length) await flush();
  if (store instanceof LocalStorage) await store.sweepTemp(options.olderThanMs ?? ABANDONED_AFTER_MS);
  return { rows, objects };
}
