import { can, hasAnywhere, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { PlanStatus, TargetGroup } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { unitOptionsWith, type UnitOption } from "@/lib/units/queries";
import { planAccess, visibleQuotaUnits, type PlanAccess } from "./access";

export type PlanTotals = { items: number; classes: number; participants: number; budgetVnd: bigint; seats: number };

export type PlanRow = {
  id: string;
  year: number;
  title: string;
  status: PlanStatus;
  unit: { id: string; name: string; code: string };
  access: PlanAccess;
  totals: PlanTotals;
};

export type QuotaView = { unitId: string; code: string; name: string; seats: number };

export type PlanItemView = {
  id: string;
  position: number;
  title: string;
  area: { id: string; code: string; name: string; nameEn: string } | null;
  course: { id: string; code: string; title: string } | null;
  targetGroups: TargetGroup[];
  plannedClasses: number;
  plannedParticipants: number;
  quarter: number;
  leadUnit: { id: string; code: string; name: string };
  budgetVnd: bigint;
  fundingSource: string;
  note: string;
  /** The quotas the viewer may see (all of them, or their own units' only). */
  quotas: QuotaView[];
  /** The sum of those quotas. */
  seats: number;
};

/** One changed field of an amendment, ids already replaced by names (unit, area, course). */
export type AmendmentDetail = { field: string; unit?: string; before: unknown; after: unknown };
export type AmendmentView = {
  id: string;
  at: Date;
  reason: string;
  actorName: string | null;
  action: string;
  /** The item's number at the time of the change, when it is about one item. */
  position: number | null;
  /** Items added by an import. */
  count: number | null;
  details: AmendmentDetail[];
};

type Change = {
  action?: string;
  position?: number;
  count?: number;
  unitId?: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | Record<string, unknown>[] | null;
};
const REF_FIELDS = ["leadUnitId", "areaId", "courseId"] as const;

/** Unit, area and course ids that amendments mention, by id → name. */
async function namesIn(changes: Change[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const c of changes) {
    if (c.unitId) ids.add(c.unitId);
    for (const side of [c.before, c.after]) {
      if (!side || Array.isArray(side)) continue;
      for (const f of REF_FIELDS) if (typeof side[f] === "string") ids.add(side[f] as string);
    }
  }
  if (ids.size === 0) return new Map();
  const list = [...ids];
  const [units, areas, courses] = await Promise.all([
    db().unit.findMany({ where: { id: { in: list } }, select: { id: true, name: true } }),
    db().courseArea.findMany({ where: { id: { in: list } }, select: { id: true, name: true } }),
    db().course.findMany({ where: { id: { in: list } }, select: { id: true, title: true } }),
  ]);
  return new Map([...units.map((u) => [u.id, u.name] as const), ...areas.map((a) => [a.id, a.name] as const), ...courses.map((c) => [c.id, c.title] as const)]);
}

function detailsOf(c: Change, names: ReadonlyMap<string, string>): AmendmentDetail[] {
  if (c.action === "plan.quota.set") {
    return [{ field: "seats", unit: names.get(c.unitId ?? "") ?? c.unitId ?? "", before: c.before?.seats ?? 0, after: (c.after as Record<string, unknown> | null)?.seats ?? 0 }];
  }
  if (c.action !== "plan.item.update" && c.action !== "plan.rename") return [];
  const before = c.before ?? {};
  const after = (c.after ?? {}) as Record<string, unknown>;
  const named = (f: string, v: unknown) => ((REF_FIELDS as readonly string[]).includes(f) && typeof v === "string" ? (names.get(v) ?? v) : v);
  return Object.keys(after).map((f) => ({ field: f, before: named(f, before[f]), after: named(f, after[f]) }));
}

export type PlanView = {
  id: string;
  year: number;
  title: string;
  status: PlanStatus;
  unit: { id: string; name: string; code: string };
  approvedAt: Date | null;
  approvedByName: string | null;
  createdAt: Date;
  access: PlanAccess;
  items: PlanItemView[];
  totals: PlanTotals;
  /** Empty for "quota" viewers: an amendment may speak of other units' quotas. */
  amendments: AmendmentView[];
};

const itemSelect = {
  id: true,
  position: true,
  title: true,
  area: { select: { id: true, code: true, name: true, nameEn: true } },
  course: { select: { id: true, code: true, title: true } },
  targetGroups: true,
  plannedClasses: true,
  plannedParticipants: true,
  quarter: true,
  leadUnit: { select: { id: true, code: true, name: true } },
  budgetVnd: true,
  fundingSource: true,
  note: true,
  quotas: { select: { unitId: true, seats: true, unit: { select: { code: true, name: true } } } },
} as const;

type ItemRow = {
  quotas: { unitId: string; seats: number; unit: { code: string; name: string } }[];
} & Omit<PlanItemView, "quotas" | "seats">;

function toItemView(item: ItemRow, visible: ReadonlySet<string> | null): PlanItemView {
  const quotas = item.quotas
    .filter((q) => visible === null || visible.has(q.unitId))
    .map((q) => ({ unitId: q.unitId, code: q.unit.code, name: q.unit.name, seats: q.seats }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return { ...item, quotas, seats: quotas.reduce((s, q) => s + q.seats, 0) };
}

export function totalsOf(items: readonly PlanItemView[]): PlanTotals {
  return {
    items: items.length,
    classes: items.reduce((s, i) => s + i.plannedClasses, 0),
    participants: items.reduce((s, i) => s + i.plannedParticipants, 0),
    budgetVnd: items.reduce((s, i) => s + i.budgetVnd, 0n),
    seats: items.reduce((s, i) => s + i.seats, 0),
  };
}

/**
 * The plans the viewer may see, newest year first: those owned by units where they hold plan:read
 * (all items), and the approved plans giving a quota to one of those units (only those items,
 * only their quotas, in the totals too). `year` filters.
 */
export async function listPlans(viewer: Viewer, input: { year?: number } = {}): Promise<PlanRow[]> {
  const scope = unitIdsWith(viewer, "plan:read");
  if (scope.length === 0) return [];
  const plans = await db().trainingPlan.findMany({
    where: {
      ...(input.year ? { year: input.year } : {}),
      OR: [
        { unitId: { in: scope } },
        { status: "APPROVED", items: { some: { quotas: { some: { unitId: { in: scope } } } } } },
      ],
    },
    orderBy: [{ year: "desc" }, { createdAt: "asc" }],
    select: {
      id: true,
      year: true,
      title: true,
      status: true,
      unitId: true,
      unit: { select: { id: true, name: true, code: true } },
      items: { select: itemSelect, orderBy: { position: "asc" } },
    },
  });
  return plans.map((p) => {
    const access: PlanAccess = can(viewer, "plan:manage", p.unitId) ? "manage" : can(viewer, "plan:read", p.unitId) ? "read" : "quota";
    const visible = visibleQuotaUnits(viewer, access);
    const items = p.items.map((i) => toItemView(i, visible)).filter((i) => visible === null || i.quotas.length > 0);
    return { id: p.id, year: p.year, title: p.title, status: p.status, unit: p.unit, access, totals: totalsOf(items) };
  });
}

/** One plan as the viewer may see it (see lib/plans/access.ts); NOT_FOUND otherwise. */
export async function getPlan(viewer: Viewer, id: string): Promise<PlanView> {
  const plan = await db().trainingPlan.findUnique({
    where: { id },
    select: {
      id: true,
      year: true,
      title: true,
      status: true,
      unitId: true,
      approvedAt: true,
      approvedById: true,
      createdAt: true,
      unit: { select: { id: true, name: true, code: true } },
    },
  });
  if (!plan) throw notFound();
  const access = await planAccess(db(), viewer, plan);
  const visible = visibleQuotaUnits(viewer, access);
  const rows = await db().planItem.findMany({
    where: {
      planId: id,
      ...(visible ? { quotas: { some: { unitId: { in: [...visible] } } } } : {}),
    },
    orderBy: { position: "asc" },
    select: itemSelect,
  });
  const items = rows.map((i) => toItemView(i, visible));
  const amendments =
    access === "quota"
      ? []
      : await db().planAmendment.findMany({ where: { planId: id }, orderBy: { at: "desc" }, select: { id: true, at: true, reason: true, actorId: true, changes: true } });
  const actorIds = [...new Set([plan.approvedById, ...amendments.map((a) => a.actorId)].filter((x): x is string => !!x))];
  const actors = actorIds.length ? await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, fullName: true } }) : [];
  const nameOf = (uid: string | null) => (uid ? (actors.find((a) => a.id === uid)?.fullName ?? null) : null);
  const changes = amendments.map((a) => (a.changes ?? {}) as Change);
  const names = await namesIn(changes);
  return {
    id: plan.id,
    year: plan.year,
    title: plan.title,
    status: plan.status,
    unit: plan.unit,
    approvedAt: plan.approvedAt,
    approvedByName: access === "quota" ? null : nameOf(plan.approvedById),
    createdAt: plan.createdAt,
    access,
    items,
    totals: totalsOf(items),
    amendments: amendments.map((a, i) => ({
      id: a.id,
      at: a.at,
      reason: a.reason,
      actorName: nameOf(a.actorId),
      action: changes[i]!.action ?? "",
      position: changes[i]!.position ?? null,
      count: changes[i]!.count ?? null,
      details: detailsOf(changes[i]!, names),
    })),
  };
}

