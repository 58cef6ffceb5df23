import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { cache } from "react";
import { QuestionCard, questionNumbers } from "@/components/quizzes/question-fields";
import { requireViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { formatNumber, formatVnDateTime } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { reviewForLearner } from "@/lib/quizzes/attempts/view";

type Props = { params: Promise<{ id: string; quizId: string; attemptId: string }> };

/** The learner's own finished attempt under its own quiz and course; null while it is in progress. */
const load = cache(async (courseId: string, quizId: string, attemptId: string) => {
  let review;
  try {
    review = await reviewForLearner(await requireViewer(), attemptId);
  } catch (e) {
    if (e instanceof AppError && e.code === "CONFLICT") return null;
    throw e;
  }
  if (review.courseId !== courseId || review.quizId !== quizId) throw new AppError("NOT_FOUND", "errors.notFound");
  return review;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT();
  const { id, quizId, attemptId } = await params;
  try {
    const review = await load(idOr404(id), idOr404(quizId), idOr404(attemptId));
    return { title: review ? `${t("quizPlayer.reviewTitle", { n: review.number })} · ${review.quizTitle}` : t("quizPlayer.stateInProgress") };
  } catch (e) {
    if (e instanceof AppError) return { title: t("errors.notFoundTitle") };
    throw e;
  }
}

/**
 * A finished attempt as the learner may see it: every answer they gave, and the marks, feedback
 * and correct answers only as far as the quiz's review settings allow now (the engine leaves out
 * the rest before it reaches this page).
 */
export default async function AttemptReviewPage({ params }: Props) {
  const { id, quizId, attemptId } = await params;
  const courseId = idOr404(id);
  const review = await orNotFound(load(courseId, idOr404(quizId), idOr404(attemptId)));
  // Still being answered: the player (which checks it is the viewer's own, under this quiz).
  if (!review) redirect(`/courses/${courseId}/quizzes/${quizId}/attempts/${attemptId}`);
  const base = `/courses/${courseId}/quizzes/${review.quizId}`;
  const t = await getT();
  const locale = await getLocale();
  const num = (n: number) => formatNumber(n, locale, { maximumFractionDigits: 2 });
  const numbers = questionNumbers(review.questions);
  const needsMarking = review.questions.some((q) => q.review?.state === "needsMarking");

  return (
    <div className="space-y-6">
      <Link href={base} className="text-sm text-brand-700 underline">
        ← {t("quizPlayer.backToLanding")}
      </Link>
      <header>
        <p className="text-sm text-slate-700">{review.quizTitle}</p>
        <h1 className="mt-1 text-2xl font-semibold [overflow-wrap:anywhere]">{t("quizPlayer.reviewTitle", { n: review.number })}</h1>
      </header>
      <section aria-label={t("quizPlayer.summary")} className="space-y-1 rounded-lg border border-slate-200 bg-white p-4 sm:p-5" data-testid="review-summary">
        <p className="font-semibold text-green-900">{t("quizPlayer.finished")}</p>
        {review.finishedAt ? <p className="text-sm text-slate-800">{t("quizPlayer.finishedAt", { at: formatVnDateTime(new Date(review.finishedAt), locale) })}</p> : null}
        {review.score !== null ? (
          <p className="text-lg font-semibold" data-testid="review-score">
            {t("quizPlayer.scoreOf", { score: num(review.score), max: num(review.maxScore) })}
          </p>
        ) : (
          <p className="text-sm text-slate-800">{t("quizPlayer.scoreHidden")}</p>
        )}
        {needsMarking ? <p className="text-sm text-slate-800">{t("quizPlayer.awaitingMarkingHint")}</p> : null}
      </section>
      {review.questions.map((q) => (
        <QuestionCard key={q.position} t={t} question={q} number={numbers.get(q.position)} response={q.response} formatMark={num} />
      ))}
      <Link href={base} className="inline-block rounded-md border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50">
        {t("quizPlayer.backToLanding")}
      </Link>
    </div>
  );
}
