import { formatNumber, utcToVn } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/messages";

// How setup values are shown in forms and pages (server and client alike). Pure.

/** A stored instant as a datetime-local value in Vietnam's time ("" when none). */
export function vnInputValue(at: Date | string | null): string {
  if (!at) return "";
  const { date, time } = utcToVn(new Date(at));
  return `${date}T${time}`;
}

/** A mark or a percentage as the language writes it, without grouping: "2,5". */
export function decimalText(value: number | null, locale: Locale): string {
  return value === null ? "" : formatNumber(value, locale, { useGrouping: false, maximumFractionDigits: 2 });
}
