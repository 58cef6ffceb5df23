import { recordAudit } from "@/lib/audit/record";
import { can, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { db, transaction } from "@/lib/db";
import { AppError, forbidden, isUniqueViolation, notFound } from "@/lib/errors";
import { planAccess } from "@/lib/plans/access";
import { findClashes, lockClass, readClassFor, seatsTaken, type Clash, type Tx } from "./access";
import { noticeClass, type ClassNoticeKind } from "./notify";
import type { OpenClassInput, SessionInput, UpdateClassInput } from "./schemas";
import { promoteWaiting } from "./seats";

// Opening, changing and cancelling classes and their sessions; approving nominations
// (docs/decisions/071-classes-and-nomination.md). class:manage on the organising unit.

const HOLDING = ["PENDING", "ACTIVE", "WAITLISTED"] as const;

/** The plan item a class is opened against, if the viewer may see its plan; else NOT_FOUND. */
async function readPlanItem(tx: Tx, viewer: Viewer, planItemId: string) {
  const item = await tx.planItem.findUnique({
    where: { id: planItemId },
    select: { id: true, courseId: true, areaId: true, plan: { select: { id: true, unitId: true, status: true } } },
  });
  if (!item) throw notFound();
  await planAccess(tx, viewer, item.plan);
  return item;
}

/** The class's course: the item's course, or one of the item's area chosen by the manager; PUBLISHED. */
async function checkCourse(tx: Tx, viewer: Viewer, item: { courseId: string | null; areaId: string | null }, courseId: string | undefined) {
  const id = courseId ?? item.courseId;
  if (!id) throw new AppError("VALIDATION", "classes.courseRequired", { field: "courseId" });
  if (item.courseId && id !== item.courseId) throw new AppError("VALIDATION", "classes.courseMismatch", { field: "courseId" });
  const course = await tx.course.findUnique({ where: { id }, select: { id: true, unitId: true, areaId: true, status: true } });
  // A course the manager may not read is "no such course" (no existence leak).
  if (!course || (!item.courseId && !can(viewer, "course:read", course.unitId))) throw new AppError("VALIDATION", "classes.courseRequired", { field: "courseId" });
  if (!item.courseId && item.areaId && course.areaId !== item.areaId) throw new AppError("VALIDATION", "classes.courseMismatch", { field: "courseId" });
  if (course.status !== "PUBLISHED") throw new AppError("CONFLICT", "classes.courseNotPublished", { field: "courseId" });
  return course;
}

function checkSelfUnits(viewer: Viewer, input: { joinPolicy: string; selfUnitIds: string[] }) {
  for (const unitId of input.selfUnitIds) {
    if (!can(viewer, "class:manage", unitId)) throw new AppError("VALIDATION", "classes.selfUnitOutside", { field: "selfUnitIds" });
  }
  if (input.joinPolicy === "SELF" && input.selfUnitIds.length === 0) throw new AppError("VALIDATION", "classes.selfUnitsRequired", { field: "selfUnitIds" });
}

function auditable(c: { title: string; mode: string; capacity: number; enrolOpensAt: Date; enrolClosesAt: Date; joinPolicy: string; requiresApproval: boolean }) {
  return {
    title: c.title,
    mode: c.mode,
    capacity: c.capacity,
    enrolOpensAt: c.enrolOpensAt.toISOString(),
    enrolClosesAt: c.enrolClosesAt.toISOString(),
    joinPolicy: c.joinPolicy,
    requiresApproval: c.requiresApproval,
  };
}

/** Opens a class against an item of an APPROVED plan the viewer may see; class:manage on the organising unit (default: the plan's owner). */
export async function openClass(viewer: Viewer, input: OpenClassInput): Promise<{ id: string }> {
  try {
    return await transaction(async (tx) => {
      const item = await readPlanItem(tx, viewer, input.planItemId);
      const unitId = input.unitId ?? item.plan.unitId;
      if (!can(viewer, "class:manage", unitId)) {
        if (input.unitId && !can(viewer, "class:manage", item.plan.unitId)) throw notFound();
        throw input.unitId ? new AppError("VALIDATION", "classes.unitOutside", { field: "unitId" }) : forbidden();
      }
      if (item.plan.status !== "APPROVED") throw new AppError("CONFLICT", "classes.planNotApproved");
      const course = await checkCourse(tx, viewer, item, input.courseId);
      checkSelfUnits(viewer, input);
      const cls = await tx.class.create({
        data: {
          code: input.code,
          title: input.title,
          planItemId: item.id,
          courseId: course.id,
          unitId,
          mode: input.mode,
          capacity: input.capacity,
          enrolOpensAt: input.enrolOpensAt,
          enrolClosesAt: input.enrolClosesAt,
          joinPolicy: input.joinPolicy,
          requiresApproval: input.requiresApproval,
          createdById: viewer.userId,
          selfUnits: { create: input.selfUnitIds.map((id) => ({ unitId: id })) },
        },
      });
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "class.open",
        entity: "Class",
        entityId: cls.id,
        unitId,
        data: { after: { code: cls.code, planItemId: item.id, courseId: course.id, ...auditable(cls), selfUnitIds: input.selfUnitIds } },
      });
      return { id: cls.id };
    });
  } catch (e) {
    if (isUniqueViolation(e, "code")) throw new AppError("CONFLICT", "classes.codeTaken", { field: "code", params: { code: input.code } });
    throw e;
  }
}

