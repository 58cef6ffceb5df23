import { hashFromLink, newToken } from "@/lib/accounts/tokens";
import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { db, transaction } from "@/lib/db";

// The private calendar feed (docs/decisions/072-attendance-and-calendar.md): a 256-bit random
// token in the URL is the only credential a calendar app can present. Only its SHA-256 is stored
// (as for account links, docs/decisions/020); one feed per person; creating a new one replaces
// (and so invalidates) the old.

/** Creates the viewer's feed token, or replaces it. The token is returned once and never stored. */
export async function rotateFeed(viewer: Viewer): Promise<{ token: string; replaced: boolean }> {
  const { token, hash } = newToken();
  return transaction(async (tx) => {
    const old = await tx.calendarFeed.findUnique({ where: { userId: viewer.userId }, select: { userId: true } });
    await tx.calendarFeed.upsert({
      where: { userId: viewer.userId },
      create: { userId: viewer.userId, tokenHash: hash },
      update: { tokenHash: hash, createdAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "calendar.feedRotate",
      entity: "CalendarFeed",
      entityId: viewer.userId,
      unitId: viewer.unitId,
      data: { replaced: old !== null },
    });
    return { token, replaced: old !== null };
  });
}

/** Turns the viewer's feed off: its URL stops working. */
export async function revokeFeed(viewer: Viewer): Promise<{ revoked: boolean }> {
  return transaction(async (tx) => {
    const { count } = await tx.calendarFeed.deleteMany({ where: { userId: viewer.userId } });
    if (count > 0) {
      await recordAudit(tx, { actorId: viewer.userId, action: "calendar.feedRevoke", entity: "CalendarFeed", entityId: viewer.userId, unitId: viewer.unitId });
    }
    return { revoked: count > 0 };
  });
}

/** When the viewer's feed was created, or null when they have none. */
export async function myFeed(viewer: Viewer): Promise<{ createdAt: Date } | null> {
  return db().calendarFeed.findUnique({ where: { userId: viewer.userId }, select: { createdAt: true } });
}

/**
 * The owner of a feed token, looked up by its hash; null for an unknown token, a malformed one
 * (no lookup), or an owner whose account is disabled.
 */
export async function feedOwnerByToken(token: string): Promise<{ userId: string; fullName: string } | null> {
  const hash = hashFromLink(token);
  if (!hash) return null;
  const feed = await db().calendarFeed.findUnique({
    where: { tokenHash: hash },
    select: { user: { select: { id: true, fullName: true, active: true } } },
  });
  if (!feed || !feed.user.active) return null;
  return { userId: feed.user.id, fullName: feed.user.fullName };
}
