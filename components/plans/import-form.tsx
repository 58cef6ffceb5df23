"use client";

import Link from "next/link";
import { useId, useState, type ChangeEvent } from "react";
import type { PlanPreviewJson } from "@/app/api/plans/[id]/http";
import { numberFormat } from "@/lib/i18n/format";
import { translator, type Locale } from "@/lib/i18n/messages";
import { IMPORT_LIMITS } from "@/lib/imports/limits";

type Upload = { name: string; bytes: ArrayBuffer };
type ErrorBody = { error?: { message: string; field?: string }; preview?: PlanPreviewJson };

async function post(url: string, body: ArrayBuffer): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/octet-stream" }, body });
  let parsed: unknown = null;
  try {
    parsed = await res.json();
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed };
}

/** Upload → preview (every error of every row) → import all, for one plan. */
export function PlanImportForm({ locale, planId, approved, minReason }: { locale: Locale; planId: string; approved: boolean; minReason: number }) {
  const t = translator(locale);
  const ids = useId();
  const [file, setFile] = useState<Upload | null>(null);
  const [preview, setPreview] = useState<PlanPreviewJson | null>(null);
  const [busy, setBusy] = useState<"preview" | "import" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const nf = numberFormat(locale);

  async function choose(chosen: File) {
    setPreview(null);
    setError(null);
    setDone(null);
    if (chosen.size > IMPORT_LIMITS.maxBytes) {
      setError(t("imports.tooLarge"));
      return;
    }
    const upload = { name: chosen.name, bytes: await chosen.arrayBuffer() };
    setFile(upload);
    setBusy("preview");
    try {
      const reply = await post(`/api/plans/${planId}/import/preview?name=${encodeURIComponent(upload.name)}`, upload.bytes);
      if (reply.status === 200) setPreview(reply.body as PlanPreviewJson);
      else setError((reply.body as ErrorBody | null)?.error?.message ?? t("errors.generic"));
    } catch {
      setError(t("imports.network"));
    } finally {
      setBusy(null);
    }
  }

  async function runImport() {
    if (!file || !preview) return;
    setError(null);
    setReasonError(null);
    setBusy("import");
    try {
      const query = new URLSearchParams({ name: file.name, sha256: preview.sha256 });
      if (approved) query.set("reason", reason);
      const reply = await post(`/api/plans/${planId}/import/commit?${query.toString()}`, file.bytes);
      if (reply.status === 200) {
        setDone((reply.body as { message: string }).message);
        return;
      }
      const body = reply.body as ErrorBody | null;
      if (body?.preview) setPreview(body.preview);
      if (body?.error?.field === "reason") setReasonError(body.error.message);
      else setError(body?.error?.message ?? t("errors.generic"));
    } catch {
      setError(t("imports.network"));
    } finally {
      setBusy(null);
    }
  }

  const onInput = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    e.target.value = "";
    if (chosen) void choose(chosen);
  };

  if (done) {
    return (
      <section aria-labelledby={`${ids}-done`} className="space-y-3 rounded-lg border border-green-200 bg-green-50 p-5">
        <h2 id={`${ids}-done`} className="text-lg font-semibold">
          {t("imports.resultHeading")}
        </h2>
        <p role="status" className="text-green-900">
          {done}
        </p>
        <div className="flex flex-wrap gap-4">
          <Link href={`/plans/${planId}`} className="font-semibold text-brand-700 underline">
            {t("plans.backToPlan")}
          </Link>
          <button
            type="button"
            className="text-brand-700 underline"
            onClick={() => {
              setDone(null);
              setPreview(null);
              setFile(null);
            }}
          >
            {t("plans.importAnother")}
          </button>
        </div>
      </section>
    );
  }

  const blocked = !preview || preview.invalid > 0 || preview.valid === 0;
  const fixId = `${ids}-fix`;
  return (
    <div className="space-y-6">
      <section aria-labelledby={`${ids}-file`} className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id={`${ids}-file`} className="text-lg font-semibold">
          {t("imports.fileHeading")}
        </h2>
        <label htmlFor={`${ids}-input`} className="block text-sm font-semibold text-slate-800">
          {t("plans.importFileLabel")}
        </label>
        <input
          id={`${ids}-input`}
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          onChange={onInput}
          disabled={!!busy}
          aria-describedby={`${ids}-hint`}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-700 file:px-4 file:py-2 file:font-semibold file:text-white"
        />
        <p id={`${ids}-hint`} className="text-sm text-slate-600">
          {t("plans.importFileHint")}
        </p>
        {busy === "preview" ? (
          <p aria-live="polite" className="text-sm text-slate-700">
            {t("plans.importChecking")}
          </p>
        ) : null}
        {error && !preview ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </section>

      {preview ? (
        <section aria-labelledby={`${ids}-preview`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id={`${ids}-preview`} className="text-lg font-semibold">
            {t("imports.previewHeading")}
          </h2>
          <p data-testid="plan-import-counts">
            {t("plans.importCounts", { total: nf.format(preview.total), valid: nf.format(preview.valid), invalid: nf.format(preview.invalid) })}
          </p>
          <p className="text-sm text-slate-700">
            {preview.quotaCodes.length > 0 ? t("plans.importQuotaColumns", { codes: preview.quotaCodes.join(", ") }) : t("plans.importNoQuotaColumns")}
          </p>
          {preview.ignoredColumns.length > 0 ? <p className="text-sm text-slate-600">{t("imports.ignoredColumns", { columns: preview.ignoredColumns.join(", ") })}</p> : null}
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("plans.importTableCaption")}>
            <table className="min-w-full border-collapse text-sm">
              <caption className="sr-only">{t("plans.importTableCaption")}</caption>
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className="px-2 py-1">
                    {t("plans.importLine")}
                  </th>
                  <th scope="col" className="min-w-64 px-2 py-1">
                    {t("plans.importResult")}
                  </th>
                  {preview.columns.map((c) => (
                    <th key={c.field} scope="col" className="px-2 py-1">
                      {c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => {
                  const bad = new Set(r.errors.map((e) => e.field));
                  return (
                    <tr key={r.line} className={`border-b border-slate-100 align-top ${r.errors.length ? "bg-red-50" : ""}`}>
                      <th scope="row" className="px-2 py-1 text-right font-mono font-normal">
                        {r.line}
                      </th>
                      <td className="px-2 py-1">
                        {r.errors.length === 0 ? (
                          <span className="text-green-800">{t("plans.importValid")}</span>
                        ) : (
                          <ul className="list-disc space-y-0.5 pl-4 text-red-800">
                            {r.errors.map((e, i) => (
                              <li key={i}>{e.column ? `${e.column}: ${e.message}` : e.message}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                      {preview.columns.map((c) => (
                        <td key={c.field} className={`px-2 py-1 ${bad.has(c.field) ? "font-semibold text-red-800" : ""}`}>
                          {r.values[c.field]}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          <div className="space-y-3 border-t border-slate-200 pt-4">
            {approved ? (
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
                  aria-invalid={reasonError ? true : undefined}
                  aria-describedby={[`${ids}-reason-hint`, reasonError ? `${ids}-reason-error` : null].filter(Boolean).join(" ")}
                  className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
                />
                <p id={`${ids}-reason-hint`} className="text-sm text-slate-600">
                  {t("plans.importReasonHint", { min: minReason })}
                </p>
                {reasonError ? (
                  <p id={`${ids}-reason-error`} className="text-sm text-red-700" aria-live="polite">
                    {reasonError}
                  </p>
                ) : null}
              </div>
            ) : null}
            {preview.invalid > 0 ? (
              <p id={fixId} className="text-sm text-slate-700">
                {t("plans.importFixFirst")}
              </p>
            ) : null}
            <button
              type="button"
              onClick={() => void runImport()}
              disabled={blocked || !!busy}
              aria-describedby={preview.invalid > 0 ? fixId : undefined}
              className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-50"
            >
              {busy === "import" ? t("plans.importWriting") : t("plans.importSubmit", { count: nf.format(preview.valid) })}
            </button>
            {error ? (
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                {error}
              </p>
            ) : null}
          </div>
        </section>
      ) : null}
    </div>
  );
}
