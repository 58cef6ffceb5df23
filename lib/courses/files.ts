import { fileTypeFromBuffer, fileTypeFromStream } from "file-type";
import { Readable } from "node:stream";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { assertOctetStream, assertSameOrigin } from "@/lib/http/same-origin";
import { db, transaction } from "@/lib/db";
import type { LessonKind } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import type { MessageKey, Translate } from "@/lib/i18n/messages";
import { newStorageKey, storage, StorageNotFoundError, StorageTooLargeError, type FileStorage } from "@/lib/storage";
import { contentDisposition, etagMatches, fileEtag, ifRangeAllows, parseRange } from "@/lib/storage/http";
import { LocalStorage } from "@/lib/storage/local";
import { assertManageCourse, assertStudyCourse } from "./access";

/*
 * Course files: the upload that becomes a FILE or VIDEO lesson, the permission-checked serving, and
 * the sweep of abandoned uploads (docs/decisions/061-file-storage-and-uploads.md).
 */

type AllowedType = {
  mime: string;
  ext: string;
  kind: Extract<LessonKind, "FILE" | "VIDEO">;
  /** PDF and video open in the browser; office files are downloaded. */
  disposition: "inline" | "attachment";
};

/** The only types accepted, by their detected (magic-byte) MIME type. Anything else is refused (415). */
export const ALLOWED_TYPES: Readonly<Record<string, AllowedType>> = Object.freeze({
  "application/pdf": { mime: "application/pdf", ext: "pdf", kind: "FILE", disposition: "inline" },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ext: "docx",
    kind: "FILE",
    disposition: "attachment",
  },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": {
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ext: "pptx",
    kind: "FILE",
    disposition: "attachment",
  },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ext: "xlsx",
    kind: "FILE",
    disposition: "attachment",
  },
  "video/mp4": { mime: "video/mp4", ext: "mp4", kind: "VIDEO", disposition: "inline" },
  "video/webm": { mime: "video/webm", ext: "webm", kind: "VIDEO", disposition: "inline" },
});

/** Bytes read before deciding the type: enough for every allowed type but office files whose index comes late. */
export const SNIFF_BYTES = 256 * 1024;

export type UploadLimits = { docBytes: number; videoBytes: number };

/** The configured limits (TAPHUAN_MAX_DOC_MB, TAPHUAN_MAX_VIDEO_MB; 50 MB and 1 GB by default). */
export function uploadLimits(): UploadLimits {
  const e = env();
  return { docBytes: e.TAPHUAN_MAX_DOC_MB * 1024 * 1024, videoBytes: e.TAPHUAN_MAX_VIDEO_MB * 1024 * 1024 };
}

export type Detection = { type: AllowedType } | { maybeOffice: true } | null;

/**
 * The type of a file from its first bytes. A ZIP whose OOXML index ([Content_Types].xml) lies past
 * the bytes seen is `maybeOffice`: stored, then checked again over the whole stored file.
 * `complete` says the head is the whole file (then a plain ZIP is just a ZIP, refused).
 */
export async function detectType(head: Uint8Array, complete: boolean): Promise<Detection> {
  const found = await fileTypeFromBuffer(head).catch(() => undefined);
  if (found && found.mime in ALLOWED_TYPES) return { type: ALLOWED_TYPES[found.mime]! };
  if (found?.mime === "application/zip" && !complete) return { maybeOffice: true };
  return null;
}

async function detectStored(store: FileStorage, key: string): Promise<AllowedType | null> {
  const { stream } = await store.get(key);
  try {
    const found = await fileTypeFromStream(nodeToWebStream(stream));
    const type = found ? ALLOWED_TYPES[found.mime] : undefined;
    return type && type.kind === "FILE" ? type : null;
  } finally {
    stream.destroy();
  }
}

/** A lesson title from a file name: the name without its extension. */
export function titleFromFileName(name: string): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,8}$/, "").trim();
  return (base || name).slice(0, 200);
}

const nameText = z
  .string()
  .transform((v) => v.normalize("NFC").split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, "").trim())
  .pipe(z.string().min(1).max(255));

const uploadQuery = z.object({
  sectionId: z.uuid(),
  name: nameText,
  title: z
    .string()
    .optional()
    .transform((v) => v?.normalize("NFC").trim() || undefined)
    .pipe(z.string().max(200).optional()),
});

