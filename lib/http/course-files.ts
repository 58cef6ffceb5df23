import type { Viewer } from "@/lib/auth/viewer";
import { courseFileForStudy, openCourseFile } from "@/lib/courses/file-access";
import type { z } from "zod";
import { uploadCourseFile, uploadInputSchema, type UploadBody, type UploadOptions } from "@/lib/courses/upload";
import { AppError } from "@/lib/errors";
import type { Readable } from "node:stream";
import type { ByteRange, FileStorage } from "@/lib/storage";
import { nodeToWebStream } from "@/lib/storage/streams";
import { contentDisposition, etagMatches, fileEtag, ifRangeAllows, parseRange } from "./download";
import { NO_STORE } from "./route";
import { assertOctetStream } from "./same-origin";

/*
 * Course files as HTTP exchanges (the routes app/api/courses/[id]/files and app/api/files/[id]):
 * reading the upload request, and answering a download with ETags and Range. The rules — who may,
 * what is accepted, where it is stored — are lib/courses' (upload.ts, file-access.ts).
 */

/**
 * `POST ?sectionId=&name=&title=` with the raw bytes as application/octet-stream → 201
 * `{ lesson, file }`. Refusals are thrown as AppErrors (the route wrapper answers them).
 */
export async function uploadResponse(viewer: Viewer, courseId: string, request: Request, options: UploadOptions = {}): Promise<Response> {
  const { input, body } = uploadRequest(request, uploadInputSchema);
  const result = await uploadCourseFile(viewer, courseId, input, body, options);
  return Response.json(result, { status: 201, headers: NO_STORE });
}

/**
 * An upload request: raw bytes (application/octet-stream, else 415) and what the uploader says
 * about them in the query string (`schema`, else 400); the body as a stream with its announced size.
 */
export function uploadRequest<S extends z.ZodType>(request: Request, schema: S): { input: z.output<S>; body: UploadBody } {
  assertOctetStream(request, "files.notOctetStream");
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError("VALIDATION", "validation.invalid");
  const header = request.headers.get("content-length");
  const declaredSize = header !== null && /^\d+$/.test(header.trim()) ? Number(header) : null;
  return { input: parsed.data, body: { stream: request.body, declaredSize, signal: request.signal } };
}

/**
 * GET/HEAD one course file for a viewer who may study the course (404 for anyone else): PDF and
 * video inline, office files as downloads; the exchange itself is `storedFileResponse`.
 */
export async function courseFileResponse(viewer: Viewer, fileId: string, request: Request, options: { store?: FileStorage } = {}): Promise<Response> {
  const file = await courseFileForStudy(viewer, fileId);
  return storedFileResponse(
    { ...file, mimeType: file.type?.mime ?? "application/octet-stream", disposition: file.type?.disposition ?? "attachment" },
    request,
    (range) => openCourseFile(file, range, options.store),
  );
}

/** A stored file as it is answered: its type, how it opens, and what the ETag is made of. */
export type ServedFile = { id: string; originalName: string; size: number; createdAt: Date; mimeType: string; disposition: "inline" | "attachment" };

/**
 * GET/HEAD of a stored file the caller has authorised: If-None-Match → 304; one Range → 206, a
 * bad one 416; the body streamed from storage (`open`). Only the viewer's browser may keep it,
 * and it asks again (If-None-Match) before each use.
 */
export async function storedFileResponse(file: ServedFile, request: Request, open: (range: ByteRange | undefined) => Promise<Readable>): Promise<Response> {
  const size = file.size;
  const etag = fileEtag(file.id, size);
  const headers: Record<string, string> = {
    "Content-Type": file.mimeType,
    "Content-Disposition": contentDisposition(file.disposition, file.originalName),
    "X-Content-Type-Options": "nosniff",
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
  return new Response(nodeToWebStream(await open(range)), { status, headers });
}
