import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Viewer } from "@/lib/auth/viewer";
import { transaction } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { planMerge, type MergePlan } from "./merge";
import type { CreateUnitInput, MergeUnitInput, MoveUnitInput, RenameUnitInput, UnitIdInput } from "./schemas";
import { ancestorIds, assertNotMerged, lockUnitTree, subtreeIdsOf, unitState } from "./structure";

// Every command: permission on the object(s) first (NOT_FOUND outside the read scope, FORBIDDEN
// when readable), then one transaction that takes the tree lock, re-reads the units, validates
// everything, writes, and records before → after in the audit log. See docs/decisions/040.

const codeTaken = () => new AppError("CONFLICT", "units.codeTaken", { field: "code" });

export async function createUnit(viewer: Viewer, input: CreateUnitInput) {
  assertCan(viewer, "unit:create", input.parentId, "unit:read");
  try {
    return await transaction(async (tx) => {
      await lockUnitTree(tx);
      const parent = await unitState(tx, input.parentId);
      assertNotMerged(parent);
      if (!parent.active) throw new AppError("CONFLICT", "units.createUnderInactive");
      if (await tx.unit.findUnique({ where: { code: input.code }, select: { id: true } })) throw codeTaken();
      const unit = await tx.unit.create({
        data: { code: input.code, name: input.name, kind: input.kind, parentId: input.parentId },
      });
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "unit.create",
        entity: "Unit",
        entityId: unit.id,
        unitId: unit.id,
        data: { after: { code: unit.code, name: unit.name, kind: unit.kind, parentId: unit.parentId } },
      });
      return unit;
    });
  } catch (e) {
    if (isUniqueViolation(e, "code")) throw codeTaken();
    throw e;
  }
}

export async function renameUnit(viewer: Viewer, input: RenameUnitInput) {
  assertCan(viewer, "unit:update", input.id, "unit:read");
  return transaction(async (tx) => {
    await lockUnitTree(tx);
    const before = await unitState(tx, input.id);
    assertNotMerged(before);
    const unit = await tx.unit.update({ where: { id: input.id }, data: { name: input.name } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "unit.rename",
      entity: "Unit",
      entityId: unit.id,
      unitId: unit.id,
      data: { before: { name: before.name }, after: { name: unit.name } },
    });
    return unit;
  });
}

/** Moves a unit (with its subtree and people) under a new parent; unit:move on both. */
export async function moveUnit(viewer: Viewer, input: MoveUnitInput) {
  assertCan(viewer, "unit:move", input.id, "unit:read");
  assertCan(viewer, "unit:move", input.parentId, "unit:read");
  return transaction(async (tx) => {
    await lockUnitTree(tx);
    const unit = await unitState(tx, input.id);
    assertNotMerged(unit);
    if ((await ancestorIds(tx, input.parentId)).includes(unit.id)) {
      throw new AppError("VALIDATION", "units.moveIntoItself", { field: "parentId" });
    }
    if (unit.parentId === input.parentId) throw new AppError("VALIDATION", "units.moveSameParent", { field: "parentId" });
    const parent = await unitState(tx, input.parentId);
    if (parent.mergedIntoId) throw new AppError("CONFLICT", "units.targetMerged", { field: "parentId" });
    if (!parent.active) throw new AppError("CONFLICT", "units.targetInactive", { field: "parentId" });
    const oldParent = unit.parentId
      ? await tx.unit.findUnique({ where: { id: unit.parentId }, select: { name: true } })
      : null;
    const moved = await tx.unit.update({ where: { id: unit.id }, data: { parentId: parent.id } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "unit.move",
      entity: "Unit",
      entityId: unit.id,
      unitId: unit.id,
      data: {
        before: { parentId: unit.parentId, parentName: oldParent?.name ?? null },
        after: { parentId: parent.id, parentName: parent.name },
      },
    });
    return { unit: moved, parent: { id: parent.id, name: parent.name } };
  });
}

/**
 * Deactivates a unit. Refused while active people remain in it or anywhere below it (they must be
 * moved first), and while it has active child units: no cascade, each unit is closed on purpose.
 */
