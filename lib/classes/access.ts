import { can, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import type { Prisma, PrismaClient } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { unsafeAncestorsOf } from "@/lib/units/forest";

// Who sees a class (docs/decisions/071-classes-and-nomination.md):
// - "manage":   class:manage on the organising unit (the province admin) — everything;
// - "nominate": class:nominate on a unit holding a quota of the class's plan item (a unit admin) —
//               the class, their own units' quotas and enrolments, the nominate form;
// - "teach":    the trainer of one of its sessions — the class, its whole roster and the
//               attendance of the sessions they run (lib/attendance/access.ts);
// - "learner":  enrolled in it (any status), or allowed to enrol themselves (SELF class whose
//               listed units contain their unit) — the class and their own place.
// Anyone else gets NOT_FOUND.

export type ClassAccess = "manage" | "nominate" | "teach" | "learner";
export type Reader = PrismaClient | Prisma.TransactionClient;
export type Tx = Prisma.TransactionClient;

/** Does the viewer hold class:nominate on a unit that has a quota of this plan item? */
export async function nominatesFor(reader: Reader, viewer: Viewer, planItemId: string): Promise<boolean> {
  const scope = unitIdsWith(viewer, "class:nominate");
  if (scope.length === 0) return false;
  const found = await reader.planQuota.findFirst({ where: { planItemId, unitId: { in: scope }, seats: { gt: 0 } }, select: { unitId: true } });
  return found !== null;
}

/** May the viewer enrol themselves in this SELF class (their unit under one of its listed units)? */
export async function mayJoinSelf(reader: Reader, viewer: Viewer, c: { id: string; joinPolicy: string }): Promise<boolean> {
  if (c.joinPolicy !== "SELF" || !can(viewer, "learn", viewer.unitId)) return false;
  const ancestors = await unsafeAncestorsOf(viewer.unitId);
  const found = await reader.classSelfUnit.findFirst({ where: { classId: c.id, unitId: { in: ancestors } }, select: { unitId: true } });
  return found !== null;
}

/** Is the viewer the trainer of one of this class's sessions? */
export async function teaches(reader: Reader, viewer: Viewer, classId: string): Promise<boolean> {
  const found = await reader.classSession.findFirst({ where: { classId, trainerId: viewer.userId }, select: { id: true } });
  return found !== null;
}

export async function classAccess(reader: Reader, viewer: Viewer, c: { id: string; unitId: string; planItemId: string; joinPolicy: string }): Promise<ClassAccess> {
  if (can(viewer, "class:manage", c.unitId)) return "manage";
  if (await nominatesFor(reader, viewer, c.planItemId)) return "nominate";
  if (await teaches(reader, viewer, c.id)) return "teach";
  const mine = await reader.enrolment.findFirst({ where: { classId: c.id, userId: viewer.userId }, select: { id: true } });
  if (mine) return "learner";
  if (await mayJoinSelf(reader, viewer, c)) return "learner";
  throw notFound();
}

/** The class as access needs it, or NOT_FOUND. */
export async function readClassFor(reader: Reader, viewer: Viewer, classId: string) {
  const c = await reader.class.findUnique({ where: { id: classId } });
  if (!c) throw notFound();
  const access = await classAccess(reader, viewer, c);
  return { cls: c, access };
}

/**
 * Locks a class for a change of its seats, in the one order every such transaction uses: the
 * plan item first, then the class (SELECT … FOR UPDATE). All nominations, withdrawals, approvals
 * and capacity changes of one plan item therefore run one after the other, so counts taken after
 * the lock stay true until commit (quota is counted over all classes of the item).
 */
export async function lockClass(tx: Tx, classId: string, planItemId: string) {
  await tx.$queryRaw`SELECT "id" FROM "PlanItem" WHERE "id" = ${planItemId}::uuid FOR UPDATE`;
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Class" WHERE "id" = ${classId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound();
  return tx.class.findUniqueOrThrow({ where: { id: classId }, include: { sessions: { orderBy: { startsAt: "asc" } } } });
}

/**
 * Transactions that take the plan item lock wait their turn: under a burst (bench/nominations.ts,
 * 200 at once on a pool of 10) a connection may take seconds to come free. Waiting longer than
 * this ends in "classes.busy".
 */
export const SEAT_TX = { maxWait: 15_000, timeout: 20_000 } as const;

/** Prisma could not start the transaction in time (P2028): a clear "busy, try again". */
export function isBusy(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2028";
}

export const SEAT_STATUSES = ["PENDING", "ACTIVE", "COMPLETED"] as const;
export const QUOTA_STATUSES = ["PENDING", "ACTIVE", "WAITLISTED", "COMPLETED"] as const;
export const ENROLLED_STATUSES = ["PENDING", "ACTIVE", "WAITLISTED", "COMPLETED"] as const;

export async function seatsTaken(reader: Reader, classId: string): Promise<number> {
  return reader.enrolment.count({ where: { classId, status: { in: [...SEAT_STATUSES] } } });
}

export type Clash = {
  userId: string;
  fullName: string;
  /** Their part in the session being saved (or the class being joined). */
  role: "trainer" | "learner";
  otherSessionId: string;
  otherClassId: string;
  otherClassCode: string;
  otherClassTitle: string;
  startsAt: Date;
  endsAt: Date;
};

/**
 * People who already have another session overlapping one of `intervals`: as its trainer, or
 * enrolled (ACTIVE/PENDING) in its class. Sessions of cancelled classes do not count; sessions of
 * `excludeClassId` and `excludeSessionId` are left out (the one being saved, the class joined).
 */
export async function findClashes(
  reader: Reader,
  people: { userId: string; role: "trainer" | "learner" }[],
  intervals: { startsAt: Date; endsAt: Date }[],
  exclude: { classId?: string; sessionId?: string } = {},
): Promise<Clash[]> {
  if (people.length === 0 || intervals.length === 0) return [];
  const rows = await reader.$queryRaw<Clash[]>`
    SELECT DISTINCT p."userId"::text AS "userId", u."fullName", p."role",
      o."id"::text AS "otherSessionId", c."id"::text AS "otherClassId", c."code" AS "otherClassCode",
      c."title" AS "otherClassTitle", o."startsAt", o."endsAt"
    FROM unnest(${people.map((p) => p.userId)}::uuid[], ${people.map((p) => p.role)}::text[]) AS p("userId", "role")
    JOIN "User" u ON u."id" = p."userId"
    CROSS JOIN unnest(${intervals.map((i) => i.startsAt.toISOString())}::timestamp[], ${intervals.map((i) => i.endsAt.toISOString())}::timestamp[]) AS w("s", "e")
    JOIN "ClassSession" o ON o."startsAt" < w."e" AND w."s" < o."endsAt"
    JOIN "Class" c ON c."id" = o."classId" AND c."status" = 'OPEN'
    WHERE (${exclude.classId ?? null}::uuid IS NULL OR o."classId" <> ${exclude.classId ?? null}::uuid)
      AND (${exclude.sessionId ?? null}::uuid IS NULL OR o."id" <> ${exclude.sessionId ?? null}::uuid)
      AND (o."trainerId" = p."userId" OR EXISTS (
        SELECT 1 FROM "Enrolment" e WHERE e."classId" = o."classId" AND e."userId" = p."userId" AND e."status" IN ('ACTIVE', 'PENDING')))
    ORDER BY u."fullName", o."startsAt"`;
  return rows;
}
