import { apiRoute } from "@/lib/http/route";
import { exportPlan } from "@/lib/plans/export";
import { downloadResponse } from "../../../imports/http";
import { planIdOf, type PlanParams } from "../http";

export const dynamic = "force-dynamic";

/** GET → the plan as the viewer sees it, as an XLSX download (items, quotas, totals). */
export const GET = apiRoute<PlanParams>({ name: "plans.export" }, async ({ viewer, params }) =>
  downloadResponse(await exportPlan(viewer, planIdOf(params))),
);
