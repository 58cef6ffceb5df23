import { noteRefusal } from "@/lib/audit/request";
import { actingViewer } from "@/lib/auth/session";
import { fileErrorResponse, handleUpload } from "@/lib/courses/files";
import { getT } from "@/lib/i18n/server";

// Uploads stream straight to storage: never cached, never pre-rendered, Node.js runtime (fs, S3 SDK).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST ?sectionId=&name=&title= with the file's bytes (application/octet-stream) → 201
 * `{ lesson, file }`, or `{ error }` with 4xx (lib/courses/files.ts, docs/decisions/061). This path
 * is kept out of proxy.ts: a proxy would copy the body into memory and cut it at 10 MB.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = await getT();
  let viewer;
  try {
    viewer = await actingViewer();
  } catch (e) {
    return fileErrorResponse(e, t);
  }
  return handleUpload(viewer, id, request, {
    t,
    onError: (e) => noteRefusal(e, { via: "action", action: "files.upload", entityId: id, viewer }),
  });
}
