import type { Metadata } from "next";
import Link from "next/link";
import { ItemForm } from "@/components/plans/plan-forms";
import { requireViewer } from "@/lib/auth/session";
import { notFound as notFoundError } from "@/lib/errors";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { getPlan, planFormOptions } from "@/lib/plans/queries";
import { MIN_REASON } from "@/lib/plans/schemas";
import { addItemAction } from "../../../actions";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("plans.newItemTitle") };
}

/** Access to the plan, then plan:manage on it: readers are refused like any other object they may not change. */
async function managedPlan(viewer: Awaited<ReturnType<typeof requireViewer>>, id: string) {
  const plan = await getPlan(viewer, id);
  if (plan.access !== "manage") throw notFoundError(); // a page for managers only: to readers it does not exist
  return plan;
}

export default async function NewPlanItemPage({ params }: Props) {
  const viewer = await requireViewer();
  const id = idOr404((await params).id);
  const plan = await orNotFound(managedPlan(viewer, id));
  const t = await getT();
  const locale = await getLocale();
  const options = await planFormOptions(viewer);
  const lead = options.units.find((u) => u.id === plan.unit.id)?.id ?? "";
  return (
    <div className="max-w-3xl space-y-4">
      <Link href={`/plans/${plan.id}`} className="text-sm text-brand-700 underline">
        ← {t("plans.backToPlan")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("plans.newItemTitle")}</h1>
      <p className="text-slate-700 [overflow-wrap:anywhere]">{plan.title}</p>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <ItemForm
          locale={locale}
          action={addItemAction}
          hidden={{ planId: plan.id }}
          heading={t("plans.addItem")}
          submitLabel={t("plans.addItemSubmit")}
          approved={plan.status === "APPROVED"}
          minReason={MIN_REASON}
          initial={{ title: "", areaId: "", courseId: "", targetGroups: [], plannedClasses: "1", plannedParticipants: "", quarter: "1", leadUnitId: lead, budget: "", fundingSource: "", note: "" }}
          units={options.units}
          areas={options.areas}
          courses={options.courses}
        />
      </div>
    </div>
  );
}
