import { recordAudit } from "@/lib/audit/record";
import { grantPermissionFor } from "@/lib/auth/permissions";
import { assertCan, can, type Viewer } from "@/lib/auth/viewer";
import { db, type Prisma, transaction } from "@/lib/db";
import { AppError, forbidden, isUniqueViolation, notFound } from "@/lib/errors";
import { unsafeAccountRights } from "@/lib/people/access";
import { lockUnitTree, provinceAdminGrantsLeft, unitState } from "@/lib/units/structure";
import type { GrantRoleInput, RevokeRoleInput } from "./schemas";

// Grants take effect on the holder's next request: the viewer is loaded per request from the
// database (docs/decisions/003), so nothing here touches sessions. See docs/decisions/041.

const alreadyGranted = () => new AppError("CONFLICT", "roles.alreadyGranted", { field: "role" });

/** A person the viewer may read (person:read on their unit), else NOT_FOUND. */
async function readablePerson(viewer: Viewer, userId: string) {
  const person = await db().user.findUnique({ where: { id: userId }, select: { id: true, unitId: true } });
  if (!person || !can(viewer, "person:read", person.unitId)) throw notFound();
  return person;
}

/**
 * Grants `role` on `unitId` to a person. Needs person:read on the person's unit and
 * grantPermissionFor(role) on the grant's unit (NOT_FOUND outside the viewer's units, FORBIDDEN
 * when readable but not theirs to grant). Refused on merged or inactive units, for deactivated
 * accounts, for duplicates, and PROVINCE_ADMIN anywhere but on a root unit.
 */
export async function grantRole(viewer: Viewer, input: GrantRoleInput) {
  await readablePerson(viewer, input.userId);
  assertCan(viewer, grantPermissionFor(input.role), input.unitId, "unit:read");
  try {
    return await transaction(async (tx) => {
      await lockUnitTree(tx);
      const unit = await unitState(tx, input.unitId);
      if (unit.mergedIntoId) throw new AppError("CONFLICT", "roles.unitMerged", { field: "unitId" });
      if (!unit.active) throw new AppError("CONFLICT", "roles.unitInactive", { field: "unitId" });
      if (input.role === "PROVINCE_ADMIN" && unit.parentId !== null) {
        throw new AppError("VALIDATION", "roles.provinceAdminOnRoot", { field: "unitId" });
      }
      const person = await tx.user.findUnique({ where: { id: input.userId }, select: { active: true } });
      if (!person) throw notFound();
      if (!person.active) throw new AppError("CONFLICT", "roles.personInactive");
      const existing = await tx.roleGrant.findUnique({
        where: { userId_role_unitId: { userId: input.userId, role: input.role, unitId: input.unitId } },
        select: { id: true },
      });
      if (existing) throw alreadyGranted();
      const grant = await tx.roleGrant.create({
        data: { userId: input.userId, role: input.role, unitId: input.unitId, grantedById: viewer.userId },
      });
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "role.grant",
        entity: "RoleGrant",
        entityId: grant.id,
        unitId: input.unitId,
        data: { before: null, after: { userId: input.userId, role: input.role, unitId: input.unitId } },
      });
      return { ...grant, unit: { id: unit.id, name: unit.name } };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw alreadyGranted();
    throw e;
  }
}

/** The root (province) of each unit, walked in the caller's transaction. */
async function rootsOf(tx: Prisma.TransactionClient, unitIds: readonly string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ start: string; root: string }[]>`
    WITH RECURSIVE up AS (
      SELECT "id", "parentId", "id" AS "start" FROM "Unit" WHERE "id" = ANY(${[...new Set(unitIds)]}::uuid[])
      UNION ALL
      SELECT u."id", u."parentId", up."start" FROM "Unit" u JOIN up ON u."id" = up."parentId"
    )
    SELECT "start"::text AS "start", "id"::text AS "root" FROM up WHERE "parentId" IS NULL`;
  return new Map(rows.map((r) => [r.start, r.root]));
}

