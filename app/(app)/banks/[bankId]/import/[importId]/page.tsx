import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BankForm } from "@/components/banks/bank-form";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { formatNumber } from "@/lib/i18n/format";
import type { MessageKey, Translate } from "@/lib/i18n/messages";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { questionImportPreview } from "@/lib/quizzes/banks/import";
import type { ImportProblem } from "@/lib/quizzes/formats/types";
import { commitImportAction, discardImportAction } from "../../../actions";

type Props = { params: Promise<{ bankId: string; importId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("banks.import.previewTitle") };
}

function problemText(t: Translate, p: ImportProblem): string {
  const message = t(p.key as MessageKey, p.params);
  return p.line > 0 ? t("banks.import.atLine", { line: p.line, message }) : message;
}

/** Every question the file holds, valid or not, with its problems by line; then the author's decision. */
export default async function ImportPreviewPage({ params }: Props) {
  const viewer = await requireViewer();
  const t = await getT();
  const locale = await getLocale();
  const p = await params;
  const bankId = idOr404(p.bankId);
  const preview = await orNotFound(questionImportPreview(viewer, idOr404(p.importId)));
  if (preview.bankId !== bankId) notFound();
  const total = preview.items.length;
  return (
    <div className="space-y-6">
      <Link href={`/banks/${bankId}/import`} className="text-sm text-brand-700 underline">
        ← {t("banks.import.another")}
      </Link>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("banks.import.previewTitle")}</h1>
        <p className="text-slate-700">{t("banks.import.previewIntro", { file: preview.fileName })}</p>
        <p data-testid="import-counts" className="font-semibold">
          {t("banks.import.counts", { total: formatNumber(total, locale), valid: formatNumber(preview.valid, locale), invalid: formatNumber(preview.invalid, locale) })}
        </p>
      </div>
      {preview.problems.length > 0 ? (
        <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          <ul className="list-disc pl-5">
            {preview.problems.map((x, i) => (
              <li key={i}>{problemText(t, x)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {total > 0 ? (
        <Section id="found" title={t("banks.import.found")}>
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-2 pr-3">{t("banks.import.colLine")}</th>
                  <th scope="col" className="py-2 pr-3">{t("banks.colType")}</th>
                  <th scope="col" className="py-2 pr-3">{t("banks.colQuestion")}</th>
                  <th scope="col" className="py-2 pr-3">{t("banks.import.colCategory")}</th>
                  <th scope="col" className="py-2">{t("banks.import.colStatus")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.items.map((item) => (
                  <tr key={item.line} className={`border-b border-slate-100 align-top ${item.valid ? "" : "bg-red-50"}`} data-testid="import-item">
                    <td className="py-2 pr-3">{item.line}</td>
                    <td className="py-2 pr-3">{item.type ? t(`banks.type.${item.type}` as MessageKey) : "—"}</td>
                    <td className="py-2 pr-3">{item.name}</td>
                    <td className="py-2 pr-3">{!item.valid && item.category.length === 0 ? "—" : item.category.length ? item.category.join(" / ") : t("banks.import.defaultCategory")}</td>
                    <td className="py-2">
                      <span className={item.valid ? "font-semibold text-green-800" : "font-semibold text-red-800"}>
                        {item.valid ? t("banks.import.ok") : t("banks.import.invalid")}
                      </span>
                      {item.problems.length > 0 ? (
                        <ul className="mt-1 list-disc pl-5">
                          {item.problems.map((x, i) => (
                            <li key={i}>{problemText(t, x)}</li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      ) : null}

      <Section id="decide" title={t("banks.import.decide")}>
        <div className="mt-3 space-y-4">
          {preview.valid === 0 ? (
            <p className="text-slate-700">{t("banks.import.nothingValid")}</p>
          ) : (
            <>
              {preview.invalid > 0 ? <p className="text-sm text-slate-700">{t("banks.import.invalidHint", { count: preview.invalid })}</p> : null}
              <BankForm
                action={commitImportAction}
                id="import-commit"
                heading={t("banks.import.decide")}
                hidden={{ importId: preview.id }}
                fields={preview.invalid > 0 ? [{ kind: "checkbox", name: "validOnly", label: t("banks.import.validOnly", { count: preview.valid }) }] : []}
                submitLabel={t("banks.import.commit", { count: preview.invalid > 0 ? preview.valid : total })}
                pendingLabel={t("banks.import.committing")}
              />
            </>
          )}
          <BankForm
            action={discardImportAction}
            id="import-discard"
            heading={t("banks.import.discard")}
            hidden={{ importId: preview.id }}
            fields={[]}
            submitLabel={t("banks.import.discard")}
            pendingLabel={t("form.saving")}
          />
        </div>
      </Section>
    </div>
  );
}
