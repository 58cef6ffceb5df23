import type { Metadata } from "next";
import Link from "next/link";
import { QuestionUpload } from "@/components/banks/question-upload";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { QUESTION_FILE_MAX_BYTES } from "@/lib/quizzes/banks/import";
import { bankForImport } from "@/lib/quizzes/banks/queries";

type Props = { params: Promise<{ bankId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("banks.import.title") };
}

/** Choose a GIFT, Aiken or XLSX file; the next page shows every question found before anything is imported. */
export default async function BankImportPage({ params }: Props) {
  const viewer = await requireViewer();
  const t = await getT();
  const locale = await getLocale();
  const bankId = idOr404((await params).bankId);
  const bank = await orNotFound(bankForImport(viewer, bankId));
  return (
    <div className="space-y-6">
      <Link href={`/banks/${bankId}`} className="text-sm text-brand-700 underline">
        ← {bank.name}
      </Link>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("banks.import.title")}</h1>
        <p className="text-slate-700">{t("banks.import.intro", { name: bank.name })}</p>
      </div>
      <Section id="upload" title={t("banks.import.uploadHeading")}>
        <div className="mt-3">
          <QuestionUpload locale={locale} bankId={bankId} maxBytes={QUESTION_FILE_MAX_BYTES} />
        </div>
      </Section>
    </div>
  );
}