/** One item of a plan the viewer manages, for its edit page; NOT_FOUND / FORBIDDEN otherwise. */
export async function getPlanItemForEdit(viewer: Viewer, itemId: string): Promise<{ plan: PlanView; item: PlanItemView }> {
  const row = await db().planItem.findUnique({ where: { id: itemId }, select: { planId: true } });
  if (!row) throw notFound();
  const plan = await getPlan(viewer, row.planId);
  const item = plan.items.find((i) => i.id === itemId);
  if (!item) throw notFound();
  return { plan, item };
}

export type PlanFormOptions = {
  /** Active, unmerged units where the viewer holds plan:manage: lead units and quota units. */
  units: UnitOption[];
  areas: { id: string; code: string; name: string; nameEn: string }[];
  /** Courses the viewer may read that are not archived. */
  courses: { id: string; code: string; title: string; areaId: string }[];
};

/** What the item and quota forms offer. Only for plan:manage holders; empty lists otherwise. */
export async function planFormOptions(viewer: Viewer): Promise<PlanFormOptions> {
  if (!hasAnywhere(viewer, "plan:manage")) return { units: [], areas: [], courses: [] };
  const [units, areas, courses] = await Promise.all([
    unitOptionsWith(viewer, "plan:manage"),
    db().courseArea.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, code: true, name: true, nameEn: true } }),
    db().course.findMany({
      where: { unitId: { in: unitIdsWith(viewer, "course:read") }, status: { not: "ARCHIVED" } },
      orderBy: { title: "asc" },
      select: { id: true, code: true, title: true, areaId: true },
      take: 1000,
    }),
  ]);
  return { units, areas, courses };
}

/** The units where the viewer may own a plan (plan:manage), top-most first: the create form's choices. */
export async function planOwnerOptions(viewer: Viewer): Promise<UnitOption[]> {
  if (!hasAnywhere(viewer, "plan:manage")) return [];
  return (await unitOptionsWith(viewer, "plan:manage")).filter((u) => u.depth === 0);
}
