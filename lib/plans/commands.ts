import { recordAudit } from "@/lib/audit/record";
import { assertCan, can, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { type Prisma, transaction } from "@/lib/db";
import type { PlanStatus, TargetGroup } from "@/lib/db/generated/enums";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import type { MessageKey } from "@/lib/i18n/messages";
import { assertManagePlan } from "./access";
import { MIN_REASON, type CreatePlanInput, type ItemFields } from "./schemas";

// Every write to a plan (docs/decisions/070-training-plan.md):
// 1. finds the plan and checks plan:manage on its owning unit (NOT_FOUND / FORBIDDEN);
// 2. locks the plan row (SELECT … FOR UPDATE), so two admins' changes to one plan run one after
//    the other and every check (the quota sum above all) sees the other's committed change;
// 3. checks everything before the first write;
// 4. on an APPROVED plan requires a reason and writes a PlanAmendment (before → after) in the
//    same transaction as the change; a draft changes freely;
// 5. records a `plan.*` audit event in the same transaction.

type Tx = Prisma.TransactionClient;
export type LockedPlan = { id: string; unitId: string; status: PlanStatus; year: number; title: string };

const fieldError = (key: MessageKey, field: string, params?: Record<string, string | number>) =>
  new AppError("VALIDATION", key, { field, params });

/** Authorises (plan:manage on the owner), then locks the plan row for the rest of the transaction. */
export async function lockPlanForManage(tx: Tx, viewer: Viewer, planId: string): Promise<LockedPlan> {
  const found = await tx.trainingPlan.findUnique({ where: { id: planId }, select: { id: true, unitId: true, status: true } });
  if (!found) throw notFound();
  await assertManagePlan(tx, viewer, found);
  const [plan] = await tx.$queryRaw<LockedPlan[]>`
    SELECT "id", "unitId", "status"::text AS "status", "year", "title" FROM "TrainingPlan" WHERE "id" = ${planId}::uuid FOR UPDATE`;
  if (!plan) throw notFound();
  return plan;
}

/** The plan of an item, authorised and locked; the item re-read after the lock (it may have just been deleted). */
async function lockItemForManage(tx: Tx, viewer: Viewer, itemId: string) {
  const found = await tx.planItem.findUnique({ where: { id: itemId }, select: { planId: true } });
  if (!found) throw notFound();
  const plan = await lockPlanForManage(tx, viewer, found.planId);
  const item = await tx.planItem.findUnique({ where: { id: itemId }, include: { quotas: { orderBy: { unitId: "asc" } } } });
  if (!item || item.planId !== plan.id) throw notFound();
  return { plan, item };
}

/** An approved plan changes only with a reason; a draft needs none. Checked before any write. */
export function assertReason(plan: { status: PlanStatus }, reason: string | undefined): string | null {
  if (plan.status !== "APPROVED") return null;
  const text = (reason ?? "").trim();
  if (text.length < MIN_REASON) throw fieldError("plans.reasonRequired", "reason", { min: MIN_REASON });
  return text;
}

/** Writes the amendment of an approved plan (nothing for a draft); returns its id. */
export async function recordAmendment(tx: Tx, viewer: Viewer, plan: LockedPlan, reason: string | null, changes: Prisma.InputJsonValue): Promise<string | null> {
  if (plan.status !== "APPROVED" || reason === null) return null;
  const amendment = await tx.planAmendment.create({ data: { planId: plan.id, actorId: viewer.userId, reason, changes }, select: { id: true } });
  return amendment.id;
}

async function audit(tx: Tx, viewer: Viewer, plan: LockedPlan, action: string, data: Prisma.InputJsonValue) {
  await recordAudit(tx, { actorId: viewer.userId, action, entity: "TrainingPlan", entityId: plan.id, unitId: plan.unitId, data });
}

// ── References an item points to ─────────────────────────────────────────────────────────────

/**
 * A unit a plan may name (lead unit, quota unit): in the manager's plan:manage scope (else reported
 * like an unknown unit: no existence leak), active and not merged away. Locked FOR SHARE so it is
 * not closed or merged before the change commits.
 */
async function assertPlanUnit(tx: Tx, viewer: Viewer, unitId: string, field: string): Promise<{ id: string; code: string; name: string }> {
  if (!can(viewer, "plan:manage", unitId)) throw fieldError("plans.unitUnknown", field);
  const [unit] = await tx.$queryRaw<{ id: string; code: string; name: string; active: boolean; mergedIntoId: string | null }[]>`
    SELECT "id", "code", "name", "active", "mergedIntoId" FROM "Unit" WHERE "id" = ${unitId}::uuid FOR SHARE`;
  if (!unit) throw fieldError("plans.unitUnknown", field);
  if (!unit.active || unit.mergedIntoId) throw fieldError("plans.unitClosed", field, { code: unit.code });
  return unit;
}

/** The area of an item: the course's own area when a course is named (which must be readable and not archived). */
async function resolveAreaAndCourse(tx: Tx, viewer: Viewer, input: { areaId: string | null; courseId: string | null }) {
  if (input.courseId) {
    const course = await tx.course.findFirst({
      where: { id: input.courseId, unitId: { in: unitIdsWith(viewer, "course:read") } },
      select: { id: true, areaId: true, status: true, code: true },
    });
    if (!course) throw fieldError("plans.courseUnknown", "courseId");
    if (course.status === "ARCHIVED") throw fieldError("plans.courseArchived", "courseId", { code: course.code });
    return { areaId: course.areaId, courseId: course.id };
  }
  const area = input.areaId ? await tx.courseArea.findUnique({ where: { id: input.areaId }, select: { id: true } }) : null;
  if (!area) throw fieldError("plans.areaUnknown", "areaId");
  return { areaId: area.id, courseId: null };
}

/** The columns of an item as stored. */
type ItemColumns = {
  title: string;
  areaId: string | null;
  courseId: string | null;
  targetGroups: TargetGroup[];
  plannedClasses: number;
  plannedParticipants: number;
  quarter: number;
  leadUnitId: string;
  budgetVnd: bigint;
  fundingSource: string;
  note: string;
};
const ITEM_FIELDS = ["title", "areaId", "courseId", "targetGroups", "plannedClasses", "plannedParticipants", "quarter", "leadUnitId", "budgetVnd", "fundingSource", "note"] as const;

/** An item's columns as JSON (BigInt as a string) for amendments and the audit log. */
export function itemSnapshot(item: ItemColumns & { position?: number; quotas?: { unitId: string; seats: number }[] }) {
  return {
    ...(item.position !== undefined ? { position: item.position } : {}),
    title: item.title,
    areaId: item.areaId,
    courseId: item.courseId,
    targetGroups: [...item.targetGroups],
    plannedClasses: item.plannedClasses,
    plannedParticipants: item.plannedParticipants,
    quarter: item.quarter,
    leadUnitId: item.leadUnitId,
    budgetVnd: item.budgetVnd.toString(),
    fundingSource: item.fundingSource,
    note: item.note,
    ...(item.quotas ? { quotas: item.quotas.map((q) => ({ unitId: q.unitId, seats: q.seats })) } : {}),
  };
}

/** Checks an item's input against the database; returns the columns to write. */
async function itemColumns(tx: Tx, viewer: Viewer, input: ItemFields): Promise<ItemColumns> {
  const refs = await resolveAreaAndCourse(tx, viewer, input);
  await assertPlanUnit(tx, viewer, input.leadUnitId, "leadUnitId");
  return {
    title: input.title,
    ...refs,
    targetGroups: input.targetGroups,
    plannedClasses: input.plannedClasses,
    plannedParticipants: input.plannedParticipants,
    quarter: input.quarter,
    leadUnitId: input.leadUnitId,
    budgetVnd: input.budget,
    fundingSource: input.fundingSource,
    note: input.note,
  };
}

const asJson = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));
const sameValue = (a: unknown, b: unknown) => asJson(a) === asJson(b);

