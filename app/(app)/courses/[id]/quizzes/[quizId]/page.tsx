import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { QUESTION_PROSE } from "@/components/quizzes/question-fields";
import { StartAttemptButton } from "@/components/quizzes/start-attempt";
import { requireViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { formatNumber, formatVnDateTime } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { quizForLearner } from "@/lib/quizzes/attempts/view";

type Props = { params: Promise<{ id: string; quizId: string }> };

/** One load per request, shared by the metadata and the page; a quiz of another course is not found. */
const load = cache(async (courseId: string, quizId: string) => {
  const landing = await quizForLearner(await requireViewer(), quizId);
  if (landing.quiz.courseId !== courseId) throw new AppError("NOT_FOUND", "errors.notFound");
  return landing;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT();
  const { id, quizId } = await params;
  try {
    return { title: (await load(idOr404(id), idOr404(quizId))).quiz.title };
  } catch (e) {
    if (e instanceof AppError) return { title: t("errors.notFoundTitle") };
    throw e;
  }
}

/** The quiz's landing: what it is, its rules, the learner's attempts and the button to start or continue. */
export default async function QuizLandingPage({ params }: Props) {
  const { id, quizId } = await params;
  const courseId = idOr404(id);
  const landing = await orNotFound(load(courseId, idOr404(quizId)));
  const t = await getT();
  const locale = await getLocale();
  const { quiz, attempts } = landing;
  const base = `/courses/${courseId}/quizzes/${quiz.id}`;
  const when = (iso: string) => formatVnDateTime(new Date(iso), locale);
  const num = (n: number) => formatNumber(n, locale, { maximumFractionDigits: 2 });
  const used = attempts.length;
  const minutes = quiz.timeLimitSeconds ? Math.round(quiz.timeLimitSeconds / 60) : null;

  const facts: [string, string][] = [
    [t("quizPlayer.opensAt"), quiz.opensAt ? when(quiz.opensAt) : t("quizPlayer.noOpen")],
    [t("quizPlayer.closesAt"), quiz.closesAt ? when(quiz.closesAt) : t("quizPlayer.noClose")],
    [t("quizPlayer.timeLimit"), minutes !== null ? t("quizPlayer.minutes", { n: minutes }) : t("quizPlayer.noTimeLimit")],
    [t("quizPlayer.questionCount"), num(quiz.questionCount)],
    [
      t("quizPlayer.attemptsAllowed"),
      quiz.attemptsAllowed === 0 ? t("quizPlayer.attemptsUnlimited", { used }) : t("quizPlayer.attemptsUsed", { used, allowed: quiz.attemptsAllowed }),
    ],
    [t("quizPlayer.grading"), t(`quizPlayer.grading.${quiz.grading}`)],
    [t("quizPlayer.passMark"), quiz.passPercent !== null ? t("quizPlayer.percent", { n: num(quiz.passPercent) }) : t("quizPlayer.noPassMark")],
  ];

  return (
    <div className="space-y-6">
      <Link href={`/courses/${courseId}`} className="text-sm text-brand-700 underline">
        ← {t("quizPlayer.backToCourse")}
      </Link>
      <header>
        <p className="text-sm text-slate-700">{t("learning.kind.QUIZ")}</p>
        <h1 className="mt-1 text-2xl font-semibold [overflow-wrap:anywhere]">{quiz.title}</h1>
      </header>

      {landing.isStaff ? (
        <nav aria-label={t("quizPlayer.staffTools")} className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-semibold">{t("quizPlayer.staffTools")}</h2>
          <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
            <li>
              <Link href={`${base}/edit`} className="font-semibold text-brand-700 underline">
                {t("quizPlayer.editLink")}
              </Link>
            </li>
            <li>
              <Link href={`${base}/results`} className="font-semibold text-brand-700 underline">
                {t("quizPlayer.resultsLink")}
              </Link>
            </li>
          </ul>
        </nav>
      ) : null}

      {quiz.introHtml ? (
        <section aria-label={t("quizPlayer.intro")} className={`rounded-lg border border-slate-200 bg-white p-4 sm:p-5 ${QUESTION_PROSE}`} dangerouslySetInnerHTML={{ __html: quiz.introHtml }} />
      ) : null}

      <section aria-labelledby="quiz-rules" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="quiz-rules" className="text-lg font-semibold">
          {t("quizPlayer.rules")}
        </h2>
        <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          {facts.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-semibold text-slate-800">{term}</dt>
              <dd className="mb-2 text-slate-900 sm:mb-0">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="quiz-start" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="quiz-start" className="text-lg font-semibold">
          {t("quizPlayer.yourTurn")}
        </h2>
        {landing.grade !== null ? (
          <p className="font-semibold" data-testid="quiz-grade">
            {t("quizPlayer.yourGrade", { grade: num(landing.grade) })}
            {landing.passed === true ? ` — ${t("quizPlayer.passed")}` : landing.passed === false ? ` — ${t("quizPlayer.notPassed")}` : ""}
          </p>
        ) : null}
        {landing.inProgressId ? (
          <>
            <p>{t("quizPlayer.inProgress")}</p>
            <Link href={`${base}/attempts/${landing.inProgressId}`} className="inline-block rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800">
              {t("quizPlayer.continue")}
            </Link>
          </>
        ) : landing.canStart ? (
          <>
            {minutes !== null ? <p className="text-sm text-slate-800">{t("quizPlayer.startHintTimed", { n: minutes })}</p> : null}
            <StartAttemptButton locale={locale} courseId={courseId} quizId={quiz.id} label={used > 0 ? t("quizPlayer.startAgain") : t("quizPlayer.start")} />
          </>
        ) : landing.whyNot ? (
          <p className="rounded-md bg-slate-100 px-3 py-2 text-slate-800" data-testid="why-not">
            {t(landing.whyNot)}
          </p>
        ) : null}
      </section>

      {attempts.length > 0 ? (
        <section aria-labelledby="quiz-attempts" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
          <h2 id="quiz-attempts" className="text-lg font-semibold">
            {t("quizPlayer.attempts")}
          </h2>
          <ul className="mt-3 divide-y divide-slate-200">
            {attempts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2" data-testid={`attempt-${a.number}`}>
                <div>
                  <p className="font-semibold">{t("quizPlayer.attemptN", { n: a.number })}</p>
                  <p className="text-sm text-slate-700">
                    {a.state === "IN_PROGRESS"
                      ? t("quizPlayer.startedAt", { at: when(a.startedAt) })
                      : t("quizPlayer.finishedAt", { at: when(a.finishedAt ?? a.startedAt) })}
                  </p>
                </div>
                <p>
                  {a.state === "IN_PROGRESS"
                    ? t("quizPlayer.stateInProgress")
                    : a.score !== null
                      ? `${t("quizPlayer.scoreOf", { score: num(a.score), max: num(a.maxScore) })}${a.needsMarking ? ` (${t("quizPlayer.awaitingMarking")})` : ""}`
                      : a.needsMarking
                        ? t("quizPlayer.awaitingMarking")
                        : t("quizPlayer.stateFinished")}
                </p>
                {a.state === "FINISHED" ? (
                  <Link href={`${base}/attempts/${a.id}/review`} className="font-semibold text-brand-700 underline">
                    {t("quizPlayer.reviewLink")}
                    <span className="sr-only">: {t("quizPlayer.attemptN", { n: a.number })}</span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
