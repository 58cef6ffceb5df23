import { db } from "@/lib/db";
import { assertCan, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";

export type UnitRow = {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  active: boolean;
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
      children: { select: { id: true, code: true, name: true, kind: true, active: true }, orderBy: { name: "asc" } },
      members: {
        select: { id: true, fullName: true, email: true, position: true, active: true },
        orderBy: { fullName: "asc" },
      },
    },
  });
  if (!unit) throw notFound();
  // A parent outside the viewer's scope is not shown (a unit admin's top unit).
  const parent = unit.parent && viewer.scopes.get("unit:read")?.has(unit.parent.id) ? unit.parent : null;
  return { ...unit, parent };
}

/** Counts for the home page, within the viewer's unit scope. */
export async function unitStats(viewer: Viewer) {
  const ids = unitIdsWith(viewer, "unit:read");
  const [units, people, activePeople] = await Promise.all([
    db().unit.count({ where: { id: { in: ids } } }),
    db().user.count({ where: { unitId: { in: ids } } }),
    db().user.count({ where: { unitId: { in: ids }, active: true } }),
  ]);
  return { units, people, activePeople };
}

/** Names of units the viewer holds a grant on (for "your roles"); the viewer's own grants only. */
export async function grantUnitNames(viewer: Viewer): Promise<Map<string, string>> {
  const ids = [...new Set([viewer.unitId, ...viewer.grants.map((g) => g.unitId)])];
  const units = await db().unit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(units.map((u) => [u.id, u.name]));
}
