import { db } from "@/lib/db";
import type { Permission } from "@/lib/auth/permissions";
import { subtreeIds } from "@/lib/auth/scopes";
import { assertCan, can, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { searchWords, wordStartPattern } from "@/lib/people/search";
import { foldForSearch } from "@/lib/text";
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
  return withDetails(await readableUnits(viewer));
}

/** Above this many units the tree page shows two levels and a search instead of every unit. */
export const FULL_TREE_UP_TO = 200;

export type UnitTreePage = {
  /** Units to show: the whole readable tree, its top two levels, or the matches of `q`. */
  rows: UnitRow[];
  /** How many readable units lie below each shown unit that the page leaves out. */
  hiddenBelow: Map<string, number>;
  /** Names of the ancestors of each search match, root first (within the viewer's scope). */
  paths: Map<string, string[]>;
  total: number;
  mode: "full" | "top" | "search";
};

/**
 * The units page. A province has ~1,000 units: every one of them with its member count is 660 KB
 * of HTML, unusable on a phone. Up to FULL_TREE_UP_TO units the whole tree is shown; above, the
 * first two levels of the viewer's tree, each with how many units lie below it (their own page
 * lists them), and a search by name or code (without diacritics) that lists matches with their path.
 */
export async function unitTreePage(viewer: Viewer, q = ""): Promise<UnitTreePage> {
  const units = await readableUnits(viewer);
  const words = searchWords(q);
  const byId = new Map(units.map((u) => [u.id, u]));
  const depthOf = (id: string): number => {
    let depth = 0;
    for (let u = byId.get(id); u?.parentId && byId.has(u.parentId); u = byId.get(u.parentId)) depth++;
    return depth;
  };
  if (words.length > 0) {
    const patterns = words.map((w) => new RegExp(wordStartPattern(w)));
    const matches = units.filter((u) => {
      const text = foldForSearch(`${u.name} ${u.code}`);
      return patterns.every((p) => p.test(text));
    });
    const shown = matches.slice(0, 100);
    const paths = new Map<string, string[]>();
    for (const m of shown) {
      const path: string[] = [];
      for (let u = m.parentId ? byId.get(m.parentId) : undefined; u; u = u.parentId ? byId.get(u.parentId) : undefined) path.unshift(u.name);
      paths.set(m.id, path);
    }
    return { rows: await withDetails(shown), hiddenBelow: new Map(), paths, total: matches.length, mode: "search" };
  }
  if (units.length <= FULL_TREE_UP_TO) {
    return { rows: await withDetails(units), hiddenBelow: new Map(), paths: new Map(), total: units.length, mode: "full" };
  }
  const shown = units.filter((u) => depthOf(u.id) <= 1);
  const hiddenBelow = new Map<string, number>();
  for (const u of shown) {
    if (depthOf(u.id) === 1) hiddenBelow.set(u.id, subtreeIds(units, [u.id]).size - 1);
  }
  return { rows: await withDetails(shown), hiddenBelow, paths: new Map(), total: units.length, mode: "top" };
}

/** The units the viewer may read, from the cached forest, in name order. */
async function readableUnits(viewer: Viewer) {
  const scope = viewer.scopes.get("unit:read");
  return scope?.size ? (await unsafeUnitForest()).filter((u) => scope.has(u.id)) : [];
}

/** Kind, merge target and member count of units already known to be readable. */
async function withDetails(units: readonly { id: string }[]): Promise<UnitRow[]> {
  if (units.length === 0) return [];
  const ids = units.map((u) => u.id);
  const [rows, counts] = await Promise.all([
    db().unit.findMany({
      where: { id: { in: ids } },
      select: { id: true, code: true, name: true, kind: true, parentId: true, active: true, mergedInto: { select: { id: true, name: true } }, mergedAt: true },
    }),
    db().$queryRaw<{ unitId: string; n: number }[]>`
      SELECT "unitId", count(*)::int AS "n" FROM "User" WHERE "unitId" = ANY(${ids}::uuid[]) GROUP BY "unitId"`,
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const members = new Map(counts.map((c) => [c.unitId, c.n]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ ...row, memberCount: members.get(id) ?? 0 }] : [];
  });
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
