import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/language-switch";
import { getViewer } from "@/lib/auth/session";
import type { MessageKey } from "@/lib/i18n/messages";
import { getLocale, getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("privacy.title") };
}

/** The notice, readable without signing in (linked from the sign-in page); a signed-in person can download their data here. */
export default async function PrivacyNoticePage() {
  const t = await getT();
  const locale = await getLocale();
  const viewer = await getViewer();
  const list = (keys: MessageKey[]) => (
    <ul className="mt-2 list-disc space-y-1 pl-5">
      {keys.map((k) => (
        <li key={k}>{t(k)}</li>
      ))}
    </ul>
  );
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t("app.name")}</p>
          <Link href={viewer ? "/" : "/login"} className="text-sm text-brand-700 underline">
            ← {viewer ? t("privacy.backHome") : t("privacy.backLogin")}
          </Link>
        </div>
        <LanguageSwitch locale={locale} />
      </div>
      <div>
        <h1 className="text-2xl font-semibold">{t("privacy.title")}</h1>
        <p className="mt-2 text-slate-700">{t("privacy.intro")}</p>
      </div>

      <Part id="download" title={t("privacy.download.title")}>
        <p>{t("privacy.download.body")}</p>
        {viewer && !viewer.mustChangePassword ? (
          <form method="post" action="/api/me/data" className="mt-3">
            <button type="submit" className="inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
              {t("privacy.download.link")}
            </button>
          </form>
        ) : (
          <Link href="/login" className="mt-3 inline-block font-semibold text-brand-700 underline">
            {t("privacy.download.signIn")}
          </Link>
        )}
      </Part>
      <Part id="controller" title={t("privacy.controller.title")}>
        <p>{t("privacy.controller.body")}</p>
      </Part>
      <Part id="data" title={t("privacy.data.title")}>
        {list(["privacy.data.identity", "privacy.data.work", "privacy.data.training", "privacy.data.security", "privacy.data.password"])}
      </Part>
      <Part id="purpose" title={t("privacy.purpose.title")}>
        <p>{t("privacy.purpose.body")}</p>
      </Part>
      <Part id="basis" title={t("privacy.basis.title")}>
        <p>{t("privacy.basis.body")}</p>
      </Part>
      <Part id="access" title={t("privacy.access.title")}>
        {list(["privacy.access.you", "privacy.access.unitAdmins", "privacy.access.province", "privacy.access.trainers", "privacy.access.public", "privacy.access.noOne"])}
      </Part>
      <Part id="retention" title={t("privacy.retention.title")}>
        {list(["privacy.retention.account", "privacy.retention.departed", "privacy.retention.log"])}
      </Part>
      <Part id="rights" title={t("privacy.rights.title")}>
        {list(["privacy.rights.know", "privacy.rights.access", "privacy.rights.correct", "privacy.rights.delete", "privacy.rights.object"])}
      </Part>
    </main>
  );
}

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white p-5 text-slate-800">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-2">{children}</div>
    </section>
  );
}