export async function deactivateUnit(viewer: Viewer, input: UnitIdInput) {
  assertCan(viewer, "unit:deactivate", input.id, "unit:read");
  return transaction(async (tx) => {
    await lockUnitTree(tx);
    const unit = await unitState(tx, input.id);
    assertNotMerged(unit);
    if (!unit.active) throw new AppError("CONFLICT", "units.alreadyInactive");
    const subtree = await subtreeIdsOf(tx, unit.id);
    const activePeople = await tx.user.count({ where: { unitId: { in: subtree }, active: true } });
    if (activePeople > 0) throw new AppError("CONFLICT", "units.hasActivePeople", { params: { count: activePeople } });
    const activeChildren = await tx.unit.count({ where: { parentId: unit.id, active: true } });
    if (activeChildren > 0) throw new AppError("CONFLICT", "units.hasActiveChildren", { params: { count: activeChildren } });
    const after = await tx.unit.update({ where: { id: unit.id }, data: { active: false } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "unit.deactivate",
      entity: "Unit",
      entityId: unit.id,
      unitId: unit.id,
      data: { before: { active: true }, after: { active: false } },
    });
    return after;
  });
}

/** Reactivates an inactive (not merged) unit whose parent is active. */
export async function reactivateUnit(viewer: Viewer, input: UnitIdInput) {
  assertCan(viewer, "unit:deactivate", input.id, "unit:read");
  return transaction(async (tx) => {
    await lockUnitTree(tx);
    const unit = await unitState(tx, input.id);
    assertNotMerged(unit);
    if (unit.active) throw new AppError("CONFLICT", "units.alreadyActive");
    if (unit.parentId && !(await unitState(tx, unit.parentId)).active) {
      throw new AppError("CONFLICT", "units.parentInactive");
    }
    const after = await tx.unit.update({ where: { id: unit.id }, data: { active: true } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "unit.reactivate",
      entity: "Unit",
      entityId: unit.id,
      unitId: unit.id,
      data: { before: { active: false }, after: { active: true } },
    });
    return after;
  });
}

export type MergeResult = MergePlan & { mergedAt: Date };

/**
 * Merges unit A (`id`) into B (`targetId`) in one transaction: A's people and (unmerged) child
 * units move to B; LEARNER/TRAINER grants on A move to B (duplicates dropped); UNIT_ADMIN and
 * PROVINCE_ADMIN grants on A are revoked and returned; A becomes a read-only, inactive child of
 * B with mergedIntoId = B. Needs unit:merge on both units.
 */
export async function mergeUnit(viewer: Viewer, input: MergeUnitInput): Promise<MergeResult> {
  assertCan(viewer, "unit:merge", input.id, "unit:read");
  assertCan(viewer, "unit:merge", input.targetId, "unit:read");
  return transaction(async (tx) => {
    await lockUnitTree(tx);
    const plan = await planMerge(tx, input.id, input.targetId);
    const { source, target } = plan;
    const mergedAt = new Date();

    await tx.user.updateMany({ where: { unitId: source.id }, data: { unitId: target.id } });
    if (plan.children.length > 0) {
      await tx.unit.updateMany({ where: { id: { in: plan.children.map((c) => c.id) } }, data: { parentId: target.id } });
    }
    if (plan.movedGrants.length > 0) {
      await tx.roleGrant.updateMany({ where: { id: { in: plan.movedGrants.map((g) => g.id) } }, data: { unitId: target.id } });
    }
    const dropped = [...plan.duplicateGrants, ...plan.revokedGrants].map((g) => g.id);
    if (dropped.length > 0) await tx.roleGrant.deleteMany({ where: { id: { in: dropped } } });
    await tx.unit.update({
      where: { id: source.id },
      data: { mergedIntoId: target.id, mergedAt, active: false, parentId: target.id },
    });

    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "unit.merge",
      entity: "Unit",
      entityId: source.id,
      unitId: source.id,
      data: {
        before: { parentId: source.parentId, active: source.active, mergedIntoId: null },
        after: { parentId: target.id, active: false, mergedIntoId: target.id, mergedAt: mergedAt.toISOString() },
        target: { id: target.id, name: target.name, code: target.code },
        movedPeople: plan.people.map((p) => p.id),
        movedChildren: plan.children.map((c) => c.id),
        movedGrants: plan.movedGrants.map(({ id, userId, role }) => ({ id, userId, role })),
        droppedDuplicateGrants: plan.duplicateGrants.map(({ id, userId, role }) => ({ id, userId, role })),
        revokedGrants: plan.revokedGrants.map(({ id, userId, role }) => ({ id, userId, role })),
      },
    });
    // Each revoked admin grant also appears in the roles history of its holder.
    for (const g of plan.revokedGrants) {
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "role.revoke",
        entity: "RoleGrant",
        entityId: g.id,
        unitId: source.id,
        data: { before: { userId: g.userId, role: g.role, unitId: source.id }, after: null, reason: "unit.merge" },
      });
    }
    return { ...plan, mergedAt };
  });
}