// ── Plans ────────────────────────────────────────────────────────────────────────────────────

const yearTaken = (year: number) => new AppError("CONFLICT", "plans.yearTaken", { field: "year", params: { year } });

/** A new draft plan for a year, owned by a unit where the viewer holds plan:manage. One per unit and year. */
export async function createPlan(viewer: Viewer, input: CreatePlanInput): Promise<{ id: string }> {
  assertCan(viewer, "plan:manage", input.unitId, "plan:read");
  try {
    return await transaction(async (tx) => {
      const unit = await tx.unit.findUnique({ where: { id: input.unitId }, select: { active: true, mergedIntoId: true, code: true } });
      if (!unit) throw notFound();
      if (!unit.active || unit.mergedIntoId) throw new AppError("CONFLICT", "plans.unitClosed", { field: "unitId", params: { code: unit.code } });
      if (await tx.trainingPlan.findUnique({ where: { unitId_year: { unitId: input.unitId, year: input.year } }, select: { id: true } })) throw yearTaken(input.year);
      const plan = await tx.trainingPlan.create({
        data: { unitId: input.unitId, year: input.year, title: input.title, createdById: viewer.userId },
        select: { id: true, unitId: true, status: true, year: true, title: true },
      });
      await audit(tx, viewer, plan, "plan.create", { after: { year: plan.year, title: plan.title } });
      return { id: plan.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw yearTaken(input.year);
    throw e;
  }
}

/** Renames a plan; an approved plan only with a reason (an amendment). */
export async function renamePlan(viewer: Viewer, input: { id: string; title: string; reason?: string }): Promise<{ changed: boolean }> {
  return transaction(async (tx) => {
    const plan = await lockPlanForManage(tx, viewer, input.id);
    if (plan.title === input.title) return { changed: false };
    const reason = assertReason(plan, input.reason);
    await tx.trainingPlan.update({ where: { id: plan.id }, data: { title: input.title } });
    const changes = { action: "plan.rename", before: { title: plan.title }, after: { title: input.title } };
    const amendmentId = await recordAmendment(tx, viewer, plan, reason, changes);
    await audit(tx, viewer, plan, "plan.rename", { ...changes, amendmentId, reason });
    return { changed: true };
  });
}

/** Sum of an item's quotas beyond its planned participants: the error naming both numbers. */
const quotaExceeds = (sum: number, planned: number, field: string) => fieldError("plans.quotaExceeds", field, { sum, planned });

/** Is the item valid as it stands now (for approval): lead unit open, course not archived, quotas within the plan. */
async function itemProblems(tx: Tx, planId: string): Promise<number[]> {
  const items = await tx.planItem.findMany({
    where: { planId },
    orderBy: { position: "asc" },
    select: {
      position: true,
      plannedParticipants: true,
      areaId: true,
      courseId: true,
      leadUnit: { select: { active: true, mergedIntoId: true } },
      course: { select: { status: true } },
      quotas: { select: { seats: true, unit: { select: { active: true, mergedIntoId: true } } } },
    },
  });
  return items
    .filter(
      (i) =>
        (!i.areaId && !i.courseId) ||
        !i.leadUnit.active ||
        i.leadUnit.mergedIntoId !== null ||
        i.course?.status === "ARCHIVED" ||
        i.quotas.reduce((s, q) => s + q.seats, 0) > i.plannedParticipants ||
        i.quotas.some((q) => !q.unit.active || q.unit.mergedIntoId !== null),
    )
    .map((i) => i.position);
}

/** Approves (locks) a draft: it needs at least one item, and every item must still be valid. */
export async function approvePlan(viewer: Viewer, id: string): Promise<void> {
  await transaction(async (tx) => {
    const plan = await lockPlanForManage(tx, viewer, id);
    if (plan.status === "APPROVED") throw new AppError("CONFLICT", "plans.alreadyApproved");
    const count = await tx.planItem.count({ where: { planId: id } });
    if (count === 0) throw new AppError("VALIDATION", "plans.approveEmpty");
    const bad = await itemProblems(tx, id);
    if (bad.length > 0) throw new AppError("VALIDATION", "plans.approveInvalid", { params: { positions: bad.join(", ") } });
    await tx.trainingPlan.update({ where: { id }, data: { status: "APPROVED", approvedAt: new Date(), approvedById: viewer.userId } });
    await audit(tx, viewer, plan, "plan.approve", { items: count });
  });
}

// ── Items ────────────────────────────────────────────────────────────────────────────────────

/** Adds an item at the end of the plan. */
export async function addPlanItem(viewer: Viewer, planId: string, input: ItemFields & { reason?: string }): Promise<{ id: string }> {
  return transaction(async (tx) => {
    const plan = await lockPlanForManage(tx, viewer, planId);
    const reason = assertReason(plan, input.reason);
    const columns = await itemColumns(tx, viewer, input);
    const last = await tx.planItem.aggregate({ where: { planId }, _max: { position: true } });
    const item = await tx.planItem.create({ data: { ...columns, planId, position: (last._max.position ?? 0) + 1 }, select: { id: true, position: true } });
    const changes = { action: "plan.item.create", itemId: item.id, before: null, after: itemSnapshot({ ...columns, position: item.position }) };
    const amendmentId = await recordAmendment(tx, viewer, plan, reason, changes);
    await audit(tx, viewer, plan, "plan.item.create", { ...changes, amendmentId, reason });
    return { id: item.id };
  });
}

/** Changes an item; the planned participants may not fall below the sum of its quotas. */
export async function updatePlanItem(viewer: Viewer, itemId: string, input: ItemFields & { reason?: string }): Promise<{ changed: boolean }> {
  return transaction(async (tx) => {
    const { plan, item } = await lockItemForManage(tx, viewer, itemId);
    const columns = await itemColumns(tx, viewer, input);
    const changed = ITEM_FIELDS.filter((f) => !sameValue(item[f], columns[f]));
    if (changed.length === 0) return { changed: false };
    const reason = assertReason(plan, input.reason);
    const seats = item.quotas.reduce((s, q) => s + q.seats, 0);
    if (seats > columns.plannedParticipants) throw quotaExceeds(seats, columns.plannedParticipants, "plannedParticipants");
    await tx.planItem.update({ where: { id: itemId }, data: columns });
    const before = itemSnapshot(item);
    const after = itemSnapshot(columns);
    const changes = {
      action: "plan.item.update",
      itemId,
      position: item.position,
      before: Object.fromEntries(changed.map((f) => [f, before[f]])),
      after: Object.fromEntries(changed.map((f) => [f, after[f]])),
    };
    const amendmentId = await recordAmendment(tx, viewer, plan, reason, changes);
    await audit(tx, viewer, plan, "plan.item.update", { ...changes, amendmentId, reason });
    return { changed: true };
  });
}

/** Deletes an item with its quotas; the items after it move up one place. */
export async function deletePlanItem(viewer: Viewer, itemId: string, input: { reason?: string } = {}): Promise<{ planId: string }> {
  return transaction(async (tx) => {
    const { plan, item } = await lockItemForManage(tx, viewer, itemId);
    const reason = assertReason(plan, input.reason);
    await tx.planItem.delete({ where: { id: itemId } });
    await tx.planItem.updateMany({ where: { planId: plan.id, position: { gt: item.position } }, data: { position: { decrement: 1 } } });
    const changes = { action: "plan.item.delete", itemId, before: itemSnapshot(item), after: null };
    const amendmentId = await recordAmendment(tx, viewer, plan, reason, changes);
    await audit(tx, viewer, plan, "plan.item.delete", { ...changes, amendmentId, reason });
    return { planId: plan.id };
  });
}

/** Moves an item one place up or down. Only in a draft: an approved plan's numbering is what was issued. */
export async function movePlanItem(viewer: Viewer, itemId: string, direction: "up" | "down"): Promise<{ changed: boolean }> {
  return transaction(async (tx) => {
    const { plan, item } = await lockItemForManage(tx, viewer, itemId);
    if (plan.status === "APPROVED") throw new AppError("CONFLICT", "plans.reorderLocked");
    const other = await tx.planItem.findFirst({
      where: { planId: plan.id, position: direction === "up" ? item.position - 1 : item.position + 1 },
      select: { id: true, position: true },
    });
    if (!other) return { changed: false };
    await tx.planItem.update({ where: { id: item.id }, data: { position: other.position } });
    await tx.planItem.update({ where: { id: other.id }, data: { position: item.position } });
    await audit(tx, viewer, plan, "plan.item.move", { itemId, before: { position: item.position }, after: { position: other.position } });
    return { changed: true };
  });
}

// ── Quotas ───────────────────────────────────────────────────────────────────────────────────

/**
 * Sets how many participants a unit may send for an item (0 removes the unit's quota). The unit
 * must be in the manager's scope, active and not merged; the item's quotas together may not exceed
 * its planned participants. The plan row lock makes two admins' concurrent quota changes check
 * the sum one after the other.
 */
export async function setPlanQuota(viewer: Viewer, input: { itemId: string; unitId: string; seats: number; reason?: string }): Promise<{ changed: boolean }> {
  return transaction(async (tx) => {
    const { plan, item } = await lockItemForManage(tx, viewer, input.itemId);
    const current = item.quotas.find((q) => q.unitId === input.unitId)?.seats ?? 0;
    if (current === input.seats) {
      if (!can(viewer, "plan:manage", input.unitId)) throw fieldError("plans.unitUnknown", "unitId");
      return { changed: false };
    }
    const reason = assertReason(plan, input.reason);
    const unit = input.seats > 0 ? await assertPlanUnit(tx, viewer, input.unitId, "unitId") : null;
    if (!unit && !can(viewer, "plan:manage", input.unitId)) throw fieldError("plans.unitUnknown", "unitId");
    const others = item.quotas.filter((q) => q.unitId !== input.unitId).reduce((s, q) => s + q.seats, 0);
    if (others + input.seats > item.plannedParticipants) throw quotaExceeds(others + input.seats, item.plannedParticipants, "seats");
    if (input.seats === 0) await tx.planQuota.delete({ where: { planItemId_unitId: { planItemId: item.id, unitId: input.unitId } } });
    else
      await tx.planQuota.upsert({
        where: { planItemId_unitId: { planItemId: item.id, unitId: input.unitId } },
        create: { planItemId: item.id, unitId: input.unitId, seats: input.seats },
        update: { seats: input.seats },
      });
    const changes = { action: "plan.quota.set", itemId: item.id, position: item.position, unitId: input.unitId, before: { seats: current }, after: { seats: input.seats } };
    const amendmentId = await recordAmendment(tx, viewer, plan, reason, changes);
    await audit(tx, viewer, plan, "plan.quota.set", { ...changes, amendmentId, reason });
    return { changed: true };
  });
}
