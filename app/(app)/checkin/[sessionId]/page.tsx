import type { Metadata } from "next";
import Link from "next/link";
import { formatVnTime, formatVnWeekday } from "@/lib/i18n/format";
import { checkIn, type CheckInResult } from "@/lib/attendance/commands";
import { requireViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { MessageKey } from "@/lib/i18n/messages";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404 } from "@/lib/pages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("attendance.checkIn.title") };
}

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ sessionId: string }>; searchParams: Promise<{ t?: string | string[] }> };

/**
 * Where a learner's phone lands after scanning the session's QR code. Opening the page is the
 * check-in (docs/decisions/072): the code is short-lived, shown only in the room and the check-in
 * idempotent, so unlike e-mailed links (docs/decisions/020) there is no second tap to ask for.
 */
export default async function CheckInPage({ params, searchParams }: Props) {
  const viewer = await requireViewer();
  const sessionId = idOr404((await params).sessionId);
  const raw = (await searchParams).t;
  const token = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  const t = await getT();
  const locale = await getLocale();

  let result: CheckInResult | null = null;
  let error: MessageKey | null = token ? null : "attendance.checkIn.missing";
  if (token) {
    try {
      result = await checkIn(viewer, sessionId, token);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      error = e.code === "NOT_FOUND" ? "attendance.checkIn.invalid" : e.messageKey;
    }
  }

  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold">{result ? t("attendance.checkIn.done") : t("attendance.checkIn.failed")}</h1>
      {result ? (
        <div role="status" className="space-y-2 rounded-lg border border-green-300 bg-green-50 p-4 text-green-900" data-testid="checkin-result" data-status={result.status}>
          <p className="text-lg font-semibold">
            {t(result.already ? "attendance.checkIn.already" : "attendance.checkIn.doneStatus", { status: t(`attendance.status.${result.status}`) })}
          </p>
          <p className="[overflow-wrap:anywhere]">{result.session.classTitle}</p>
          <p>
            {t("attendance.sessionTime", {
              date: formatVnWeekday(result.session.startsAt, locale),
              start: formatVnTime(result.session.startsAt, locale),
              end: formatVnTime(result.session.endsAt, locale),
            })}
          </p>
        </div>
      ) : (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-900" data-testid="checkin-error">
          {t(error ?? "attendance.checkIn.invalid")}
        </p>
      )}
      <Link href="/schedule" className="inline-block font-semibold text-brand-700 underline">
        {t("attendance.checkIn.toSchedule")}
      </Link>
    </div>
  );
}
