import type { Viewer } from "@/lib/auth/viewer";
import { courseFileForStudy, openCourseFile } from "@/lib/courses/file-access";
import { uploadCourseFile, uploadInputSchema, type UploadOptions } from "@/lib/courses/upload";
import { AppError } from "@/lib/errors";
import type { FileStorage } from "@/lib/storage";
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
  assertOctetStream(request, "files.notOctetStream");
  const parsed = uploadInputSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError("VALIDATION", "validation.invalid");
  const header = request.headers.get("content-length");
  const declaredSize = header !== null && /^\d+$/.test(header.trim()) ? Number(header) : null;
  const result = await uploadCourseFile(viewer, courseId, parsed.data, { stream: request.body, declaredSize, signal: request.signal }, options);
  return Response.json(result, { status: 201, headers: NO_STORE });
}

/**
 * GET/HEAD one course file for a viewer who may study the course (404 for anyone else): PDF and
 * video inline, office files as downloads; If-None-Match → 304; one Range → 206, a bad one 416;
 * the body streamed from storage.
 */
export async function courseFileResponse(viewer: Viewer, fileId: string, request: Request, options: { store?: FileStorage } = {}): Promise<Response> {
  const file = await courseFileForStudy(viewer, fileId);
  const size = file.size;
  const etag = fileEtag(file.id, size);
  const headers: Record<string, string> = {
    "Content-Type": file.type?.mime ?? "application/octet-stream",
    "Content-Disposition": contentDisposition(file.type?.disposition ?? "attachment", file.originalName),
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
  return new Response(nodeToWebStream(await openCourseFile(file, range, options.store)), { status, headers });
}
