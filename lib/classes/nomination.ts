import { recordAudit } from "@/lib/audit/record";
import { can, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { db, transaction } from "@/lib/db";
import type { EnrolmentStatus } from "@/lib/db/generated/enums";
import { AppError, forbidden, isUniqueViolation, notFound } from "@/lib/errors";
import { unsafeAncestorsOf, unsafeParents } from "@/lib/units/forest";
import {
  ENROLLED_STATUSES,
  QUOTA_STATUSES,
  SEAT_TX,
  findClashes,
  isBusy,
  lockClass,
  mayJoinSelf,
  readClassFor,
  seatsTaken,
  type Clash,
  type Tx,
} from "./access";
import { noticeClass, type ClassNoticeKind } from "./notify";
import { promoteWaiting } from "./seats";

// Nomination (cử đi học), self-enrolment in a class and withdrawal
// (docs/decisions/071-classes-and-nomination.md). One enrolment per person and course: a class
// attaches to it; a WITHDRAWN or REJECTED row of the course is reused.

export type NominationResult = { userId: string; enrolmentId: string; status: EnrolmentStatus };

const NOTICE: Partial<Record<EnrolmentStatus, ClassNoticeKind>> = { ACTIVE: "nominated", PENDING: "pendingApproval", WAITLISTED: "waitlisted" };

/** The closest unit, from the person's own unit up, that has a quota of the item and is in the nominator's scope. */
async function quotaUnitOf(personUnitId: string, quotaUnits: ReadonlySet<string>, nominateScope: ReadonlySet<string>, parents: ReadonlyMap<string, string | null>): Promise<string | null> {
  for (const id of await unsafeAncestorsOf(personUnitId, parents)) {
    if (quotaUnits.has(id) && nominateScope.has(id)) return id;
  }
  return null;
}

function checkWindow(cls: { status: string; enrolOpensAt: Date; enrolClosesAt: Date }, now: Date) {
  if (cls.status !== "OPEN") throw new AppError("CONFLICT", "classes.cancelled");
  if (now < cls.enrolOpensAt || now > cls.enrolClosesAt) throw new AppError("CONFLICT", "classes.windowClosed");
}

/** Writes (or reuses) the person's enrolment of the course in this class. */
async function placeEnrolment(
  tx: Tx,
  existing: { id: string } | undefined,
  data: { userId: string; courseId: string; classId: string; unitId: string; status: EnrolmentStatus; nominatedById: string | null; quotaUnitId: string | null; now: Date },
) {
  const fields = {
    classId: data.classId,
    unitId: data.unitId,
    status: data.status,
    nominatedById: data.nominatedById,
    quotaUnitId: data.quotaUnitId,
    waitlistedAt: data.status === "WAITLISTED" ? data.now : null,
    decidedAt: null,
    decidedById: null,
    enrolledAt: data.now,
    completedAt: null,
    withdrawnAt: null,
  };
  return existing
    ? tx.enrolment.update({ where: { id: existing.id }, data: fields })
    : tx.enrolment.create({ data: { userId: data.userId, courseId: data.courseId, ...fields } });
}

/**
 * Nominates officials into a class. All of them or none: every person must be active, in a unit
 * where the viewer holds class:nominate (else NOT_FOUND), not already enrolled in the course, and
 * have a quota unit (the closest unit from theirs up with a quota of the plan item, in the
 * viewer's scope) with quota left. Under the plan item and class locks, each takes quota and, if
 * a seat is left, a seat (PENDING when the class needs approval, else ACTIVE), otherwise a place
 * on the waiting list. Returns the outcomes and clash warnings (other sessions at the same time).
 */
export async function nominate(viewer: Viewer, classId: string, userIds: string[]): Promise<{ results: NominationResult[]; clashes: Clash[] }> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) throw new AppError("VALIDATION", "classes.pickSomeone", { field: "userIds" });
  const scope = new Set(unitIdsWith(viewer, "class:nominate"));
  const parents = await unsafeParents(); // read before the locks: the lock is held as briefly as possible
  const run = () =>
    transaction(async (tx) => {
      const { cls: found, access } = await readClassFor(tx, viewer, classId);
      const mayNominate = access === "manage" || access === "nominate";
      if (!mayNominate || scope.size === 0) throw mayNominate ? notFound() : forbidden();
      const cls = await lockClass(tx, found.id, found.planItemId);
      const now = new Date();
      checkWindow(cls, now);

      const people = await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true, email: true, unitId: true, active: true } });
      // Someone outside the viewer's scope is "no such person", like an unknown id.
      if (people.length !== ids.length || people.some((p) => !scope.has(p.unitId))) throw notFound();
      const inactive = people.find((p) => !p.active);
      if (inactive) throw new AppError("VALIDATION", "classes.personInactive", { field: "userIds", params: { name: inactive.fullName } });

      const existing = await tx.enrolment.findMany({ where: { courseId: cls.courseId, userId: { in: ids } }, select: { id: true, userId: true, status: true } });
      const taken = existing.find((e) => (ENROLLED_STATUSES as readonly string[]).includes(e.status));
      if (taken) throw new AppError("CONFLICT", "classes.alreadyEnrolled", { field: "userIds", params: { name: people.find((p) => p.id === taken.userId)!.fullName } });

      const quotas = await tx.planQuota.findMany({ where: { planItemId: cls.planItemId, seats: { gt: 0 } }, select: { unitId: true, seats: true, unit: { select: { name: true } } } });
      const quotaOf = new Map(quotas.map((q) => [q.unitId, q]));
      const quotaUnitFor = new Map<string, string>();
      for (const p of people) {
        const unit = await quotaUnitOf(p.unitId, new Set(quotaOf.keys()), scope, parents);
        if (!unit) throw new AppError("CONFLICT", "classes.noQuotaUnit", { field: "userIds", params: { name: p.fullName } });
        quotaUnitFor.set(p.id, unit);
      }
      const usedRows = await tx.enrolment.groupBy({
        by: ["quotaUnitId"],
        where: { class: { planItemId: cls.planItemId }, quotaUnitId: { in: [...new Set(quotaUnitFor.values())] }, status: { in: [...QUOTA_STATUSES] } },
        _count: { _all: true },
      });
      const used = new Map(usedRows.map((r) => [r.quotaUnitId!, r._count._all]));
      const asked = new Map<string, number>();
      for (const unit of quotaUnitFor.values()) asked.set(unit, (asked.get(unit) ?? 0) + 1);
      for (const [unit, n] of asked) {
        const left = Math.max(0, quotaOf.get(unit)!.seats - (used.get(unit) ?? 0));
        if (n > left) throw new AppError("CONFLICT", "classes.quotaExhausted", { field: "userIds", params: { unit: quotaOf.get(unit)!.unit.name, left, asked: n } });
      }

      let seats = cls.capacity - (await seatsTaken(tx, cls.id));
      const results: NominationResult[] = [];
      const noticed = new Map<ClassNoticeKind, { userId: string; email: string; fullName: string; unitId: string }[]>();
      // In the order given (the form lists people by name): the first ones take the last seats.
      for (const userId of ids) {
        const p = people.find((x) => x.id === userId)!;
        const status: EnrolmentStatus = seats > 0 ? (cls.requiresApproval ? "PENDING" : "ACTIVE") : "WAITLISTED";
        if (seats > 0) seats -= 1;
        const quotaUnitId = quotaUnitFor.get(userId)!;
        const row = await placeEnrolment(tx, existing.find((e) => e.userId === userId), {
          userId, courseId: cls.courseId, classId: cls.id, unitId: p.unitId, status, nominatedById: viewer.userId, quotaUnitId, now,
        });
        await recordAudit(tx, {
          actorId: viewer.userId,
          action: "enrolment.nominate",
          entity: "Enrolment",
          entityId: row.id,
          unitId: p.unitId,
          data: { after: { classId: cls.id, courseId: cls.courseId, status, quotaUnitId } },
        });
        results.push({ userId, enrolmentId: row.id, status });
        const kind = NOTICE[status]!;
        noticed.set(kind, [...(noticed.get(kind) ?? []), { userId, email: p.email, fullName: p.fullName, unitId: p.unitId }]);
      }
      for (const [kind, list] of noticed) await noticeClass(tx, kind, cls, list);
      return { results, sessions: cls.sessions, classId: cls.id };
    }, SEAT_TX);
  let done: Awaited<ReturnType<typeof run>>;
  try {
    done = await run();
  } catch (e) {
    // A person enrolled in the same course through another plan item at this very moment.
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "classes.alreadyEnrolledSomeone", { field: "userIds" });
    if (isBusy(e)) throw new AppError("CONFLICT", "classes.busy", { field: "userIds" });
    throw e;
  }
  // Warnings only: read after the commit, outside the lock.
  const clashes = await findClashes(db(), ids.map((userId) => ({ userId, role: "learner" as const })), done.sessions, { classId: done.classId });
  return { results: done.results, clashes };
}

