import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { authOptions } from "@/lib/auth/options";

/** next-auth's default session cookie names (the __Secure- one when NEXTAUTH_URL is https). */
const DEFAULT_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * After a password change raised `sessionVersion`, every session token carrying the old version
 * stops working — including the one of the person who just changed it. This re-issues *this*
 * request's session cookie with the new version (docs/decisions/022): only the server action that
 * has just verified the current password calls it, so a stolen old token cannot renew itself the
 * way next-auth's client-side `update()` would let it.
 * Returns false when there is no session cookie to renew (the person then signs in again).
 */
export async function reissueSessionCookie(userId: string, sessionVersion: number): Promise<boolean> {
  const options = authOptions();
  const secret = options.secret;
  if (!secret) return false;
  const jar = await cookies();
  const configured = options.cookies?.sessionToken;
  const name = configured?.name ?? DEFAULT_NAMES.find((n) => jar.has(n));
  const current = name ? jar.get(name)?.value : undefined;
  if (!name || !current) return false;
  const token = await decode({ token: current, secret }).catch(() => null);
  if (!token || token.sub !== userId) return false;
  const maxAge = options.session?.maxAge ?? 30 * 24 * 60 * 60;
  const value = await encode({ token: { ...token, sv: sessionVersion }, secret, maxAge });
  jar.set(name, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: name.startsWith("__Secure-"),
    ...configured?.options,
    expires: new Date(Date.now() + maxAge * 1000),
  });
  return true;
}
