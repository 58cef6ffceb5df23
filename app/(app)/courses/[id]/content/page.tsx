import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmAction } from "@/components/confirm-action";
import { AddLessonForm, AddSectionForm, EditLessonForm, SectionForms } from "@/components/courses/content-forms";
import { OutlineEditor } from "@/components/courses/outline-editor";
import { UploadZone } from "@/components/courses/upload-zone";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { getCourseContent } from "@/lib/courses/content";
import { uploadLimits } from "@/lib/courses/file-types";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { usableBanksForCourse } from "@/lib/quizzes/bank-access";
import {
  addLessonAction,
  addSectionAction,
  deleteLessonAction,
  deleteSectionAction,
  renameSectionAction,
  reorderAction,
  updateLessonAction,
} from "./actions";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("courses.contentLink") };
}

export default async function CourseContentPage({ params }: Props) {
  const id = idOr404((await params).id);
  const viewer = await requireViewer();
  const { access, sections } = await orNotFound(getCourseContent(viewer, id));
  const t = await getT();
  const locale = await getLocale();
  const choices = sections.map((s) => ({ id: s.id, title: s.title }));
  const banks = access.manage ? await usableBanksForCourse(viewer, id) : [];

  return (
    <div className="space-y-6">
      <Link href={`/courses/${id}`} className="text-sm text-brand-700 underline">
        ← {t("courses.backToCourse")}
      </Link>
      <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{t("courses.contentTitle", { title: access.course.title })}</h1>
      <p className="text-slate-700">{t("courses.contentIntro")}</p>
      <p className="text-sm text-slate-700">
        {t("banks.courseBanks")}{" "}
        {banks.map((b, i) => (
          <span key={b.id}>
            {i > 0 ? ", " : null}
            <Link href={`/banks/${b.id}`} className="text-brand-700 underline">
              {b.name}
            </Link>
          </span>
        ))}
        {banks.length > 0 ? " · " : null}
        <Link href="/banks" className="text-brand-700 underline">
          {t("banks.allBanks")}
        </Link>
      </p>

      <Section id="order" title={t("courses.order")}>
        {sections.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t("courses.noSections")}</p>
        ) : (
          <OutlineEditor
            locale={locale}
            courseId={id}
            action={reorderAction}
            sections={sections.map((s) => ({ id: s.id, title: s.title, lessons: s.lessons.map((l) => ({ id: l.id, title: l.title })) }))}
          />
        )}
      </Section>

      <Section id="add-section" title={t("courses.addSection")}>
        <AddSectionForm locale={locale} courseId={id} action={addSectionAction} />
      </Section>

      {sections.length > 0 ? (
        <Section id="add-lesson" title={t("courses.addLesson")}>
          <AddLessonForm locale={locale} courseId={id} sections={choices} action={addLessonAction} />
        </Section>
      ) : null}

      {sections.length > 0 ? (
        <Section id="upload" title={t("courses.uploadTitle")}>
          <div className="mt-3">
            <UploadZone courseId={id} sections={choices} locale={locale} limits={uploadLimits()} />
          </div>
        </Section>
      ) : null}

      {sections.map((s, si) => (
        <Section key={s.id} id={`section-${s.id.slice(0, 8)}`} title={`${si + 1}. ${s.title}`}>
          <div className="mt-3 space-y-4">
            <SectionForms
              locale={locale}
              courseId={id}
              section={{ id: s.id, title: s.title }}
              lessonCount={s.lessons.length}
              renameAction={renameSectionAction}
              deleteAction={deleteSectionAction}
            />
            <p>
              <Link
                href={`/courses/${id}/quizzes/new?section=${s.id}`}
                aria-label={t("quizSetup.addQuizTo", { title: s.title })}
                className="font-semibold text-brand-700 underline"
              >
                + {t("quizSetup.addQuiz")}
              </Link>
            </p>
            {s.lessons.length === 0 ? <p className="text-sm text-slate-700">{t("courses.sectionEmpty")}</p> : null}
            <ul className="space-y-2">
              {s.lessons.map((l) => (
                <li key={l.id}>
                  <details className="rounded-md border border-slate-200 p-2">
                    <summary className="cursor-pointer [overflow-wrap:anywhere]">
                      <span className="font-semibold">{l.title}</span>
                      <span className="ml-2 text-xs text-slate-600">{t(`learning.kind.${l.kind}`)}</span>
                    </summary>
                    <div className="mt-3">
                      {l.kind === "QUIZ" ? (
                        <div className="flex flex-wrap items-center gap-3">
                          {l.quiz ? (
                            <Link href={`/courses/${id}/quizzes/${l.quiz.id}/edit`} aria-label={t("quizSetup.editQuizNamed", { title: l.title })} className="font-semibold text-brand-700 underline">
                              {t("quizSetup.editQuiz")}
                            </Link>
                          ) : null}
                          <ConfirmAction
                            locale={locale}
                            action={deleteLessonAction}
                            fields={{ courseId: id, lessonId: l.id }}
                            label={t("quizSetup.deleteQuizNamed", { title: l.title })}
                            question={t("quizSetup.confirmDeleteQuiz", { title: l.title })}
                          />
                        </div>
                      ) : <EditLessonForm
                        locale={locale}
                        courseId={id}
                        sections={choices}
                        lesson={{ id: l.id, title: l.title, kind: l.kind, body: l.body, url: l.url, sectionId: s.id, fileName: l.file?.originalName ?? null }}
                        updateAction={updateLessonAction}
                        deleteAction={deleteLessonAction}
                      />}
                    </div>
                  </details>
                </li>
              ))}
            </ul>
          </div>
        </Section>
      ))}
    </div>
  );
}