type Enrolled = { userId: string; email: string; fullName: string; unitId: string };

async function enrolledPeople(tx: Tx, classId: string): Promise<Enrolled[]> {
  const rows = await tx.enrolment.findMany({
    where: { classId, status: { in: [...HOLDING] } },
    select: { userId: true, unitId: true, user: { select: { email: true, fullName: true } } },
  });
  return rows.map((r) => ({ userId: r.userId, unitId: r.unitId, email: r.user.email, fullName: r.user.fullName }));
}

/** Checks class:manage and locks the class (plan item, then class). */
async function lockForManage(tx: Tx, viewer: Viewer, classId: string) {
  const { cls, access } = await readClassFor(tx, viewer, classId);
  if (access !== "manage") throw forbidden();
  const locked = await lockClass(tx, cls.id, cls.planItemId);
  return locked;
}

/**
 * Changes a class. The capacity may not go below the seats taken; raising it promotes the
 * waiting list. Everyone enrolled is told when what they see changed (name, mode, window).
 */
export async function updateClass(viewer: Viewer, input: UpdateClassInput): Promise<{ changed: boolean; promoted: number }> {
  return transaction(async (tx) => {
    const cls = await lockForManage(tx, viewer, input.id);
    if (cls.status !== "OPEN") throw new AppError("CONFLICT", "classes.cancelled");
    checkSelfUnits(viewer, input);
    const taken = await seatsTaken(tx, cls.id);
    if (input.capacity < taken) throw new AppError("CONFLICT", "classes.capacityBelowTaken", { field: "capacity", params: { taken } });
    const before = auditable(cls);
    const oldSelf = (await tx.classSelfUnit.findMany({ where: { classId: cls.id }, select: { unitId: true } })).map((s) => s.unitId).sort();
    const after = auditable({ ...cls, ...input });
    const newSelf = [...input.selfUnitIds].sort();
    if (JSON.stringify(before) === JSON.stringify(after) && JSON.stringify(oldSelf) === JSON.stringify(newSelf)) return { changed: false, promoted: 0 };
    const updated = await tx.class.update({
      where: { id: cls.id },
      data: {
        title: input.title,
        mode: input.mode,
        capacity: input.capacity,
        enrolOpensAt: input.enrolOpensAt,
        enrolClosesAt: input.enrolClosesAt,
        joinPolicy: input.joinPolicy,
        requiresApproval: input.requiresApproval,
      },
    });
    await tx.classSelfUnit.deleteMany({ where: { classId: cls.id } });
    if (newSelf.length) await tx.classSelfUnit.createMany({ data: newSelf.map((unitId) => ({ classId: cls.id, unitId })) });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "class.update",
      entity: "Class",
      entityId: cls.id,
      unitId: cls.unitId,
      data: { before: { ...before, selfUnitIds: oldSelf }, after: { ...after, selfUnitIds: newSelf } },
    });
    const notice = { ...updated, sessions: cls.sessions };
    const visible = before.title !== after.title || before.mode !== after.mode || before.enrolOpensAt !== after.enrolOpensAt || before.enrolClosesAt !== after.enrolClosesAt;
    if (visible) await noticeClass(tx, "classChanged", notice, await enrolledPeople(tx, cls.id));
    const promoted = await promoteWaiting(tx, viewer.userId, notice);
    return { changed: true, promoted: promoted.length };
  });
}

