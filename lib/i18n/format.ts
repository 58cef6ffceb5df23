import type { Locale } from "./messages";

/*
 * Vietnam time and the active language's formats: the one module for both (docs/decisions/063).
 * Instants are stored in UTC and shown in Vietnam's time, whatever the server's or the phone's own
 * zone. Vietnam has kept UTC+7 without daylight saving since 1975, so a Vietnamese wall-clock date
 * and time converts to UTC by a fixed offset: pure and testable. Numbers and dates follow the
 * page's language (vi: 1.234,5; en: 1,234.5); dates are day-first with a 24-hour clock in both.
 * Client- and server-safe: no server import.
 */

export const VN_TIME_ZONE = "Asia/Ho_Chi_Minh";
export const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

/** The BCP 47 tag for a language: vi-VN, or en-GB (day-first dates, as Vietnamese officials write them). */
export function localeTag(locale: Locale): string {
  return locale === "vi" ? "vi-VN" : "en-GB";
}

// ── Numbers ─────────────────────────────────────────────────────────────────────────────────

/** The language's number format, to format many numbers with one formatter. */
export function numberFormat(locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return new Intl.NumberFormat(localeTag(locale), options);
}

/** A number in the language's format: 1.234,5 in Vietnamese, 1,234.5 in English. */
export function formatNumber(value: number | bigint, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  return numberFormat(locale, options).format(value);
}

// ── Vietnamese dates and times ↔ UTC instants ─────────────────────────────────────────────

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A real calendar date "YYYY-MM-DD" between 2000 and 2100 (no 31 February). */
export function isLocalDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return y >= 2000 && y <= 2100 && probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** "HH:MM", 00:00–23:59. */
export function isLocalTime(text: string): boolean {
  return TIME.test(text);
}

/** The UTC instant of a Vietnamese wall-clock date and time; null for an invalid date or time. */
export function vnToUtc(date: string, time: string): Date | null {
  if (!isLocalDate(date) || !isLocalTime(time)) return null;
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  const [h, mi] = time.split(":").map(Number) as [number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi) - VN_OFFSET_MS);
}

/** The Vietnamese wall-clock date ("YYYY-MM-DD") and time ("HH:MM") of an instant. */
export function utcToVn(instant: Date): { date: string; time: string } {
  const iso = new Date(instant.getTime() + VN_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * The Vietnam wall-clock time of an instant as a zoneless date-time, for a spreadsheet cell (a cell
 * has no time zone: what it shows is what is written).
 */
export function vnWallClock(instant: Date): Date {
  return new Date(instant.getTime() + VN_OFFSET_MS);
}

/** Today's date in Vietnam, "YYYY-MM-DD". */
export function vnToday(now: Date = new Date()): string {
  return utcToVn(now).date;
}

/** The instant a Vietnamese calendar day begins (00:00 there); null for an invalid date. */
export function vnDayStart(date: string): Date | null {
  return vnToUtc(date, "00:00");
}

/**
 * The instant a Vietnamese calendar day is over: 00:00 of the next day there, an EXCLUSIVE end
 * (`at >= vnDayStart(d) && at < vnDayEnd(d)` is "on day d"); null for an invalid date.
 */
export function vnDayEnd(date: string): Date | null {
  const start = vnDayStart(date);
  return start && new Date(start.getTime() + DAY_MS);
}

// ── Showing instants ────────────────────────────────────────────────────────────────────────

const dateParts = { timeZone: VN_TIME_ZONE, day: "2-digit", month: "2-digit", year: "numeric" } as const;

/** "15/03/2027" in Vietnam's time. */
export function formatVnDate(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(localeTag(locale), dateParts).format(at);
}

/** "08:00" (or "08:00:05" with seconds) in Vietnam's time, 24-hour clock. */
export function formatVnTime(at: Date, locale: Locale, options: { seconds?: boolean } = {}): string {
  return new Intl.DateTimeFormat(localeTag(locale), {
    timeZone: VN_TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    ...(options.seconds ? { second: "2-digit" } : {}),
    hourCycle: "h23",
  }).format(at);
}

/** "15/03/2027 08:00" — date, then time — in Vietnam's time. */
export function formatVnDateTime(at: Date, locale: Locale, options: { seconds?: boolean } = {}): string {
  return `${formatVnDate(at, locale)} ${formatVnTime(at, locale, options)}`;
}

/** "Thứ Hai, 15/03/2027" / "Monday, 15/03/2027". */
export function formatVnWeekday(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(localeTag(locale), { ...dateParts, weekday: "long" }).format(at);
}

/** "15/03/2027 08:00–11:30" for a session within one day, else both ends in full. */
export function formatVnRange(startsAt: Date, endsAt: Date, locale: Locale): string {
  return utcToVn(startsAt).date === utcToVn(endsAt).date
    ? `${formatVnDate(startsAt, locale)} ${formatVnTime(startsAt, locale)}–${formatVnTime(endsAt, locale)}`
    : `${formatVnDateTime(startsAt, locale)} – ${formatVnDateTime(endsAt, locale)}`;
}
