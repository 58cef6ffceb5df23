import type { Metadata } from "next";
import Link from "next/link";
import { PlanImportForm } from "@/components/plans/import-form";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { notFound as notFoundError } from "@/lib/errors";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { getPlan } from "@/lib/plans/queries";
import { MIN_REASON } from "@/lib/plans/schemas";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("plans.importTitle") };
}

async function managedPlan(viewer: Awaited<ReturnType<typeof requireViewer>>, id: string) {
  const plan = await getPlan(viewer, id);
  if (plan.access !== "manage") throw notFoundError(); // a page for managers only: to readers it does not exist
  return plan;
}

/** Import of plan items and quotas; the work happens in the route handlers under /api/plans/[id]/import. */
export default async function PlanImportPage({ params }: Props) {
  const viewer = await requireViewer();
  const plan = await orNotFound(managedPlan(viewer, idOr404((await params).id)));
  const t = await getT();
  const locale = await getLocale();
  return (
    <div className="space-y-6">
      <Link href={`/plans/${plan.id}`} className="text-sm text-brand-700 underline">
        ← {t("plans.backToPlan")}
      </Link>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("plans.importTitle")}</h1>
        <p className="text-slate-700 [overflow-wrap:anywhere]">{t("plans.importIntro", { title: plan.title })}</p>
      </div>
      <Section id="template" title={t("imports.templateHeading")}>
        <p className="mt-2 text-sm text-slate-700">{t("plans.importTemplateHint")}</p>
        <p className="mt-3">
          <a href={`/api/plans/${plan.id}/template`} download className="text-brand-700 underline">
            {t("plans.importTemplate")}
          </a>
        </p>
      </Section>
      <PlanImportForm locale={locale} planId={plan.id} approved={plan.status === "APPROVED"} minReason={MIN_REASON} />
    </div>
  );
}
