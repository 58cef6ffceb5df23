import { can, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import type { Prisma, PrismaClient } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";

// Who sees and changes a plan (docs/decisions/070-training-plan.md):
// - "manage": plan:manage on the owning unit — everything, and every change;
// - "read":   plan:read on the owning unit — everything, read-only;
// - "quota":  an APPROVED plan giving a quota to a unit where the viewer holds plan:read (a unit
//             admin) — only the items with such a quota, and only those units' quotas, read-only.
// Anyone else, and a unit admin looking at a draft, gets NOT_FOUND (no existence leak).

export type PlanAccess = "manage" | "read" | "quota";

type Reader = PrismaClient | Prisma.TransactionClient;

/** Does this approved plan give a quota to a unit in the viewer's plan:read scope? */
async function hasQuotaInScope(reader: Reader, viewer: Viewer, planId: string): Promise<boolean> {
  const scope = unitIdsWith(viewer, "plan:read");
  if (scope.length === 0) return false;
  const found = await reader.planQuota.findFirst({
    where: { unitId: { in: scope }, planItem: { planId } },
    select: { unitId: true },
  });
  return found !== null;
}

/** The viewer's access to a plan (already read), or NOT_FOUND. */
export async function planAccess(reader: Reader, viewer: Viewer, plan: { id: string; unitId: string; status: string }): Promise<PlanAccess> {
  if (can(viewer, "plan:manage", plan.unitId)) return "manage";
  if (can(viewer, "plan:read", plan.unitId)) return "read";
  if (plan.status === "APPROVED" && (await hasQuotaInScope(reader, viewer, plan.id))) return "quota";
  throw notFound();
}

/** plan:manage on the owning unit, else FORBIDDEN for those who may see the plan and NOT_FOUND for the rest. */
export async function assertManagePlan(reader: Reader, viewer: Viewer, plan: { id: string; unitId: string; status: string }): Promise<void> {
  const access = await planAccess(reader, viewer, plan);
  if (access !== "manage") throw forbidden();
}

/** The units whose quotas a viewer with this access sees: all (null) or their plan:read scope. */
export function visibleQuotaUnits(viewer: Viewer, access: PlanAccess): ReadonlySet<string> | null {
  return access === "quota" ? (viewer.scopes.get("plan:read") ?? new Set()) : null;
}
