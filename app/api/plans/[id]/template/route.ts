import { actingViewer } from "@/lib/auth/session";
import { planTemplate } from "@/lib/plans/export";
import { downloadResponse, errorResponse } from "../../../imports/http";
import { planIdOf, type RouteProps } from "../http";

export const dynamic = "force-dynamic";

/** GET → the import template of this plan (headers, quota columns, guide, codes); plan:manage only. */
export async function GET(_request: Request, props: RouteProps) {
  try {
    const viewer = await actingViewer();
    return downloadResponse(await planTemplate(viewer, await planIdOf(props)));
  } catch (e) {
    return errorResponse(e, "plans.template");
  }
}
