import { z } from "zod";
import { actingViewer } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { previewImport } from "@/lib/imports/commit";
import { assertSameOrigin, errorResponse, fileNameParam, NO_STORE, parseQuery, previewJson, readUpload } from "../http";

const query = z.object({ name: fileNameParam });

/** POST the file's bytes (application/octet-stream) → every row with all its errors; nothing is written. */
export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    const viewer = await actingViewer();
    const { name } = parseQuery(request, query);
    const bytes = await readUpload(request);
    const preview = await previewImport(viewer, { name, bytes });
    return Response.json(previewJson(preview, { fileName: name, sha256: preview.sha256 }, await getT()), { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e, "imports.preview");
  }
}
