import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/http/client-ip";
import { dummyPasswordHash, verifyPassword } from "./password";
import { endSessions } from "./sign-out";
import { attemptSucceeded, claimAttempt, throttleKeys } from "./throttle";

/** Codes the sign-in form turns into messages under the right field (app/(auth)/login). */
export const SIGN_IN_ERRORS = {
  required: "REQUIRED",
  wrong: "WRONG_CREDENTIALS", // followed by ":<seconds>" when a wait now applies
  inactive: "INACTIVE",
  locked: "LOCKED", // followed by ":<seconds>"
} as const;

const credentials = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  // NFC, as lib/accounts hashes new passwords: "ệ" typed precomposed or decomposed is one password.
  password: z.string().min(1).max(256).normalize("NFC"),
});

type Headers = Record<string, string | string[] | undefined> | undefined;

function clientIp(headers: Headers): string | null {
  return clientIpFrom((name) => {
    const raw = headers?.[name];
    return Array.isArray(raw) ? raw.join(",") : raw;
  });
}

export async function authorizeCredentials(
  input: Record<string, unknown> | undefined,
  ip: string | null,
): Promise<{ id: string; sv: number }> {
  const parsed = credentials.safeParse(input ?? {});
  if (!parsed.success) throw new Error(SIGN_IN_ERRORS.required);
  const { email, password } = parsed.data;
  const keys = throttleKeys(email, ip);

  // Counted before the password is checked: parallel guesses cannot all be evaluated.
  const attempt = await claimAttempt(keys);
  if (!attempt.allowed) {
    await recordAudit(db(), { action: "auth.signInThrottled", entity: "User", ip, data: { email } });
    throw new Error(`${SIGN_IN_ERRORS.locked}:${Math.ceil(attempt.waitMs / 1000)}`);
  }

  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, active: true, sessionVersion: true, unitId: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok) {
    await recordAudit(db(), {
      action: "auth.signInFailed",
      entity: "User",
      entityId: user?.id,
      unitId: user?.unitId,
      ip,
      data: { email },
    });
    // The wait now in force is said with the refusal itself, not only on the next attempt.
    const rest = Math.ceil(attempt.restIfWrong / 1000);
    throw new Error(rest > 0 ? `${SIGN_IN_ERRORS.wrong}:${rest}` : SIGN_IN_ERRORS.wrong);
  }
  await attemptSucceeded(db(), email, keys);
  if (!user.active) {
    await recordAudit(db(), { action: "auth.signInInactive", entity: "User", entityId: user.id, unitId: user.unitId, ip });
    throw new Error(SIGN_IN_ERRORS.inactive);
  }
  await db().user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await recordAudit(db(), { actorId: user.id, action: "auth.signIn", entity: "User", entityId: user.id, unitId: user.unitId, ip });
  return { id: user.id, sv: user.sessionVersion };
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60, updateAge: 15 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        authorize: async (input, req) => {
          const user = await authorizeCredentials(input, clientIp(req?.headers as Headers));
          return { id: user.id, sv: user.sv };
        },
      }),
    ],
    events: {
      // Signing out ends the session on the server too: the old cookie, replayed, is refused.
      signOut: async ({ token }) => {
        if (token?.sub && typeof token.sv === "number") await endSessions(token.sub, token.sv);
      },
    },
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          // No default: a token without the account's session version never yields a viewer.
          const sv: unknown = (user as unknown as { sv?: unknown }).sv;
          if (typeof sv === "number") token.sv = sv;
        }
        return token;
      },
      session({ session, token }) {
        session.userId = token.sub;
        session.sv = token.sv;
        return session;
      },
    },
  };
}
