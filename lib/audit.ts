import type { Prisma, PrismaClient } from "@/lib/db";

export type AuditInput = {
  actorId?: string | null;
  action: string;
  entity?: string;
  entityId?: string;
  unitId?: string | null;
  ip?: string | null;
  data?: Prisma.InputJsonValue;
};

type Writer = Pick<PrismaClient, "auditEvent"> | Prisma.TransactionClient;

/** Appends one audit event (UTC timestamps by the database). Pass `tx` to commit it with the change. */
export async function recordAudit(writer: Writer, event: AuditInput): Promise<void> {
  await writer.auditEvent.create({
    data: {
      actorId: event.actorId ?? null,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId,
      unitId: event.unitId ?? null,
      ip: event.ip ?? null,
      data: event.data,
    },
  });
}
