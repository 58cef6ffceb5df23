import type { Metadata } from "next";
import Link from "next/link";
import { formatVnDate } from "@/lib/i18n/format";
import { ItemsView } from "@/components/plans/items-view";
import { ApprovePlanForm, MoveItemButtons, RenamePlanForm } from "@/components/plans/plan-forms";
import { formatVnd } from "@/components/plans/format";
import { formatNumber } from "@/lib/i18n/format";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { hasAnywhere } from "@/lib/auth/viewer";
import type { Locale, MessageKey, Translate } from "@/lib/i18n/messages";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { getPlan, type AmendmentView } from "@/lib/plans/queries";
import { MIN_REASON, TARGET_GROUPS } from "@/lib/plans/schemas";
import { approvePlanAction, moveItemAction, renamePlanAction } from "../actions";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("plans.listTitle") };
}

/** One line per amendment: what changed, in words. */
function describeChange(a: AmendmentView, t: Translate): string {
  switch (a.action) {
    case "plan.rename":
      return t("plans.change.plan.rename");
    case "plan.item.create":
      return t("plans.change.plan.item.create");
    case "plan.item.update":
      return t("plans.change.plan.item.update", { position: a.position ?? "" });
    case "plan.item.delete":
      return t("plans.change.plan.item.delete");
    case "plan.quota.set":
      return t("plans.change.plan.quota.set", { position: a.position ?? "" });
    case "plan.import":
      return t("plans.change.plan.import", { count: a.count ?? 0 });
    default:
      return "";
  }
}

const FIELD_LABEL: Record<string, MessageKey> = {
  title: "plans.col.title",
  areaId: "plans.col.area",
  courseId: "plans.col.course",
  targetGroups: "plans.col.targetGroups",
  plannedClasses: "plans.col.classes",
  plannedParticipants: "plans.col.participants",
  quarter: "plans.col.quarter",
  leadUnitId: "plans.col.leadUnit",
  budgetVnd: "plans.col.budget",
  fundingSource: "plans.col.fundingSource",
  note: "plans.col.note",
};

/** "Số học viên: 80 → 90", "Chỉ tiêu của Xã Bình Kiến: 30 → 40" for the fields an amendment changed. */
function changeDetails(a: AmendmentView, t: Translate, locale: Locale): string[] {
  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === "") return "—";
    if (field === "budgetVnd" && (typeof v === "string" || typeof v === "number")) return formatVnd(BigInt(v), locale);
    if (field === "targetGroups" && Array.isArray(v)) return v.map((g) => (TARGET_GROUPS.includes(g) ? t(`plans.target.${g as (typeof TARGET_GROUPS)[number]}`) : String(g))).join(", ");
    return String(v);
  };
  return a.details.map((d) => {
    const label = d.field === "seats" ? t("plans.change.quota", { unit: d.unit ?? "" }) : a.action === "plan.rename" ? t("plans.fieldTitle") : FIELD_LABEL[d.field] ? t(FIELD_LABEL[d.field]!) : d.field;
    return t("plans.change.detail", { field: label, before: show(d.field, d.before), after: show(d.field, d.after) });
  });
}

