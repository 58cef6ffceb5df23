import { cookies } from "next/headers";
import { cache } from "react";
import { DEFAULT_LOCALE, isLocale, translator, type Locale } from "./messages";

export const LOCALE_COOKIE = "locale";

/**
 * The request's language: the cookie set by the language switch, else Vietnamese. The browser's
 * Accept-Language is ignored on purpose: many officials' phones run in English, yet they expect
 * a Vietnamese government service in Vietnamese (docs/decisions/005).
 */
export const getLocale = cache(async (): Promise<Locale> => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
});

export async function getT() {
  return translator(await getLocale());
}