const tooLarge = (limitMb: number) => new AppError("VALIDATION", "files.tooLarge", { field: "file", params: { limit: limitMb } });
const unsupported = () => new AppError("VALIDATION", "files.unsupportedType", { field: "file" });

/** HTTP statuses that are not AppError codes. */
const STATUS_BY_KEY: Partial<Record<MessageKey, number>> = {
  "files.tooLarge": 413,
  "files.unsupportedType": 415,
  "files.notOctetStream": 415,
  "files.interrupted": 400,
};


/** Reads until `max` bytes (or the end) without holding more than that. */
async function readHead(reader: ReadableStreamDefaultReader<Uint8Array>, max: number): Promise<{ head: Uint8Array; rest: Uint8Array | null; done: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = await reader.read();
    } catch {
      throw new AppError("VALIDATION", "files.interrupted", { field: "file" });
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
function replay(parts: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>, done: boolean): Readable {
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
        yield next.value;
      }
    } finally {
      // Stopped early (too large, storage failure): tell the sender we read no more.
      await reader.cancel().catch(() => undefined);
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

export type UploadResult = {
  lesson: { id: string; title: string; kind: "FILE" | "VIDEO"; sectionId: string; position: number };
  file: { id: string; name: string; mimeType: string; size: number };
};

export type UploadOptions = { limits?: UploadLimits; store?: FileStorage };

/**
 * One file from a trainer (or a course manager) → a FILE or VIDEO lesson at the end of a section.
 * The request is `POST ?sectionId=&name=&title=` with the raw bytes as application/octet-stream.
 *
 * Order: same origin, query, permission (assertManageCourse), the section belongs to the course,
 * Content-Length within the largest limit, the first bytes' type (415 before anything is written),
 * Content-Length within that type's limit, then a StoredFile row (UPLOADING) and the bytes streamed
 * to storage with the limit enforced as they arrive. Only when the whole file is stored does one
 * transaction mark it READY and create the lesson (with its audit event). Any failure on the way
 * (too large, the uploader left, storage error) removes the object and the row: nothing is left
 * pointing to nothing, and a crash is caught by `sweepAbandonedUploads`.
 */
export async function uploadCourseFile(viewer: Viewer, courseId: string, request: Request, options: UploadOptions = {}): Promise<UploadResult> {
  assertSameOrigin(request);
  assertOctetStream(request, "files.notOctetStream");
  const parsed = uploadQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError("VALIDATION", "validation.invalid");
  const { sectionId, name } = parsed.data;
  if (!z.uuid().safeParse(courseId).success) throw notFound();
  const access = await assertManageCourse(viewer, courseId);
  const section = await db().courseSection.findFirst({ where: { id: sectionId, courseId }, select: { id: true } });
  if (!section) throw notFound();

  const limits = options.limits ?? uploadLimits();
  const store = options.store ?? storage();
  const mb = (bytes: number) => Math.floor(bytes / (1024 * 1024)) || 1;
  const declaredHeader = request.headers.get("content-length");
  const declared = declaredHeader !== null && /^\d+$/.test(declaredHeader.trim()) ? Number(declaredHeader) : null;
  if (declared !== null && declared > Math.max(limits.docBytes, limits.videoBytes)) {
    throw tooLarge(mb(Math.max(limits.docBytes, limits.videoBytes)));
  }
  if (!request.body || declared === 0) throw new AppError("VALIDATION", "files.empty", { field: "file" });

  const reader = request.body.getReader();
  try {
    const { head, rest, done } = await readHead(reader, SNIFF_BYTES);
    if (head.byteLength === 0) throw new AppError("VALIDATION", "files.empty", { field: "file" });
    const detection = await detectType(head, done);
    if (!detection) throw unsupported();
    const provisional = "type" in detection ? detection.type : ALLOWED_TYPES["application/vnd.openxmlformats-officedocument.wordprocessingml.document"]!;
    const maxBytes = provisional.kind === "VIDEO" ? limits.videoBytes : limits.docBytes;
    if (declared !== null && declared > maxBytes) throw tooLarge(mb(maxBytes));

    const storageKey = newStorageKey(courseId);
    const row = await db().storedFile.create({
      data: { courseId, storageKey, originalName: name, mimeType: provisional.mime, state: "UPLOADING", uploadedById: viewer.userId },
      select: { id: true },
    });
    try {
      const body = replay(rest ? [head, rest] : [head], reader, done);
      let size: number;
      try {
        ({ size } = await store.put(storageKey, body, { contentType: provisional.mime, maxBytes, signal: request.signal }));
      } catch (e) {
        if (e instanceof StorageTooLargeError) throw tooLarge(mb(maxBytes));
        if (e instanceof BodyInterrupted || request.signal.aborted || isStreamAbort(e)) throw new AppError("VALIDATION", "files.interrupted", { field: "file" });
        throw e;
      }
      // Fewer bytes than announced: the body was cut on the way (a proxy's limit, a dropped link).
      if (declared !== null && size !== declared) throw new AppError("VALIDATION", "files.interrupted", { field: "file" });
      const type = "type" in detection ? detection.type : await detectStored(store, storageKey);
      if (!type) throw unsupported();
      const title = parsed.data.title ?? titleFromFileName(name);

      const lesson = await transaction(async (tx) => {
        // One upload at a time per section takes the next position.
        await tx.$queryRaw`SELECT 1 FROM "CourseSection" WHERE "id" = ${sectionId}::uuid FOR UPDATE`;
        const updated = await tx.storedFile.updateMany({
          where: { id: row.id, state: "UPLOADING" },
          data: { state: "READY", size: BigInt(size), mimeType: type.mime },
        });
        if (updated.count !== 1) throw new AppError("VALIDATION", "files.interrupted", { field: "file" });
        const last = await tx.lesson.aggregate({ where: { sectionId }, _max: { position: true } });
        const created = await tx.lesson.create({
          data: { courseId, sectionId, title, kind: type.kind, position: (last._max.position ?? 0) + 1, fileId: row.id },
          select: { id: true, title: true, kind: true, sectionId: true, position: true },
        });
        await recordAudit(tx, {
          actorId: viewer.userId,
          action: "course.lesson.upload",
          entity: "Course",
          entityId: courseId,
          unitId: access.course.unitId,
          data: { after: { lessonId: created.id, sectionId, title, kind: type.kind, fileId: row.id, originalName: name, mimeType: type.mime, size } },
        });
        return created;
      });
      return {
        lesson: { ...lesson, kind: lesson.kind as "FILE" | "VIDEO" },
        file: { id: row.id, name, mimeType: type.mime, size },
      };
    } catch (e) {
      await discard(store, storageKey, row.id);
      throw e;
    }
  } finally {
    // Read no more of a body we refused (harmless once it has been read to the end).
    await reader.cancel().catch(() => undefined);
  }
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
    // The sweep removes it later (an UPLOADING row older than an hour, or an object without a row).
    console.error("files: could not clean up a failed upload", key, e);
  }
}

