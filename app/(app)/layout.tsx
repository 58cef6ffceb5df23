import Link from "next/link";
import type { ReactNode } from "react";
import { AnnouncerProvider } from "@/components/announcer";
import { AppHeader } from "@/components/app-header";
import { NotificationBell } from "@/components/classes/notification-bell";
import { requireViewer } from "@/lib/auth/session";
import { hasAnywhere } from "@/lib/auth/viewer";
import { getLocale, getT } from "@/lib/i18n/server";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const locale = await getLocale();
  const t = await getT();
  const nav = [
    { href: "/", label: t("nav.home") },
    ...(["learn", "course:read", "course:create"] as const).some((p) => hasAnywhere(viewer, p))
      ? [{ href: "/courses", label: t("nav.courses") }]
      : [],
    // Question banks: unit banks need course:read; course banks belong to courses one manages or teaches.
    ...(["course:read", "course:create", "teach"] as const).some((p) => hasAnywhere(viewer, p))
      ? [{ href: "/banks", label: t("banks.nav") }]
      : [],
    ...(hasAnywhere(viewer, "learn") || hasAnywhere(viewer, "teach") ? [{ href: "/schedule", label: t("schedule.title") }] : []),
    ...(["class:manage", "class:nominate", "learn", "teach"] as const).some((p) => hasAnywhere(viewer, p))
      ? [{ href: "/classes", label: t("classes.nav") }]
      : [],
    ...(hasAnywhere(viewer, "plan:read") ? [{ href: "/plans", label: t("nav.plans") }] : []),
    ...(hasAnywhere(viewer, "unit:read") ? [{ href: "/units", label: t("nav.units") }] : []),
    ...(hasAnywhere(viewer, "person:read") ? [{ href: "/people", label: t("nav.people") }] : []),
    ...(hasAnywhere(viewer, "audit:read") ? [{ href: "/audit", label: t("nav.audit") }] : []),
    ...(hasAnywhere(viewer, "outbox:read") ? [{ href: "/outbox", label: t("nav.outbox") }] : []),
    { href: "/profile", label: t("nav.profile") },
  ];
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-white focus:p-2">
        {t("app.skip")}
      </a>
      <AppHeader locale={locale} t={t} fullName={viewer.fullName} extra={<NotificationBell viewer={viewer} t={t} />}>
        <nav aria-label={t("nav.main")} className="bg-brand-800">
          <ul className="mx-auto flex max-w-5xl gap-1 overflow-x-auto px-2">
            {nav.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="block px-3 py-2 text-sm font-semibold text-white hover:bg-brand-600">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </AppHeader>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        <AnnouncerProvider closeLabel={t("announcer.close")}>{children}</AnnouncerProvider>
      </main>
    </>
  );
}
