import { createHash, randomBytes } from "node:crypto";

/** A 256-bit single-use token for a link; only its SHA-256 is stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;
export const RESET_TTL_MS = 60 * 60_000;

/** What a token from newToken() looks like; anything else is refused before any lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The stored hash for a token from a link, or null when it cannot be one of ours. */
export function hashFromLink(token: string): string | null {
  return TOKEN_PATTERN.test(token) ? hashToken(token) : null;
}
