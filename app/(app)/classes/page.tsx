import type { Metadata } from "next";
import Link from "next/link";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { hasAnywhere } from "@/lib/auth/viewer";
import { listManagedClasses, listMyClasses, listNominatableClasses, listTaughtClasses, type ClassRow, type MyClassRow } from "@/lib/classes/queries";
import { formatVnDate, formatVnDateTime } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/messages";
import { getLocale, getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("classes.listTitle") };
}

function ClassList({ rows, t, locale, empty }: { rows: (ClassRow | MyClassRow)[]; t: Translate; locale: Locale; empty: string }) {
  if (rows.length === 0) return <p className="mt-2 text-slate-700">{empty}</p>;
  return (
    <ul className="mt-3 divide-y divide-slate-200">
      {rows.map((c) => (
        <li key={c.id} className="py-3">
          <Link href={`/classes/${c.id}`} className="font-semibold text-brand-700 underline">
            {c.title}
          </Link>
          <p className="text-sm text-slate-700">
            {c.code} · {c.courseTitle} · {t(`classes.mode.${c.mode}`)} · {t("classes.seats", { taken: c.taken, capacity: c.capacity })}
            {c.status === "CANCELLED" ? ` · ${t("classes.status.CANCELLED")}` : ""}
          </p>
          <p className="text-sm text-slate-700">
            {c.firstSessionAt ? t("classes.firstSession", { when: formatVnDateTime(c.firstSessionAt, locale) }) : t("classes.noSessionsYet")} ·{" "}
            {t("classes.enrolWindow", { opens: formatVnDate(c.enrolOpensAt, locale), closes: formatVnDate(c.enrolClosesAt, locale) })}
          </p>
          {"myStatus" in c && c.myStatus ? <p className="text-sm font-medium">{t("classes.myStatus", { status: t(`classes.enrolment.${c.myStatus}`) })}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export default async function ClassesPage() {
  const viewer = await requireViewer();
  const t = await getT();
  const locale = await getLocale();
  const [managed, nominatable, taught, mine] = await Promise.all([
    listManagedClasses(viewer),
    listNominatableClasses(viewer),
    listTaughtClasses(viewer),
    listMyClasses(viewer),
  ]);
  const manages = hasAnywhere(viewer, "class:manage");
  const nominates = hasAnywhere(viewer, "class:nominate") && !manages;
  // A trainer's sessions may be given them after the role is gone: the list shows whenever it has rows.
  const teaches = hasAnywhere(viewer, "teach") || taught.length > 0;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("classes.listTitle")}</h1>
      {manages ? (
        <Section id="managed" title={t("classes.managedHeading")}>
          <p className="mt-1 text-sm text-slate-700">{t("classes.openClassHint")}</p>
          <ClassList rows={managed} t={t} locale={locale} empty={t("classes.none")} />
        </Section>
      ) : null}
      {nominates ? (
        <Section id="nominate" title={t("classes.nominateHeading")}>
          <ClassList rows={nominatable} t={t} locale={locale} empty={t("classes.none")} />
        </Section>
      ) : null}
      {teaches ? (
        <Section id="taught" title={t("classes.teachHeading")}>
          <ClassList rows={taught} t={t} locale={locale} empty={t("classes.noneTaught")} />
        </Section>
      ) : null}
      <Section id="mine" title={t("classes.mineHeading")}>
        <ClassList rows={mine} t={t} locale={locale} empty={t("classes.noneMine")} />
      </Section>
    </div>
  );
}
