import { bankImageUploadResponse } from "@/lib/http/question-files";
import { apiRoute } from "@/lib/http/route";

// Uploads stream straight to storage: never cached, never pre-rendered, Node.js runtime (fs, S3 SDK).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST ?name= with an image's bytes (application/octet-stream) → 201 `{ id, url, name, mimeType, size }`
 * (lib/http/question-files.ts), or the wrapper's error body (413 over 5 MB, 415 not PNG, JPEG, GIF
 * or WebP by content, 404/403 for a bank the viewer does not edit). Kept out of proxy.ts, as the
 * course upload is: a proxy copies the body into memory.
 */
export const POST = apiRoute<{ bankId: string }>({ name: "bank.image.upload" }, ({ viewer, params, request }) => bankImageUploadResponse(viewer, params.bankId, request));
