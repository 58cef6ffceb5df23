import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { cache } from "react";
import { MarkDoneForm } from "@/components/learning/mark-done-form";
import { ProgressBar } from "@/components/learning/progress-bar";
import { VideoPlayer } from "@/components/learning/video-player";
import { requireViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { Locale, Translate } from "@/lib/i18n/messages";
import { getLocale, getT } from "@/lib/i18n/server";
import { formatBytes, isPdf } from "@/lib/learning/format";
import { lessonForStudy, type LessonForStudy } from "@/lib/learning/queries";
import { idOr404, orNotFound } from "@/lib/pages";
import { markLessonDone } from "./actions";

type Props = { params: Promise<{ id: string; lessonId: string }> };

/** One load per request, shared by the metadata and the page. */
const load = cache(async (courseId: string, lessonId: string) => lessonForStudy(await requireViewer(), courseId, lessonId));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT();
  const { id, lessonId } = await params;
  try {
    const page = await load(idOr404(id), idOr404(lessonId));
    return { title: `${page.lesson.title} · ${page.course.title}` };
  } catch (e) {
    if (e instanceof AppError) return { title: t("errors.notFoundTitle") };
    throw e;
  }
}

const fileUrl = (fileId: string) => `/api/files/${fileId}`;

/** A learner's lesson (or a staff preview): the content by kind, progress, previous and next. */
export default async function LessonPage({ params }: Props) {
  const { id, lessonId } = await params;
  const courseId = idOr404(id);
  const page = await orNotFound(load(courseId, idOr404(lessonId)));
  // A quiz lesson is the quiz's own page: its rules, attempts and the start button.
  if (page.lesson.quizId) redirect(`/courses/${courseId}/quizzes/${page.lesson.quizId}`);
  const t = await getT();
  const locale = await getLocale();
  const { course, lesson, progress } = page;
  const lessonUrl = (l: { id: string }) => `/courses/${course.id}/lessons/${l.id}`;

  return (
    <div className="space-y-6">
      <nav aria-label={t("learning.breadcrumbs")} className="text-sm">
        <ol className="flex flex-wrap items-center gap-x-2 gap-y-1 text-slate-700">
          <li>
            <Link href="/courses" className="text-brand-700 underline">
              {t("nav.courses")}
            </Link>
          </li>
          <li aria-hidden="true">›</li>
          <li className="min-w-0 [overflow-wrap:anywhere]">
            <Link href={`/courses/${course.id}`} className="text-brand-700 underline">
              {course.title}
            </Link>
          </li>
          <li aria-hidden="true">›</li>
          <li aria-current="page" className="min-w-0 [overflow-wrap:anywhere]">
            {lesson.title}
          </li>
        </ol>
      </nav>

      <header>
        <p className="text-sm text-slate-700">
          {t("learning.lessonOf", { n: page.index, total: page.count })} · {lesson.sectionTitle} · {t(`learning.kind.${lesson.kind}`)}
        </p>
        <h1 className="mt-1 text-2xl font-semibold [overflow-wrap:anywhere]">{lesson.title}</h1>
        {progress.done ? (
          <p className="mt-2 inline-flex items-center gap-1 rounded-full bg-green-100 px-3 py-1 text-sm font-semibold text-green-900" data-testid="lesson-done">
            <span aria-hidden="true">✓</span> {t("learning.done")}
          </p>
        ) : null}
      </header>

      {page.records ? null : (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="preview-notice">
          {t("learning.preview")}
        </p>
      )}

      <section aria-label={t(`learning.kind.${lesson.kind}`)} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <LessonContent page={page} t={t} locale={locale} />
      </section>

      {page.records && lesson.kind !== "VIDEO" ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
          {progress.done ? (
            <p className="font-semibold text-green-900">{t("learning.doneOn")}</p>
          ) : (
            <MarkDoneForm locale={locale} action={markLessonDone} courseId={course.id} lessonId={lesson.id} />
          )}
        </div>
      ) : null}

      {page.records ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5" data-testid="course-progress">
          <ProgressBar
            percent={page.courseProgress.percent}
            label={t("learning.courseProgress", { done: page.courseProgress.done, total: page.courseProgress.total })}
          />
          {page.courseCompleted ? (
            <p className="mt-2 font-semibold text-green-900" role="status">
              {t("learning.completedCourse")}
            </p>
          ) : null}
        </div>
      ) : null}

      <nav aria-label={t("learning.lessonNav")} className="flex flex-wrap justify-between gap-3">
        {page.previous ? (
          <Link href={lessonUrl(page.previous)} rel="prev" className="rounded-md border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50">
            ← {t("learning.previous")}
            <span className="sr-only">: {page.previous.title}</span>
          </Link>
        ) : (
          <span />
        )}
        {page.next ? (
          <Link href={lessonUrl(page.next)} rel="next" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            {t("learning.next")} →<span className="sr-only">: {page.next.title}</span>
          </Link>
        ) : (
          <Link href={`/courses/${course.id}`} className="rounded-md border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50">
            {t("learning.backToCourse")}
          </Link>
        )}
      </nav>
    </div>
  );
}

