import { cookies, headers } from "next/headers";
import { cache } from "react";
import { DEFAULT_LOCALE, isLocale, translator, type Locale } from "./messages";

export const LOCALE_COOKIE = "locale";

/** The request's language: the cookie set by the language switch, else Vietnamese. */
export const getLocale = cache(async (): Promise<Locale> => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  // First visit: follow the browser only when it asks for English and not Vietnamese.
  const accept = (await headers()).get("accept-language") ?? "";
  if (/^en\b/i.test(accept) && !/\bvi\b/i.test(accept)) return "en";
  return DEFAULT_LOCALE;
});

export async function getT() {
  return translator(await getLocale());
}
