import { z } from "zod";
import { apiRoute, NO_STORE } from "@/lib/http/route";
import { previewPlanImport } from "@/lib/plans/import";
import { fileNameParam, readImportRequest } from "@/app/api/imports/http";
import { planIdOf, planPreviewJson, type PlanParams } from "../../http";

const query = z.object({ name: fileNameParam });

/** POST the file's bytes (application/octet-stream) → every row with all its errors; nothing is written. */
export const POST = apiRoute<PlanParams>({ name: "plans.importPreview" }, async ({ request, params: route, viewer, t }) => {
  const { params, bytes } = await readImportRequest(request, query);
  const preview = await previewPlanImport(viewer, planIdOf(route), { name: params.name, bytes });
  return Response.json(planPreviewJson(preview, { fileName: params.name, sha256: preview.sha256 }, t), { headers: NO_STORE });
});
