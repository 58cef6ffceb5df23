import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LanguageSwitch } from "@/components/language-switch";
import { getViewer } from "@/lib/auth/session";
import { getLocale, getT } from "@/lib/i18n/server";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("login.title") };
}

export default async function LoginPage() {
  if (await getViewer()) redirect("/");
  const locale = await getLocale();
  const t = await getT();
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-10">
      <div className="mb-6 flex items-start justify-between gap-4">
        <div>
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t("app.name")}</p>
          <p className="text-sm text-slate-600">{t("app.tagline")}</p>
        </div>
        <LanguageSwitch locale={locale} />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-1 text-2xl font-semibold">{t("login.title")}</h1>
        <p className="mb-6 text-sm text-slate-600">{t("login.intro")}</p>
        <LoginForm locale={locale} />
      </div>
    </main>
  );
}