export default async function PlanPage({ params }: Props) {
  const viewer = await requireViewer();
  const id = idOr404((await params).id);
  const plan = await orNotFound(getPlan(viewer, id));
  const t = await getT();
  const locale = await getLocale();
  const manage = plan.access === "manage";
  const approved = plan.status === "APPROVED";

  return (
    <div className="space-y-6">
      <Link href="/plans" className="text-sm text-brand-700 underline">
        ← {t("plans.back")}
      </Link>
      <div className="space-y-2">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="rounded bg-slate-100 px-2 py-0.5 font-semibold text-slate-800">{t("plans.yearLabel", { year: plan.year })}</span>
          <span className={`rounded px-2 py-0.5 font-semibold ${approved ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`} data-testid="plan-status">
            {t(`plans.status.${plan.status}`)}
          </span>
          {!manage ? <span className="text-slate-600">{t("plans.readOnly")}</span> : null}
        </p>
        <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{plan.title}</h1>
        <p className="text-sm text-slate-700">
          {t("plans.ownerUnit")}: {plan.unit.name}
          {plan.approvedAt
            ? ` · ${plan.approvedByName ? t("plans.approvedBy", { date: formatVnDate(plan.approvedAt, locale), name: plan.approvedByName }) : t("plans.approvedOn", { date: formatVnDate(plan.approvedAt, locale) })}`
            : ""}
        </p>
        {manage ? <p className="text-sm text-slate-700">{approved ? t("plans.approvedNotice", { min: MIN_REASON }) : t("plans.draftNotice")}</p> : null}
        {plan.access === "quota" ? <p className="text-sm text-slate-700">{t("plans.quotaIntro")}</p> : null}
      </div>

      <dl className="grid grid-cols-2 gap-3 text-center sm:grid-cols-4">
        {[
          [t("plans.totalItems"), formatNumber(plan.totals.items, locale)],
          [t("plans.totalClasses"), formatNumber(plan.totals.classes, locale)],
          [t("plans.totalParticipants"), formatNumber(plan.totals.participants, locale)],
          plan.access === "quota" ? [t("plans.totalSeats"), formatNumber(plan.totals.seats, locale)] : [t("plans.totalBudget"), formatVnd(plan.totals.budgetVnd, locale)],
        ].map(([label, value]) => (
          <div key={label} className="rounded-md bg-white p-3 ring-1 ring-slate-200">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-lg font-semibold">{value}</dd>
          </div>
        ))}
      </dl>

      <Section id="items" title={t("plans.itemsHeading")}>
        <div className="mt-2 flex flex-wrap items-center gap-x-6 gap-y-2">
          {manage ? (
            <Link href={`/plans/${plan.id}/items/new`} className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
              {t("plans.addItem")}
            </Link>
          ) : null}
          {manage ? (
            <Link href={`/plans/${plan.id}/import`} className="text-brand-700 underline">
              {t("plans.importLink")}
            </Link>
          ) : null}
          {plan.items.length > 0 ? (
            <a href={`/api/plans/${plan.id}/export`} download className="text-brand-700 underline">
              {t("plans.exportLink")}
            </a>
          ) : null}
        </div>
        <div className="mt-4">
          {plan.items.length === 0 ? (
            <p className="text-slate-700">{t("plans.noItems")}</p>
          ) : (
            <ItemsView
              locale={locale}
              t={t}
              items={plan.items}
              totals={plan.totals}
              actions={
                manage
                  ? (item, i) => (
                      <div className="flex flex-wrap items-center gap-2">
                        <Link href={`/plans/${plan.id}/items/${item.id}`} aria-label={t("plans.editItemNamed", { position: item.position, title: item.title })} className="font-semibold text-brand-700 underline">
                          {t("plans.editItem")}
                        </Link>
                        {approved && hasAnywhere(viewer, "class:manage") ? (
                          <Link href={`/classes/new?planItemId=${item.id}`} className="font-semibold text-brand-700 underline">
                            {t("classes.newTitle")}
                          </Link>
                        ) : null}
                        {!approved ? (
                          <MoveItemButtons locale={locale} action={moveItemAction} itemId={item.id} position={item.position} first={i === 0} last={i === plan.items.length - 1} />
                        ) : null}
                      </div>
                    )
                  : undefined
              }
            />
          )}
        </div>
      </Section>

      {manage && !approved ? (
        <Section id="approve" title={t("plans.approveHeading")}>
          <div className="mt-2">
            <ApprovePlanForm locale={locale} action={approvePlanAction} id={plan.id} />
          </div>
        </Section>
      ) : null}

      {plan.access !== "quota" ? (
        <Section id="amendments" title={t("plans.amendmentsHeading")}>
          {plan.amendments.length === 0 ? (
            <p className="mt-2 text-slate-700">{t("plans.noAmendments")}</p>
          ) : (
            <ol className="mt-2 space-y-3" data-testid="amendments">
              {plan.amendments.map((a) => (
                <li key={a.id} className="rounded-md border border-slate-200 p-3 text-sm">
                  <p className="font-semibold">{describeChange(a, t)}</p>
                  <p className="text-slate-700">{t("plans.amendmentBy", { date: formatVnDate(a.at, locale), name: a.actorName ?? "—" })}</p>
                  <p className="[overflow-wrap:anywhere]">{t("plans.amendmentReason", { reason: a.reason })}</p>
                  {a.details.length > 0 ? (
                    <ul className="mt-1 list-inside list-disc text-slate-700">
                      {changeDetails(a, t, locale).map((d) => (
                        <li key={d} className="[overflow-wrap:anywhere]">{d}</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </Section>
      ) : null}

      {manage ? (
        <Section id="rename" title={t("plans.rename")}>
          <div className="mt-2">
            <RenamePlanForm locale={locale} action={renamePlanAction} id={plan.id} title={plan.title} approved={approved} minReason={MIN_REASON} />
          </div>
        </Section>
      ) : null}
    </div>
  );
}
