import { uploadResponse } from "@/lib/http/course-files";
import { apiRoute } from "@/lib/http/route";

// Uploads stream straight to storage: never cached, never pre-rendered, Node.js runtime (fs, S3 SDK).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST ?sectionId=&name=&title= with the file's bytes (application/octet-stream) → 201
 * `{ lesson, file }`, or the wrapper's error body (413 too large, 415 wrong type, 400 cut short…;
 * docs/decisions/061). This path is kept out of proxy.ts: a proxy would copy the body into memory
 * and cut it at 10 MB.
 */
export const POST = apiRoute<{ id: string }>({ name: "files.upload" }, ({ viewer, params, request }) => uploadResponse(viewer, params.id, request));
