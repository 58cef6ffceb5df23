import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { ancestorIds, assertNotMerged, unitState, type Tx } from "./structure";

/** Roles that follow the people to the merged unit; admin roles on the old unit are revoked. */
const MOVING_ROLES: readonly Role[] = ["LEARNER", "TRAINER"];

export type MergeGrant = { id: string; userId: string; fullName: string; role: Role };

/** Exactly what merging `source` (A) into `target` (B) will do; computed before the first write. */
export type MergePlan = {
  source: { id: string; name: string; code: string; parentId: string | null; active: boolean };
  target: { id: string; name: string; code: string };
  people: { id: string; fullName: string; active: boolean }[];
  /** Child units that move under B. Units merged into A earlier stay under A, as its history. */
  children: { id: string; name: string; code: string; active: boolean }[];
  /** LEARNER/TRAINER grants on A re-pointed to B. */
  movedGrants: MergeGrant[];
  /** LEARNER/TRAINER grants on A whose holder already has the same role on B: dropped. */
  duplicateGrants: MergeGrant[];
  /** UNIT_ADMIN/PROVINCE_ADMIN grants on A: revoked, never carried over. */
  revokedGrants: MergeGrant[];
};

/**
 * Validates a merge of A into B and lists its effects. Runs inside the merge transaction (after
 * lockUnitTree) and, read-only, for the confirmation page. The caller has checked unit:merge on both.
 */
export async function planMerge(tx: Tx, sourceId: string, targetId: string): Promise<MergePlan> {
  if (sourceId === targetId) throw new AppError("VALIDATION", "units.mergeIntoItself", { field: "targetId" });
  const source = await unitState(tx, sourceId);
  const target = await unitState(tx, targetId);
  assertNotMerged(source);
  if (target.mergedIntoId) throw new AppError("CONFLICT", "units.targetMerged", { field: "targetId" });
  if (!target.active) throw new AppError("CONFLICT", "units.targetInactive", { field: "targetId" });
  if ((await ancestorIds(tx, targetId)).includes(sourceId)) {
    throw new AppError("VALIDATION", "units.mergeIntoDescendant", { field: "targetId" });
  }

  // One after the other: they run on the merge transaction's connection (docs/decisions/006).
  const people = await tx.user.findMany({
    where: { unitId: sourceId },
    select: { id: true, fullName: true, active: true },
    orderBy: { fullName: "asc" },
  });
  const children = await tx.unit.findMany({
    where: { parentId: sourceId, mergedIntoId: null },
    select: { id: true, name: true, code: true, active: true },
    orderBy: { name: "asc" },
  });
  const grants = await tx.roleGrant.findMany({
    where: { unitId: sourceId },
    select: { id: true, userId: true, role: true, user: { select: { fullName: true } } },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
  });
  const basic = grants.filter((g) => MOVING_ROLES.includes(g.role));
  const onTarget = await tx.roleGrant.findMany({
    where: { unitId: targetId, userId: { in: basic.map((g) => g.userId) }, role: { in: [...MOVING_ROLES] } },
    select: { userId: true, role: true },
  });
  const held = new Set(onTarget.map((g) => `${g.userId}:${g.role}`));
  const asPlan = (g: (typeof grants)[number]): MergeGrant => ({ id: g.id, userId: g.userId, fullName: g.user.fullName, role: g.role });

  const plan: MergePlan = {
    source: { id: source.id, name: source.name, code: source.code, parentId: source.parentId, active: source.active },
    target: { id: target.id, name: target.name, code: target.code },
    people,
    children,
    movedGrants: basic.filter((g) => !held.has(`${g.userId}:${g.role}`)).map(asPlan),
    duplicateGrants: basic.filter((g) => held.has(`${g.userId}:${g.role}`)).map(asPlan),
    revokedGrants: grants.filter((g) => !MOVING_ROLES.includes(g.role)).map(asPlan),
  };

  // No "last province admin" check is needed here: the merging viewer holds unit:merge on B, which
  // only a PROVINCE_ADMIN grant on B or an ancestor of B gives. That grant is not on A (B is not
  // under A), so it survives the merge and B's tree keeps an administrator.
  return plan;
}
