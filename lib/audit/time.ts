/**
 * Times in the log are stored in UTC (ASVS 16.2.2) and shown in Vietnam's time. Vietnam has kept
 * UTC+7 without daylight saving since 1975, so a calendar day there is a fixed UTC interval.
 */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";
const OFFSET = "+07:00";
const DAY_MS = 24 * 60 * 60_000;

/** "2026-03-02" → true when it is a real calendar date. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The UTC instant at which a calendar day begins in Vietnam. */
export function vnDayStart(date: string): Date {
  return new Date(`${date}T00:00:00${OFFSET}`);
}

/** The UTC instant at which a calendar day in Vietnam is over (exclusive end of a "to" date). */
export function vnDayEnd(date: string): Date {
  return new Date(vnDayStart(date).getTime() + DAY_MS);
}

/** { date: "28/11/2026", time: "12:15:14" } in Vietnam's time (day first, 24-hour clock, in both languages). */
export function vnDateTimeParts(at: Date, locale: "vi" | "en"): { date: string; time: string } {
  const tag = locale === "vi" ? "vi-VN" : "en-GB";
  const date = new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, day: "2-digit", month: "2-digit", year: "numeric" }).format(at);
  const time = new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(at);
  return { date, time };
}

/** "28/11/2026 12:15:14" in Vietnam's time. */
export function formatVnDateTime(at: Date, locale: "vi" | "en"): string {
  const { date, time } = vnDateTimeParts(at, locale);
  return `${date} ${time}`;
}

/** Today's date in Vietnam, "YYYY-MM-DD". */
export function vnToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 60 * 60_000).toISOString().slice(0, 10);
}
