import { Readable } from "node:stream";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { db, transaction } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { MessageKey } from "@/lib/i18n/messages";
import { newStorageKey, storage, StorageTooLargeError, type FileStorage } from "@/lib/storage";
import { readAll } from "@/lib/storage/streams";
import { assertManageCourse } from "./access";
import { ALLOWED_TYPES, detectStoredOffice, detectType, SNIFF_BYTES, titleFromFileName, uploadLimits, type AllowedType, type Detection, type UploadLimits } from "./file-types";
import { videoDurationSeconds } from "./video-duration";

/*
 * The upload command: one file from a trainer (or a course manager) becomes a FILE or VIDEO lesson
 * (docs/decisions/061-file-storage-and-uploads.md). It takes the body as a stream and knows nothing
 * of HTTP: the route (lib/http/course-files.ts) reads the request.
 */

/** An uploaded file's name as kept: its last path part, NFC, without control characters, 1–255 characters. */
export const fileNameText = z
  .string()
  .transform((v) => v.normalize("NFC").split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, "").trim())
  .pipe(z.string().min(1).max(255));

/** What the uploader says about the file (the query string of the upload request). */
export const uploadInputSchema = z.object({
  sectionId: z.uuid(),
  name: fileNameText,
  title: z
    .string()
    .optional()
    .transform((v) => v?.normalize("NFC").trim() || undefined)
    .pipe(z.string().max(200).optional()),
});
export type UploadInput = z.output<typeof uploadInputSchema>;

/** The bytes: a stream, the size the sender announced (if any), and a signal raised when the sender leaves. */
export type UploadBody = { stream: ReadableStream<Uint8Array> | null; declaredSize: number | null; signal?: AbortSignal };

export type UploadResult = {
  lesson: { id: string; title: string; kind: "FILE" | "VIDEO"; sectionId: string; position: number };
  file: { id: string; name: string; mimeType: string; size: number; durationSeconds: number | null };
};

/** While bytes flow, an upload's row is touched at most this often (the sweep's liveness signal). */
export const HEARTBEAT_MS = 30_000;

export type UploadOptions = { limits?: UploadLimits; store?: FileStorage; heartbeatMs?: number };

const mb = (bytes: number) => Math.floor(bytes / (1024 * 1024)) || 1;
const tooLarge = (limit: number) => new AppError("TOO_LARGE", "files.tooLarge", { field: "file", params: { limit: mb(limit) } });
const unsupported = () => new AppError("UNSUPPORTED_MEDIA", "files.unsupportedType", { field: "file" });
const interrupted = () => new AppError("INTERRUPTED", "files.interrupted", { field: "file" });

/**
 * Order: permission (assertManageCourse), the section belongs to the course, then the stream
 * (`receiveUpload`): the announced size within the largest limit, the first bytes' type (415
 * before anything is written), the announced size within that type's limit, a StoredFile row
 * (UPLOADING) and the bytes streamed to storage with the limit enforced as they arrive. A video's
 * length is then read from the stored object. Only when the whole file is stored does one
 * transaction mark it READY and create the lesson (with its audit event).
 */
