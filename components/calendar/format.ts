import type { Locale } from "@/lib/i18n/messages";

// Times are instants in the database and shown in Vietnam time, whatever the server's or the
// phone's own zone (docs/decisions/072-attendance-and-calendar.md).
export const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";

const tag = (locale: Locale) => (locale === "vi" ? "vi-VN" : "en-GB");

/** "Thứ Hai, 15/03/2026" */
export function formatDay(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { timeZone: VIETNAM_TIME_ZONE, weekday: "long", day: "2-digit", month: "2-digit", year: "numeric" }).format(date);
}

/** "08:00" */
export function formatTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { timeZone: VIETNAM_TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
}

/** "15/03/2026 08:00" */
export function formatDateTime(date: Date, locale: Locale): string {
  return `${new Intl.DateTimeFormat(tag(locale), { timeZone: VIETNAM_TIME_ZONE, day: "2-digit", month: "2-digit", year: "numeric" }).format(date)} ${formatTime(date, locale)}`;
}

/** The calendar day in Vietnam, "2026-03-15", for grouping. */
export function vietnamDayKey(date: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: VIETNAM_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}
