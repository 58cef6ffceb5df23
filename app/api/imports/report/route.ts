import { z } from "zod";
import { getT } from "@/lib/i18n/server";
import { previewImport } from "@/lib/imports/commit";
import { errorReport } from "@/lib/imports/report";
import { downloadResponse, errorResponse, fileNameParam, readImportRequest } from "../http";

const query = z.object({ name: fileNameParam });

/** POST the file's bytes → the rows with errors, with every error, as a file of the same kind to fix and import again. */
export async function POST(request: Request) {
  try {
    const { viewer, params, bytes } = await readImportRequest(request, query);
    const { name } = params;
    return downloadResponse(await errorReport(await previewImport(viewer, { name, bytes }), await getT()));
  } catch (e) {
    return errorResponse(e, "imports.report");
  }
}
