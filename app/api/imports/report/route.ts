import { z } from "zod";
import { apiRoute } from "@/lib/http/route";
import { previewImport } from "@/lib/imports/commit";
import { errorReport } from "@/lib/imports/report";
import { downloadResponse, fileNameParam, readImportRequest } from "../http";

const query = z.object({ name: fileNameParam });

/** POST the file's bytes → the rows with errors, with every error, as a file of the same kind to fix and import again. */
export const POST = apiRoute({ name: "imports.report" }, async ({ request, viewer, t }) => {
  const { params, bytes } = await readImportRequest(request, query);
  const { name } = params;
  return downloadResponse(await errorReport(await previewImport(viewer, { name, bytes }), t));
});
