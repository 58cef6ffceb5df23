import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { safeReturnPath } from "@/lib/auth/return-path";
import { getViewer } from "@/lib/auth/session";
import { getLocale, getT } from "@/lib/i18n/server";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("login.title") };
}

type Props = { searchParams: Promise<{ done?: string | string[]; next?: string | string[] }> };

/** After an invitation or a reset the person lands here, told to sign in with the new password. */
const DONE = { invite: "accounts.invite.done", reset: "accounts.reset.done" } as const;

export default async function LoginPage({ searchParams }: Props) {
  const { done, next } = await searchParams;
  const back = safeReturnPath(next) ?? "/";
  if (await getViewer()) redirect(back);
  const doneKey = done === "invite" || done === "reset" ? DONE[done] : null;
  const locale = await getLocale();
  const t = await getT();
  return (
    <AuthCard
      locale={locale}
      t={t}
      title={t("login.title")}
      footer={
        <footer className="mt-6 text-center text-sm">
          <Link href="/privacy" className="text-brand-700 underline">
            {t("privacy.linkFromLogin")}
          </Link>
        </footer>
      }
    >
      <p className="mb-6 text-sm text-slate-600">{t("login.intro")}</p>
      {doneKey ? (
        <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t(doneKey)}
        </p>
      ) : null}
      <LoginForm locale={locale} next={back} />
      <Link href="/forgot-password" className="mt-4 inline-block text-sm font-semibold text-brand-700 underline">
        {t("accounts.forgot.link")}
      </Link>
    </AuthCard>
  );
}
