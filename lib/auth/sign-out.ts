import { db } from "@/lib/db";

/**
 * Signing out ends the session on the server, not only in the browser (docs/decisions/023): the
 * account's `sessionVersion` is raised, so the signed-out token — a copy kept by anyone — no longer
 * yields a viewer. Authorised by the token itself (its holder is signing out): raised only when
 * the token's version is still the current one, so a stale token cannot sign anyone out. Like a
 * password change, it ends the person's other sessions too ("sign out everywhere").
 */
export async function endSessions(userId: string, sessionVersion: number): Promise<boolean> {
  const { count } = await db().user.updateMany({
    where: { id: userId, sessionVersion },
    data: { sessionVersion: { increment: 1 } },
  });
  return count === 1;
}
