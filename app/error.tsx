"use client";

import { useEffect } from "react";
import { translator, isLocale } from "@/lib/i18n/messages";

/** Last-resort error page; shows a generic message, never the error itself. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const lang = typeof document === "undefined" ? "vi" : document.documentElement.lang;
  const t = translator(isLocale(lang) ? lang : "vi");
  useEffect(() => {
    document.title = t("errors.errorTitle");
  }, [t]);
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">{t("errors.errorTitle")}</h1>
      <p className="mt-2 text-slate-700">{t("errors.generic")}</p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">
        {t("errors.retry")}
      </button>
    </main>
  );
}
