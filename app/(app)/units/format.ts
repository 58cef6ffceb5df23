import type { Locale } from "@/lib/i18n/messages";

/** A calendar date as officials write it (dd/mm/yyyy), in Vietnam's time zone. */
export function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "Asia/Ho_Chi_Minh",
  }).format(date);
}
