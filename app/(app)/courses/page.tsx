import type { Metadata } from "next";
import Link from "next/link";
import { CourseList } from "@/components/courses/course-list";
import { CourseSearch, courseListHref } from "@/components/courses/course-search";
import { MyCourses } from "@/components/courses/my-courses";
import { Pager } from "@/components/courses/pager";
import { requireViewer } from "@/lib/auth/session";
import { hasAnywhere } from "@/lib/auth/viewer";
import { isLearner } from "@/lib/courses/access";
import { listAreas } from "@/lib/courses/areas";
import { listMyCourses } from "@/lib/courses/enrolment";
import { hasCourseStaffView, listCatalogue } from "@/lib/courses/queries";
import { parseCatalogueQuery } from "@/lib/courses/schemas";
import { formatNumber } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("courses.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CoursesPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  const t = await getT();
  const locale = await getLocale();
  const filters = parseCatalogueQuery(await searchParams);
  const learner = isLearner(viewer);
  const [areas, catalogue, mine, staff] = await Promise.all([
    listAreas(viewer),
    listCatalogue(viewer, filters),
    learner ? listMyCourses(viewer) : Promise.resolve([]),
    hasCourseStaffView(viewer),
  ]);
  const pageHref = (page: number) => courseListHref("/courses", filters, page);
  const links = [
    ...(staff ? [{ href: "/courses/manage", label: t("courses.manageLink") }] : []),
    ...(hasAnywhere(viewer, "catalogue:manage") ? [{ href: "/courses/areas", label: t("courses.areasLink") }] : []),
  ];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("courses.title")}</h1>
        <div className="flex flex-wrap items-center gap-3">
          {links.map((l) => (
            <Link key={l.href} href={l.href} className="font-semibold text-brand-700 underline">
              {l.label}
            </Link>
          ))}
          {hasAnywhere(viewer, "course:create") ? (
            <Link href="/courses/new" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
              {t("courses.newLink")}
            </Link>
          ) : null}
        </div>
      </div>

      {learner ? (
        <section aria-labelledby="mine-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="mine-heading" className="text-lg font-semibold">
            {t("courses.myCourses")}
          </h2>
          {mine.length === 0 ? (
            <p className="mt-1 text-sm text-slate-700">{t("courses.myCoursesEmpty")}</p>
          ) : (
            <MyCourses rows={mine} t={t} />
          )}
        </section>
      ) : null}

      {learner ? (
        <>
          <p className="text-slate-700">{t("courses.intro")}</p>
          <CourseSearch path="/courses" filters={filters} areas={areas} locale={locale} t={t} />

          <section aria-labelledby="catalogue-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="catalogue-heading" className="text-lg font-semibold">
              {t("courses.catalogue")}
            </h2>
            <p className="text-sm text-slate-700" data-testid="courses-count">
              {catalogue.total === 0 ? t("courses.noResults") : t("courses.resultCount", { count: formatNumber(catalogue.total, locale) })}
            </p>
            {catalogue.rows.length > 0 ? <CourseList rows={catalogue.rows} t={t} locale={locale} label={t("courses.catalogue")} /> : null}
            <Pager page={catalogue.page} pageCount={catalogue.pageCount} href={pageHref} t={t} />
          </section>
        </>
      ) : (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700">{t("courses.notLearner")}</p>
      )}
    </div>
  );
}