export async function uploadCourseFile(viewer: Viewer, courseId: string, input: UploadInput, body: UploadBody, options: UploadOptions = {}): Promise<UploadResult> {
  const { sectionId, name } = input;
  if (!z.uuid().safeParse(courseId).success) throw notFound();
  const access = await assertManageCourse(viewer, courseId);
  const section = await db().courseSection.findFirst({ where: { id: sectionId, courseId }, select: { id: true } });
  if (!section) throw notFound();

  const limits = options.limits ?? uploadLimits();
  let detection: Detection = null;
  return receiveUpload(
    viewer,
    {
      owner: { courseId },
      storageKey: newStorageKey(courseId),
      name,
      maxBytes: Math.max(limits.docBytes, limits.videoBytes),
      sniff: async (head, complete) => {
        detection = await detectType(head, complete);
        if (!detection) return null;
        const provisional = "type" in detection ? detection.type : ALLOWED_TYPES["application/vnd.openxmlformats-officedocument.wordprocessingml.document"]!;
        return { mime: provisional.mime, maxBytes: provisional.kind === "VIDEO" ? limits.videoBytes : limits.docBytes };
      },
      finish: async ({ fileId, size, store, storageKey, markReady }) => {
        const found = detection!;
        const type = "type" in found ? found.type : await detectStoredOffice(store, storageKey);
        if (!type) throw unsupported();
        const durationSeconds = type.kind === "VIDEO" ? await storedVideoDuration(store, storageKey, type, size) : null;
        const title = input.title ?? titleFromFileName(name);

        const lesson = await transaction(async (tx) => {
          // One upload at a time per section takes the next position.
          await tx.$queryRaw`SELECT 1 FROM "CourseSection" WHERE "id" = ${sectionId}::uuid FOR UPDATE`;
          await markReady({ mimeType: type.mime, durationSeconds });
          const last = await tx.lesson.aggregate({ where: { sectionId }, _max: { position: true } });
          const created = await tx.lesson.create({
            data: { courseId, sectionId, title, kind: type.kind, position: (last._max.position ?? 0) + 1, fileId },
            select: { id: true, title: true, kind: true, sectionId: true, position: true },
          });
          await recordAudit(tx, {
            actorId: viewer.userId,
            action: "course.lesson.upload",
            entity: "Course",
            entityId: courseId,
            unitId: access.course.unitId,
            data: { after: { lessonId: created.id, sectionId, title, kind: type.kind, fileId, originalName: name, mimeType: type.mime, size, durationSeconds } },
          });
          return created;
        });
        return {
          lesson: { ...lesson, kind: lesson.kind as "FILE" | "VIDEO" },
          file: { id: fileId, name, mimeType: type.mime, size, durationSeconds },
        };
      },
    },
    body,
    options,
  );
}

/** What `receiveUpload` needs to know about one kind of upload; the caller has checked permission. */
export type UploadSpec<T> = {
  /** The owner of the StoredFile row: a course, or a question bank (its images). */
  owner: { courseId: string } | { bankId: string };
  storageKey: string;
  /** The uploaded file's name (cleaned by `fileNameText`). */
  name: string;
  /** The largest any accepted type may be: an announced size above it is refused before reading. */
  maxBytes: number;
  /** The type from the first bytes (`complete`: they are the whole file): its MIME type and limit, or null (415). */
  sniff: (head: Uint8Array, complete: boolean) => Promise<{ mime: string; maxBytes: number } | null>;
  /** The refusal of a type (415): a course's message lists course types. */
  unsupportedKey?: MessageKey;
  /**
   * After the whole file is stored: call `markReady` in the caller's transaction (the row becomes
   * READY with the type found; INTERRUPTED when the sweep took the row meanwhile) and answer.
   */
  finish: (stored: { fileId: string; size: number; store: FileStorage; storageKey: string; markReady: (found: { mimeType: string; durationSeconds?: number | null }) => Promise<void> }) => Promise<T>;
};

/**
 * The upload pipeline every kind of upload shares (docs/decisions/061): the announced size, the
 * type of the first bytes, then a StoredFile row (UPLOADING) and the bytes streamed to storage with
 * the limit enforced as they arrive, the row touched while they flow. Any failure on the way (too
 * large, the uploader left, storage error, a refusal in `finish`) removes the object and the row:
 * nothing is left pointing to nothing, and a crash is caught by `sweepAbandonedUploads`.
 */
export async function receiveUpload<T>(viewer: Viewer, spec: UploadSpec<T>, body: UploadBody, options: Pick<UploadOptions, "store" | "heartbeatMs"> = {}): Promise<T> {
  const store = options.store ?? storage();
  const { declaredSize: declared } = body;
  const refuseType = () => (spec.unsupportedKey ? new AppError("UNSUPPORTED_MEDIA", spec.unsupportedKey, { field: "file" }) : unsupported());
  if (declared !== null && declared > spec.maxBytes) throw tooLarge(spec.maxBytes);
  if (!body.stream || declared === 0) throw new AppError("VALIDATION", "files.empty", { field: "file" });

  const reader = body.stream.getReader();
  try {
    const { head, rest, done } = await readHead(reader, SNIFF_BYTES);
    if (head.byteLength === 0) throw new AppError("VALIDATION", "files.empty", { field: "file" });
    const provisional = await spec.sniff(head, done);
    if (!provisional) throw refuseType();
    const maxBytes = provisional.maxBytes;
    if (declared !== null && declared > maxBytes) throw tooLarge(maxBytes);

    const { storageKey } = spec;
    const row = await db().storedFile.create({
      data: { ...spec.owner, storageKey, originalName: spec.name, mimeType: provisional.mime, state: "UPLOADING", uploadedById: viewer.userId },
      select: { id: true },
    });
    try {
      const heartbeat = heartbeatOf(row.id, options.heartbeatMs ?? HEARTBEAT_MS);
      const stream = replay(rest ? [head, rest] : [head], reader, done, heartbeat);
      let size: number;
      try {
        ({ size } = await store.put(storageKey, stream, { contentType: provisional.mime, maxBytes, signal: body.signal }));
      } catch (e) {
        if (e instanceof StorageTooLargeError) throw tooLarge(maxBytes);
        if (e instanceof BodyInterrupted || body.signal?.aborted || isStreamAbort(e)) throw interrupted();
        throw e;
      }
      // Fewer bytes than announced: the body was cut on the way (a proxy's limit, a dropped link).
      if (declared !== null && size !== declared) throw interrupted();
      const markReady = async (found: { mimeType: string; durationSeconds?: number | null }) => {
        const updated = await db().storedFile.updateMany({
          where: { id: row.id, state: "UPLOADING" },
          data: { state: "READY", size: BigInt(size), mimeType: found.mimeType, durationSeconds: found.durationSeconds ?? null },
        });
        if (updated.count !== 1) throw interrupted();
      };
      return await spec.finish({ fileId: row.id, size, store, storageKey, markReady });
    } catch (e) {
      await discard(store, storageKey, row.id);
      throw e;
    }
  } finally {
    // Read no more of a body we refused (harmless once it has been read to the end).
    await reader.cancel().catch(() => undefined);
  }
}

