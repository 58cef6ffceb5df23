import { grantPermissionFor, ROLES_BY_RANK } from "@/lib/auth/permissions";
import { can, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { unitOptionsWith, type UnitOption } from "@/lib/units/queries";

export type GrantRow = {
  id: string;
  role: Role;
  createdAt: Date;
  /** null when the grant's unit is outside the viewer's units (its name is not shown). */
  unit: { id: string; name: string; active: boolean; merged: boolean } | null;
  /** The viewer holds grantPermissionFor(role) on the grant's unit. */
  canRevoke: boolean;
};

/**
 * A person's role grants, for someone who may read the person (person:read on their unit);
 * NOT_FOUND otherwise, also for the person themselves without that permission.
 */
export async function listGrants(viewer: Viewer, personId: string) {
  const person = await db().user.findUnique({
    where: { id: personId },
    select: {
      id: true,
      fullName: true,
      email: true,
      active: true,
      unitId: true,
      unit: { select: { id: true, name: true } },
      grants: {
        select: {
          id: true,
          role: true,
          createdAt: true,
          unit: { select: { id: true, name: true, active: true, mergedIntoId: true } },
        },
      },
    },
  });
  if (!person || !can(viewer, "person:read", person.unitId)) throw notFound();
  const rank = (r: Role) => ROLES_BY_RANK.indexOf(r);
  const grants: GrantRow[] = person.grants
    .map((g) => ({
      id: g.id,
      role: g.role,
      createdAt: g.createdAt,
      unit: can(viewer, "unit:read", g.unit.id)
        ? { id: g.unit.id, name: g.unit.name, active: g.unit.active, merged: g.unit.mergedIntoId !== null }
        : null,
      canRevoke: can(viewer, grantPermissionFor(g.role), g.unit.id),
    }))
    .sort((a, b) => rank(a.role) - rank(b.role) || (a.unit?.name ?? "").localeCompare(b.unit?.name ?? "", "vi"));
  return {
    person: { id: person.id, fullName: person.fullName, email: person.email, active: person.active, unit: person.unit },
    grants,
  };
}

/** The order of the role select: the everyday grants first. */
const GRANT_ORDER: readonly Role[] = ["TRAINER", "LEARNER", "UNIT_ADMIN", "PROVINCE_ADMIN"];

export type GrantOption = { role: Role; units: UnitOption[] };

/**
 * What the viewer may grant: each role with the active, unmerged units where they hold
 * grantPermissionFor(role). PROVINCE_ADMIN only on a root unit (the province itself).
 */
export async function grantOptions(viewer: Viewer): Promise<GrantOption[]> {
  const byPermission = new Map<string, UnitOption[]>();
  const out: GrantOption[] = [];
  for (const role of GRANT_ORDER) {
    const permission = grantPermissionFor(role);
    let units = byPermission.get(permission);
    if (!units) {
      units = await unitOptionsWith(viewer, permission);
      byPermission.set(permission, units);
    }
    const allowed = role === "PROVINCE_ADMIN" ? units.filter((u) => u.parentId === null) : units;
    if (allowed.length > 0) out.push({ role, units: allowed });
  }
  return out;
}
