import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuestionEditor } from "@/components/quizzes/question-editor";
import { QuestionPreview } from "@/components/quizzes/question-preview";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { formatVnDateTime } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { questionForEdit } from "@/lib/quizzes/banks/queries";
import { questionFormDefaults } from "@/lib/quizzes/editor-form";
import { updateQuestionAction } from "../actions";

type Props = { params: Promise<{ bankId: string; questionId: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("questionEditor.editTitle") };
}

/** One question: its editor (a save adds a version), a preview of the newest version as a learner sees it, and its versions. */
export default async function EditQuestionPage({ params, searchParams }: Props) {
  const { bankId: rawBank, questionId: rawQuestion } = await params;
  const bankId = idOr404(rawBank);
  const questionId = idOr404(rawQuestion);
  const viewer = await requireViewer();
  const q = await orNotFound(questionForEdit(viewer, questionId));
  if (q.bankId !== bankId) notFound();
  const { created } = await searchParams;
  const t = await getT();
  const locale = await getLocale();
  const { version, ...draft } = q.latest;
  return (
    <div className="space-y-6">
      <Link href={`/banks/${bankId}`} className="text-sm text-brand-700 underline">
        ← {t("questionEditor.back")}
      </Link>
      <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{draft.name}</h1>
      <p className="text-sm text-slate-700">{t("questionEditor.typeIs", { type: t(`banks.type.${q.type}`) })}</p>
      {created === "1" ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("questionEditor.created")}
        </p>
      ) : null}
      {q.archived ? <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("questionEditor.archived")}</p> : null}

      <Section id="preview" title={t("questionEditor.preview.title")}>
        <p className="mb-3 mt-1 text-sm text-slate-600">{t("questionEditor.preview.hint", { version })}</p>
        <QuestionPreview draft={draft} t={t} />
      </Section>

      {q.canEdit ? (
        <section aria-labelledby="edit-heading" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="edit-heading" className="mb-3 text-lg font-semibold">
            {t("questionEditor.editTitle")}
          </h2>
          <QuestionEditor
            locale={locale}
            action={updateQuestionAction}
            type={q.type}
            bankId={bankId}
            questionId={questionId}
            initial={questionFormDefaults(draft, { decimalComma: locale === "vi" })}
            submitLabel={t("questionEditor.save")}
          />
        </section>
      ) : null}

      <Section id="versions" title={t("questionEditor.versions.title")}>
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="versions">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-3">{t("questionEditor.versions.version")}</th>
                <th scope="col" className="py-2 pr-3">{t("questionEditor.versions.name")}</th>
                <th scope="col" className="py-2 pr-3">{t("questionEditor.versions.date")}</th>
                <th scope="col" className="py-2">{t("questionEditor.versions.author")}</th>
              </tr>
            </thead>
            <tbody>
              {q.versions.map((v) => (
                <tr key={v.version} className="border-b border-slate-200 align-top">
                  <td className="py-2 pr-3">{v.version === version ? t("questionEditor.versions.current", { version: v.version }) : v.version}</td>
                  <td className="py-2 pr-3 [overflow-wrap:anywhere]">{v.name}</td>
                  <td className="whitespace-nowrap py-2 pr-3">{formatVnDateTime(v.createdAt, locale)}</td>
                  <td className="py-2">{v.createdBy ?? t("questionEditor.versions.unknownAuthor")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </div>
  );
}
