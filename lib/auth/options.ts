import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ipFromForwardedFor } from "@/lib/http/client-ip";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clearFailures, recordFailure, throttleKeys, throttleWait } from "./throttle";

/** Codes the sign-in form turns into messages under the right field (app/(auth)/login). */
export const SIGN_IN_ERRORS = {
  required: "REQUIRED",
  wrong: "WRONG_CREDENTIALS",
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
  const raw = headers?.["x-forwarded-for"];
  return ipFromForwardedFor(Array.isArray(raw) ? raw.join(",") : raw);
}

export async function authorizeCredentials(
  input: Record<string, unknown> | undefined,
  ip: string | null,
): Promise<{ id: string; sv: number }> {
  const parsed = credentials.safeParse(input ?? {});
  if (!parsed.success) throw new Error(SIGN_IN_ERRORS.required);
  const { email, password } = parsed.data;
  const keys = throttleKeys(email, ip);

  const wait = await throttleWait(db(), keys);
  if (wait > 0) {
    await recordAudit(db(), { action: "auth.signInThrottled", entity: "User", ip, data: { email } });
    throw new Error(`${SIGN_IN_ERRORS.locked}:${Math.ceil(wait / 1000)}`);
  }

  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, active: true, sessionVersion: true, unitId: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok) {
    await recordFailure(db(), keys);
    await recordAudit(db(), {
      action: "auth.signInFailed",
      entity: "User",
      entityId: user?.id,
      unitId: user?.unitId,
      ip,
      data: { email },
    });
    throw new Error(SIGN_IN_ERRORS.wrong);
  }
  if (!user.active) {
    await recordAudit(db(), { action: "auth.signInInactive", entity: "User", entityId: user.id, unitId: user.unitId, ip });
    throw new Error(SIGN_IN_ERRORS.inactive);
  }
  await clearFailures(db(), email);
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
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as { sv?: number }).sv ?? 0;
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
