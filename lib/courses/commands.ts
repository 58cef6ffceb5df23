import { recordAudit } from "@/lib/audit/record";
import { assertCan, can, type Viewer } from "@/lib/auth/viewer";
import { type Db, type Prisma, transaction } from "@/lib/db";
import { AppError, forbidden, isUniqueViolation, notFound } from "@/lib/errors";
import { foldForSearch } from "@/lib/text";
import { assertManageCourse, courseAccess } from "./access";
import type { CreateCourseInput, UpdateCourseInput } from "./schemas";
import { unsafeRootsOf } from "@/lib/units/forest";

const codeTaken = () => new AppError("CONFLICT", "courses.codeTaken", { field: "code" });

export function courseSearchText(c: { title: string; code: string; summary: string }): string {
  return foldForSearch(`${c.title} ${c.code} ${c.summary}`);
}

/** Serialises every change of one course (details, status, outline): later writers wait. */
export async function lockCourse(tx: Prisma.TransactionClient, courseId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Course" WHERE "id" = ${courseId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound();
}

async function assertAreaExists(tx: Prisma.TransactionClient, areaId: string) {
  if (!(await tx.courseArea.findUnique({ where: { id: areaId }, select: { id: true } }))) {
    throw new AppError("VALIDATION", "courses.chooseArea", { field: "areaId" });
  }
}

/**
 * Audience units: open units (not deactivated, not merged away) of the owning unit's province.
 * Offering a course to learners discloses nothing about their unit, so any unit of the province
 * may be chosen, whatever the viewer's own scope (docs/decisions/060-courses.md).
 */
async function checkedAudience(tx: Prisma.TransactionClient, owningUnitId: string, audience: readonly string[]): Promise<string[]> {
  const ids = audience.length > 0 ? [...new Set(audience)] : [owningUnitId];
  const units = await tx.unit.findMany({ where: { id: { in: ids } }, select: { id: true, active: true, mergedIntoId: true } });
  const roots = await unsafeRootsOf([owningUnitId, ...ids]);
  const root = roots.get(owningUnitId);
  const ok =
    units.length === ids.length &&
    units.every((u) => u.active && u.mergedIntoId === null && roots.get(u.id) === root);
  if (!ok) throw new AppError("VALIDATION", "courses.audienceInvalid", { field: "audience" });
  return ids;
}

async function assertOwnerOpen(tx: Prisma.TransactionClient, unitId: string) {
  const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { active: true, mergedIntoId: true } });
  if (!unit) throw notFound();
  if (!unit.active || unit.mergedIntoId) throw new AppError("CONFLICT", "courses.unitClosed", { field: "unitId" });
}

const DETAIL_FIELDS = ["title", "code", "areaId", "summary", "objectives", "targetGroups", "hours", "selfEnrol"] as const;

/**
 * A new course, as a DRAFT owned by a unit where the viewer holds course:create. The creator
 * becomes its first trainer; the audience defaults to the owning unit.
 */
export async function createCourse(viewer: Viewer, input: CreateCourseInput) {
  assertCan(viewer, "course:create", input.unitId, "course:read");
  try {
    return await transaction(async (tx) => {
      await assertOwnerOpen(tx, input.unitId);
      await assertAreaExists(tx, input.areaId);
      const audience = await checkedAudience(tx, input.unitId, input.audience);
      if (await tx.course.findUnique({ where: { code: input.code }, select: { id: true } })) throw codeTaken();
      const course = await tx.course.create({
        data: {
          title: input.title,
          code: input.code,
          areaId: input.areaId,
          unitId: input.unitId,
          summary: input.summary,
          objectives: input.objectives,
          targetGroups: input.targetGroups,
          hours: input.hours,
          selfEnrol: input.selfEnrol,
          searchText: courseSearchText(input),
          createdById: viewer.userId,
          trainers: { create: { userId: viewer.userId } },
          audience: { create: audience.map((unitId) => ({ unitId })) },
        },
      });
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "course.create",
        entity: "Course",
        entityId: course.id,
        unitId: course.unitId,
        data: { after: { ...Object.fromEntries(DETAIL_FIELDS.map((f) => [f, course[f]])), audience } },
      });
      return course;
    });
  } catch (e) {
    if (isUniqueViolation(e, "code")) throw codeTaken();
    throw e;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Edits a course's details and audience (manage: course:manage on the owning unit, or a trainer). */
export async function updateCourse(viewer: Viewer, id: string, input: Omit<UpdateCourseInput, "id">) {
  const access = await assertManageCourse(viewer, id);
  try {
    return await transaction(async (tx) => {
      await lockCourse(tx, id);
      const before = await tx.course.findUniqueOrThrow({ where: { id }, include: { audience: { select: { unitId: true } } } });
      await assertAreaExists(tx, input.areaId);
      const audience = await checkedAudience(tx, access.course.unitId, input.audience);
      if (input.code !== before.code && (await tx.course.findUnique({ where: { code: input.code }, select: { id: true } }))) throw codeTaken();
      const next = { ...input, targetGroups: [...input.targetGroups].sort() };
      const changed = DETAIL_FIELDS.filter((f) => !same(f === "targetGroups" ? [...before.targetGroups].sort() : before[f], next[f]));
      const beforeAudience = before.audience.map((a) => a.unitId).sort();
      const audienceChanged = !same(beforeAudience, [...audience].sort());
      if (changed.length === 0 && !audienceChanged) return { id, changed: [] as string[] };
      await tx.course.update({
        where: { id },
        data: {
          title: input.title,
          code: input.code,
          areaId: input.areaId,
          summary: input.summary,
          objectives: input.objectives,
          targetGroups: input.targetGroups,
          hours: input.hours,
          selfEnrol: input.selfEnrol,
          searchText: courseSearchText(input),
        },
      });
      if (audienceChanged) {
        await tx.courseAudience.deleteMany({ where: { courseId: id } });
        await tx.courseAudience.createMany({ data: audience.map((unitId) => ({ courseId: id, unitId })) });
      }
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "course.update",
        entity: "Course",
        entityId: id,
        unitId: before.unitId,
        data: {
          before: { ...Object.fromEntries(changed.map((f) => [f, before[f]])), ...(audienceChanged ? { audience: beforeAudience } : {}) },
          after: { ...Object.fromEntries(changed.map((f) => [f, input[f]])), ...(audienceChanged ? { audience } : {}) },
        },
      });
      return { id, changed: [...changed, ...(audienceChanged ? ["audience"] : [])] };
    });
  } catch (e) {
    if (isUniqueViolation(e, "code")) throw codeTaken();
    throw e;
  }
}

