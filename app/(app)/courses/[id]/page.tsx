import type { Metadata } from "next";
import Link from "next/link";
import { CourseStatusBadge, EnrolmentBadge } from "@/components/courses/badges";
import { EnrolForm, WithdrawForm } from "@/components/courses/enrol-forms";
import { ProgressBar } from "@/components/learning/progress-bar";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { getCourseOverview } from "@/lib/courses/queries";
import { getLocale, getT } from "@/lib/i18n/server";
import { courseProgress } from "@/lib/learning/progress";
import { idOr404, orNotFound } from "@/lib/pages";
import { enrolAction, withdrawAction } from "../actions";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("courses.title") };
}

export default async function CoursePage({ params }: Props) {
  const id = idOr404((await params).id);
  const viewer = await requireViewer();
  const { access, course, sections, trainers, audience } = await orNotFound(getCourseOverview(viewer, id));
  const t = await getT();
  const locale = await getLocale();
  const enrolment = access.enrolment;
  const studying = access.study;
  const progress = studying ? await courseProgress(viewer, id) : null;
  const done = new Set(progress?.doneLessonIds ?? []);
  const lessonCount = sections.reduce((n, s) => n + s.lessons.length, 0);
  const linkLessons = studying || access.staff;

  return (
    <div className="space-y-6">
      <Link href="/courses" className="text-sm text-brand-700 underline">
        ← {t("courses.backToCatalogue")}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{course.title}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span>{course.code}</span>
          {access.staff ? <CourseStatusBadge status={course.status} t={t} /> : null}
          {enrolment ? <EnrolmentBadge status={enrolment.status} t={t} /> : null}
        </p>
      </div>

      {access.staff && course.status === "DRAFT" ? <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("courses.draftNotice")}</p> : null}
      {course.status === "ARCHIVED" ? <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">{t("courses.archivedNotice")}</p> : null}

      {access.manage || access.staff ? (
        <nav aria-label={t("courses.staffTools")} className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-semibold">{t("courses.staffTools")}</h2>
          {access.manage ? (
            <ul className="mt-2 space-y-1">
              <li>
                <Link href={`/courses/${id}/edit`} className="font-semibold text-brand-700 underline">
                  {t("courses.editLink")}
                </Link>
              </li>
              <li>
                <Link href={`/courses/${id}/content`} className="font-semibold text-brand-700 underline">
                  {t("courses.contentLink")}
                </Link>
              </li>
            </ul>
          ) : null}
        </nav>
      ) : null}

      {studying && progress ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <ProgressBar percent={progress.percent} label={t("courses.progress", { done: progress.done, total: progress.total })} />
        </div>
      ) : null}

      {access.canSelfEnrol ? (
        <div className="rounded-lg border border-brand-700 bg-white p-4">
          <EnrolForm locale={locale} id={id} action={enrolAction} />
        </div>
      ) : null}
      {access.open && !course.selfEnrol && !studying ? <p className="rounded-md bg-slate-100 px-3 py-2 text-sm">{t("courses.classOnly")}</p> : null}

      <Section id="overview" title={t("courses.overview")}>
        <dl className="mt-3 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold text-slate-800">{t("courses.area")}</dt>
          <dd>{(locale === "en" && course.area.nameEn) || course.area.name}</dd>
          <dt className="font-semibold text-slate-800">{t("courses.fieldHours")}</dt>
          <dd>{t("courses.hoursValue", { hours: course.hours })}</dd>
          <dt className="font-semibold text-slate-800">{t("courses.fieldTargetGroups")}</dt>
          <dd>{course.targetGroups.map((g) => t(`courses.target.${g}`)).join(", ")}</dd>
          <dt className="font-semibold text-slate-800">{t("courses.owner")}</dt>
          <dd>{course.unit.name}</dd>
          <dt className="font-semibold text-slate-800">{t("courses.trainers")}</dt>
          <dd>{trainers.map((p) => p.fullName).join(", ") || "—"}</dd>
          {access.staff ? (
            <>
              <dt className="font-semibold text-slate-800">{t("courses.audience")}</dt>
              <dd>{audience.map((u) => u.name).join(", ")}</dd>
            </>
          ) : null}
        </dl>
        {course.summary ? <p className="mt-3 whitespace-pre-line text-slate-900">{course.summary}</p> : null}
        {course.objectives ? (
          <>
            <h3 className="mt-4 font-semibold">{t("courses.objectives")}</h3>
            <p className="mt-1 whitespace-pre-line text-slate-900">{course.objectives}</p>
          </>
        ) : null}
      </Section>

      <Section id="outline" title={t("courses.outline")}>
        {lessonCount === 0 ? <p className="mt-2 text-sm text-slate-700">{t("courses.outlineEmpty")}</p> : null}
        <ol className="mt-3 space-y-4">
          {sections.map((s) => (
            <li key={s.id}>
              <h3 className="font-semibold [overflow-wrap:anywhere]">{s.title}</h3>
              <ol className="mt-1 list-decimal space-y-1 pl-6">
                {s.lessons.map((l) => (
                  <li key={l.id} className="[overflow-wrap:anywhere]">
                    {linkLessons ? (
                      <Link href={l.quiz ? `/courses/${id}/quizzes/${l.quiz.id}` : `/courses/${id}/lessons/${l.id}`} className="text-brand-700 underline">
                        {l.title}
                      </Link>
                    ) : (
                      <span>{l.title}</span>
                    )}
                    <span className="ml-2 text-xs text-slate-600">{t(`learning.kind.${l.kind}`)}</span>
                    {done.has(l.id) ? <span className="ml-2 text-xs font-semibold text-green-800">✓ {t("learning.done")}</span> : null}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      </Section>

      {enrolment?.status === "ACTIVE" && course.selfEnrol && !enrolment.classId ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <WithdrawForm locale={locale} id={id} action={withdrawAction} title={course.title} />
        </div>
      ) : null}
      {enrolment?.classId ? (
        <p className="text-slate-700">
          <Link href={`/classes/${enrolment.classId}`} className="font-semibold text-brand-700 underline">
            {t("courses.yourClass")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
