import Link from "next/link";
import type { CourseRow } from "@/lib/courses/queries";
import type { Locale, Translate } from "@/lib/i18n/messages";
import { CourseStatusBadge, EnrolmentBadge } from "./badges";

/** A list of courses (catalogue or management): title link, badges, area, length, owner. */
export function CourseList({ rows, t, locale, label, showStatus }: { rows: CourseRow[]; t: Translate; locale: Locale; label: string; showStatus?: boolean }) {
  return (
    <ul className="mt-2 divide-y divide-slate-100" aria-label={label}>
      {rows.map((c) => (
        <li key={c.id} className="py-3">
          <Link href={`/courses/${c.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline [overflow-wrap:anywhere]">
            {c.title}
          </Link>
          <span className="ml-2 inline-flex flex-wrap gap-1 align-middle">
            {showStatus ? <CourseStatusBadge status={c.status} t={t} /> : null}
            {c.enrolmentStatus ? <EnrolmentBadge status={c.enrolmentStatus} t={t} /> : null}
          </span>
          <p className="text-sm text-slate-600 [overflow-wrap:anywhere]">
            {[(locale === "en" && c.areaNameEn) || c.areaName, t("courses.hoursValue", { hours: c.hours }), c.unitName, c.code].join(" · ")}
          </p>
          {c.summary ? <p className="mt-1 line-clamp-2 text-sm text-slate-800">{c.summary}</p> : null}
        </li>
      ))}
    </ul>
  );
}
