"use client";

import Link from "next/link";
import { useId, useState } from "react";
import type { PlanPreviewJson } from "@/app/api/plans/[id]/http";
import { ImportWizard, parseJson, postFile } from "@/components/import-wizard";
import { numberFormat } from "@/lib/i18n/format";
import { translator, type Locale } from "@/lib/i18n/messages";

type ErrorBody = { error?: { message: string; field?: string }; preview?: PlanPreviewJson };

/** Plan items import: the shared wizard over /api/plans/[id]/import; all rows at once, with a reason once approved. */
export function PlanImportForm({ locale, planId, approved, minReason }: { locale: Locale; planId: string; approved: boolean; minReason: number }) {
  const t = translator(locale);
  const ids = useId();
  const [reason, setReason] = useState("");
  const nf = numberFormat(locale);

  return (
    <ImportWizard<string, PlanPreviewJson>
      locale={locale}
      fileLabel={t("plans.importFileLabel")}
      fileHint={t("plans.importFileHint")}
      countsTestId="plan-import-counts"
      allowValidOnly={false}
      fixFirst={t("plans.importFixFirst")}
      submitLabel={(p) => t("plans.importSubmit", { count: nf.format(p.valid) })}
      aboutFile={(p) => (
        <p className="text-sm text-slate-700">
          {p.quotaCodes.length > 0 ? t("plans.importQuotaColumns", { codes: p.quotaCodes.join(", ") }) : t("plans.importNoQuotaColumns")}
        </p>
      )}
      preview={async (upload, progress) => {
        const reply = await postFile(`/api/plans/${planId}/import/preview?name=${encodeURIComponent(upload.name)}`, upload.bytes, { upload: (f) => progress({ upload: f }) });
        const body = parseJson<PlanPreviewJson & ErrorBody>(reply.text);
        if (reply.status === 200 && body) return { preview: body };
        return { error: body?.error?.message ?? t("errors.generic") };
      }}
      commit={async (upload, preview, _choice, progress) => {
        const query = new URLSearchParams({ name: upload.name, sha256: preview.sha256 });
        if (approved) query.set("reason", reason);
        const reply = await postFile(`/api/plans/${planId}/import/commit?${query.toString()}`, upload.bytes, { upload: (f) => progress({ upload: f }) });
        const body = parseJson<{ message: string } & ErrorBody>(reply.text);
        if (reply.status === 200 && body) return { result: body.message };
        return { error: body?.error?.message ?? t("errors.generic"), field: body?.error?.field, preview: body?.preview };
      }}
      commitFields={
        approved
          ? (errors) => (
              <div className="space-y-1">
                <label htmlFor={`${ids}-reason`} className="block text-sm font-semibold text-slate-800">
                  {t("plans.fieldReason")}
                </label>
                <textarea
                  id={`${ids}-reason`}
                  rows={2}
                  maxLength={1000}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  aria-invalid={errors.reason ? true : undefined}
                  aria-describedby={[`${ids}-reason-hint`, errors.reason ? `${ids}-reason-error` : null].filter(Boolean).join(" ")}
                  className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
                />
                <p id={`${ids}-reason-hint`} className="text-sm text-slate-600">
                  {t("plans.importReasonHint", { min: minReason })}
                </p>
                {errors.reason ? (
                  <p id={`${ids}-reason-error`} className="text-sm text-red-700" aria-live="polite">
                    {errors.reason}
                  </p>
                ) : null}
              </div>
            )
          : undefined
      }
      done={(message, restart) => (
        <>
          <p role="status" className="text-green-900">
            {message}
          </p>
          <div className="flex flex-wrap gap-4">
            <Link href={`/plans/${planId}`} className="font-semibold text-brand-700 underline">
              {t("plans.backToPlan")}
            </Link>
            <button type="button" className="text-brand-700 underline" onClick={restart}>
              {t("plans.importAnother")}
            </button>
          </div>
        </>
      )}
    />
  );
}
