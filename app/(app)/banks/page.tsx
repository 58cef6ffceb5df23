import type { Metadata } from "next";
import Link from "next/link";
import { BankForm } from "@/components/banks/bank-form";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { formatNumber } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { bankOwnerChoices, listBanks } from "@/lib/quizzes/banks/queries";
import { createBankAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("banks.title") };
}

/** The question banks the viewer sees, and a new bank for a unit or a course they manage. */
export default async function BanksPage() {
  const viewer = await requireViewer();
  const t = await getT();
  const locale = await getLocale();
  const banks = await listBanks(viewer);
  const owners = await bankOwnerChoices(viewer);
  const ownerOptions = [
    ...owners.units.map((u) => ({ value: `unit:${u.id}`, label: u.name, group: t("banks.ownerUnits") })),
    ...owners.courses.map((c) => ({ value: `course:${c.id}`, label: `${c.title} (${c.code})`, group: t("banks.ownerCourses") })),
  ];
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("banks.title")}</h1>
        <p className="text-slate-700">{t("banks.intro")}</p>
      </div>
      <Section id="bank-list" title={t("banks.listHeading")}>
        {banks.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("banks.none")}</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-2 pr-3">{t("banks.colName")}</th>
                  <th scope="col" className="py-2 pr-3">{t("banks.colOwner")}</th>
                  <th scope="col" className="py-2 text-right">{t("banks.colQuestions")}</th>
                </tr>
              </thead>
              <tbody>
                {banks.map((b) => (
                  <tr key={b.id} className="border-b border-slate-100">
                    <td className="py-2 pr-3">
                      <Link href={`/banks/${b.id}`} className="font-semibold text-brand-700 underline">
                        {b.name}
                      </Link>
                    </td>
                    <td className="py-2 pr-3">
                      {b.courseId ? t("banks.ownerCourse", { title: b.ownerName, code: b.courseCode ?? "" }) : t("banks.ownerUnit", { name: b.ownerName })}
                    </td>
                    <td className="py-2 text-right">{formatNumber(b.questionCount, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      {ownerOptions.length > 0 ? (
        <Section id="bank-new" title={t("banks.newHeading")}>
          <p className="mt-1 text-sm text-slate-700">{t("banks.newHint")}</p>
          <div className="mt-3">
            <BankForm
              action={createBankAction}
              id="bank-new"
              heading={t("banks.newHeading")}
              hidden={{}}
              fields={[
                { kind: "text", name: "name", label: t("banks.name"), maxLength: 200 },
                { kind: "select", name: "owner", label: t("banks.owner"), options: [{ value: "", label: t("banks.ownerChoose") }, ...ownerOptions] },
              ]}
              submitLabel={t("banks.create")}
              pendingLabel={t("form.saving")}
            />
          </div>
        </Section>
      ) : null}
    </div>
  );
}
