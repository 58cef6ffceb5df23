import { formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/messages";

/** "1,5 MB" / "1.5 MB": a file size for a download link. */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${formatNumber(value, locale, { maximumFractionDigits: digits })} ${units[unit]}`;
}

/** "1:05" or "1:02:03": a media position. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** PDF is shown in the page; every other document is downloaded. */
export function isPdf(mimeType: string): boolean {
  return mimeType === "application/pdf";
}