/**
 * What revoking one TRAINER grant takes away (docs/decisions/025): the trainer rights it made the
 * person eligible for — trainer of a course (lib/courses addTrainer) or of a class session
 * (lib/classes) of a province where no other TRAINER grant of theirs remains. Those rights go with
 * the grant. When one of them lies outside the revoker's scope (course:manage on the course's
 * unit, class:manage on the class's unit), the revocation is refused: the admin of that scope
 * decides (the account rule, lib/people/access.ts).
 */
async function trainerRightsLeaving(tx: Prisma.TransactionClient, viewer: Viewer, userId: string, grantId: string) {
  const others = await tx.roleGrant.findMany({ where: { userId, role: "TRAINER", id: { not: grantId } }, select: { unitId: true } });
  const rights = await unsafeAccountRights(tx, userId);
  const roots = await rootsOf(tx, [...others.map((g) => g.unitId), ...rights.courses.map((c) => c.unitId), ...rights.sessions.map((s) => s.unitId)]);
  const kept = new Set(others.map((g) => roots.get(g.unitId)));
  const courses = rights.courses.filter((c) => !kept.has(roots.get(c.unitId)));
  const sessions = rights.sessions.filter((s) => !kept.has(roots.get(s.unitId)));
  const beyond = courses.some((c) => !can(viewer, "course:manage", c.unitId)) || sessions.some((s) => !can(viewer, "class:manage", s.unitId));
  if (beyond) throw new AppError("FORBIDDEN", "roles.trainerRightsBeyondScope");
  return { courseIds: courses.map((c) => c.courseId), sessionIds: sessions.map((s) => s.sessionId) };
}

/**
 * Revokes one grant. NOT_FOUND unless the viewer may read its holder; FORBIDDEN without
 * grantPermissionFor(role) on the grant's unit; CONFLICT for the last PROVINCE_ADMIN grant of the
 * province (held by an active account), so the system always keeps an administrator. Revoking
 * TRAINER also removes the course and session trainer rights it gave (trainerRightsLeaving).
 */
export async function revokeRole(viewer: Viewer, input: RevokeRoleInput) {
  const found = await db().roleGrant.findUnique({
    where: { id: input.grantId },
    select: { user: { select: { unitId: true } } },
  });
  if (!found || !can(viewer, "person:read", found.user.unitId)) throw notFound();
  return transaction(async (tx) => {
    await lockUnitTree(tx);
    const grant = await tx.roleGrant.findUnique({
      where: { id: input.grantId },
      select: { id: true, userId: true, role: true, unitId: true, unit: { select: { name: true } } },
    });
    if (!grant) throw notFound();
    if (!can(viewer, grantPermissionFor(grant.role), grant.unitId)) throw forbidden();
    if (grant.role === "PROVINCE_ADMIN" && (await provinceAdminGrantsLeft(tx, grant.unitId, [grant.id])) === 0) {
      throw new AppError("CONFLICT", "roles.lastProvinceAdmin");
    }
    const derived = grant.role === "TRAINER" ? await trainerRightsLeaving(tx, viewer, grant.userId, grant.id) : { courseIds: [], sessionIds: [] };
    await tx.roleGrant.delete({ where: { id: grant.id } });
    if (derived.courseIds.length > 0) await tx.courseTrainer.deleteMany({ where: { userId: grant.userId, courseId: { in: derived.courseIds } } });
    if (derived.sessionIds.length > 0) await tx.classSession.updateMany({ where: { id: { in: derived.sessionIds }, trainerId: grant.userId }, data: { trainerId: null } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "role.revoke",
      entity: "RoleGrant",
      entityId: grant.id,
      unitId: grant.unitId,
      data: {
        before: { userId: grant.userId, role: grant.role, unitId: grant.unitId },
        after: null,
        ...(derived.courseIds.length > 0 ? { removedCourseTrainer: derived.courseIds } : {}),
        ...(derived.sessionIds.length > 0 ? { removedSessionTrainer: derived.sessionIds } : {}),
      },
    });
    return { userId: grant.userId, role: grant.role, unit: { id: grant.unitId, name: grant.unit.name } };
  });
}
