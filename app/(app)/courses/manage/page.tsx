import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CourseList } from "@/components/courses/course-list";
import { Pager } from "@/components/courses/pager";
import { requireViewer } from "@/lib/auth/session";
import { hasAnywhere } from "@/lib/auth/viewer";
import { listAreas } from "@/lib/courses/areas";
import { hasCourseStaffView, listManagedCourses } from "@/lib/courses/queries";
import { COURSE_STATUSES, parseManageQuery } from "@/lib/courses/schemas";
import { getLocale, getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("courses.manageTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const control = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900";

export default async function ManageCoursesPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  if (!(await hasCourseStaffView(viewer))) notFound();
  const t = await getT();
  const locale = await getLocale();
  const filters = parseManageQuery(await searchParams);
  const [areas, result] = await Promise.all([listAreas(viewer), listManagedCourses(viewer, filters)]);
  const filtered = filters.q !== "" || filters.areaId !== undefined || filters.status !== undefined;
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    if (filters.q) params.set("q", filters.q);
    if (filters.areaId) params.set("areaId", filters.areaId);
    if (filters.status) params.set("status", filters.status);
    if (page > 1) params.set("page", String(page));
    const query = params.toString();
    return query ? `/courses/manage?${query}` : "/courses/manage";
  };

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
      <form method="get" action="/courses/manage" role="search" aria-label={t("courses.search")} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
        <div className="space-y-1">
          <label htmlFor="manage-q" className="block text-sm font-semibold text-slate-800">
            {t("courses.searchLabel")}
          </label>
          <input id="manage-q" name="q" type="search" defaultValue={filters.q} maxLength={100} className={control} />
        </div>
        <div className="space-y-1">
          <label htmlFor="manage-area" className="block text-sm font-semibold text-slate-800">
            {t("courses.area")}
          </label>
          <select id="manage-area" name="areaId" defaultValue={filters.areaId ?? ""} className={control}>
            <option value="">{t("courses.allAreas")}</option>
            {areas.map((a) => (
              <option key={a.id} value={a.id}>
                {(locale === "en" && a.nameEn) || a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="manage-status" className="block text-sm font-semibold text-slate-800">
            {t("courses.filterStatus")}
          </label>
          <select id="manage-status" name="status" defaultValue={filters.status ?? ""} className={control}>
            <option value="">{t("courses.allStatuses")}</option>
            {COURSE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`courses.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            {t("courses.searchSubmit")}
          </button>
          {filtered ? (
            <Link href="/courses/manage" className="text-brand-700 underline">
              {t("courses.clearFilters")}
            </Link>
          ) : null}
        </div>
      </form>
      <section aria-labelledby="manage-results" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="manage-results" className="text-lg font-semibold">
          {t("courses.manageTitle")}
        </h2>
        <p className="text-sm text-slate-700">
          {result.total === 0 ? t("courses.noResults") : t("courses.resultCount", { count: result.total.toLocaleString("vi-VN") })}
        </p>
        {result.rows.length > 0 ? <CourseList rows={result.rows} t={t} locale={locale} label={t("courses.manageTitle")} showStatus /> : null}
        <Pager page={result.page} pageCount={result.pageCount} href={pageHref} t={t} />
      </section>
    </div>
  );
}
