import type { ReactNode } from "react";
import type { Locale, Translate } from "@/lib/i18n/messages";
import type { PlanItemView, PlanTotals } from "@/lib/plans/queries";
import { formatNumber } from "@/lib/i18n/format";
import { formatVnd } from "./format";

type Props = {
  locale: Locale;
  t: Translate;
  items: PlanItemView[];
  totals: PlanTotals;
  /** The manager's edit link and order buttons for an item; nothing for readers. */
  actions?: (item: PlanItemView, index: number) => ReactNode;
};

function areaOrCourse(item: PlanItemView, locale: Locale): string {
  const area = item.area ? (locale === "en" && item.area.nameEn ? item.area.nameEn : item.area.name) : "";
  const course = item.course ? `${item.course.title} (${item.course.code})` : "";
  return [course, area].filter(Boolean).join(" · ");
}

function Quotas({ item, t, locale }: { item: PlanItemView; t: Translate; locale: Locale }) {
  if (item.quotas.length === 0) return <span className="text-slate-600">{t("plans.noQuotas")}</span>;
  return (
    <div>
      <ul className="space-y-0.5" aria-label={t("plans.quotaTableCaption")}>
        {item.quotas.map((q) => (
          <li key={q.unitId} data-testid="quota">
            {t("plans.quotaLine", { name: q.name, code: q.code, seats: formatNumber(q.seats, locale) })}
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-600">{t("plans.quotaSum", { seats: formatNumber(item.seats, locale), planned: formatNumber(item.plannedParticipants, locale) })}</p>
    </div>
  );
}

/**
 * The plan's items: a table on wide screens, a stack of cards on phones (each a list of labelled
 * values), both from the same data. Only one of the two is displayed (and exposed to assistive
 * technology) at a time.
 */
export function ItemsView({ locale, t, items, totals, actions }: Props) {
  const groups = (item: PlanItemView) => item.targetGroups.map((g) => t(`plans.target.${g}`)).join(", ");
  return (
    <>
      <div className="hidden md:block">
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("plans.itemsCaption")}>
          <table className="min-w-full border-collapse text-sm" data-testid="items-table">
            <caption className="sr-only">{t("plans.itemsCaption")}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left align-bottom">
                <th scope="col" className="px-2 py-1">{t("plans.col.position")}</th>
                <th scope="col" className="min-w-48 px-2 py-1">{t("plans.col.title")}</th>
                <th scope="col" className="px-2 py-1">{t("plans.col.targetGroups")}</th>
                <th scope="col" className="px-2 py-1 text-right">{t("plans.col.classes")}</th>
                <th scope="col" className="px-2 py-1 text-right">{t("plans.col.participants")}</th>
                <th scope="col" className="px-2 py-1">{t("plans.col.quarter")}</th>
                <th scope="col" className="px-2 py-1">{t("plans.col.leadUnit")}</th>
                <th scope="col" className="px-2 py-1 text-right">{t("plans.col.budget")}</th>
                <th scope="col" className="min-w-40 px-2 py-1">{t("plans.col.quotas")}</th>
                {actions ? <th scope="col" className="px-2 py-1">{t("plans.col.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((item, i) => (
                <tr key={item.id} className="border-b border-slate-100 align-top" data-testid="plan-item">
                  <th scope="row" className="px-2 py-2 text-right font-normal">{item.position}</th>
                  <td className="px-2 py-2">
                    <p className="font-semibold">{item.title}</p>
                    <p className="text-xs text-slate-600">{areaOrCourse(item, locale)}</p>
                    {item.fundingSource ? <p className="text-xs text-slate-600">{t("plans.col.fundingSource")}: {item.fundingSource}</p> : null}
                    {item.note ? <p className="text-xs text-slate-600">{t("plans.col.note")}: {item.note}</p> : null}
                  </td>
                  <td className="px-2 py-2">{groups(item)}</td>
                  <td className="px-2 py-2 text-right">{formatNumber(item.plannedClasses, locale)}</td>
                  <td className="px-2 py-2 text-right">{formatNumber(item.plannedParticipants, locale)}</td>
                  <td className="px-2 py-2 whitespace-nowrap">{t("plans.quarterValue", { quarter: item.quarter })}</td>
                  <td className="px-2 py-2">{item.leadUnit.name}</td>
                  <td className="px-2 py-2 text-right whitespace-nowrap">{formatVnd(item.budgetVnd, locale)}</td>
                  <td className="px-2 py-2"><Quotas item={item} t={t} locale={locale} /></td>
                  {actions ? <td className="px-2 py-2">{actions(item, i)}</td> : null}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t-2 border-slate-300 font-semibold">
                <th scope="row" colSpan={3} className="px-2 py-2 text-left">{t("plans.totals")}</th>
                <td className="px-2 py-2 text-right" data-testid="total-classes">{formatNumber(totals.classes, locale)}</td>
                <td className="px-2 py-2 text-right" data-testid="total-participants">{formatNumber(totals.participants, locale)}</td>
                <td />
                <td />
                <td className="px-2 py-2 text-right whitespace-nowrap" data-testid="total-budget">{formatVnd(totals.budgetVnd, locale)}</td>
                <td className="px-2 py-2">{formatNumber(totals.seats, locale)}</td>
                {actions ? <td /> : null}
              </tr>
            </tfoot>
          </table>
        </div>
      </div>

      <ol className="space-y-3 md:hidden" aria-label={t("plans.itemsCaption")}>
        {items.map((item, i) => (
          <li key={item.id} className="rounded-md border border-slate-200 p-3" data-testid="plan-item-card">
            <article aria-labelledby={`card-${item.id}`}>
              <h3 id={`card-${item.id}`} className="font-semibold [overflow-wrap:anywhere]">
                {item.position}. {item.title}
              </h3>
              <p className="text-sm text-slate-600">{areaOrCourse(item, locale)}</p>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="text-slate-600">{t("plans.col.targetGroups")}</dt>
                <dd>{groups(item)}</dd>
                <dt className="text-slate-600">{t("plans.col.classes")}</dt>
                <dd>{formatNumber(item.plannedClasses, locale)}</dd>
                <dt className="text-slate-600">{t("plans.col.participants")}</dt>
                <dd>{formatNumber(item.plannedParticipants, locale)}</dd>
                <dt className="text-slate-600">{t("plans.col.quarter")}</dt>
                <dd>{t("plans.quarterValue", { quarter: item.quarter })}</dd>
                <dt className="text-slate-600">{t("plans.col.leadUnit")}</dt>
                <dd className="[overflow-wrap:anywhere]">{item.leadUnit.name}</dd>
                <dt className="text-slate-600">{t("plans.col.budget")}</dt>
                <dd>{formatVnd(item.budgetVnd, locale)}</dd>
                {item.fundingSource ? (
                  <>
                    <dt className="text-slate-600">{t("plans.col.fundingSource")}</dt>
                    <dd className="[overflow-wrap:anywhere]">{item.fundingSource}</dd>
                  </>
                ) : null}
                {item.note ? (
                  <>
                    <dt className="text-slate-600">{t("plans.col.note")}</dt>
                    <dd className="[overflow-wrap:anywhere]">{item.note}</dd>
                  </>
                ) : null}
                <dt className="text-slate-600">{t("plans.col.quotas")}</dt>
                <dd className="[overflow-wrap:anywhere]">
                  <Quotas item={item} t={t} locale={locale} />
                </dd>
              </dl>
              {actions ? <div className="mt-2">{actions(item, i)}</div> : null}
            </article>
          </li>
        ))}
      </ol>
      <h3 className="mt-3 font-semibold md:hidden">{t("plans.totals")}</h3>
      <dl className="grid grid-cols-2 gap-2 text-sm md:hidden">
        <dt className="text-slate-600">{t("plans.totalClasses")}</dt>
        <dd className="font-semibold">{formatNumber(totals.classes, locale)}</dd>
        <dt className="text-slate-600">{t("plans.totalParticipants")}</dt>
        <dd className="font-semibold">{formatNumber(totals.participants, locale)}</dd>
        <dt className="text-slate-600">{t("plans.totalBudget")}</dt>
        <dd className="font-semibold">{formatVnd(totals.budgetVnd, locale)}</dd>
      </dl>
    </>
  );
}
