import Link from "next/link";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/language-switch";
import { SignOutButton } from "@/components/sign-out-button";
import type { Locale, Translate } from "@/lib/i18n/messages";

type Props = {
  locale: Locale;
  t: Translate;
  /** The signed-in person's name. */
  fullName: string;
  /** The app's name links home, except where home is not reachable yet (a forced password change). */
  homeLink?: boolean;
  /** In the bar, before the language switch (the notifications link). */
  extra?: ReactNode;
  /** Below the bar, inside the header: the main navigation. */
  children?: ReactNode;
};

/** The top bar of the signed-in pages: the app's name, who is signed in, the language switch and sign-out. */
export function AppHeader({ locale, t, fullName, homeLink = true, extra, children }: Props) {
  return (
    <header className="bg-brand-700 text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        {homeLink ? (
          <Link href="/" className="text-lg font-semibold">
            {t("app.name")}
          </Link>
        ) : (
          <span className="text-lg font-semibold">{t("app.name")}</span>
        )}
        <div className="flex items-center gap-3">
          <span className="hidden text-sm sm:inline" data-testid="viewer-name">
            {fullName}
          </span>
          {extra}
          <LanguageSwitch locale={locale} />
          <SignOutButton label={t("nav.signOut")} />
        </div>
      </div>
      {children}
    </header>
  );
}
