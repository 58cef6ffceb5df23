import { z } from "zod";
import { apiRoute, NO_STORE } from "@/lib/http/route";
import { previewImport } from "@/lib/imports/commit";
import { fileNameParam, previewJson, readImportRequest } from "../http";

const query = z.object({ name: fileNameParam });

/** POST the file's bytes (application/octet-stream) → every row with all its errors; nothing is written. */
export const POST = apiRoute({ name: "imports.preview" }, async ({ request, viewer, t }) => {
  const { params, bytes } = await readImportRequest(request, query);
  const { name } = params;
  const preview = await previewImport(viewer, { name, bytes });
  return Response.json(previewJson(preview, { fileName: name, sha256: preview.sha256 }, t), { headers: NO_STORE });
});
