import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClassForm } from "@/components/classes/class-forms";
import { requireViewer } from "@/lib/auth/session";
import { planItemForNewClass } from "@/lib/classes/queries";
import { defaultWindow } from "@/lib/classes/time";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { unitOptionsWith } from "@/lib/units/queries";
import { openClassAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("classes.newTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewClassPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  const raw = (await searchParams).planItemId;
  if (typeof raw !== "string") notFound();
  const item = await orNotFound(planItemForNewClass(viewer, idOr404(raw)));
  const t = await getT();
  const locale = await getLocale();
  const units = (await unitOptionsWith(viewer, "class:manage")).map((u) => ({ id: u.id, name: `${"\u00a0".repeat(u.depth * 2)}${u.name}` }));
  const { opens, closes } = defaultWindow();
  return (
    <div className="space-y-4">
      <h1 id="new-class-heading" className="text-2xl font-semibold">
        {t("classes.newTitle")}
      </h1>
      <p className="text-slate-700">{t("classes.newIntro", { item: item.title, plan: item.plan.title })}</p>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <ClassForm
          locale={locale}
          action={openClassAction}
          planItemId={item.id}
          labelledBy="new-class-heading"
          courses={item.courses}
          units={units}
          initial={{ title: item.title, mode: "IN_PERSON", capacity: "30", enrolOpens: opens, enrolCloses: closes, joinPolicy: "NOMINATED", requiresApproval: false, selfUnitIds: [], courseId: item.courseId ?? undefined }}
        />
      </div>
    </div>
  );
}
