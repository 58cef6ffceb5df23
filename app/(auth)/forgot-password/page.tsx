import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth-card";
import { getLocale, getT } from "@/lib/i18n/server";
import { ForgotForm } from "./forgot-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("accounts.forgot.title") };
}

export default async function ForgotPasswordPage() {
  const locale = await getLocale();
  const t = await getT();
  return (
    <AuthCard locale={locale} t={t} title={t("accounts.forgot.title")}>
      <p className="mb-6 text-sm text-slate-600">{t("accounts.forgot.intro")}</p>
      <ForgotForm locale={locale} />
      <Link href="/login" className="mt-6 inline-block text-sm font-semibold text-brand-700 underline">
        {t("accounts.backToLogin")}
      </Link>
    </AuthCard>
  );
}
