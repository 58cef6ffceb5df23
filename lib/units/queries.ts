import { db } from "@/lib/db";
import type { Permission } from "@/lib/auth/permissions";
import { subtreeIds } from "@/lib/auth/scopes";
import { assertCan, can, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { unsafeUnitForest } from "./forest";
import { planMerge, type MergePlan } from "./merge";
import type { MergeUnitInput } from "./schemas";
import { buildTree, type TreeNode } from "./tree";

export type UnitRow = {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  active: boolean;
  /** Set when the unit was merged into another (its parent); it is then read-only history. */
  mergedInto: { id: string; name: string } | null;
  mergedAt: Date | null;
  memberCount: number;
};

/** Every unit the viewer may read, with member counts, ordered for a tree. */
export async function listUnits(viewer: Viewer): Promise<UnitRow[]> {
  const units = await db().unit.findMany({
    where: { id: { in: unitIdsWith(viewer, "unit:read") } },
    select: {
      id: true,
      code: true,
      name: true,
      kind: true,
      parentId: true,
      active: true,
      mergedInto: { select: { id: true, name: true } },
      mergedAt: true,
      _count: { select: { members: true } },
    },
    orderBy: [{ name: "asc" }],
  });
  return units.map(({ _count, ...u }) => ({ ...u, memberCount: _count.members }));
}

/** One unit with its parent, children and members; not found outside the viewer's scope. */
export async function getUnit(viewer: Viewer, id: string) {
  assertCan(viewer, "unit:read", id);
  const unit = await db().unit.findUnique({
    where: { id },
    include: {
      parent: { select: { id: true, name: true } },
      mergedInto: { select: { id: true, name: true } },
      children: {
        select: { id: true, code: true, name: true, kind: true, active: true, mergedIntoId: true, mergedAt: true },
        orderBy: { name: "asc" },
      },
      members: {
        select: { id: true, fullName: true, email: true, position: true, active: true },
        orderBy: { fullName: "asc" },
      },
    },
  });
  if (!unit) throw notFound();
  // A parent outside the viewer's scope is not shown (a unit admin's top unit).
  const parent = unit.parent && viewer.scopes.get("unit:read")?.has(unit.parent.id) ? unit.parent : null;
  const mergedInto = unit.mergedInto && can(viewer, "unit:read", unit.mergedInto.id) ? unit.mergedInto : null;
  return { ...unit, parent, mergedInto };
}

/** Counts for the home page, within the viewer's unit scope. */
export async function unitStats(viewer: Viewer) {
  // The scope is the set of existing units (loaded with the viewer), so its size is the unit count.
  const ids = unitIdsWith(viewer, "unit:read");
  if (ids.length === 0) return { units: 0, people: 0, activePeople: 0 };
  const [row] = await db().$queryRaw<{ people: number; active: number }[]>`
    SELECT count(*)::int AS "people", (count(*) FILTER (WHERE "active"))::int AS "active"
    FROM "User" WHERE "unitId" = ANY(${ids}::uuid[])`;
  return { units: ids.length, people: row?.people ?? 0, activePeople: row?.active ?? 0 };
}

/** Names of units the viewer holds a grant on (for "your roles"); the viewer's own grants only. */
export async function grantUnitNames(viewer: Viewer): Promise<Map<string, string>> {
  const ids = [...new Set([viewer.unitId, ...viewer.grants.map((g) => g.unitId)])];
  const units = await db().unit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(units.map((u) => [u.id, u.name]));
}

export type UnitOption = { id: string; parentId: string | null; name: string; code: string; depth: number };

/** Units where the viewer holds `permission` (rows), and the active, unmerged ones in tree order with depth. */
async function unitsWith(viewer: Viewer, permission: Permission) {
  const scope = viewer.scopes.get(permission);
  const rows = scope?.size ? (await unsafeUnitForest()).filter((u) => scope.has(u.id)) : [];
  const options: UnitOption[] = [];
  const walk = (nodes: TreeNode<(typeof rows)[number]>[], depth: number) => {
    for (const n of nodes) {
      if (n.active && !n.mergedIntoId) options.push({ id: n.id, parentId: n.parentId, name: n.name, code: n.code, depth });
      walk(n.children, depth + 1);
    }
  };
  walk(buildTree(rows), 0);
  return { rows, options };
}

/**
 * Active, unmerged units where the viewer holds `permission`, in tree order (for a select).
 * Used by the roles page for "units where you may grant this role".
 */
export async function unitOptionsWith(viewer: Viewer, permission: Permission): Promise<UnitOption[]> {
  return (await unitsWith(viewer, permission)).options;
}

/**
 * Where the viewer may move unit `id`: active, unmerged units where they hold unit:move, minus
 * the unit itself, its descendants and its current parent. Empty when they may not move it or it is merged.
 */
export async function moveTargets(viewer: Viewer, id: string): Promise<UnitOption[]> {
  if (!can(viewer, "unit:move", id)) return [];
  const { rows, options } = await unitsWith(viewer, "unit:move");
  const unit = rows.find((r) => r.id === id);
  if (!unit || unit.mergedIntoId) return [];
  const currentParent = unit.parentId;
  const below = subtreeIds(rows, [id]);
  return options.filter((o) => !below.has(o.id) && o.id !== currentParent);
}

/** Units the viewer may merge unit `id` into: where they hold unit:merge, outside id's subtree; none for a merged unit. */
export async function mergeTargets(viewer: Viewer, id: string): Promise<UnitOption[]> {
  if (!can(viewer, "unit:merge", id)) return [];
  const { rows, options } = await unitsWith(viewer, "unit:merge");
  if (rows.find((r) => r.id === id)?.mergedIntoId) return [];
  const below = subtreeIds(rows, [id]);
  return options.filter((o) => !below.has(o.id));
}

/**
 * What merging A into B would do (people, child units, grants moved and revoked), with the same
 * checks as the merge itself, for the confirmation step. Writes nothing.
 */
export async function previewMerge(viewer: Viewer, input: MergeUnitInput): Promise<MergePlan> {
  assertCan(viewer, "unit:merge", input.id, "unit:read");
  assertCan(viewer, "unit:merge", input.targetId, "unit:read");
  return planMerge(db(), input.id, input.targetId);
}
