import { env } from "@/lib/env";
import { translator, type Locale } from "@/lib/i18n/messages";
import type { Viewer } from "@/lib/auth/viewer";
import { scheduleCalendar } from "./export";
import { feedOwnerByToken } from "./feed";
import { unsafeFeedOwnerSchedule, mySchedule } from "./queries";

/**
 * The address people reach the app at, for links inside calendar files and the feed URL:
 * NEXTAUTH_URL when configured (production), else the request's own origin (demo, tests).
 */
export function publicOrigin(request: Request): string {
  const configured = env().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  return new URL(request.url).origin;
}

export const ICS_CONTENT_TYPE = "text/calendar; charset=utf-8";

/** The viewer's own calendar (the .ics download). */
export async function myCalendar(viewer: Viewer, locale: Locale, origin: string, now: Date = new Date()): Promise<string> {
  return scheduleCalendar(await mySchedule(viewer, now), translator(locale), origin, now);
}

/**
 * The calendar of a feed token's owner, or null when the token is unknown (or its owner
 * disabled). Authorised by the token alone: a calendar app has no session. Always in Vietnamese,
 * the service's language (a calendar app sends no locale cookie).
 */
export async function feedCalendar(token: string, origin: string, now: Date = new Date()): Promise<string | null> {
  const owner = await feedOwnerByToken(token);
  if (!owner) return null;
  return scheduleCalendar(await unsafeFeedOwnerSchedule(owner, now), translator("vi"), origin, now);
}
