import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireViewer } from "@/lib/auth/session";
import { formatNumber } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { itemAnalysis, type AnalysisMode } from "@/lib/quizzes/results/analysis";

type Props = { params: Promise<{ id: string; quizId: string }>; searchParams: Promise<{ attempts?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("quizResults.analysisTitle") };
}

export default async function ItemAnalysisPage({ params, searchParams }: Props) {
  const p = await params;
  const courseId = idOr404(p.id);
  const quizId = idOr404(p.quizId);
  const mode: AnalysisMode = (await searchParams).attempts === "all" ? "all" : "first";
  const viewer = await requireViewer();
  const a = await orNotFound(itemAnalysis(viewer, quizId, mode));
  if (a.quiz.courseId !== courseId) notFound();
  const t = await getT();
  const locale = await getLocale();
  const n = (x: number | null) => (x === null ? "—" : formatNumber(x, locale, { maximumFractionDigits: 2 }));
  const base = `/courses/${courseId}/quizzes/${quizId}/results`;

  return (
    <div className="space-y-6">
      <Link href={base} className="text-sm text-brand-700 underline">
        ← {t("quizResults.backToResults")}
      </Link>
      <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{t("quizResults.analysisHeading", { title: a.quiz.title })}</h1>
      <p className="text-slate-700">{t("quizResults.analysisIntro")}</p>

      <form method="get" className="flex flex-wrap items-end gap-3">
        <fieldset>
          <legend className="text-sm font-semibold text-slate-800">{t("quizResults.analysisMode")}</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {(["first", "all"] as const).map((m) => (
              <label key={m} className="flex items-center gap-2">
                <input type="radio" name="attempts" value={m} defaultChecked={mode === m} className="h-4 w-4" />
                {t(`quizResults.mode.${m}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="rounded-md border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-800">
          {t("quizResults.applyFilter")}
        </button>
      </form>

      <p>{t("quizResults.analysisTotals", { count: a.attempts, mean: n(a.meanPercent) })}</p>

      {a.items.length === 0 ? (
        <p className="text-slate-700">{t("quizResults.analysisEmpty")}</p>
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className="min-w-full border-collapse text-sm">
              <caption className="sr-only">{t("quizResults.analysisCaption")}</caption>
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className="p-2">{t("quizResults.col.position")}</th>
                  <th scope="col" className="p-2">{t("quizResults.col.question")}</th>
                  <th scope="col" className="p-2">{t("quizResults.col.count")}</th>
                  <th scope="col" className="p-2">{t("quizResults.col.facility")}</th>
                  <th scope="col" className="p-2">{t("quizResults.col.sd")}</th>
                  <th scope="col" className="p-2">{t("quizResults.col.discrimination")}</th>
                </tr>
              </thead>
              <tbody>
                {a.items.map((i) => (
                  <tr key={`${i.position}:${i.questionId}`} className="border-b border-slate-200 align-top">
                    <td className="p-2">{i.position}</td>
                    <th scope="row" className="p-2 text-left font-normal [overflow-wrap:anywhere]">
                      {i.name} <span className="text-xs text-slate-600">({t(`quizResults.type.${i.type}`)})</span>
                    </th>
                    <td className="p-2">{i.marked === i.attempts ? i.attempts : t("quizResults.countMarked", { count: i.attempts, marked: i.marked })}</td>
                    <td className="p-2">{n(i.facility)}</td>
                    <td className="p-2">{n(i.sd)}</td>
                    <td className="p-2">{n(i.discrimination)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <dl className="space-y-1 text-sm text-slate-700">
            <dt className="font-semibold">{t("quizResults.col.facility")}</dt>
            <dd>{t("quizResults.facilityHelp")}</dd>
            <dt className="font-semibold">{t("quizResults.col.discrimination")}</dt>
            <dd>{t("quizResults.discriminationHelp")}</dd>
          </dl>
          {a.items.some((i) => i.options.length > 0) ? (
            <section aria-labelledby="options-heading" className="space-y-4">
              <h2 id="options-heading" className="text-xl font-semibold">{t("quizResults.optionsHeading")}</h2>
              {a.items
                .filter((i) => i.options.length > 0)
                .map((i) => (
                  <div key={`${i.position}:${i.questionId}`}>
                    <h3 className="font-semibold [overflow-wrap:anywhere]">{t("quizResults.questionHeading", { position: i.position, name: i.name })}</h3>
                    <ul className="mt-1 space-y-1">
                      {i.options.map((o) => (
                        <li key={o.id} className="flex flex-wrap gap-2 [overflow-wrap:anywhere]">
                          {"key" in o.line ? <span>{t(o.line.key)}</span> : <span dangerouslySetInnerHTML={{ __html: o.line.html }} />}
                          <span className="text-slate-700">{t("quizResults.chosen", { count: o.count })}</span>
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
