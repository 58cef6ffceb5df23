import type { Metadata } from "next";
import Link from "next/link";
import { AreaForm } from "@/components/courses/area-form";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { listAreasForAdmin } from "@/lib/courses/areas";
import { getLocale, getT } from "@/lib/i18n/server";
import { orNotFound } from "@/lib/pages";
import { createAreaAction, updateAreaAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("courses.areasTitle") };
}

export default async function AreasPage() {
  const viewer = await requireViewer();
  const areas = await orNotFound(listAreasForAdmin(viewer));
  const t = await getT();
  const locale = await getLocale();
  return (
    <div className="space-y-6">
      <Link href="/courses" className="text-sm text-brand-700 underline">
        ← {t("courses.backToCatalogue")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("courses.areasTitle")}</h1>
      <p className="text-slate-700">{t("courses.areasIntro")}</p>
      {areas.map((a) => (
        <Section key={a.id} id={`area-${a.id.slice(0, 8)}`} title={`${a.name} · ${t("courses.areaCourses", { count: a.courses })}`}>
          <div className="mt-3">
            <AreaForm locale={locale} area={a} action={updateAreaAction} heading={t("courses.editArea", { name: a.name })} />
          </div>
        </Section>
      ))}
      <Section id="area-new" title={t("courses.addArea")}>
        <div className="mt-3">
          <AreaForm locale={locale} action={createAreaAction} heading={t("courses.addArea")} />
        </div>
      </Section>
    </div>
  );
}
