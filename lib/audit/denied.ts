import type { Viewer } from "@/lib/auth/viewer";
import { transaction } from "@/lib/db";
import { recordAudit } from "./record";

export const ACCESS_DENIED = "access.denied";
export type DeniedCode = "NOT_FOUND" | "FORBIDDEN";

/** Identical refusals (same actor, target, object and code) are logged at most once per this window. */
export const DENIED_WINDOW = "1 minute";

export type Refusal = {
  /** "page": a page refused through orNotFound; "action": a form's server action through formAction. */
  via: "page" | "action";
  /** The page path ("/units/…", no query string) or the action's name. */
  target: string;
  /** For an action, the page it was posted from. */
  path?: string | null;
  /** The object refused (an id taken from the path or the form's id field). */
  entityId?: string | null;
  code: DeniedCode;
  ip?: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A path or name made safe to log (ASVS 16.4.1): no query string, no control characters or
 * spaces, at most 200 characters. Anything else becomes "?".
 */
export function cleanTarget(value: string): string {
  const noQuery = value.split(/[?#]/, 1)[0] ?? "";
  const cleaned = noQuery.replace(/[^A-Za-z0-9/._~:@%+-]/g, "?").slice(0, 200);
  return cleaned || "?";
}

/** The last UUID in a path: the object a page such as /people/<id>/privacy is about. */
export function entityIdFromPath(path: string | null | undefined): string | null {
  const ids = (path ?? "").split("/").filter((s) => UUID.test(s));
  return ids.length ? ids[ids.length - 1]!.toLowerCase() : null;
}

/**
 * Records that a signed-in viewer was refused (not found in their scope, or forbidden), without
 * flooding: an identical event of the last minute suppresses this one. A transaction-scoped
 * advisory lock on the event's identity makes the check-then-insert safe under concurrent requests.
 * Never records form values; only the target, the object id and the code. Returns whether it wrote.
 */
export async function recordAccessDenied(viewer: Pick<Viewer, "userId" | "unitId">, refusal: Refusal): Promise<boolean> {
  const target = cleanTarget(refusal.target);
  const path = refusal.path ? cleanTarget(refusal.path) : null;
  const entityId = refusal.entityId && UUID.test(refusal.entityId) ? refusal.entityId.toLowerCase() : null;
  const identity = [ACCESS_DENIED, viewer.userId, refusal.via, target, entityId ?? "", refusal.code].join("|");
  return transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${identity}, 0))`;
    // "at" is written by the database's default, so the window is measured on the database's clock.
    const recent = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "AuditEvent"
      WHERE "actorId" = ${viewer.userId}::uuid
        AND "action" = ${ACCESS_DENIED}
        AND "at" > (CURRENT_TIMESTAMP - ${DENIED_WINDOW}::interval)::timestamp
        AND "entityId" IS NOT DISTINCT FROM ${entityId}::text
        AND "data"->>'via' = ${refusal.via}
        AND "data"->>'target' = ${target}
        AND "data"->>'code' = ${refusal.code}
      LIMIT 1`;
    if (recent.length > 0) return false;
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: ACCESS_DENIED,
      entity: undefined,
      entityId: entityId ?? undefined,
      unitId: viewer.unitId,
      ip: refusal.ip ?? null,
      data: { via: refusal.via, target, ...(path && path !== target ? { path } : {}), code: refusal.code },
    });
    return true;
  });
}
