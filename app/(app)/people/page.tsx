import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { UnitSelect } from "@/components/unit-select";
import { requireViewer } from "@/lib/auth/session";
import { hasAnywhere } from "@/lib/auth/viewer";
import { formatNumber } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { orNotFound } from "@/lib/pages";
import { listPeople, unitOptions } from "@/lib/people/queries";
import { parseListPeopleQuery } from "@/lib/people/schemas";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("people.listTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const control = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900";

export default async function PeoplePage({ searchParams }: Props) {
  const viewer = await requireViewer();
  if (!hasAnywhere(viewer, "person:read")) notFound();
  const t = await getT();
  const locale = await getLocale();
  const filters = parseListPeopleQuery(await searchParams);
  const [result, units] = await Promise.all([orNotFound(listPeople(viewer, filters)), unitOptions(viewer, "person:read")]);
  // The filter lists the top two levels of the viewer's tree (a province has ~1,000 units: a
  // select of all of them is unusable on a phone and weighs 300 KB); a deeper unit is filtered
  // from its own page ("people of this unit"), and stays selected here.
  const unitChoices = units.filter((u) => u.depth <= 1 || u.id === filters.unitId);
  const filtered = filters.q !== "" || filters.unitId !== undefined || filters.status !== "active";

  /** The list's URL with the current filters and another page. */
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    if (filters.q) params.set("q", filters.q);
    if (filters.unitId) params.set("unitId", filters.unitId);
    if (filters.unitId && !filters.includeSubunits) params.set("only", "1");
    if (filters.status !== "active") params.set("status", filters.status);
    if (page > 1) params.set("page", String(page));
    const query = params.toString();
    return query ? `/people?${query}` : "/people";
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("people.listTitle")}</h1>
        <div className="flex flex-wrap items-center gap-3">
          {hasAnywhere(viewer, "person:import") ? (
            <Link href="/people/import" className="font-semibold text-brand-700 underline">
              {t("people.importLink")}
            </Link>
          ) : null}
          {hasAnywhere(viewer, "person:create") ? (
            <Link href="/people/new" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
              {t("people.add")}
            </Link>
          ) : null}
        </div>
      </div>
      <p className="text-slate-700">{t("people.listIntro")}</p>

      <form method="get" action="/people" role="search" aria-label={t("people.search")} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <div className="space-y-1 sm:col-span-2">
          <label htmlFor="people-q" className="block text-sm font-semibold text-slate-800">
            {t("people.search")}
          </label>
          <input id="people-q" name="q" type="search" defaultValue={filters.q} maxLength={100} placeholder={t("people.searchPlaceholder")} className={control} />
        </div>
        <div className="space-y-1">
          <label htmlFor="people-unit" className="block text-sm font-semibold text-slate-800">
            {t("people.filterUnit")}
          </label>
          <UnitSelect id="people-unit" name="unitId" units={unitChoices} emptyLabel={t("people.allUnits")} defaultValue={filters.unitId ?? ""} />
          <label className="flex items-center gap-2 pt-1 text-sm text-slate-800">
            <input type="checkbox" name="only" value="1" defaultChecked={!filters.includeSubunits} className="h-4 w-4" />
            {t("people.onlyThisUnit")}
          </label>
        </div>
        <div className="space-y-1">
          <label htmlFor="people-status" className="block text-sm font-semibold text-slate-800">
            {t("people.filterStatus")}
          </label>
          <select id="people-status" name="status" defaultValue={filters.status} className={control}>
            <option value="active">{t("people.statusActive")}</option>
            <option value="inactive">{t("people.statusInactive")}</option>
            <option value="all">{t("people.statusAll")}</option>
          </select>
        </div>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            {t("people.searchSubmit")}
          </button>
          {filtered ? (
            <Link href="/people" className="text-brand-700 underline">
              {t("people.clearFilters")}
            </Link>
          ) : null}
        </div>
      </form>

      <section aria-labelledby="results-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="results-heading" className="sr-only">
          {t("people.results")}
        </h2>
        <p className="text-sm text-slate-700" data-testid="people-count">
          {result.total === 0 ? t("people.noResults") : t("people.resultCount", { count: formatNumber(result.total, locale) })}
        </p>
        {result.rows.length > 0 ? (
          <ul className="mt-2 divide-y divide-slate-100" aria-label={t("people.results")}>
            {result.rows.map((p) => (
              <li key={p.id} className="py-2">
                <Link href={`/people/${p.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                  {p.fullName}
                </Link>
                {!p.active ? (
                  <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-semibold text-slate-800">
                    {p.anonymisedAt ? t("people.anonymised") : t("people.inactive")}
                  </span>
                ) : null}
                <p className="text-sm text-slate-600 [overflow-wrap:anywhere]">
                  {[p.position, p.unitName, p.email].filter(Boolean).join(" · ")}
                </p>
              </li>
            ))}
          </ul>
        ) : null}
        {result.pageCount > 1 || result.page > 1 ? (
          <nav aria-label={t("people.pagination")} className="mt-3 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3 text-sm">
            {result.page > 1 ? (
              <Link href={pageHref(Math.min(result.page - 1, Math.max(result.pageCount, 1)))} rel="prev" className="font-semibold text-brand-700 underline">
                ← {t("people.previous")}
              </Link>
            ) : (
              <span />
            )}
            <span className="text-slate-700">{t("people.pageOf", { page: result.page, pages: Math.max(result.pageCount, 1) })}</span>
            {result.page < result.pageCount ? (
              <Link href={pageHref(result.page + 1)} rel="next" className="font-semibold text-brand-700 underline">
                {t("people.next")} →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
