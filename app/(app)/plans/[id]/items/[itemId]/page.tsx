import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatNumber } from "@/lib/i18n/format";
import { DeleteItemForm, ItemForm, QuotaForm } from "@/components/plans/plan-forms";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { notFound as notFoundError } from "@/lib/errors";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { getPlanItemForEdit, planFormOptions } from "@/lib/plans/queries";
import { MIN_REASON } from "@/lib/plans/schemas";
import { deleteItemAction, setQuotaAction, updateItemAction } from "../../../actions";

type Props = { params: Promise<{ id: string; itemId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("plans.listTitle") };
}

async function managedItem(viewer: Awaited<ReturnType<typeof requireViewer>>, itemId: string) {
  const found = await getPlanItemForEdit(viewer, itemId);
  if (found.plan.access !== "manage") throw notFoundError(); // a page for managers only: to readers it does not exist
  return found;
}

export default async function PlanItemPage({ params }: Props) {
  const viewer = await requireViewer();
  const raw = await params;
  const planId = idOr404(raw.id);
  const { plan, item } = await orNotFound(managedItem(viewer, idOr404(raw.itemId)));
  if (plan.id !== planId) notFound();
  const t = await getT();
  const locale = await getLocale();
  const options = await planFormOptions(viewer);
  const approved = plan.status === "APPROVED";
  return (
    <div className="max-w-3xl space-y-6">
      <Link href={`/plans/${plan.id}`} className="text-sm text-brand-700 underline">
        ← {t("plans.backToPlan")}
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{t("plans.editItemTitle", { position: item.position })}</h1>
        <p className="text-slate-700 [overflow-wrap:anywhere]">{plan.title}</p>
        {approved ? <p className="text-sm text-slate-700">{t("plans.approvedNotice", { min: MIN_REASON })}</p> : null}
      </div>

      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <ItemForm
          locale={locale}
          action={updateItemAction}
          hidden={{ itemId: item.id }}
          heading={item.title}
          submitLabel={t("plans.saveItem")}
          approved={approved}
          minReason={MIN_REASON}
          initial={{
            title: item.title,
            areaId: item.course ? "" : (item.area?.id ?? ""),
            courseId: item.course?.id ?? "",
            targetGroups: item.targetGroups,
            plannedClasses: String(item.plannedClasses),
            plannedParticipants: String(item.plannedParticipants),
            quarter: String(item.quarter),
            leadUnitId: item.leadUnit.id,
            budget: item.budgetVnd.toString(),
            fundingSource: item.fundingSource,
            note: item.note,
          }}
          units={options.units}
          areas={options.areas}
          courses={options.courses}
        />
      </div>

      <Section id="quotas" title={t("plans.quotasHeading")}>
        <p className="mt-1 text-sm text-slate-700">{t("plans.quotasHint")}</p>
        {item.quotas.length === 0 ? (
          <p className="mt-3 text-slate-700">{t("plans.noQuotas")}</p>
        ) : (
          <table className="mt-3 w-full border-collapse text-sm" data-testid="quota-table">
            <caption className="sr-only">{t("plans.quotaTableCaption")}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="px-2 py-1">{t("plans.quotaUnit")}</th>
                <th scope="col" className="px-2 py-1 text-right">{t("plans.quotaSeats")}</th>
              </tr>
            </thead>
            <tbody>
              {item.quotas.map((q) => (
                <tr key={q.unitId} className="border-b border-slate-100">
                  <th scope="row" className="px-2 py-1 text-left font-normal [overflow-wrap:anywhere]">
                    {q.name} ({q.code})
                  </th>
                  <td className="px-2 py-1 text-right">{formatNumber(q.seats, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="mt-2 text-sm text-slate-700" data-testid="quota-sum">
          {t("plans.quotaSum", { seats: formatNumber(item.seats, locale), planned: formatNumber(item.plannedParticipants, locale) })}
        </p>
        <div className="mt-4">
          <QuotaForm locale={locale} action={setQuotaAction} itemId={item.id} units={options.units} approved={approved} minReason={MIN_REASON} />
        </div>
      </Section>

      <div className="rounded-lg border border-red-200 bg-white p-5">
        <DeleteItemForm locale={locale} action={deleteItemAction} itemId={item.id} title={item.title} approved={approved} minReason={MIN_REASON} />
      </div>
    </div>
  );
}
