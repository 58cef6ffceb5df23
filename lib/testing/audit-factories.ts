// Test-only: writes audit events directly, with a chosen time, past every check.
import type { Prisma } from "@/lib/db";
import { db } from "@/lib/db";

/** One audit event as if it had happened at `at` (default: now, by the database). */
export async function makeAuditEvent(input: {
  action: string;
  at?: Date;
  actorId?: string | null;
  entity?: string;
  entityId?: string;
  unitId?: string | null;
  ip?: string | null;
  data?: Prisma.InputJsonValue;
}) {
  return db().auditEvent.create({
    data: {
      action: input.action,
      at: input.at,
      actorId: input.actorId ?? null,
      entity: input.entity,
      entityId: input.entityId,
      unitId: input.unitId ?? null,
      ip: input.ip ?? null,
      data: input.data,
    },
  });
}
