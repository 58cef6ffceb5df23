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

/** Keys whose values never belong in a log (ASVS 16.2.5), whoever passes them by mistake. */
const SECRET_KEY = /password|secret|token|cookie|authori[sz]ation|^otp$|hash$/i;
export const SECRET_PLACEHOLDER = "[secret removed]";

/** A copy of `value` with every secret-looking key's value replaced. Pure, for tests. */
export function withoutSecrets(value: Prisma.InputJsonValue): Prisma.InputJsonValue {
  if (Array.isArray(value)) return value.map((v) => (v === null ? v : withoutSecrets(v as Prisma.InputJsonValue)));
  if (value !== null && typeof value === "object") {
    const out: Record<string, Prisma.InputJsonValue | null> = {};
    for (const [key, v] of Object.entries(value as Record<string, Prisma.InputJsonValue | null>)) {
      if (SECRET_KEY.test(key)) out[key] = SECRET_PLACEHOLDER;
      else out[key] = v === null || v === undefined ? null : withoutSecrets(v);
    }
    return out as Prisma.InputJsonObject;
  }
  return value;
}

/**
 * Appends one audit event (UTC timestamps by the database). Pass `tx` to commit it with the change.
 * The log is append-only: there is deliberately no update or delete function, and the database
 * refuses both (trigger "AuditEvent_append_only"; only anonymisation may redact, lib/audit/redact.ts).
 */
export async function recordAudit(writer: Writer, event: AuditInput): Promise<void> {
  await writer.auditEvent.create({
    data: {
      actorId: event.actorId ?? null,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId,
      unitId: event.unitId ?? null,
      ip: event.ip ?? null,
      data: event.data === undefined ? undefined : withoutSecrets(event.data),
    },
  });
}
