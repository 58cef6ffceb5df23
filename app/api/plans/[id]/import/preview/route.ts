import { z } from "zod";
import { getT } from "@/lib/i18n/server";
import { previewPlanImport } from "@/lib/plans/import";
import { errorResponse, fileNameParam, NO_STORE, readImportRequest } from "@/app/api/imports/http";
import { planIdOf, planPreviewJson, type RouteProps } from "../../http";

const query = z.object({ name: fileNameParam });

/** POST the file's bytes (application/octet-stream) → every row with all its errors; nothing is written. */
export async function POST(request: Request, props: RouteProps) {
  try {
    const { viewer, params, bytes } = await readImportRequest(request, query);
    const preview = await previewPlanImport(viewer, await planIdOf(props), { name: params.name, bytes });
    return Response.json(planPreviewJson(preview, { fileName: params.name, sha256: preview.sha256 }, await getT()), { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e, "plans.importPreview");
  }
}