/** An error as `{ error: message }` with its status: 413 too large, 415 wrong type, AppError statuses, else 500. */
export function fileErrorResponse(e: unknown, t: Translate): Response {
  const headers = { "Cache-Control": "no-store" };
  if (e instanceof AppError) {
    const status = STATUS_BY_KEY[e.messageKey] ?? e.status;
    return Response.json({ error: t(e.messageKey, e.params) }, { status, headers });
  }
  console.error("files route failed", e);
  return Response.json({ error: t("errors.generic") }, { status: 500, headers });
}

/** The upload as an HTTP exchange: 201 `{ lesson, file }`, or `{ error }` with its status. */
export async function handleUpload(
  viewer: Viewer,
  courseId: string,
  request: Request,
  options: UploadOptions & { t: Translate; onError?: (e: unknown) => Promise<void> },
): Promise<Response> {
  try {
    const result = await uploadCourseFile(viewer, courseId, request, options);
    return Response.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    await options.onError?.(e);
    return fileErrorResponse(e, options.t);
  }
}

/**
 * A Node stream as a web stream, one chunk per pull: nothing is read from storage faster than the
 * client takes it (backpressure), and a client that leaves cancels the stream, which closes the file
 * or the S3 connection.
 */
export function nodeToWebStream(node: Readable): ReadableStream<Uint8Array> {
  const chunks = node[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = (await chunks.next()) as IteratorResult<Buffer>;
          if (next.done) controller.close();
          else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
        } catch (e) {
          node.destroy();
          controller.error(e);
        }
      },
      async cancel() {
        node.destroy();
        await chunks.return?.().catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * GET/HEAD one stored file for a viewer who may study the course (enrolled learners of a course
 * that is not a draft, its trainers and staff): anyone else gets 404, like a file that does not
 * exist. Range requests (one range) answer 206, a bad range 416; the body is streamed from storage.
 */
export async function serveFile(viewer: Viewer, fileId: string, request: Request, options: { store?: FileStorage } = {}): Promise<Response> {
  if (!z.uuid().safeParse(fileId).success) throw notFound();
  const file = await db().storedFile.findUnique({
    where: { id: fileId },
    select: { id: true, courseId: true, storageKey: true, originalName: true, mimeType: true, size: true, state: true, createdAt: true },
  });
  if (!file || file.state !== "READY") throw notFound();
  await assertStudyCourse(viewer, file.courseId);
  const type = ALLOWED_TYPES[file.mimeType];
  const size = Number(file.size);
  const etag = fileEtag(file.id, size);
  const headers: Record<string, string> = {
    "Content-Type": type?.mime ?? "application/octet-stream",
    "Content-Disposition": contentDisposition(type?.disposition ?? "attachment", file.originalName),
    "X-Content-Type-Options": "nosniff",
    // Only the viewer's browser may keep it, and it asks again (If-None-Match) before each use.
    "Cache-Control": "private, no-cache",
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Last-Modified": file.createdAt.toUTCString(),
  };
  if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });

  const decision = ifRangeAllows(request.headers.get("if-range"), etag) ? parseRange(request.headers.get("range"), size) : ({ kind: "full" } as const);
  if (decision.kind === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${size}`, "Content-Length": "0" } });
  }
  const range = decision.kind === "partial" ? { start: decision.start, end: decision.end } : undefined;
  const length = range ? range.end - range.start + 1 : size;
  const status = range ? 206 : 200;
  headers["Content-Length"] = String(length);
  if (range) headers["Content-Range"] = `bytes ${range.start}-${range.end}/${size}`;
  if (request.method === "HEAD" || length === 0) return new Response(null, { status, headers });

  const store = options.store ?? storage();
  let stream: Readable;
  try {
    ({ stream } = await store.get(file.storageKey, range));
  } catch (e) {
    if (e instanceof StorageNotFoundError) {
      console.error("files: a READY file has no stored object", file.id, file.storageKey);
      throw notFound();
    }
    throw e;
  }
  return new Response(nodeToWebStream(stream), { status, headers });
}

/** Uploads older than this with no end are abandoned (a crash, a killed server). */
export const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * A server job (no viewer, like the mail sender; decision 003): removes what interrupted uploads
 * left — UPLOADING rows older than an hour with their objects, objects under `courses/` older than
 * an hour that no row names, and the local folder's stale temp files. Run at server start and hourly
 * (instrumentation.ts). Never touches a READY file or anything recent (an upload in progress).
 */
export async function sweepAbandonedUploads(options: { store?: FileStorage; olderThanMs?: number; now?: Date } = {}): Promise<{ rows: number; objects: number }> {
  const store = options.store ?? storage();
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.olderThanMs ?? ABANDONED_AFTER_MS));
  let rows = 0;
  let objects = 0;
  const stale = await db().storedFile.findMany({
    where: { state: "UPLOADING", createdAt: { lt: cutoff } },
    select: { id: true, storageKey: true },
    take: 1000,
  });
  for (const file of stale) {
    await store.delete(file.storageKey);
    rows += (await db().storedFile.deleteMany({ where: { id: file.id, state: "UPLOADING" } })).count;
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
  for await (const o of store.list("courses/")) {
    if (o.modifiedAt >= cutoff) continue;
    batch.push(o);
    if (batch.length >= 500) await flush();
  }
  if (batch.length) await flush();
  if (store instanceof LocalStorage) await store.sweepTemp(options.olderThanMs ?? ABANDONED_AFTER_MS);
  return { rows, objects };
}
