import type { Metadata } from "next";
import Link from "next/link";
import { QrPanel } from "@/components/attendance/qr-panel";
import { roster } from "@/lib/attendance/queries";
import { REFRESH_SECONDS } from "@/lib/attendance/token";
import { requireViewer } from "@/lib/auth/session";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { SessionHeading } from "../session-heading";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("attendance.qr.title") };
}

type Props = { params: Promise<{ id: string }> };

/** The session's check-in QR code on the trainer's screen, renewed every 20 seconds. */
export default async function QrPage({ params }: Props) {
  const viewer = await requireViewer();
  const id = idOr404((await params).id);
  const r = await orNotFound(roster(viewer, id));
  const t = await getT();
  const locale = await getLocale();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("attendance.qr.title")}</h1>
      <SessionHeading session={r.session} t={t} locale={locale} />
      <p className="text-slate-700">{t("attendance.qr.intro", { seconds: REFRESH_SECONDS })}</p>
      <QrPanel locale={locale} sessionId={id} refreshSeconds={REFRESH_SECONDS} />
      <Link href={`/sessions/${id}/attendance`} className="inline-block font-semibold text-brand-700 underline">
        {t("attendance.backToRoster")}
      </Link>
    </div>
  );
}
