import type { Metadata } from "next";
import Link from "next/link";
import { ownAttendance } from "@/lib/attendance/queries";
import { requireViewer } from "@/lib/auth/session";
import { formatVnTime, formatVnWeekday } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404 } from "@/lib/pages";
import { confirmCheckInAction } from "./actions";
import { ConfirmCheckInForm } from "./confirm-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("attendance.checkIn.title") };
}

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ sessionId: string }>; searchParams: Promise<{ t?: string | string[]; done?: string }> };

/**
 * Where a learner's phone lands after scanning the session's QR code (docs/decisions/072). Opening
 * the link changes nothing (no state change on GET, docs/decisions/052): the page asks the learner
 * to confirm, the confirmation is a POST (a server action) that records the check-in and comes back
 * here with `done`, where the learner's own record is read and shown. A signed-out learner signs
 * in first and is brought back to this page, code included.
 */
export default async function CheckInPage({ params, searchParams }: Props) {
  const viewer = await requireViewer();
  const sessionId = idOr404((await params).sessionId);
  const query = await searchParams;
  const token = (Array.isArray(query.t) ? query.t[0] : query.t) ?? "";
  const t = await getT();
  const locale = await getLocale();
  const record = query.done ? await ownAttendance(viewer, sessionId) : null;

  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold">
        {record ? t("attendance.checkIn.done") : token ? t("attendance.checkIn.title") : t("attendance.checkIn.failed")}
      </h1>
      {record ? (
        <div role="status" className="space-y-2 rounded-lg border border-green-300 bg-green-50 p-4 text-green-900" data-testid="checkin-result" data-status={record.status}>
          <p className="text-lg font-semibold">{t("attendance.checkIn.doneStatus", { status: t(`attendance.status.${record.status}`) })}</p>
          <p className="[overflow-wrap:anywhere]">{record.session.classTitle}</p>
          <p>
            {t("attendance.sessionTime", {
              date: formatVnWeekday(record.session.startsAt, locale),
              start: formatVnTime(record.session.startsAt, locale),
              end: formatVnTime(record.session.endsAt, locale),
            })}
          </p>
        </div>
      ) : token ? (
        <>
          <p>{t("attendance.checkIn.confirmIntro")}</p>
          <ConfirmCheckInForm locale={locale} sessionId={sessionId} token={token} action={confirmCheckInAction} />
        </>
      ) : (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-900" data-testid="checkin-error">
          {t("attendance.checkIn.missing")}
        </p>
      )}
      <Link href="/schedule" className="inline-block font-semibold text-brand-700 underline">
        {t("attendance.checkIn.toSchedule")}
      </Link>
    </div>
  );
}
