import Link from "next/link";
import type { CourseStatus } from "@/lib/db/generated/enums";
import type { Locale, Translate } from "@/lib/i18n/messages";

export type CourseFilters = { q: string; areaId?: string; status?: CourseStatus };

const control = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900";

/**
 * The GET search form of the catalogue and of the management list: words (without diacritics
 * too), area and — on the management list — status. A shareable URL; works without JavaScript.
 */
export function CourseSearch({
  path,
  filters,
  areas,
  statuses,
  locale,
  t,
}: {
  path: "/courses" | "/courses/manage";
  filters: CourseFilters;
  areas: readonly { id: string; name: string; nameEn: string }[];
  /** The status filter's choices; none on the catalogue (learners see published courses only). */
  statuses?: readonly CourseStatus[];
  locale: Locale;
  t: Translate;
}) {
  const id = path === "/courses" ? "courses" : "manage";
  const filtered = filters.q !== "" || filters.areaId !== undefined || filters.status !== undefined;
  return (
    <form method="get" action={path} role="search" aria-label={t("courses.search")} className={`grid gap-3 rounded-lg border border-slate-200 bg-white p-4 ${statuses ? "sm:grid-cols-3" : "sm:grid-cols-2"}`}>
      <div className="space-y-1">
        <label htmlFor={`${id}-q`} className="block text-sm font-semibold text-slate-800">
          {t("courses.searchLabel")}
        </label>
        <input id={`${id}-q`} name="q" type="search" defaultValue={filters.q} maxLength={100} placeholder={t("courses.searchPlaceholder")} className={control} />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-area`} className="block text-sm font-semibold text-slate-800">
          {t("courses.area")}
        </label>
        <select id={`${id}-area`} name="areaId" defaultValue={filters.areaId ?? ""} className={control}>
          <option value="">{t("courses.allAreas")}</option>
          {areas.map((a) => (
            <option key={a.id} value={a.id}>
              {(locale === "en" && a.nameEn) || a.name}
            </option>
          ))}
        </select>
      </div>
      {statuses ? (
        <div className="space-y-1">
          <label htmlFor={`${id}-status`} className="block text-sm font-semibold text-slate-800">
            {t("courses.filterStatus")}
          </label>
          <select id={`${id}-status`} name="status" defaultValue={filters.status ?? ""} className={control}>
            <option value="">{t("courses.allStatuses")}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`courses.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className={`flex flex-wrap items-center gap-3 ${statuses ? "sm:col-span-3" : "sm:col-span-2"}`}>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          {t("courses.searchSubmit")}
        </button>
        {filtered ? (
          <Link href={path} className="text-brand-700 underline">
            {t("courses.clearFilters")}
          </Link>
        ) : null}
      </div>
    </form>
  );
}

/** The list's URL with the current filters and another page. */
export function courseListHref(path: string, filters: CourseFilters, page: number): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.areaId) params.set("areaId", filters.areaId);
  if (filters.status) params.set("status", filters.status);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
