import { apiRoute } from "@/lib/http/route";
import { planTemplate } from "@/lib/plans/export";
import { downloadResponse } from "../../../imports/http";
import { planIdOf, type PlanParams } from "../http";

export const dynamic = "force-dynamic";

/** GET → the import template of this plan (headers, quota columns, guide, codes); plan:manage only. */
export const GET = apiRoute<PlanParams>({ name: "plans.template" }, async ({ viewer, params }) =>
  downloadResponse(await planTemplate(viewer, planIdOf(params))),
);
