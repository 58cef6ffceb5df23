import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CourseList } from "@/components/courses/course-list";
import { CourseSearch, courseListHref } from "@/components/courses/course-search";
import { Pager } from "@/components/courses/pager";
import { requireViewer } from "@/lib/auth/session";
import { hasAnywhere } from "@/lib/auth/viewer";
import { listAreas } from "@/lib/courses/areas";
import { hasCourseStaffView, listManagedCourses } from "@/lib/courses/queries";
import { COURSE_STATUSES, parseManageQuery } from "@/lib/courses/schemas";
import { formatNumber } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("courses.manageTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ManageCoursesPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  if (!(await hasCourseStaffView(viewer))) notFound();
  const t = await getT();
  const locale = await getLocale();
  const filters = parseManageQuery(await searchParams);
  const [areas, result] = await Promise.all([listAreas(viewer), listManagedCourses(viewer, filters)]);
  const pageHref = (page: number) => courseListHref("/courses/manage", filters, page);

  return (
    <div className="space-y-4">
      <Link href="/courses" className="text-sm text-brand-700 underline">
        ← {t("courses.backToCatalogue")}
      </Link>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("courses.manageTitle")}</h1>
        {hasAnywhere(viewer, "course:create") ? (
          <Link href="/courses/new" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            {t("courses.newLink")}
          </Link>
        ) : null}
      </div>
      <p className="text-slate-700">{t("courses.manageIntro")}</p>
      <CourseSearch path="/courses/manage" filters={filters} areas={areas} statuses={COURSE_STATUSES} locale={locale} t={t} />
      <section aria-labelledby="manage-results" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="manage-results" className="text-lg font-semibold">
          {t("courses.manageTitle")}
        </h2>
        <p className="text-sm text-slate-700">
          {result.total === 0 ? t("courses.noResults") : t("courses.resultCount", { count: formatNumber(result.total, locale) })}
        </p>
        {result.rows.length > 0 ? <CourseList rows={result.rows} t={t} locale={locale} label={t("courses.manageTitle")} showStatus /> : null}
        <Pager page={result.page} pageCount={result.pageCount} href={pageHref} t={t} />
      </section>
    </div>
  );
}
