import type { Translate } from "@/lib/i18n/messages";
import { buildCalendar, type IcsEvent } from "./ics";
import type { ScheduleEntry } from "./queries";

/** The UID of a session's event: stable, so every change replaces the same event. */
export const eventUid = (sessionId: string) => `${sessionId}@taphuan`;

/** One session as a calendar event (times as instants; the writer puts them in Vietnam time). */
export function sessionEvent(entry: ScheduleEntry, t: Translate, origin: string): IcsEvent {
  const cancelled = entry.class.status === "CANCELLED";
  const where = entry.place.trim() || entry.onlineUrl || null;
  const description = [
    t("schedule.ics.class", { code: entry.class.code }),
    entry.trainerName ? t("schedule.ics.trainer", { name: entry.trainerName }) : null,
    entry.place.trim() && entry.onlineUrl ? t("schedule.ics.online", { url: entry.onlineUrl }) : null,
    cancelled ? t("schedule.ics.cancelled", { reason: entry.class.cancelReason ?? "" }).trim() : null,
  ]
    .filter(Boolean)
    .join("\n");
  return {
    uid: eventUid(entry.id),
    start: entry.startsAt,
    end: entry.endsAt,
    summary: cancelled ? t("schedule.ics.cancelledSummary", { title: entry.class.title }) : entry.class.title,
    location: where,
    description,
    url: `${origin}/schedule#session-${entry.id}`,
    cancelled,
    updatedAt: entry.updatedAt,
    createdAt: entry.createdAt,
  };
}

/** The whole calendar of one person's sessions. */
export function scheduleCalendar(entries: readonly ScheduleEntry[], t: Translate, origin: string, now: Date): string {
  return buildCalendar({ name: t("schedule.ics.name"), events: entries.map((e) => sessionEvent(e, t, origin)), now });
}
