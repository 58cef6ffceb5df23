import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { cache } from "react";
import { AttemptPlayer } from "@/components/quizzes/attempt-player";
import { requireViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { attemptForLearner } from "@/lib/quizzes/attempts/view";

type Props = { params: Promise<{ id: string; quizId: string; attemptId: string }> };

/** The learner's own attempt, and only under its own quiz and course. */
const load = cache(async (courseId: string, quizId: string, attemptId: string) => {
  const view = await attemptForLearner(await requireViewer(), attemptId);
  if (view.courseId !== courseId || view.quizId !== quizId) throw new AppError("NOT_FOUND", "errors.notFound");
  return view;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT();
  const { id, quizId, attemptId } = await params;
  try {
    const view = await load(idOr404(id), idOr404(quizId), idOr404(attemptId));
    return { title: `${view.quizTitle} · ${t("quizPlayer.attemptN", { n: view.number })}` };
  } catch (e) {
    if (e instanceof AppError) return { title: t("errors.notFoundTitle") };
    throw e;
  }
}

/** The attempt being answered; a finished one (submitted, or its time is up) goes to its review. */
export default async function AttemptPage({ params }: Props) {
  const { id, quizId, attemptId } = await params;
  const courseId = idOr404(id);
  const view = await orNotFound(load(courseId, idOr404(quizId), idOr404(attemptId)));
  const base = `/courses/${courseId}/quizzes/${view.quizId}`;
  if (view.state === "FINISHED") redirect(`${base}/attempts/${view.attemptId}/review`);
  const t = await getT();
  const locale = await getLocale();
  return (
    <div className="space-y-4">
      <Link href={base} className="text-sm text-brand-700 underline">
        ← {t("quizPlayer.backToLanding")}
      </Link>
      <header>
        <p className="text-sm text-slate-700">{t("quizPlayer.attemptN", { n: view.number })}</p>
        <h1 className="mt-1 text-2xl font-semibold [overflow-wrap:anywhere]">{view.quizTitle}</h1>
      </header>
      <AttemptPlayer locale={locale} view={view} reviewUrl={`${base}/attempts/${view.attemptId}/review`} />
    </div>
  );
}
