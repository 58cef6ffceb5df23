import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatVnd } from "@/components/plans/format";
import { formatNumber, vnToday } from "@/lib/i18n/format";
import { CreatePlanForm } from "@/components/plans/plan-forms";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { hasAnywhere } from "@/lib/auth/viewer";
import { getLocale, getT } from "@/lib/i18n/server";
import { orNotFound } from "@/lib/pages";
import { listPlans, planOwnerOptions } from "@/lib/plans/queries";
import { listPlansQuery } from "@/lib/plans/schemas";
import { createPlanAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("plans.listTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The current year in Vietnam: a plan is made for the next one. */
function vietnamYear(): number {
  return Number(vnToday().slice(0, 4));
}

export default async function PlansPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  if (!hasAnywhere(viewer, "plan:read")) notFound();
  const t = await getT();
  const locale = await getLocale();
  const raw = await searchParams;
  const { year } = listPlansQuery.parse({ year: Array.isArray(raw.year) ? raw.year[0] : raw.year });
  const [plans, all, owners] = await Promise.all([orNotFound(listPlans(viewer, { year })), listPlans(viewer), planOwnerOptions(viewer)]);
  const years = [...new Set(all.map((p) => p.year))].sort((a, b) => b - a);
  const managesSome = owners.length > 0;
  const nextYear = vietnamYear() + 1;
  const onlyQuotas = plans.length > 0 && plans.every((p) => p.access === "quota");

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("plans.listTitle")}</h1>
        <p className="text-slate-700">{managesSome || !onlyQuotas ? t("plans.listIntro") : t("plans.quotaIntro")}</p>
      </div>

      {years.length > 1 ? (
        <form method="get" action="/plans" className="flex flex-wrap items-end gap-3">
          <div className="space-y-1">
            <label htmlFor="plans-year" className="block text-sm font-semibold text-slate-800">
              {t("plans.filterYear")}
            </label>
            <select id="plans-year" name="year" defaultValue={year ? String(year) : ""} className="rounded-md border border-slate-400 bg-white px-3 py-2">
              <option value="">{t("plans.allYears")}</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            {t("plans.filterSubmit")}
          </button>
        </form>
      ) : null}

      <section aria-labelledby="plans-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="plans-heading" className="sr-only">
          {t("plans.listTitle")}
        </h2>
        {plans.length === 0 ? (
          <p className="text-slate-700">{year ? t("plans.noneForYear", { year }) : t("plans.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="plans">
            {plans.map((p) => (
              <li key={p.id} className="space-y-1 py-3">
                <div className="flex flex-wrap items-baseline gap-2">
                  <span className="rounded bg-slate-100 px-2 py-0.5 text-sm font-semibold text-slate-800">{t("plans.yearLabel", { year: p.year })}</span>
                  <Link href={`/plans/${p.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline [overflow-wrap:anywhere]">
                    {p.title}
                  </Link>
                  <span className={`rounded px-2 py-0.5 text-xs font-semibold ${p.status === "APPROVED" ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}>
                    {t(`plans.status.${p.status}`)}
                  </span>
                  {p.access !== "manage" ? <span className="text-xs text-slate-600">{t("plans.readOnly")}</span> : null}
                </div>
                <p className="text-sm text-slate-700">
                  {p.unit.name} ·{" "}
                  {t("plans.summary", {
                    items: formatNumber(p.totals.items, locale),
                    classes: formatNumber(p.totals.classes, locale),
                    participants: formatNumber(p.totals.participants, locale),
                    budget: formatVnd(p.totals.budgetVnd, locale),
                  })}
                  {p.access === "quota" ? ` · ${t("plans.totalSeats")}: ${formatNumber(p.totals.seats, locale)}` : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {managesSome ? (
        <Section id="create-plan" title={t("plans.createHeading")}>
          <div className="mt-3">
            <CreatePlanForm locale={locale} action={createPlanAction} owners={owners} year={nextYear} />
          </div>
        </Section>
      ) : null}
    </div>
  );
}
