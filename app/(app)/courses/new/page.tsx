import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CourseForm } from "@/components/courses/course-form";
import { requireViewer } from "@/lib/auth/session";
import { hasAnywhere } from "@/lib/auth/viewer";
import { listAreas } from "@/lib/courses/areas";
import { audienceOptions, owningUnitOptions } from "@/lib/courses/queries";
import { getLocale, getT } from "@/lib/i18n/server";
import { createCourseAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("courses.newTitle") };
}

export default async function NewCoursePage() {
  const viewer = await requireViewer();
  if (!hasAnywhere(viewer, "course:create")) notFound();
  const t = await getT();
  const locale = await getLocale();
  const [areas, owningUnits] = await Promise.all([listAreas(viewer), owningUnitOptions(viewer)]);
  if (owningUnits.length === 0) notFound();
  const first = owningUnits[0]!;
  const audienceUnits = await audienceOptions(viewer, first.id);
  return (
    <div className="space-y-4">
      <Link href="/courses" className="text-sm text-brand-700 underline">
        ← {t("courses.backToCatalogue")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("courses.newTitle")}</h1>
      <p className="text-slate-700">{t("courses.newIntro")}</p>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <CourseForm
          locale={locale}
          action={createCourseAction}
          heading={t("courses.overview")}
          submitLabel={t("courses.create")}
          areas={areas.map((a) => ({ id: a.id, name: (locale === "en" && a.nameEn) || a.name }))}
          owningUnits={owningUnits}
          audienceUnits={audienceUnits}
          initial={{
            title: "",
            code: "",
            areaId: "",
            unitId: owningUnits.length === 1 ? first.id : "",
            summary: "",
            objectives: "",
            targetGroups: ["CONG_CHUC"],
            hours: 4,
            selfEnrol: true,
            audience: [],
          }}
        />
      </div>
    </div>
  );
}
