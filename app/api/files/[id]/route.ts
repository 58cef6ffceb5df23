import { noteRefusal } from "@/lib/audit/request";
import { getViewer } from "@/lib/auth/session";
import { fileErrorResponse, serveFile } from "@/lib/courses/files";
import { notFound } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * One course file, for a viewer who may study the course (lib/courses/files.ts serveFile): PDF and
 * video inline, office files as downloads, Range requests for video. Everyone else, signed out
 * included, gets the same 404 as for a file that does not exist.
 */
async function serve(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const viewer = await getViewer();
  try {
    if (!viewer || viewer.mustChangePassword) throw notFound();
    return await serveFile(viewer, id, request);
  } catch (e) {
    if (viewer) await noteRefusal(e, { via: "page", entityId: id, viewer });
    return fileErrorResponse(e, await getT());
  }
}

export const GET = serve;
export const HEAD = serve;
