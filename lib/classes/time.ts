// Class times (docs/decisions/071-classes-and-nomination.md): people type a Vietnamese wall-clock
// date and time; the database stores UTC instants. Vietnam (Asia/Ho_Chi_Minh) is UTC+7 all year
// (no daylight saving since 1975), so the conversion is a fixed offset, pure and testable.

export const VN_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VN_OFFSET_MINUTES * 60_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A valid calendar date "YYYY-MM-DD" (no 31 February). */
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
  return new Date(Date.UTC(y, mo - 1, d, h, mi) - OFFSET_MS);
}

/** The Vietnamese wall-clock date ("YYYY-MM-DD") and time ("HH:MM") of an instant. */
export function utcToVn(instant: Date): { date: string; time: string } {
  const local = new Date(instant.getTime() + OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    date: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`,
  };
}

/** "dd/mm/yyyy" in Vietnam time, as Vietnamese documents write dates. */
export function formatVnDate(instant: Date): string {
  const { date } = utcToVn(instant);
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}

/** "HH:MM dd/mm/yyyy" in Vietnam time. */
export function formatVnDateTime(instant: Date): string {
  return `${utcToVn(instant).time} ${formatVnDate(instant)}`;
}

/** "08:00–11:30 dd/mm/yyyy" for a session on one day (else both ends in full). */
export function formatVnRange(startsAt: Date, endsAt: Date): string {
  const a = utcToVn(startsAt);
  const b = utcToVn(endsAt);
  return a.date === b.date ? `${a.time}–${b.time} ${formatVnDate(startsAt)}` : `${formatVnDateTime(startsAt)} – ${formatVnDateTime(endsAt)}`;
}

/** The start of a Vietnamese day (00:00) and the last millisecond of it (23:59:59.999), as UTC. */
export function vnDayStart(date: string): Date | null {
  return vnToUtc(date, "00:00");
}
export function vnDayEnd(date: string): Date | null {
  const start = vnToUtc(date, "00:00");
  return start && new Date(start.getTime() + 24 * 3_600_000 - 1);
}

export type Interval = { startsAt: Date; endsAt: Date };

/** Half-open intervals [start, end) overlap: a session ending at 11:00 does not clash with one starting at 11:00. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** A new class's enrolment window: from today to 30 days later, as Vietnamese dates. */
export function defaultWindow(now = new Date()): { opens: string; closes: string } {
  return { opens: utcToVn(now).date, closes: utcToVn(new Date(now.getTime() + 30 * 86_400_000)).date };
}
