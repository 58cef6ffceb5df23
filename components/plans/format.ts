import type { Locale } from "@/lib/i18n/messages";

/** A whole amount of đồng: "1.500.000 đ" in Vietnamese, "1,500,000 VND" in English. Client- and server-safe. */
export function formatVnd(amount: bigint | number | string, locale: Locale): string {
  const value = typeof amount === "string" ? BigInt(amount) : amount;
  return locale === "vi" ? `${new Intl.NumberFormat("vi-VN").format(value)} đ` : `${new Intl.NumberFormat("en-GB").format(value)} VND`;
}

/** A count with the locale's thousands separator (1.234 in Vietnamese). */
export function formatCount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB").format(value);
}
