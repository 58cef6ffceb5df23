import Link from "next/link";
import { formatVnTime, formatVnWeekday } from "@/lib/i18n/format";
import type { AttendanceSession } from "@/lib/attendance/access";
import type { Locale, Translate } from "@/lib/i18n/messages";

/** The class and the session's time and place, under the page's h1. */
export function SessionHeading({ session, t, locale }: { session: AttendanceSession; t: Translate; locale: Locale }) {
  return (
    <div className="space-y-1 text-slate-700">
      <p className="font-semibold text-slate-900 [overflow-wrap:anywhere]">
        <Link href={`/classes/${session.class.id}`} className="text-brand-700 underline">
          {session.class.title}
        </Link>{" "}
        <span className="font-normal text-slate-600">({session.class.code})</span>
      </p>
      <p>{t("attendance.sessionTime", { date: formatVnWeekday(session.startsAt, locale), start: formatVnTime(session.startsAt, locale), end: formatVnTime(session.endsAt, locale) })}</p>
      {session.place ? <p className="[overflow-wrap:anywhere]">{t("attendance.place", { place: session.place })}</p> : session.onlineUrl ? <p>{t("attendance.online")}</p> : null}
    </div>
  );
}
