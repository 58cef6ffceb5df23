import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ConfirmAction } from "@/components/confirm-action";
import { requireViewer } from "@/lib/auth/session";
import { formatNumber } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { regradeQuestion } from "@/lib/quizzes/results/commands";
import { regradeCandidates } from "@/lib/quizzes/results/queries";
import { regradeAction } from "../actions";

type Props = { params: Promise<{ id: string; quizId: string }>; searchParams: Promise<{ question?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("quizResults.regradeTitle") };
}

export default async function RegradePage({ params, searchParams }: Props) {
  const p = await params;
  const courseId = idOr404(p.id);
  const quizId = idOr404(p.quizId);
  const question = z.uuid().safeParse((await searchParams).question);
  const viewer = await requireViewer();
  const c = await orNotFound(regradeCandidates(viewer, quizId));
  // Staff who only read the course have nothing to do here.
  if (c.quiz.courseId !== courseId || !c.manage) notFound();
  // The dry run: what applying would change, shown before anyone confirms.
  const dry = question.success ? await orNotFound(regradeQuestion(viewer, quizId, question.data, { dryRun: true })) : null;
  const t = await getT();
  const locale = await getLocale();
  const n = (x: number | null) => (x === null ? "—" : formatNumber(x, locale, { maximumFractionDigits: 2 }));
  const base = `/courses/${courseId}/quizzes/${quizId}/results`;

  return (
    <div className="space-y-6">
      <Link href={base} className="text-sm text-brand-700 underline">
        ← {t("quizResults.backToResults")}
      </Link>
      <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">
        {dry ? t("quizResults.regradeQuestionHeading", { name: dry.question.name }) : t("quizResults.regradeHeading", { title: c.quiz.title })}
      </h1>
      <p className="text-slate-700">{t("quizResults.regradeIntro")}</p>

      {dry ? (
        <section aria-labelledby="dry-run" className="space-y-3">
          <h2 id="dry-run" className="text-xl font-semibold">{t("quizResults.dryRunHeading", { version: dry.question.version })}</h2>
          <p>{t("quizResults.dryRunSummary", { checked: dry.checked, changed: dry.changes.length })}</p>
          {dry.changes.length > 0 ? (
            <>
              <div className="overflow-x-auto">
                <table className="min-w-full border-collapse text-sm">
                  <caption className="sr-only">{t("quizResults.dryRunCaption")}</caption>
                  <thead>
                    <tr className="border-b border-slate-300 text-left">
                      <th scope="col" className="p-2">{t("quizResults.col.name")}</th>
                      <th scope="col" className="p-2">{t("quizResults.col.attempt")}</th>
                      <th scope="col" className="p-2">{t("quizResults.col.position")}</th>
                      <th scope="col" className="p-2">{t("quizResults.col.oldMark")}</th>
                      <th scope="col" className="p-2">{t("quizResults.col.newMark")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {dry.changes.map((ch) => (
                      <tr key={ch.attemptQuestionId} className="border-b border-slate-200">
                        <th scope="row" className="p-2 text-left font-normal [overflow-wrap:anywhere]">{ch.learnerName}</th>
                        <td className="p-2">
                          <Link href={`${base}/attempts/${ch.attemptId}`} className="text-brand-700 underline">
                            {t("quizResults.attemptShort", { number: ch.attemptNumber })}
                          </Link>
                        </td>
                        <td className="p-2">{ch.position}</td>
                        <td className="p-2">{n(ch.oldMark)}</td>
                        <td className="p-2">{n(ch.newMark)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <ConfirmAction
                  locale={locale}
                  action={regradeAction}
                  fields={{ courseId, quizId, questionId: dry.question.id }}
                  label={t("quizResults.applyRegrade")}
                  question={t("quizResults.confirmRegrade", { name: dry.question.name, count: dry.changes.length })}
                />
            </>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="candidates" className="space-y-2">
        <h2 id="candidates" className="text-xl font-semibold">{t("quizResults.candidatesHeading")}</h2>
        {c.questions.length === 0 ? (
          <p className="text-slate-700">{t("quizResults.noCandidates")}</p>
        ) : (
          <ul className="list-disc space-y-1 pl-5">
            {c.questions.map((q) => (
              <li key={q.id} className="[overflow-wrap:anywhere]">
                <Link href={`${base}/regrade?question=${q.id}`} className="text-brand-700 underline">
                  {q.name}
                </Link>{" "}
                <span className="text-sm text-slate-600">({t("quizResults.versionLine", { version: q.latestVersion })})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