/**
 * DRAFT → PUBLISHED → ARCHIVED, and ARCHIVED → PUBLISHED again. Publishing needs at least one
 * lesson. Asking for the status the course already has changes nothing.
 */
export async function setCourseStatus(viewer: Viewer, id: string, status: "PUBLISHED" | "ARCHIVED") {
  await assertManageCourse(viewer, id);
  return transaction(async (tx) => {
    await lockCourse(tx, id);
    const before = await tx.course.findUniqueOrThrow({ where: { id }, select: { status: true, unitId: true } });
    if (before.status === status) return { changed: false };
    if (status === "ARCHIVED" && before.status !== "PUBLISHED") throw new AppError("CONFLICT", "courses.archiveOnlyPublished");
    if (status === "PUBLISHED" && (await tx.lesson.count({ where: { courseId: id } })) === 0) {
      throw new AppError("CONFLICT", "courses.publishNeedsLesson");
    }
    const now = new Date();
    await tx.course.update({
      where: { id },
      data: status === "PUBLISHED" ? { status, publishedAt: now, archivedAt: null } : { status, archivedAt: now },
    });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: status === "PUBLISHED" ? "course.publish" : "course.archive",
      entity: "Course",
      entityId: id,
      unitId: before.unitId,
      data: { before: { status: before.status }, after: { status } },
    });
    return { changed: true };
  });
}

/**
 * Choosing trainers is an admin's act: course:manage on the owning unit. A course's own trainers
 * manage its content but may not add or remove trainers (FORBIDDEN). Others: NOT_FOUND.
 */
async function assertChooseTrainers(viewer: Viewer, courseId: string) {
  const access = await courseAccess(viewer, courseId);
  if (!can(viewer, "course:manage", access.course.unitId)) {
    if (access.staff) throw forbidden();
    throw notFound();
  }
  return access;
}

/**
 * Adds a trainer: an active person holding the TRAINER role (permission `teach`) on a unit of the
 * course's province. Granting that role is the role admins' decision (lib/roles).
 */
export async function addTrainer(viewer: Viewer, courseId: string, userId: string) {
  const access = await assertChooseTrainers(viewer, courseId);
  return transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const eligible = await unsafeTrainerCandidates(tx, access.course.unitId, userId);
    if (eligible.length === 0) throw new AppError("VALIDATION", "courses.trainerNotEligible", { field: "userId" });
    const existing = await tx.courseTrainer.findUnique({ where: { courseId_userId: { courseId, userId } } });
    if (existing) return { changed: false };
    await tx.courseTrainer.create({ data: { courseId, userId } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "course.addTrainer",
      entity: "Course",
      entityId: courseId,
      unitId: access.course.unitId,
      data: { after: { trainerId: userId } },
    });
    return { changed: true };
  });
}

export async function removeTrainer(viewer: Viewer, courseId: string, userId: string) {
  const access = await assertChooseTrainers(viewer, courseId);
  return transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const { count } = await tx.courseTrainer.deleteMany({ where: { courseId, userId } });
    if (count === 0) return { changed: false };
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "course.removeTrainer",
      entity: "Course",
      entityId: courseId,
      unitId: access.course.unitId,
      data: { before: { trainerId: userId } },
    });
    return { changed: true };
  });
}

/**
 * Active people holding TRAINER on a unit of the province of `owningUnitId` (one person when
 * `onlyUserId` is given). Unscoped: callers check the course first (courseAccess / course:manage).
 */
export async function unsafeTrainerCandidates(
  reader: Db,
  owningUnitId: string,
  onlyUserId?: string,
): Promise<{ id: string; fullName: string; email: string; unitName: string }[]> {
  const root = (await unsafeRootsOf([owningUnitId])).get(owningUnitId);
  if (!root) return [];
  const only = onlyUserId ?? null;
  return reader.$queryRaw`
    WITH RECURSIVE down AS (
      SELECT "id" FROM "Unit" WHERE "id" = ${root}::uuid
      UNION
      SELECT u."id" FROM "Unit" u JOIN down ON u."parentId" = down."id"
    )
    SELECT DISTINCT p."id"::text AS "id", p."fullName", p."email", un."name" AS "unitName", p."nameKey"
    FROM "RoleGrant" g
    JOIN "User" p ON p."id" = g."userId"
    JOIN "Unit" un ON un."id" = p."unitId"
    WHERE g."role" = 'TRAINER' AND g."unitId" IN (SELECT "id" FROM down) AND p."active"
      AND (${only}::uuid IS NULL OR p."id" = ${only}::uuid)
    ORDER BY p."nameKey", "id"
    LIMIT 500`;
}
