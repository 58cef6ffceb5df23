import type { Metadata } from "next";
import Link from "next/link";
import { formatVnDateTime, formatVnTime, formatVnWeekday, utcToVn } from "@/lib/i18n/format";
import { FeedPanel } from "@/components/calendar/feed-panel";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { myFeed } from "@/lib/calendar/feed";
import { mySchedule, type ScheduleEntry } from "@/lib/calendar/queries";
import type { Locale, Translate } from "@/lib/i18n/messages";
import { getLocale, getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("schedule.title") };
}

export const dynamic = "force-dynamic";

/** Entries grouped by their day in Vietnam, in order. */
function byDay(entries: ScheduleEntry[]): [string, ScheduleEntry[]][] {
  const groups = new Map<string, ScheduleEntry[]>();
  for (const e of entries) {
    const key = utcToVn(e.startsAt).date;
    const list = groups.get(key) ?? [];
    list.push(e);
    groups.set(key, list);
  }
  return [...groups];
}

function Days({ id, entries, t, locale, empty }: { id: string; entries: ScheduleEntry[]; t: Translate; locale: Locale; empty: string }) {
  if (entries.length === 0) return <p className="mt-2 text-slate-700">{empty}</p>;
  return (
    <div className="mt-2 space-y-4" data-testid={`schedule-${id}`}>
      {byDay(entries).map(([day, list]) => (
        <div key={day}>
          <h3 className="text-base font-semibold text-slate-900">{formatVnWeekday(list[0]!.startsAt, locale)}</h3>
          <ul className="mt-1 space-y-2">
            {list.map((e) => {
              const cancelled = e.class.status === "CANCELLED";
              return (
                <li key={e.id} id={`session-${e.id}`} className="rounded-md border border-slate-200 p-3" data-testid="schedule-entry">
                  <p className="font-semibold [overflow-wrap:anywhere]">
                    <span className={cancelled ? "line-through" : undefined}>
                      {formatVnTime(e.startsAt, locale)}–{formatVnTime(e.endsAt, locale)} · {e.class.title}
                    </span>
                  </p>
                  <p className="flex flex-wrap gap-2 text-sm">
                    <span className="rounded bg-slate-100 px-2 py-0.5 font-semibold text-slate-800">{e.role === "trainer" ? t("schedule.roleTrainer") : t("schedule.roleLearner")}</span>
                    {e.enrolmentStatus === "PENDING" && e.role === "learner" ? <span className="rounded bg-amber-100 px-2 py-0.5 font-semibold text-amber-900">{t("schedule.pending")}</span> : null}
                    {cancelled ? <span className="rounded bg-red-100 px-2 py-0.5 font-semibold text-red-900">{t("schedule.cancelled")}</span> : null}
                  </p>
                  {e.place ? <p className="text-sm text-slate-700 [overflow-wrap:anywhere]">{t("attendance.place", { place: e.place })}</p> : null}
                  {e.trainerName && e.role === "learner" ? <p className="text-sm text-slate-700">{t("schedule.trainer", { name: e.trainerName })}</p> : null}
                  <div className="mt-1 flex flex-wrap gap-3 text-sm">
                    {e.onlineUrl && !cancelled ? (
                      <a href={e.onlineUrl} className="font-semibold text-brand-700 underline" rel="noopener noreferrer" target="_blank">
                        {t("schedule.onlineLink")}
                      </a>
                    ) : null}
                    {e.role === "trainer" ? (
                      <Link href={`/sessions/${e.id}/attendance`} className="font-semibold text-brand-700 underline">
                        {t("schedule.takeAttendance")}
                      </Link>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </div>
  );
}

/** "Lịch của tôi": one's sessions as trainer or learner, in Vietnam time, and the calendar exports. */
export default async function SchedulePage() {
  const viewer = await requireViewer();
  const t = await getT();
  const locale = await getLocale();
  const now = new Date();
  const [entries, feed] = await Promise.all([mySchedule(viewer, now), myFeed(viewer)]);
  const upcoming = entries.filter((e) => e.endsAt >= now);
  const past = entries.filter((e) => e.endsAt < now).reverse();

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("schedule.title")}</h1>
        <p className="text-slate-700">{t("schedule.intro")}</p>
      </div>
      <Section id="upcoming" title={t("schedule.upcoming")}>
        <Days id="upcoming" entries={upcoming} t={t} locale={locale} empty={t("schedule.noneUpcoming")} />
      </Section>
      <Section id="calendar" title={t("schedule.calendarHeading")}>
        <p className="mt-2 text-slate-700">{t("schedule.calendarIntro")}</p>
        <a href="/api/schedule.ics" download className="mt-3 inline-flex min-h-11 items-center rounded-md border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50">
          {t("schedule.download")}
        </a>
        <FeedPanel locale={locale} hasFeed={feed !== null} createdLabel={feed ? formatVnDateTime(feed.createdAt, locale) : null} />
      </Section>
      <Section id="past" title={t("schedule.past")}>
        <Days id="past" entries={past} t={t} locale={locale} empty={t("schedule.nonePast")} />
      </Section>
    </div>
  );
}