/** Quota left per unit of the viewer's nominate scope for the class's plan item (what the nominate form shows). */
export async function quotaLeft(viewer: Viewer, classId: string): Promise<{ unitId: string; unitName: string; seats: number; used: number; left: number }[]> {
  const { cls } = await readClassFor(db(), viewer, classId);
  const scope = unitIdsWith(viewer, "class:nominate");
  const quotas = await db().planQuota.findMany({
    where: { planItemId: cls.planItemId, unitId: { in: scope }, seats: { gt: 0 } },
    select: { unitId: true, seats: true, unit: { select: { name: true } } },
    orderBy: { unit: { name: "asc" } },
  });
  if (quotas.length === 0) return [];
  const usedRows = await db().enrolment.groupBy({
    by: ["quotaUnitId"],
    where: { class: { planItemId: cls.planItemId }, quotaUnitId: { in: quotas.map((q) => q.unitId) }, status: { in: [...QUOTA_STATUSES] } },
    _count: { _all: true },
  });
  const used = new Map(usedRows.map((r) => [r.quotaUnitId!, r._count._all]));
  return quotas.map((q) => {
    const u = used.get(q.unitId) ?? 0;
    return { unitId: q.unitId, unitName: q.unit.name, seats: q.seats, used: u, left: Math.max(0, q.seats - u) };
  });
}

