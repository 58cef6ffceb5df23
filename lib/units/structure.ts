import type { Prisma } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";

/**
 * Building blocks for commands that change the unit tree or role grants. They run inside the
 * caller's transaction and do not check the viewer: the calling lib/ command has done that.
 * (docs/decisions/040-unit-lifecycle.md)
 */
export type Tx = Prisma.TransactionClient;

/**
 * Serialises every change to the unit tree and to role grants (create, rename, move, deactivate,
 * reactivate, merge, grant, revoke; and a person's deactivation or anonymisation, which can remove
 * a province admin) for the rest of the transaction. Without it two concurrent
 * moves (A under B, B under A) could each pass the cycle check and together make a cycle, and two
 * admins revoking each other could leave no province admin. These are rare admin actions; one
 * transaction-scoped advisory lock costs ~1 ms and works on PostgreSQL and PGlite alike.
 * lib/people should take it too before moving a person into a unit (see the decision record).
 */
export async function lockUnitTree(tx: Tx): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('taphuan.unit-tree'))`;
}

/** The unit and its ancestors, nearest first (the root last). Stops on a cycle instead of looping. */
export async function ancestorIds(tx: Tx, unitId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string; depth: number }[]>`
    WITH RECURSIVE up AS (
      SELECT "id", "parentId", 0 AS depth, ARRAY["id"] AS path FROM "Unit" WHERE "id" = ${unitId}::uuid
      UNION ALL
      SELECT u."id", u."parentId", up.depth + 1, up.path || u."id"
      FROM "Unit" u JOIN up ON u."id" = up."parentId"
      WHERE NOT u."id" = ANY(up.path)
    )
    SELECT "id", depth FROM up ORDER BY depth`;
  return rows.map((r) => r.id);
}

/** The unit and every unit below it. */
export async function subtreeIdsOf(tx: Tx, unitId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE down AS (
      SELECT "id" FROM "Unit" WHERE "id" = ${unitId}::uuid
      UNION
      SELECT u."id" FROM "Unit" u JOIN down ON u."parentId" = down."id"
    )
    SELECT "id" FROM down`;
  return rows.map((r) => r.id);
}

export type UnitState = {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  active: boolean;
  mergedIntoId: string | null;
  mergedInto: { name: string } | null;
};

/** A unit as a command needs it, read inside the transaction (after the lock). */
export async function unitState(tx: Tx, id: string): Promise<UnitState> {
  const unit = await tx.unit.findUnique({
    where: { id },
    select: {
      id: true,
      code: true,
      name: true,
      parentId: true,
      active: true,
      mergedIntoId: true,
      mergedInto: { select: { name: true } },
    },
  });
  if (!unit) throw notFound();
  return unit;
}

/** A merged unit is kept for history only: every change to it is a conflict. */
export function assertNotMerged(unit: UnitState): void {
  if (unit.mergedIntoId) {
    throw new AppError("CONFLICT", "units.mergedReadOnly", { params: { target: unit.mergedInto?.name ?? "" } });
  }
}

/**
 * Active PROVINCE_ADMIN grants (held by active accounts) anywhere in the tree that contains
 * `unitId`, leaving out `excludingGrantIds`. One deployment serves one province, so "the tree" is
 * the whole system in production; in tests every test's province is its own tree.
 */
export async function provinceAdminGrantsLeft(tx: Tx, unitId: string, excludingGrantIds: readonly string[]): Promise<number> {
  const chain = await ancestorIds(tx, unitId);
  const root = chain[chain.length - 1];
  if (!root) return 0;
  const tree = await subtreeIdsOf(tx, root);
  return tx.roleGrant.count({
    where: {
      role: "PROVINCE_ADMIN",
      unitId: { in: tree },
      id: { notIn: [...excludingGrantIds] },
      user: { active: true },
    },
  });
}

/**
 * Would taking this account out of service (deactivation, anonymisation) leave a tree where it
 * holds PROVINCE_ADMIN without any other such grant held by an active account? `grants` are all of
 * the account's grants, read after `lockUnitTree`, so two admins removing each other at once are
 * serialised and the second sees the first's change (docs/decisions/041).
 */
export async function removesLastProvinceAdmin(tx: Tx, grants: readonly { id: string; role: Role; unitId: string }[]): Promise<boolean> {
  const held = grants.filter((g) => g.role === "PROVINCE_ADMIN");
  const ids = held.map((g) => g.id);
  for (const g of held) {
    if ((await provinceAdminGrantsLeft(tx, g.unitId, ids)) === 0) return true;
  }
  return false;
}
