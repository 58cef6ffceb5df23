import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MarkEssayForm } from "@/components/quizzes/mark-essay-form";
import { ShownLines } from "@/components/quizzes/shown-lines";
import { requireViewer } from "@/lib/auth/session";
import { formatNumber, formatVnDateTime } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { attemptDetail } from "@/lib/quizzes/results/queries";
import { markEssayAction } from "../../actions";

type Props = { params: Promise<{ id: string; quizId: string; attemptId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("quizResults.attemptTitle") };
}

export default async function AttemptDetailPage({ params }: Props) {
  const p = await params;
  const courseId = idOr404(p.id);
  const quizId = idOr404(p.quizId);
  const attemptId = idOr404(p.attemptId);
  const viewer = await requireViewer();
  const d = await orNotFound(attemptDetail(viewer, attemptId));
  if (d.quiz.courseId !== courseId || d.quiz.id !== quizId) notFound();
  const t = await getT();
  const locale = await getLocale();
  const base = `/courses/${courseId}/quizzes/${quizId}/results`;
  const n = (x: number) => formatNumber(x, locale, { maximumFractionDigits: 2 });
  const a = d.attempt;

  return (
    <div className="space-y-6">
      <Link href={base} className="text-sm text-brand-700 underline">
        ← {t("quizResults.backToResults")}
      </Link>
      <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{t("quizResults.attemptHeading", { name: a.learnerName, number: a.number })}</h1>
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t("quizResults.col.unit")}</dt>
        <dd>{a.unitName}</dd>
        <dt className="font-semibold">{t("quizResults.col.class")}</dt>
        <dd>{a.className ?? "—"}</dd>
        <dt className="font-semibold">{t("quizResults.startedAt")}</dt>
        <dd>{formatVnDateTime(a.startedAt, locale)}</dd>
        <dt className="font-semibold">{t("quizResults.finishedAtLabel")}</dt>
        <dd>{a.finishedAt ? formatVnDateTime(a.finishedAt, locale) : t("quizResults.inProgress")}</dd>
        <dt className="font-semibold">{t("quizResults.score")}</dt>
        <dd data-testid="attempt-score">
          {a.score === null ? "—" : `${n(a.score)} / ${n(a.maxScore)}`}
          {a.needsMarking ? <span className="ml-2 text-amber-800">({t("quizResults.state.needsMarking")})</span> : null}
        </dd>
      </dl>

      <ol className="space-y-6">
        {d.questions.map((q) => (
          <li key={q.id} className="rounded-md border border-slate-300 p-4">
            <section aria-labelledby={`q-${q.position}`}>
              <h2 id={`q-${q.position}`} className="text-lg font-semibold [overflow-wrap:anywhere]">
                {t("quizResults.questionHeading", { position: q.position, name: q.name })}
              </h2>
              <p className="text-sm text-slate-600">
                {t(`quizResults.type.${q.type}`)} · {t("quizResults.versionLine", { version: q.markedVersion ?? q.version })}
                {q.type !== "ESSAY" && q.type !== "DESCRIPTION" && q.latestVersion > (q.markedVersion ?? q.version) && d.manage ? (
                  <>
                    {" · "}
                    <Link href={`${base}/regrade?question=${q.questionId}`} className="text-brand-700 underline">
                      {t("quizResults.newerVersion", { version: q.latestVersion })}
                    </Link>
                  </>
                ) : null}
              </p>
              <div className="prose mt-2 max-w-none [overflow-wrap:anywhere]" dangerouslySetInnerHTML={{ __html: q.questionHtml }} />
              {q.type === "DESCRIPTION" ? null : (
                <>
                  <h3 className="mt-3 text-sm font-semibold">{t("quizResults.learnerAnswer")}</h3>
                  <ShownLines lines={q.response} t={t} locale={locale} empty={t("quizResults.noAnswer")} />
                  <h3 className="mt-3 text-sm font-semibold">{q.type === "ESSAY" ? t("quizResults.graderInfo") : t("quizResults.correctAnswer")}</h3>
                  <ShownLines lines={q.correct} t={t} locale={locale} empty="—" />
                  <p className="mt-3 font-semibold">
                    {t("quizResults.markLine", { mark: q.mark === null ? "—" : n(q.mark), max: n(q.maxMark) })}
                  </p>
                  {q.comment ? <p className="text-slate-700 [overflow-wrap:anywhere]">{t("quizResults.commentLine", { comment: q.comment })}</p> : null}
                  {q.history.length > 0 ? (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-sm text-brand-700">{t("quizResults.history", { count: q.history.length })}</summary>
                      <ol className="mt-2 space-y-1 text-sm">
                        {q.history.map((h, i) => (
                          <li key={i} className="[overflow-wrap:anywhere]">
                            {formatVnDateTime(h.at, locale)} · {t(`quizResults.source.${h.source}`)} ·{" "}
                            {t("quizResults.markLine", { mark: h.mark === null ? "—" : n(h.mark), max: n(q.maxMark) })}
                            {h.version !== null ? ` · ${t("quizResults.versionLine", { version: h.version })}` : ""}
                            {h.by ? ` · ${h.by}` : ""}
                            {h.comment ? ` · ${h.comment}` : ""}
                          </li>
                        ))}
                      </ol>
                    </details>
                  ) : null}
                  {q.type === "ESSAY" && d.manage && a.state === "FINISHED" ? (
                    <MarkEssayForm
                      locale={locale}
                      action={markEssayAction}
                      courseId={courseId}
                      quizId={quizId}
                      attemptQuestionId={q.id}
                      maxMark={q.maxMark}
                      mark={q.mark}
                      comment={q.comment}
                      label={t("quizResults.markFormLabel", { name: a.learnerName, position: q.position })}
                    />
                  ) : null}
                </>
              )}
            </section>
          </li>
        ))}
      </ol>
    </div>
  );
}
