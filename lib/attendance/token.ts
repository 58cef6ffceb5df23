import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// The session QR code's token (docs/decisions/072-attendance-and-calendar.md): an HMAC over the
// session id and a 30-second time step, never stored. A token is accepted during its own step and
// the next one (so 30–60 s after it was shown), so a photo sent to a friend or yesterday's
// screenshot does not check anyone in.

export const STEP_SECONDS = 30;
/** The trainer's screen fetches a new code this often (below one step, so it never shows a dead one). */
export const REFRESH_SECONDS = 20;
const TOKEN_BYTES = 16;

/** The 30-second step an instant falls in. */
export function stepOf(now: Date): number {
  return Math.floor(now.getTime() / 1000 / STEP_SECONDS);
}

/** The token of one session for one step, under `key`. Base64url, 22 characters. */
export function tokenFor(key: Buffer, sessionId: string, step: number): string {
  return createHmac("sha256", key).update(`checkin:${sessionId}:${step}`).digest().subarray(0, TOKEN_BYTES).toString("base64url");
}

/** Is `token` the token of `sessionId` for the step of `now` or the step before? Constant-time comparison. */
export function isValidToken(key: Buffer, sessionId: string, token: string, now: Date): boolean {
  if (!/^[A-Za-z0-9_-]{22}$/.test(token)) return false;
  const given = Buffer.from(token);
  const step = stepOf(now);
  let ok = false;
  for (const s of [step, step - 1]) {
    // No early exit: both candidates are always compared.
    if (timingSafeEqual(given, Buffer.from(tokenFor(key, sessionId, s)))) ok = true;
  }
  return ok;
}

let derived: Buffer | undefined;

/**
 * The check-in key, derived from NEXTAUTH_SECRET with HKDF (its own label, so it is never the key
 * that signs sessions). Rotating NEXTAUTH_SECRET only voids the codes shown in the last minute.
 */
export function checkInKey(): Buffer {
  derived ??= Buffer.from(hkdfSync("sha256", env().NEXTAUTH_SECRET, "taphuan", "attendance check-in token v1", 32));
  return derived;
}
