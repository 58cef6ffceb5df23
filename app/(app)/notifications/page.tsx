import type { Metadata } from "next";
import Link from "next/link";
import { ButtonForm } from "@/components/classes/class-forms";
import { requireViewer } from "@/lib/auth/session";
import { formatVnDateTime } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { listMyNotifications, unreadCount } from "@/lib/notifications/queries";
import { markReadAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("notifications.title") };
}

export default async function NotificationsPage() {
  const viewer = await requireViewer();
  const t = await getT();
  const locale = await getLocale();
  const [items, unread] = await Promise.all([listMyNotifications(viewer), unreadCount(viewer)]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("notifications.title")}</h1>
      {unread > 0 ? <ButtonForm locale={locale} action={markReadAction} fields={{ id: "" }} label={t("notifications.markAllRead")} /> : null}
      {items.length === 0 ? (
        <p className="text-slate-700">{t("notifications.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {items.map((n) => (
            <li key={n.id} className={`space-y-1 p-4 ${n.readAt ? "" : "bg-brand-50"}`}>
              <h2 className="font-semibold">
                {n.readAt ? null : <span className="mr-2 rounded bg-brand-700 px-1.5 py-0.5 text-xs text-white">{t("notifications.unread")}</span>}
                {n.title}
              </h2>
              <p className="text-sm text-slate-700">{formatVnDateTime(n.createdAt, locale)}</p>
              <p>{n.body}</p>
              <div className="flex flex-wrap items-center gap-3">
                {n.link ? (
                  <Link href={n.link} className="text-brand-700 underline">
                    {t("notifications.open")}
                  </Link>
                ) : null}
                {n.readAt ? null : <ButtonForm locale={locale} action={markReadAction} fields={{ id: n.id }} label={t("notifications.markRead")} />}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
