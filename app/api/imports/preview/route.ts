import { z } from "zod";
import { getT } from "@/lib/i18n/server";
import { previewImport } from "@/lib/imports/commit";
import { errorResponse, fileNameParam, NO_STORE, previewJson, readImportRequest } from "../http";

const query = z.object({ name: fileNameParam });

/** POST the file's bytes (application/octet-stream) → every row with all its errors; nothing is written. */
export async function POST(request: Request) {
  try {
    const { viewer, params, bytes } = await readImportRequest(request, query);
    const { name } = params;
    const preview = await previewImport(viewer, { name, bytes });
    return Response.json(previewJson(preview, { fileName: name, sha256: preview.sha256 }, await getT()), { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e, "imports.preview");
  }
}
