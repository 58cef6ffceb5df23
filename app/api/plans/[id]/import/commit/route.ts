import { z } from "zod";
import { apiRoute, NO_STORE } from "@/lib/http/route";
import { importPlanItems } from "@/lib/plans/import";
import { fileNameParam, readImportRequest } from "@/app/api/imports/http";
import { planIdOf, planPreviewJson, reasonParam, type PlanParams } from "../../http";

const query = z.object({
  name: fileNameParam,
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  reason: reasonParam,
});

/**
 * POST the previewed file's bytes (application/octet-stream) with ?sha256=<of the preview> (and
 * &reason=… for an approved plan) → 200 {items, quotas} when everything was imported; 422 with the
 * fresh preview when any row fails the checks made again inside the transaction (nothing written).
 */
export const POST = apiRoute<PlanParams>({ name: "plans.importCommit" }, async ({ request, params: route, viewer, t }) => {
  const { params, bytes } = await readImportRequest(request, query);
  const result = await importPlanItems(viewer, planIdOf(route), { name: params.name, bytes }, { expectSha256: params.sha256, reason: params.reason });
  if (result.status === "rejected") {
    return Response.json(
      { error: { code: "VALIDATION", message: t("plans.importRejected") }, preview: planPreviewJson(result.preview, { fileName: params.name, sha256: result.sha256 }, t) },
      { status: 422, headers: NO_STORE },
    );
  }
  return Response.json({ items: result.items, quotas: result.quotas, message: t("plans.importDone", { items: result.items, quotas: result.quotas }) }, { headers: NO_STORE });
});