/** Readable rich text at 360 px: the stored HTML was sanitised when it was written (lib/courses/sanitize.ts). */
const PROSE =
  "max-w-none text-base leading-relaxed text-slate-900 [overflow-wrap:anywhere] " +
  "[&_h2]:mt-6 [&_h2]:mb-2 [&_h2]:text-xl [&_h2]:font-semibold [&_h3]:mt-5 [&_h3]:mb-2 [&_h3]:text-lg [&_h3]:font-semibold " +
  "[&_p]:my-3 [&_ul]:my-3 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-3 [&_ol]:list-decimal [&_ol]:pl-6 [&_li]:my-1 " +
  "[&_a]:text-brand-700 [&_a]:underline [&_blockquote]:my-3 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 " +
  "[&_table]:my-3 [&_table]:block [&_table]:overflow-x-auto [&_td]:border [&_td]:border-slate-300 [&_td]:p-2 [&_th]:border [&_th]:border-slate-300 [&_th]:p-2 " +
  "[&_img]:h-auto [&_img]:max-w-full [&_strong]:font-semibold";

function LessonContent({ page, t, locale }: { page: LessonForStudy; t: Translate; locale: Locale }) {
  const { lesson, course, progress } = page;
  switch (lesson.kind) {
    case "TEXT":
      // Sanitised on write (lib/courses/sanitize.ts); that is the only reason this is safe.
      return <div className={PROSE} data-testid="lesson-body" dangerouslySetInnerHTML={{ __html: lesson.body ?? "" }} />;
    case "LINK": {
      if (!lesson.url) return null;
      let host = lesson.url;
      try {
        host = new URL(lesson.url).host;
      } catch {
        // shown as stored
      }
      return (
        <div className="space-y-3">
          <p className="text-slate-800">{t("learning.link.hint")}</p>
          <a href={lesson.url} target="_blank" rel="noopener noreferrer" className="inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 [overflow-wrap:anywhere]">
            {t("learning.link.open", { host })}
          </a>
        </div>
      );
    }
    case "FILE": {
      const file = lesson.file;
      if (!file) return null;
      const url = fileUrl(file.id);
      const download = (
        <a href={url} download={file.name} className="font-semibold text-brand-700 underline [overflow-wrap:anywhere]">
          {t("learning.file.download", { name: file.name, size: formatBytes(file.size, locale) })}
        </a>
      );
      if (!isPdf(file.mimeType)) {
        return (
          <div className="space-y-3">
            <p className="text-slate-800">{t("learning.file.officeHint")}</p>
            <p>{download}</p>
          </div>
        );
      }
      return (
        <div className="space-y-3">
          <iframe src={url} title={t("learning.file.pdfTitle", { name: file.name })} className="h-[70vh] min-h-96 w-full rounded-md border border-slate-300" />
          <p className="text-sm text-slate-700">{t("learning.file.pdfFallback")}</p>
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            <li>
              <a href={url} target="_blank" rel="noopener" className="font-semibold text-brand-700 underline">
                {t("learning.file.open")}
              </a>
            </li>
            <li>{download}</li>
          </ul>
        </div>
      );
    }
    case "VIDEO": {
      const file = lesson.file;
      if (!file) return null;
      return (
        <VideoPlayer
          key={lesson.id}
          locale={locale}
          courseId={course.id}
          lessonId={lesson.id}
          src={fileUrl(file.id)}
          records={page.records}
          position={progress.positionSeconds}
          watched={progress.watchedSeconds}
          done={progress.done}
          duration={lesson.durationSeconds}
        />
      );
    }
  }
}
