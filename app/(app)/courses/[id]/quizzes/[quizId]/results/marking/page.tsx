import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MarkEssayForm } from "@/components/quizzes/mark-essay-form";
import { requireViewer } from "@/lib/auth/session";
import { formatVnDateTime } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { markingQueue } from "@/lib/quizzes/results/queries";
import { markEssayAction } from "../actions";

type Props = { params: Promise<{ id: string; quizId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("quizResults.markingTitle") };
}

export default async function MarkingQueuePage({ params }: Props) {
  const p = await params;
  const courseId = idOr404(p.id);
  const quizId = idOr404(p.quizId);
  const viewer = await requireViewer();
  const q = await orNotFound(markingQueue(viewer, quizId));
  if (q.quiz.courseId !== courseId) notFound();
  const t = await getT();
  const locale = await getLocale();
  const base = `/courses/${courseId}/quizzes/${quizId}/results`;

  return (
    <div className="space-y-6">
      <Link href={base} className="text-sm text-brand-700 underline">
        ← {t("quizResults.backToResults")}
      </Link>
      <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{t("quizResults.markingHeading", { title: q.quiz.title })}</h1>
      <p className="text-slate-700">{q.manage ? t("quizResults.markingIntro") : t("quizResults.markingReadOnly")}</p>
      {q.items.length === 0 ? (
        <p className="rounded-md border border-slate-200 p-3 text-slate-700">{t("quizResults.markingEmpty")}</p>
      ) : (
        <ol className="space-y-6">
          {q.items.map((item) => (
            <li key={item.attemptQuestionId} className="rounded-md border border-slate-300 p-4">
              <article aria-labelledby={`h-${item.attemptQuestionId}`}>
                <h2 id={`h-${item.attemptQuestionId}`} className="text-lg font-semibold [overflow-wrap:anywhere]">
                  {t("quizResults.markingItem", { name: item.learnerName, number: item.attemptNumber, position: item.position })}
                </h2>
                <p className="text-sm text-slate-600">
                  {item.finishedAt ? t("quizResults.finishedAt", { at: formatVnDateTime(item.finishedAt, locale) }) : null}{" "}
                  <Link href={`${base}/attempts/${item.attemptId}`} className="text-brand-700 underline">
                    {t("quizResults.openAttempt")}
                  </Link>
                </p>
                <h3 className="mt-3 text-sm font-semibold text-slate-800">{t("quizResults.question", { name: item.questionName })}</h3>
                <div className="prose max-w-none [overflow-wrap:anywhere]" dangerouslySetInnerHTML={{ __html: item.questionHtml }} />
                {item.graderInfoHtml ? (
                  <>
                    <h3 className="mt-3 text-sm font-semibold text-slate-800">{t("quizResults.graderInfo")}</h3>
                    <div className="prose max-w-none rounded-md bg-amber-50 p-2 [overflow-wrap:anywhere]" dangerouslySetInnerHTML={{ __html: item.graderInfoHtml }} />
                  </>
                ) : null}
                <h3 className="mt-3 text-sm font-semibold text-slate-800">{t("quizResults.learnerAnswer")}</h3>
                {item.answerHtml ? (
                  <div className="rounded-md bg-slate-50 p-2 [overflow-wrap:anywhere]" data-testid="essay-answer" dangerouslySetInnerHTML={{ __html: item.answerHtml }} />
                ) : (
                  <p className="text-slate-600">{t("quizResults.noAnswer")}</p>
                )}
                {q.manage ? (
                  <MarkEssayForm
                    locale={locale}
                    action={markEssayAction}
                    courseId={courseId}
                    quizId={quizId}
                    attemptQuestionId={item.attemptQuestionId}
                    maxMark={item.maxMark}
                    mark={null}
                    comment={null}
                    label={t("quizResults.markFormLabel", { name: item.learnerName, position: item.position })}
                  />
                ) : null}
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