/**
 * Cancels a class with a reason. Its PENDING, ACTIVE and WAITLISTED enrolments become WITHDRAWN
 * (their seats and quota are freed and the people may be nominated into another class of the
 * course; COMPLETED ones stay), and each of them is told, in the same transaction.
 */
export async function cancelClass(viewer: Viewer, input: { id: string; reason: string }): Promise<void> {
  await transaction(async (tx) => {
    const cls = await lockForManage(tx, viewer, input.id);
    if (cls.status === "CANCELLED") throw new AppError("CONFLICT", "classes.cancelled");
    const people = await enrolledPeople(tx, cls.id);
    const now = new Date();
    const updated = await tx.class.update({ where: { id: cls.id }, data: { status: "CANCELLED", cancelledAt: now, cancelReason: input.reason } });
    await tx.enrolment.updateMany({ where: { classId: cls.id, status: { in: [...HOLDING] } }, data: { status: "WITHDRAWN", withdrawnAt: now } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "class.cancel",
      entity: "Class",
      entityId: cls.id,
      unitId: cls.unitId,
      data: { before: { status: "OPEN" }, after: { status: "CANCELLED", reason: input.reason, withdrawn: people.length } },
    });
    await noticeClass(tx, "classCancelled", { ...updated, sessions: cls.sessions }, people, { reason: input.reason });
  });
}

/** Is this person a trainer (TRAINER grant) somewhere in the manager's province (class:manage scope), and active? */
async function checkTrainer(tx: Tx, viewer: Viewer, trainerId: string | null) {
  if (!trainerId) return;
  const grant = await tx.roleGrant.findFirst({
    where: { userId: trainerId, role: "TRAINER", unitId: { in: unitIdsWith(viewer, "class:manage") }, user: { active: true } },
    select: { userId: true },
  });
  if (!grant) throw new AppError("VALIDATION", "classes.notTrainer", { field: "trainerId" });
}

/** The clash warnings for one saved session: its trainer and its enrolled (ACTIVE/PENDING) learners. */
async function sessionClashes(tx: Tx, session: { id: string; classId: string; startsAt: Date; endsAt: Date; trainerId: string | null }): Promise<Clash[]> {
  const learners = await tx.enrolment.findMany({ where: { classId: session.classId, status: { in: ["ACTIVE", "PENDING"] } }, select: { userId: true } });
  const people = [
    ...(session.trainerId ? [{ userId: session.trainerId, role: "trainer" as const }] : []),
    ...learners.map((l) => ({ userId: l.userId, role: "learner" as const })),
  ];
  return findClashes(tx, people, [session], { sessionId: session.id });
}

function sessionAudit(s: { startsAt: Date; endsAt: Date; place: string; onlineUrl: string | null; trainerId: string | null }) {
  return { startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), place: s.place, onlineUrl: s.onlineUrl, trainerId: s.trainerId };
}

/**
 * Adds a session (no `id`) or changes one. Returns the clash warnings — trainers and enrolled
 * learners who already have another session at an overlapping time — which warn, not refuse.
 * Everyone enrolled is told the class changed.
 */
export async function saveSession(viewer: Viewer, input: SessionInput): Promise<{ id: string; clashes: Clash[] }> {
  return transaction(async (tx) => {
    const cls = await lockForManage(tx, viewer, input.classId);
    if (cls.status !== "OPEN") throw new AppError("CONFLICT", "classes.cancelled");
    const existing = input.id ? cls.sessions.find((s) => s.id === input.id) : undefined;
    if (input.id && !existing) throw notFound();
    await checkTrainer(tx, viewer, input.trainerId);
    const data = { startsAt: input.startsAt, endsAt: input.endsAt, place: input.place, onlineUrl: input.onlineUrl, trainerId: input.trainerId };
    const saved = existing
      ? await tx.classSession.update({ where: { id: existing.id }, data })
      : await tx.classSession.create({ data: { classId: cls.id, ...data } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: existing ? "class.session.update" : "class.session.add",
      entity: "Class",
      entityId: cls.id,
      unitId: cls.unitId,
      data: { sessionId: saved.id, ...(existing ? { before: sessionAudit(existing) } : {}), after: sessionAudit(saved) },
    });
    const sessions = await tx.classSession.findMany({ where: { classId: cls.id } });
    await noticeClass(tx, "classChanged", { ...cls, sessions }, await enrolledPeople(tx, cls.id));
    return { id: saved.id, clashes: await sessionClashes(tx, saved) };
  });
}

