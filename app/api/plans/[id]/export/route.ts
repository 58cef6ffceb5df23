import { actingViewer } from "@/lib/auth/session";
import { exportPlan } from "@/lib/plans/export";
import { downloadResponse, errorResponse } from "../../../imports/http";
import { planIdOf, type RouteProps } from "../http";

export const dynamic = "force-dynamic";

/** GET → the plan as the viewer sees it, as an XLSX download (items, quotas, totals). */
export async function GET(_request: Request, props: RouteProps) {
  try {
    const viewer = await actingViewer();
    return downloadResponse(await exportPlan(viewer, await planIdOf(props)));
  } catch (e) {
    return errorResponse(e, "plans.export");
  }
}
