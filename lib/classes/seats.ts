import { recordAudit } from "@/lib/audit/record";
import { noticeClass, type NoticeClass } from "./notify";
import { seatsTaken, type Tx } from "./access";

/**
 * Fills freed seats from the waiting list, first come first served (waitlistedAt, then id), in
 * the caller's transaction (which holds the plan item and class locks, lib/classes/access.ts
 * lockClass). A promoted person holds a seat: PENDING when the class needs approval, else ACTIVE,
 * and is told. Their quota was already counted while they waited.
 */
export async function promoteWaiting(
  tx: Tx,
  actorId: string,
  cls: NoticeClass & { capacity: number; requiresApproval: boolean; unitId: string; status: string },
): Promise<string[]> {
  if (cls.status !== "OPEN") return [];
  const free = cls.capacity - (await seatsTaken(tx, cls.id));
  if (free <= 0) return [];
  const next = await tx.enrolment.findMany({
    where: { classId: cls.id, status: "WAITLISTED" },
    orderBy: [{ waitlistedAt: "asc" }, { id: "asc" }],
    take: free,
    include: { user: { select: { email: true, fullName: true } } },
  });
  if (next.length === 0) return [];
  const status = cls.requiresApproval ? "PENDING" : "ACTIVE";
  await tx.enrolment.updateMany({ where: { id: { in: next.map((e) => e.id) } }, data: { status } });
  for (const e of next) {
    await recordAudit(tx, {
      actorId,
      action: "enrolment.promote",
      entity: "Enrolment",
      entityId: e.id,
      unitId: e.unitId,
      data: { before: { status: "WAITLISTED" }, after: { classId: cls.id, status } },
    });
  }
  await noticeClass(
    tx,
    "promoted",
    cls,
    next.map((e) => ({ userId: e.userId, email: e.user.email, fullName: e.user.fullName, unitId: e.unitId })),
  );
  return next.map((e) => e.id);
}