/** Removes a session (its attendance goes with it); everyone enrolled is told. */
export async function removeSession(viewer: Viewer, sessionId: string): Promise<void> {
  const s = await db().classSession.findUnique({ where: { id: sessionId }, select: { classId: true } });
  if (!s) throw notFound();
  await transaction(async (tx) => {
    const cls = await lockForManage(tx, viewer, s.classId);
    if (cls.status !== "OPEN") throw new AppError("CONFLICT", "classes.cancelled");
    const existing = cls.sessions.find((x) => x.id === sessionId);
    if (!existing) throw notFound();
    await tx.classSession.delete({ where: { id: sessionId } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "class.session.remove",
      entity: "Class",
      entityId: cls.id,
      unitId: cls.unitId,
      data: { sessionId, before: sessionAudit(existing) },
    });
    await noticeClass(tx, "classChanged", { ...cls, sessions: cls.sessions.filter((x) => x.id !== sessionId) }, await enrolledPeople(tx, cls.id));
  });
}

/** The enrolment and its class for a decision; class:manage, else FORBIDDEN to those who see it and NOT_FOUND to the rest. */
async function lockEnrolmentForManage(tx: Tx, viewer: Viewer, enrolmentId: string) {
  const e = await tx.enrolment.findUnique({ where: { id: enrolmentId }, select: { id: true, classId: true, userId: true, unitId: true } });
  if (!e || !e.classId) throw notFound();
  const cls = await tx.class.findUniqueOrThrow({ where: { id: e.classId }, select: { id: true, unitId: true, planItemId: true } });
  if (!can(viewer, "class:manage", cls.unitId)) {
    if (e.userId === viewer.userId || can(viewer, "class:nominate", e.unitId)) throw forbidden();
    throw notFound();
  }
  const locked = await lockClass(tx, cls.id, cls.planItemId);
  const enrolment = await tx.enrolment.findUniqueOrThrow({ where: { id: e.id }, include: { user: { select: { email: true, fullName: true } } } });
  return { cls: locked, enrolment };
}

/** Approves (PENDING → ACTIVE) or rejects (PENDING → REJECTED, the seat and quota freed, the waiting list promoted) a nomination. */
export async function decideEnrolment(viewer: Viewer, input: { enrolmentId: string; approve: boolean; reason?: string }): Promise<void> {
  await transaction(async (tx) => {
    const { cls, enrolment } = await lockEnrolmentForManage(tx, viewer, input.enrolmentId);
    if (cls.status !== "OPEN") throw new AppError("CONFLICT", "classes.cancelled");
    if (enrolment.status !== "PENDING") throw new AppError("CONFLICT", "classes.notPending");
    const status = input.approve ? "ACTIVE" : "REJECTED";
    await tx.enrolment.update({ where: { id: enrolment.id }, data: { status, decidedAt: new Date(), decidedById: viewer.userId } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: input.approve ? "enrolment.approve" : "enrolment.reject",
      entity: "Enrolment",
      entityId: enrolment.id,
      unitId: enrolment.unitId,
      data: { before: { status: "PENDING" }, after: { classId: cls.id, status, ...(input.reason ? { reason: input.reason } : {}) } },
    });
    const kind: ClassNoticeKind = input.approve ? "approved" : "rejected";
    await noticeClass(tx, kind, cls, [{ userId: enrolment.userId, email: enrolment.user.email, fullName: enrolment.user.fullName, unitId: enrolment.unitId }], { reason: input.reason ?? "" });
    if (!input.approve) await promoteWaiting(tx, viewer.userId, cls);
  });
}
