import type { Metadata } from "next";
import Link from "next/link";
import { CourseForm } from "@/components/courses/course-form";
import { StatusForm, TrainerForms } from "@/components/courses/course-admin-forms";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { listAreas } from "@/lib/courses/areas";
import { audienceOptions, getCourseForEdit } from "@/lib/courses/queries";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { addTrainerAction, removeTrainerAction, setCourseStatusAction, updateCourseAction } from "../../actions";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("courses.editTitle") };
}

export default async function EditCoursePage({ params }: Props) {
  const id = idOr404((await params).id);
  const viewer = await requireViewer();
  const { course, chooseTrainers, trainerCandidates } = await orNotFound(getCourseForEdit(viewer, id));
  const t = await getT();
  const locale = await getLocale();
  const [areas, audienceUnits] = await Promise.all([listAreas(viewer), audienceOptions(viewer, course.unitId, course.audience)]);
  return (
    <div className="space-y-6">
      <Link href={`/courses/${id}`} className="text-sm text-brand-700 underline">
        ← {t("courses.backToCourse")}
      </Link>
      <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{course.title}</h1>

      <Section id="status" title={t("courses.statusTitle")}>
        <p className="mt-2 text-sm text-slate-800" data-testid="course-status">
          {t("courses.currentStatus", { status: t(`courses.status.${course.status}`) })}
        </p>
        <StatusForm locale={locale} id={id} status={course.status} action={setCourseStatusAction} />
      </Section>

      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <CourseForm
          locale={locale}
          action={updateCourseAction}
          id={id}
          heading={t("courses.editTitle")}
          submitLabel={t("courses.save")}
          areas={areas.map((a) => ({ id: a.id, name: (locale === "en" && a.nameEn) || a.name }))}
          audienceUnits={audienceUnits}
          initial={{
            title: course.title,
            code: course.code,
            areaId: course.areaId,
            summary: course.summary,
            objectives: course.objectives,
            targetGroups: course.targetGroups,
            hours: course.hours,
            selfEnrol: course.selfEnrol,
            audience: course.audience,
          }}
        />
      </div>

      <Section id="trainers" title={t("courses.trainers")}>
        <p className="mt-1 text-sm text-slate-700">{t("courses.trainersHint")}</p>
        <TrainerForms
          locale={locale}
          id={id}
          trainers={course.trainers.map((u) => ({ id: u.id, name: u.fullName }))}
          candidates={trainerCandidates.map((c) => ({ id: c.id, name: `${c.fullName} — ${c.unitName}` }))}
          editable={chooseTrainers}
          addAction={addTrainerAction}
          removeAction={removeTrainerAction}
        />
      </Section>
    </div>
  );
}
