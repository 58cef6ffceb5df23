import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/language-switch";
import type { Locale, Translate } from "@/lib/i18n/messages";

type Props = {
  locale: Locale;
  t: Translate;
  title: string;
  children: ReactNode;
  /** Below the card (e.g. the sign-in page's link to the privacy notice). */
  footer?: ReactNode;
};

/** The frame of the signed-out pages: the app's name, the language switch and one card. */
export function AuthCard({ locale, t, title, children, footer }: Props) {
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
        <h1 className="mb-1 text-2xl font-semibold">{title}</h1>
        {children}
      </div>
      {footer}
    </main>
  );
}
