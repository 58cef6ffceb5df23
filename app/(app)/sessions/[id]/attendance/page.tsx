import type { Metadata } from "next";
import Link from "next/link";
import { RosterForm } from "@/components/attendance/roster-form";
import { roster } from "@/lib/attendance/queries";
import { checkInOpen } from "@/lib/attendance/rules";
import { requireViewer } from "@/lib/auth/session";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { markAttendanceAction } from "./actions";
import { SessionHeading } from "./session-heading";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("attendance.title") };
}

type Props = { params: Promise<{ id: string }> };

/** The trainer's roster for one session (docs/decisions/072-attendance-and-calendar.md). */
export default async function AttendancePage({ params }: Props) {
  const viewer = await requireViewer();
  const id = idOr404((await params).id);
  const r = await orNotFound(roster(viewer, id));
  const t = await getT();
  const locale = await getLocale();
  const cancelled = r.session.class.status === "CANCELLED";
  const running = !cancelled && checkInOpen(r.session, new Date());

  return (
    <div className="space-y-5">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("attendance.title")}</h1>
        <SessionHeading session={r.session} t={t} locale={locale} />
        {cancelled ? (
          <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
            {t("attendance.classCancelledNote")}
          </p>
        ) : null}
      </div>
      {running ? (
        <Link href={`/sessions/${id}/attendance/qr`} className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          {t("attendance.showQr")}
        </Link>
      ) : null}
      <section aria-labelledby="roster-heading" className="space-y-3">
        <h2 id="roster-heading" className="text-lg font-semibold">
          {t("attendance.counts")} · {t("attendance.countsLine", { count: r.learners.length })}
        </h2>
        {r.learners.length === 0 ? (
          <p className="text-slate-700">{t("attendance.none")}</p>
        ) : (
          <RosterForm
            locale={locale}
            action={markAttendanceAction}
            sessionId={id}
            disabled={cancelled}
            rows={r.learners.map((l) => ({ userId: l.userId, fullName: l.fullName, unitName: l.unitName, status: l.status, viaQr: l.method === "QR" }))}
          />
        )}
      </section>
    </div>
  );
}
