import Link from "next/link";
import type { Viewer } from "@/lib/auth/viewer";
import type { Translate } from "@/lib/i18n/messages";
import { unreadCount } from "@/lib/notifications/queries";

/**
 * The link to /notifications with the unread count, for the header (app/(app)/layout.tsx).
 * A server component: one count query per page.
 */
export async function NotificationBell({ viewer, t }: { viewer: Viewer; t: Translate }) {
  const count = await unreadCount(viewer);
  return (
    <Link href="/notifications" className="relative inline-flex items-center gap-1 rounded-md px-2 py-1 underline-offset-2 hover:underline" aria-label={t("notifications.bell", { count })}>
      <span aria-hidden="true">🔔</span>
      <span aria-hidden="true">{t("notifications.title")}</span>
      {count > 0 ? (
        <span aria-hidden="true" className="rounded-full bg-red-700 px-1.5 text-xs font-semibold text-white">
          {count}
        </span>
      ) : null}
    </Link>
  );
}
