import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireViewer } from "@/lib/auth/session";
import { formatNumber, formatVnDateTime } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { quizResults } from "@/lib/quizzes/results/queries";
import { z } from "zod";

type Props = { params: Promise<{ id: string; quizId: string }>; searchParams: Promise<{ class?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("quizResults.title") };
}

const link = "text-brand-700 underline";

export default async function QuizResultsPage({ params, searchParams }: Props) {
  const p = await params;
  const courseId = idOr404(p.id);
  const quizId = idOr404(p.quizId);
  const classParam = z.uuid().safeParse((await searchParams).class);
  const classId = classParam.success ? classParam.data : null;
  const viewer = await requireViewer();
  const r = await orNotFound(quizResults(viewer, quizId, { classId }));
  if (r.quiz.courseId !== courseId) notFound();
  const t = await getT();
  const locale = await getLocale();
  const base = `/courses/${courseId}/quizzes/${quizId}`;
  const pct = (n: number) => formatNumber(n, locale, { maximumFractionDigits: 2 });

  return (
    <div className="space-y-6">
      <Link href={base} className="text-sm text-brand-700 underline">
        ← {t("quizResults.backToQuiz")}
      </Link>
      <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{t("quizResults.heading", { title: r.quiz.title })}</h1>
      <p className="text-slate-700">{t("quizResults.intro", { course: r.quiz.courseTitle })}</p>

      <nav aria-label={t("quizResults.tools")}>
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <Link href={`${base}/results/marking`} className={link}>
              {t("quizResults.markingLink", { count: r.awaitingMarking })}
            </Link>
          </li>
          <li>
            <Link href={`${base}/results/analysis`} className={link}>
              {t("quizResults.analysisLink")}
            </Link>
          </li>
          {r.manage ? (
            <li>
              <Link href={`${base}/results/regrade`} className={link}>
                {t("quizResults.regradeLink")}
              </Link>
            </li>
          ) : null}
          <li>
            <a href={`/api/quizzes/${quizId}/results.xlsx${classId ? `?class=${classId}` : ""}`} className={link} download>
              {t("quizResults.export")}
            </a>
          </li>
        </ul>
      </nav>

      {r.classes.length > 0 ? (
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("quizResults.filter")}>
          <div className="space-y-1">
            <label htmlFor="class-filter" className="block text-sm font-semibold text-slate-800">
              {t("quizResults.classLabel")}
            </label>
            <select id="class-filter" name="class" defaultValue={classId ?? ""} className="block rounded-md border border-slate-400 bg-white px-3 py-2 text-base">
              <option value="">{t("quizResults.allClasses")}</option>
              {r.classes.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title} ({c.code})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-md border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-800">
            {t("quizResults.applyFilter")}
          </button>
        </form>
      ) : null}

      {r.rows.length === 0 ? (
        <p className="text-slate-700">{t("quizResults.noLearners")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse text-sm">
            <caption className="sr-only">{t("quizResults.tableCaption", { count: r.rows.length })}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="p-2">{t("quizResults.col.name")}</th>
                <th scope="col" className="p-2">{t("quizResults.col.unit")}</th>
                <th scope="col" className="p-2">{t("quizResults.col.class")}</th>
                <th scope="col" className="p-2">{t("quizResults.col.attempts")}</th>
                <th scope="col" className="p-2">{t(`quizResults.col.grade.${r.quiz.grading}`)}</th>
                <th scope="col" className="p-2">{t("quizResults.col.state")}</th>
                <th scope="col" className="p-2">{t("quizResults.col.passed")}</th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((row) => (
                <tr key={row.userId} className="border-b border-slate-200 align-top">
                  <th scope="row" className="p-2 text-left font-semibold [overflow-wrap:anywhere]">
                    {row.fullName}
                  </th>
                  <td className="p-2 [overflow-wrap:anywhere]">{row.unitName}</td>
                  <td className="p-2 [overflow-wrap:anywhere]">{row.className ?? "—"}</td>
                  <td className="p-2">
                    {row.attemptList.length === 0 ? (
                      "0"
                    ) : (
                      <ul className="space-y-1">
                        {row.attemptList.map((a) => (
                          <li key={a.id}>
                            <Link href={`${base}/results/attempts/${a.id}`} className={link} aria-label={t("quizResults.attemptOf", { number: a.number, name: row.fullName })}>
                              {t("quizResults.attemptShort", { number: a.number })}
                            </Link>{" "}
                            {a.state === "FINISHED" && a.score !== null ? `${formatNumber(a.score, locale)}/${formatNumber(a.maxScore, locale)}` : t("quizResults.inProgress")}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="p-2" data-testid="grade">{row.grade === null ? "—" : `${pct(row.grade)} %`}</td>
                  <td className="p-2">
                    {t(`quizResults.state.${row.state}`)}
                    {row.lastFinishedAt ? <div className="text-xs text-slate-600">{formatVnDateTime(row.lastFinishedAt, locale)}</div> : null}
                  </td>
                  <td className="p-2">{row.passed === null ? "—" : row.passed ? t("quizResults.passed") : t("quizResults.notPassed")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