/** A stored video's length, read from its header by ranges (lib/courses/video-duration.ts). */
export async function storedVideoDuration(store: FileStorage, key: string, type: AllowedType, size: number): Promise<number | null> {
  return videoDurationSeconds(type.mime, size, async (start, end) => {
    if (start >= size) return new Uint8Array();
    const { stream } = await store.get(key, { start, end: Math.min(end, size - 1) });
    return readAll(stream);
  });
}

/**
 * Moves the row's `touchedAt` forward at most every `everyMs` while bytes arrive, so the sweep
 * can tell a slow upload from an abandoned one. A failed touch is only logged: the upload goes on.
 */
function heartbeatOf(fileId: string, everyMs: number): () => Promise<void> {
  let last = Date.now();
  return async () => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    await db()
      .storedFile.updateMany({ where: { id: fileId, state: "UPLOADING" }, data: { touchedAt: new Date(now) } })
      .catch((e: unknown) => console.error("files: could not touch an upload in progress", fileId, e));
  };
}

/** Reads until `max` bytes (or the end) without holding more than that. */
async function readHead(reader: ReadableStreamDefaultReader<Uint8Array>, max: number): Promise<{ head: Uint8Array; rest: Uint8Array | null; done: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = await reader.read();
    } catch {
      throw interrupted();
    }
    const { done, value } = read;
    if (done) return { head: concat(chunks, size), rest: null, done: true };
    chunks.push(value);
    size += value.byteLength;
  }
  const all = concat(chunks, size);
  return { head: all.subarray(0, max), rest: all.subarray(max), done: false };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The uploader's side failed: the connection dropped or the request was aborted. */
class BodyInterrupted extends Error {
  constructor(cause: unknown) {
    super("upload body interrupted", { cause });
    this.name = "BodyInterrupted";
  }
}

/** The body again as one stream: the bytes already read, then the rest, pulled as storage writes. */
function replay(parts: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>, done: boolean, onBytes: () => Promise<void>): Readable {
  async function* chunks() {
    try {
      for (const p of parts) if (p.byteLength) yield p;
      if (done) return;
      for (;;) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch (e) {
          throw new BodyInterrupted(e);
        }
        if (next.done) return;
        await onBytes();
        yield next.value;
      }
    } finally {
      // Stopped early (too large, storage failure): tell the sender we read no more.
      await reader.cancel().catch(() => undefined);
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

function isStreamAbort(e: unknown): boolean {
  const err = e as { name?: string; code?: string };
  return err?.name === "AbortError" || err?.code === "ABORT_ERR" || err?.code === "ECONNRESET" || err?.code === "ERR_STREAM_PREMATURE_CLOSE";
}

/** Removes what a failed upload left: the object, then the row (only while still UPLOADING). */
async function discard(store: FileStorage, key: string, fileId: string): Promise<void> {
  try {
    await store.delete(key);
    await db().storedFile.deleteMany({ where: { id: fileId, state: "UPLOADING" } });
  } catch (e) {
    // The sweep removes it later (an UPLOADING row idle for an hour, or an object without a row).
    console.error("files: could not clean up a failed upload", key, e);
  }
}
