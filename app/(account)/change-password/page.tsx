import type { Metadata } from "next";
import Link from "next/link";
import { AppHeader } from "@/components/app-header";
import { PasswordForm } from "@/components/password-form";
import { requireViewerForPasswordChange } from "@/lib/auth/session";
import { getLocale, getT } from "@/lib/i18n/server";
import { changePasswordAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("accounts.change.title") };
}

/**
 * Outside the (app) layout on purpose: that layout sends a viewer who must change their password
 * here, so this page cannot sit under it; and until the change nothing else is reachable anyway.
 */
export default async function ChangePasswordPage() {
  const viewer = await requireViewerForPasswordChange();
  const locale = await getLocale();
  const t = await getT();
  return (
    <>
      <AppHeader locale={locale} t={t} fullName={viewer.fullName} homeLink={!viewer.mustChangePassword} />
      <main id="main" className="mx-auto max-w-xl space-y-4 px-4 py-6">
        {viewer.mustChangePassword ? null : (
          <Link href="/profile" className="text-sm text-brand-700 underline">
            ← {t("nav.profile")}
          </Link>
        )}
        <h1 className="text-2xl font-semibold">{t("accounts.change.title")}</h1>
        {viewer.mustChangePassword ? (
          <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
            {t("accounts.change.forced")}
          </p>
        ) : null}
        <p className="text-slate-700">{t("accounts.change.intro")}</p>
        <div className="rounded-lg border border-slate-200 bg-white p-5">
          <PasswordForm locale={locale} action={changePasswordAction} email={viewer.email} askCurrent submitLabel={t("accounts.change.submit")} />
        </div>
      </main>
    </>
  );
}
