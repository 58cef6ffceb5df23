import Link from "next/link";
import { AuthCard } from "@/components/auth-card";
import type { Locale, Translate } from "@/lib/i18n/messages";

/** What an unusable invitation or reset link shows: one message for every reason (unknown, used, expired). */
export function InvalidLink({ locale, t }: { locale: Locale; t: Translate }) {
  return (
    <AuthCard locale={locale} t={t} title={t("accounts.link.invalidTitle")}>
      <p role="alert" className="mt-3 text-slate-800">
        {t("accounts.link.invalid")}
      </p>
      <p className="mt-2 text-sm text-slate-700">{t("accounts.link.invalidHelp")}</p>
      <div className="mt-6 flex flex-wrap gap-4">
        <Link href="/forgot-password" className="font-semibold text-brand-700 underline">
          {t("accounts.forgot.link")}
        </Link>
        <Link href="/login" className="font-semibold text-brand-700 underline">
          {t("accounts.backToLogin")}
        </Link>
      </div>
    </AuthCard>
  );
}
