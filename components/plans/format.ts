import { formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/messages";

/** A whole amount of đồng: "1.500.000 đ" in Vietnamese, "1,500,000 VND" in English. Client- and server-safe. */
export function formatVnd(amount: bigint | number | string, locale: Locale): string {
  const value = typeof amount === "string" ? BigInt(amount) : amount;
  return locale === "vi" ? `${formatNumber(value, locale)} đ` : `${formatNumber(value, locale)} VND`;
}