/** A learner enrols themselves in a SELF class open to their unit: no quota; a seat or the waiting list. */
export async function selfEnrolInClass(viewer: Viewer, classId: string): Promise<NominationResult & { clashes: Clash[] }> {
  const run = () =>
    transaction(async (tx) => {
      const found = await tx.class.findUnique({ where: { id: classId } });
      if (!found) throw notFound();
      if (!(await mayJoinSelf(tx, viewer, found))) {
        await readClassFor(tx, viewer, classId); // NOT_FOUND to those who may not even see it
        throw new AppError("FORBIDDEN", "classes.notSelfClass");
      }
      const cls = await lockClass(tx, found.id, found.planItemId);
      const now = new Date();
      checkWindow(cls, now);
      const me = await tx.user.findUniqueOrThrow({ where: { id: viewer.userId }, select: { unitId: true, email: true, fullName: true } });
      const existing = await tx.enrolment.findUnique({ where: { userId_courseId: { userId: viewer.userId, courseId: cls.courseId } }, select: { id: true, status: true, classId: true } });
      if (existing && (ENROLLED_STATUSES as readonly string[]).includes(existing.status)) {
        if (existing.classId === cls.id) return { userId: viewer.userId, enrolmentId: existing.id, status: existing.status, clashes: [] };
        throw new AppError("CONFLICT", "classes.alreadyEnrolled", { params: { name: me.fullName } });
      }
      const free = cls.capacity - (await seatsTaken(tx, cls.id));
      const status: EnrolmentStatus = free > 0 ? (cls.requiresApproval ? "PENDING" : "ACTIVE") : "WAITLISTED";
      const row = await placeEnrolment(tx, existing ?? undefined, {
        userId: viewer.userId, courseId: cls.courseId, classId: cls.id, unitId: me.unitId, status, nominatedById: null, quotaUnitId: null, now,
      });
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "enrolment.joinClass",
        entity: "Enrolment",
        entityId: row.id,
        unitId: me.unitId,
        data: { after: { classId: cls.id, courseId: cls.courseId, status } },
      });
      await noticeClass(tx, NOTICE[status]!, cls, [{ userId: viewer.userId, email: me.email, fullName: me.fullName, unitId: me.unitId }]);
      const clashes = await findClashes(tx, [{ userId: viewer.userId, role: "learner" }], cls.sessions, { classId: cls.id });
      return { userId: viewer.userId, enrolmentId: row.id, status, clashes };
    }, SEAT_TX);
  try {
    return await run();
  } catch (e) {
    if (isUniqueViolation(e)) return run();
    if (isBusy(e)) throw new AppError("CONFLICT", "classes.busy");
    throw e;
  }
}

/**
 * Withdraws an enrolment from its class: the learner themself before the first session starts, or
 * a unit admin holding class:nominate on the enrolment's unit, or the class's manager. A seat it
 * held goes to the first person waiting. Withdrawing twice is not an error.
 */
export async function withdrawFromClass(viewer: Viewer, enrolmentId: string): Promise<{ changed: boolean; promoted: number }> {
  return transaction(async (tx) => {
    const e = await tx.enrolment.findUnique({ where: { id: enrolmentId }, select: { id: true, classId: true, userId: true, unitId: true } });
    if (!e || !e.classId) throw notFound();
    const head = await tx.class.findUniqueOrThrow({ where: { id: e.classId }, select: { id: true, unitId: true, planItemId: true } });
    const self = e.userId === viewer.userId;
    const admin = can(viewer, "class:manage", head.unitId) || can(viewer, "class:nominate", e.unitId);
    if (!self && !admin) throw notFound();
    const cls = await lockClass(tx, head.id, head.planItemId);
    const enrolment = await tx.enrolment.findUniqueOrThrow({ where: { id: e.id }, include: { user: { select: { email: true, fullName: true } } } });
    if (enrolment.classId !== cls.id) throw notFound();
    if (enrolment.status === "WITHDRAWN" || enrolment.status === "REJECTED") return { changed: false, promoted: 0 };
    if (enrolment.status === "COMPLETED") throw new AppError("CONFLICT", "classes.completedCannotWithdraw");
    const first = cls.sessions[0];
    if (!admin && first && first.startsAt <= new Date()) throw new AppError("CONFLICT", "classes.alreadyStarted");
    await tx.enrolment.update({ where: { id: enrolment.id }, data: { status: "WITHDRAWN", withdrawnAt: new Date() } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "enrolment.withdrawClass",
      entity: "Enrolment",
      entityId: enrolment.id,
      unitId: enrolment.unitId,
      data: { before: { status: enrolment.status }, after: { classId: cls.id, status: "WITHDRAWN" } },
    });
    if (!self) await noticeClass(tx, "withdrawn", cls, [{ userId: enrolment.userId, email: enrolment.user.email, fullName: enrolment.user.fullName, unitId: enrolment.unitId }]);
    const promoted = await promoteWaiting(tx, viewer.userId, cls);
    return { changed: true, promoted: promoted.length };
  }, SEAT_TX);
}
