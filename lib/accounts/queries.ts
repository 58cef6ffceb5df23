import { db } from "@/lib/db";
import { hashFromLink } from "./tokens";

export type LinkKind = "INVITE" | "RESET";
export type LinkRefusal = "malformed" | "unknown" | "wrongKind" | "used" | "expired" | "inactive";

type LinkUser = { id: string; email: string; fullName: string; unitId: string };
export type LinkLookup =
  | { ok: true; token: { id: string }; user: LinkUser }
  | { ok: false; reason: LinkRefusal; tokenId?: string; unitId?: string };

/**
 * Finds a link token by the SHA-256 of what the link carries (no comparison of secrets in our
 * code, so nothing to time) and says whether it may be used now. Read-only.
 */
export async function findLinkToken(kind: LinkKind, token: string, now = new Date()): Promise<LinkLookup> {
  const tokenHash = hashFromLink(token);
  if (!tokenHash) return { ok: false, reason: "malformed" };
  const row = await db().accountToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      kind: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { id: true, email: true, fullName: true, unitId: true, active: true } },
    },
  });
  if (!row) return { ok: false, reason: "unknown" };
  const refuse = (reason: LinkRefusal): LinkLookup => ({ ok: false, reason, tokenId: row.id, unitId: row.user.unitId });
  if (row.kind !== kind) return refuse("wrongKind");
  if (row.usedAt) return refuse("used");
  if (row.expiresAt <= now) return refuse("expired");
  if (!row.user.active) return refuse("inactive");
  const { id, email, fullName, unitId } = row.user;
  return { ok: true, token: { id: row.id }, user: { id, email, fullName, unitId } };
}

/** For the invitation and reset pages: whose link this is, or null when it cannot be used. */
export async function inspectLink(kind: LinkKind, token: string): Promise<{ email: string; fullName: string } | null> {
  const found = await findLinkToken(kind, token);
  return found.ok ? { email: found.user.email, fullName: found.user.fullName } : null;
}
