import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuestionEditor } from "@/components/quizzes/question-editor";
import { requireViewer } from "@/lib/auth/session";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { bankDetail } from "@/lib/quizzes/banks/queries";
import { newQuestionDefaults } from "@/lib/quizzes/editor-form";
import { QUESTION_TYPES, type QuestionType } from "@/lib/quizzes/question-types";
import { createQuestionAction } from "../actions";

type Props = { params: Promise<{ bankId: string }>; searchParams: Promise<{ type?: string; category?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("questionEditor.chooseTypeTitle") };
}

const isType = (v: string | undefined): v is QuestionType => (QUESTION_TYPES as readonly string[]).includes(v ?? "");

/** A new question in a bank the viewer edits: first its type, then the editor of that type. */
export default async function NewQuestionPage({ params, searchParams }: Props) {
  const bankId = idOr404((await params).bankId);
  const { type, category } = await searchParams;
  const viewer = await requireViewer();
  const detail = await orNotFound(bankDetail(viewer, bankId));
  if (!detail.canEdit) notFound();
  const t = await getT();
  const locale = await getLocale();
  const back = (
    <Link href={`/banks/${bankId}`} className="text-sm text-brand-700 underline">
      ← {t("questionEditor.backToBank", { name: detail.bank.name })}
    </Link>
  );

  if (!isType(type)) {
    const keep = category ? `&category=${encodeURIComponent(category)}` : "";
    return (
      <div className="space-y-6">
        {back}
        <h1 className="text-2xl font-semibold">{t("questionEditor.chooseTypeTitle")}</h1>
        <p>{t("questionEditor.chooseType")}</p>
        <ul className="grid gap-2 sm:grid-cols-2">
          {QUESTION_TYPES.map((qt) => (
            <li key={qt}>
              <Link href={`/banks/${bankId}/questions/new?type=${qt}${keep}`} className="block rounded-md border border-slate-300 bg-white px-4 py-3 font-semibold text-brand-700 underline hover:bg-brand-50">
                {t(`banks.type.${qt}`)}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    );
  }

  const categories = detail.categories.map((c) => ({ id: c.id, label: c.path.join(" / ") }));
  const categoryId = categories.some((c) => c.id === category) ? category : categories[0]?.id;
  return (
    <div className="space-y-6">
      {back}
      <h1 className="text-2xl font-semibold">{t("questionEditor.newTitle", { type: t(`banks.type.${type}`) })}</h1>
      {categories.length === 0 ? (
        <p>{t("questionEditor.noCategory")}</p>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white p-5">
          <QuestionEditor
            locale={locale}
            action={createQuestionAction}
            type={type}
            bankId={bankId}
            categories={categories}
            categoryId={categoryId}
            initial={newQuestionDefaults(type)}
            submitLabel={t("questionEditor.create")}
          />
        </div>
      )}
    </div>
  );
}
