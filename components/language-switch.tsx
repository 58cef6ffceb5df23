"use client";

import { useRef } from "react";
import { setLocale } from "@/app/actions/locale";
import { LOCALES, translator, type Locale } from "@/lib/i18n/messages";

/** Works without JavaScript (submit button); with it, switching is immediate. */
export function LanguageSwitch({ locale }: { locale: Locale }) {
  const t = translator(locale);
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={setLocale} className="flex items-center gap-2 text-sm">
      <label htmlFor="locale-select" className="sr-only">
        {t("lang.label")}
      </label>
      <select
        id="locale-select"
        name="locale"
        defaultValue={locale}
        onChange={() => form.current?.requestSubmit()}
        className="rounded border border-slate-400 bg-white px-2 py-1 text-slate-900"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="underline">
          OK
        </button>
      </noscript>
    </form>
  );
}
