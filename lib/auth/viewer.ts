import type { Role } from "@/lib/db/generated/enums";
import { db, Prisma } from "@/lib/db";
import { notFound, forbidden } from "@/lib/errors";
import { ROLE_PERMISSIONS, ROLES_BY_RANK, type Permission } from "./permissions";
import { unsafeUnitForest } from "@/lib/units/forest";
import { computeScopes, type Grant } from "./scopes";

/** The acting user as every data function sees them: who, their grants, and where each permission holds. */
export type Viewer = {
  readonly userId: string;
  readonly email: string;
  readonly fullName: string;
  readonly unitId: string;
  readonly grants: readonly Grant[];
  readonly roles: readonly Role[];
  readonly scopes: ReadonlyMap<Permission, ReadonlySet<string>>;
  /**
   * Signed in with a password someone else chose (an initial password handed over by an admin):
   * every page and action is refused until they choose their own (lib/auth/session.ts).
   */
  readonly mustChangePassword: boolean;
};

/**
 * The viewer of a decoded session token. A token without a session version (issued before
 * versions existed, or made with a secret once written in the code) is refused: every session
 * must be one that a raised version can end (docs/decisions/023).
 */
export async function viewerOfSession(session: { userId?: string; sv?: unknown } | null): Promise<Viewer | null> {
  if (!session?.userId || typeof session.sv !== "number") return null;
  return loadViewer(session.userId, session.sv);
}

/** Loads the viewer for a signed-in user id; null if the account is gone, disabled or the session is stale. */
export async function loadViewer(userId: string, sessionVersion?: number): Promise<Viewer | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      fullName: true,
      unitId: true,
      active: true,
      sessionVersion: true,
      mustChangePassword: true,
      grants: { select: { role: true, unitId: true } },
    },
  });
  if (!user || !user.active) return null;
  if (sessionVersion !== undefined && sessionVersion !== user.sessionVersion) return null;

  // computeScopes is the rule; the whole forest (cached per process) feeds it.
  const units = user.grants.length ? await unsafeUnitForest() : [];
  const roles = ROLES_BY_RANK.filter((r) => user.grants.some((g) => g.role === r));
  return {
    userId: user.id,
    email: user.email,
    fullName: user.fullName,
    unitId: user.unitId,
    grants: user.grants,
    roles,
    scopes: computeScopes(units, user.grants),
    mustChangePassword: user.mustChangePassword,
  };
}

export function can(viewer: Viewer, permission: Permission, unitId: string): boolean {
  return viewer.scopes.get(permission)?.has(unitId) ?? false;
}

/** Unit ids where the viewer holds `permission`, for `where: { unitId: { in: … } }`. */
export function unitIdsWith(viewer: Viewer, permission: Permission): string[] {
  return [...(viewer.scopes.get(permission) ?? [])];
}

export function hasAnywhere(viewer: Viewer, permission: Permission): boolean {
  return (viewer.scopes.get(permission)?.size ?? 0) > 0;
}

/**
 * Object-level check. What the viewer may not even read is reported as not found (no existence
 * leak); what they may read but not change is forbidden.
 */
export function assertCan(
  viewer: Viewer,
  permission: Permission,
  unitId: string,
  readPermission?: Permission,
): void {
  if (can(viewer, permission, unitId)) return;
  if (readPermission && can(viewer, readPermission, unitId)) throw forbidden();
  throw notFound();
}

/** Above this many units a scope is walked in SQL rather than sent as a list of ids. */
const SQL_WALK_ABOVE = 64;

/**
 * A WHERE condition keeping rows whose `column` is a unit in the viewer's scope for `permission`,
 * and the common table expression it needs (for `WITH RECURSIVE`), if any. A small scope (a
 * commune admin's) is sent as ids, which PostgreSQL matches on an index; a large one (a province
 * admin's 1,000 units) as a tree walk, which it joins instead of parsing 1,000 ids per query.
 */
export function unitScopeSql(
  viewer: Viewer,
  permission: Permission,
  column: Prisma.Sql,
  plan: "ordered-page" | "filtered" = "filtered",
): { cte: Prisma.Sql | null; condition: Prisma.Sql } {
  const ids = unitIdsWith(viewer, permission);
  if (ids.length <= SQL_WALK_ABOVE) return { cte: null, condition: Prisma.sql`${column} = ANY(${ids}::uuid[])` };
  const cte = scopeCte(viewer, permission, "scope");
  // Two spellings of one condition, because the planner misjudges the walk's size (~500 units
  // expected for 1,000): IN (SELECT …) is a semi-join that lets a page in index order stop early
  // (page 5 of the whole province: 27 → 10 ms); = ANY(ARRAY(…)) is a hashed test per row that
  // keeps a selective search from a nested loop (79 → 30 ms for "nguyen van" over 50,000 people).
  return plan === "ordered-page"
    ? { cte, condition: Prisma.sql`${column} IN (SELECT "id" FROM "scope")` }
    : { cte, condition: Prisma.sql`${column} = ANY(ARRAY(SELECT "id" FROM "scope"))` };
}

/**
 * The same scope as `unitIdsWith(viewer, permission)`, as a SQL common table expression named
 * `name` that walks the tree down from the viewer's grant units. For big scopes (a province
 * admin's 1,000 units) this lets PostgreSQL join instead of receiving 1,000 ids per query.
 * Use inside `WITH RECURSIVE`. tests/integration/viewer.test.ts checks it equals the scope.
 */
export function scopeCte(viewer: Viewer, permission: Permission, name: string): Prisma.Sql {
  const roots = [...new Set(viewer.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission)).map((g) => g.unitId))];
  const table = Prisma.raw(`"${name.replace(/[^a-z_]/gi, "")}"`);
  return Prisma.sql`${table} AS (
      SELECT "id" FROM "Unit" WHERE "id" = ANY(${roots}::uuid[])
      UNION
      SELECT c."id" FROM "Unit" c JOIN ${table} ON c."parentId" = ${table}."id"
    )`;
}
