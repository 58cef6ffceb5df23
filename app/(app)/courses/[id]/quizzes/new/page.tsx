import type { Metadata } from "next";
import Link from "next/link";
import { NewQuizForm } from "@/components/quizzes/setup-forms";
import { requireViewer } from "@/lib/auth/session";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { newQuizChoices } from "@/lib/quizzes/setup/queries";
import { createQuizAction } from "./actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("quizSetup.newTitle") };
}

export default async function NewQuizPage({ params, searchParams }: Props) {
  const id = idOr404((await params).id);
  const viewer = await requireViewer();
  const { course, sections } = await orNotFound(newQuizChoices(viewer, id));
  const t = await getT();
  const locale = await getLocale();
  const wanted = (await searchParams).section;
  const sectionId = sections.find((s) => s.id === wanted)?.id ?? sections[sections.length - 1]?.id ?? "";

  return (
    <div className="space-y-6">
      <Link href={`/courses/${id}/content`} className="text-sm text-brand-700 underline">
        ← {t("quizSetup.backToContent")}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{t("quizSetup.newTitle")}</h1>
        <p className="mt-1 text-slate-700 [overflow-wrap:anywhere]">{course.title}</p>
      </div>
      <p className="text-slate-700">{t("quizSetup.newIntro")}</p>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        {sections.length === 0 ? (
          <p className="text-sm text-slate-700">{t("quizSetup.noSections")}</p>
        ) : (
          <NewQuizForm locale={locale} courseId={id} sections={sections} sectionId={sectionId} action={createQuizAction} />
        )}
      </div>
    </div>
  );
}
