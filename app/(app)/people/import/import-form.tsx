"use client";

import Link from "next/link";
import { useId, useState, type ChangeEvent, type DragEvent } from "react";
import type { PreviewJson } from "@/app/api/imports/http";
import { numberFormat } from "@/lib/i18n/format";
import { translator, type Locale, type MessageKey } from "@/lib/i18n/messages";
import type { ImportField } from "@/lib/imports/columns";
import { IMPORT_LIMITS } from "@/lib/imports/limits";

const PAGE = 100;

const FIELD_LABEL: Record<ImportField, MessageKey> = {
  fullName: "people.fullName",
  email: "people.email",
  phone: "people.phone",
  unitCode: "units.code",
  position: "people.position",
  rank: "people.rank",
  category: "people.category",
};

type Upload = { name: string; size: number; bytes: ArrayBuffer };
type Busy = { kind: "preview" | "import"; upload: number; done?: number; total?: number };
type Result = { created: number; skipped: number };
type Reply = { status: number; text: string };

/**
 * XMLHttpRequest rather than fetch: it reports upload progress, and it exposes the response text
 * as it arrives, which is how the import's NDJSON progress lines are read.
 */
function post(url: string, body: ArrayBuffer, on: { upload?: (fraction: number) => void; text?: (soFar: string, status: number) => void } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) on.upload?.(e.loaded / e.total);
    };
    xhr.upload.onload = () => on.upload?.(1);
    xhr.onprogress = () => on.text?.(xhr.responseText, xhr.status);
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new Error("network"));
    xhr.send(body);
  });
}

function json<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function ImportForm({ locale }: { locale: Locale }) {
  const t = translator(locale);
  const ids = useId();
  const [file, setFile] = useState<Upload | null>(null);
  const [preview, setPreview] = useState<PreviewJson | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [validOnly, setValidOnly] = useState(false);
  const [onlyErrors, setOnlyErrors] = useState(true);
  const [shown, setShown] = useState(PAGE);
  const [dragging, setDragging] = useState(false);
  const nf = numberFormat(locale);

  const start = () => {
    setPreview(null);
    setError(null);
    setResult(null);
    setValidOnly(false);
    setOnlyErrors(true);
    setShown(PAGE);
  };

  async function choose(chosen: File) {
    start();
    if (chosen.size > IMPORT_LIMITS.maxBytes) {
      setFile(null);
      setError(t("imports.tooLarge"));
      return;
    }
    // Read once: the preview and the import send the very same bytes, even if the file on disk changes.
    const upload = { name: chosen.name, size: chosen.size, bytes: await chosen.arrayBuffer() };
    setFile(upload);
    setBusy({ kind: "preview", upload: 0 });
    try {
      const reply = await post(`/api/imports/preview?name=${encodeURIComponent(upload.name)}`, upload.bytes, {
        upload: (f) => setBusy({ kind: "preview", upload: f }),
      });
      const body = json<PreviewJson & { error?: { message: string } }>(reply.text);
      if (reply.status === 200 && body) {
        setPreview(body);
        setOnlyErrors(body.invalid > 0);
      } else setError(body?.error?.message ?? t("errors.generic"));
    } catch {
      setError(t("imports.network"));
    } finally {
      setBusy(null);
    }
  }

  async function runImport() {
    if (!file || !preview) return;
    setError(null);
    setBusy({ kind: "import", upload: 0 });
    let consumed = 0;
    let last: { type: string; message?: string; created?: number; skipped?: number } | null = null;
    const readLines = (text: string, status: number, final = false) => {
      if (status !== 200) return;
      const end = final ? text.length : text.lastIndexOf("\n") + 1;
      if (end <= consumed) return;
      for (const raw of text.slice(consumed, end).split("\n")) {
        const event = raw.trim() ? json<{ type: string; done?: number; total?: number; message?: string; created?: number; skipped?: number }>(raw) : null;
        if (!event) continue;
        if (event.type === "progress") setBusy({ kind: "import", upload: 1, done: event.done, total: event.total });
        else last = event;
      }
      consumed = end;
    };
    const mode = validOnly ? "validOnly" : "all";
    try {
      const reply = await post(
        `/api/imports/commit?name=${encodeURIComponent(file.name)}&mode=${mode}&sha256=${preview.sha256}`,
        file.bytes,
        { upload: (f) => setBusy({ kind: "import", upload: f }), text: readLines },
      );
      readLines(reply.text, reply.status, true);
      if (reply.status === 200) {
        const outcome = last as { type: string; message?: string; created?: number; skipped?: number } | null;
        if (outcome?.type === "done") setResult({ created: outcome.created ?? 0, skipped: outcome.skipped ?? 0 });
        else setError(outcome?.message ?? t("imports.network"));
      } else {
        const body = json<{ error?: { message: string }; preview?: PreviewJson }>(reply.text);
        if (body?.preview) {
          setPreview(body.preview);
          setOnlyErrors(body.preview.invalid > 0);
          setShown(PAGE);
        }
        setError(body?.error?.message ?? t("errors.generic"));
      }
    } catch {
      setError(t("imports.network"));
    } finally {
      setBusy(null);
    }
  }

  async function downloadReport() {
    if (!file || !preview) return;
    const res = await fetch(`/api/imports/report?name=${encodeURIComponent(file.name)}`, {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream" },
      body: file.bytes,
    }).catch(() => null);
    if (!res?.ok) {
      setError(t("errors.generic"));
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = preview.kind === "csv" ? "loi-nhap-can-bo.csv" : "loi-nhap-can-bo.xlsx";
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const onInput = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    e.target.value = ""; // choosing the same (corrected) file again must fire again
    if (chosen) void choose(chosen);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const chosen = e.dataTransfer.files[0];
    if (chosen && !busy) void choose(chosen);
  };

  if (result) {
    return (
      <section aria-labelledby={`${ids}-result`} className="space-y-3 rounded-lg border border-green-200 bg-green-50 p-5">
        <h2 id={`${ids}-result`} className="text-lg font-semibold">
          {t("imports.resultHeading")}
        </h2>
        <p role="status" className="text-green-900">
          {t("imports.done", { created: nf.format(result.created) })}
          {result.skipped > 0 ? ` ${t("imports.doneSkipped", { skipped: nf.format(result.skipped) })}` : ""}
        </p>
        <div className="flex flex-wrap gap-4">
          <Link href="/people" className="font-semibold text-brand-700 underline">
            {t("imports.toPeople")}
          </Link>
          <button
            type="button"
            className="text-brand-700 underline"
            onClick={() => {
              start();
              setFile(null);
            }}
          >
            {t("imports.another")}
          </button>
        </div>
      </section>
    );
  }

  const blocked = !!preview && preview.invalid > 0 && !validOnly;
  const rows = preview ? (onlyErrors ? preview.rows.filter((r) => r.errors.length > 0) : preview.rows) : [];
  const hintId = `${ids}-file-hint`;
  const fixId = `${ids}-fix`;

  return (
    <div className="space-y-6">
      <section aria-labelledby={`${ids}-file`} className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id={`${ids}-file`} className="text-lg font-semibold">
          {t("imports.fileHeading")}
        </h2>
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={`mt-3 space-y-2 rounded-md border-2 border-dashed p-4 ${dragging ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}
        >
          <label htmlFor={`${ids}-input`} className="block text-sm font-semibold text-slate-800">
            {t("imports.fileLabel")}
          </label>
          <input
            id={`${ids}-input`}
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={onInput}
            disabled={!!busy}
            aria-describedby={hintId}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-700 file:px-4 file:py-2 file:font-semibold file:text-white"
          />
          <p id={hintId} className="text-sm text-slate-600">
            {dragging ? t("imports.dropHere") : t("imports.fileHint")}
          </p>
          {file ? <p className="text-sm text-slate-800">{t("imports.fileChosen", { name: file.name, size: formatSize(file.size) })}</p> : null}
        </div>
        {busy?.kind === "preview" ? <Progress busy={busy} t={t} nf={nf} /> : null}
        {error && !preview ? (
          <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </section>

      {preview ? (
        <section aria-labelledby={`${ids}-preview`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id={`${ids}-preview`} className="text-lg font-semibold">
            {t("imports.previewHeading")}
          </h2>
          <p data-testid="import-counts">
            {t("imports.counts", { total: nf.format(preview.total), valid: nf.format(preview.valid), invalid: nf.format(preview.invalid) })}{" "}
            {preview.invalid === 0 ? t("imports.allValid") : null}
          </p>
          {preview.ignoredColumns.length > 0 ? (
            <p className="text-sm text-slate-600">{t("imports.ignoredColumns", { columns: preview.ignoredColumns.join(", ") })}</p>
          ) : null}

          <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
            {preview.invalid > 0 ? (
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={onlyErrors} onChange={(e) => (setOnlyErrors(e.target.checked), setShown(PAGE))} />
                {t("imports.onlyErrors")}
              </label>
            ) : null}
            {preview.invalid > 0 ? (
              <button type="button" onClick={() => void downloadReport()} className="text-sm text-brand-700 underline">
                {t("imports.downloadReport")}
              </button>
            ) : null}
          </div>

          {/* Scrolls sideways on a phone: focusable so the keyboard can scroll it too. */}
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("imports.tableCaption")}>
            <table className="min-w-full border-collapse text-sm">
              <caption className="sr-only">{t("imports.tableCaption")}</caption>
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className="px-2 py-1">
                    {t("imports.col.line")}
                  </th>
                  {/* The check result comes first: on a phone it is what must be seen without scrolling. */}
                  <th scope="col" className="min-w-64 px-2 py-1">
                    {t("imports.col.status")}
                  </th>
                  {preview.fields.map((f) => (
                    <th key={f} scope="col" className="px-2 py-1">
                      {t(FIELD_LABEL[f])}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, shown).map((r) => {
                  const bad = new Set(r.errors.map((e) => e.field));
                  return (
                    <tr key={r.line} className={`border-b border-slate-100 align-top ${r.errors.length ? "bg-red-50" : ""}`}>
                      <th scope="row" className="px-2 py-1 text-right font-mono font-normal">
                        {r.line}
                      </th>
                      <td className="px-2 py-1">
                        {r.errors.length === 0 ? (
                          <span className="text-green-800">{t("imports.rowOk")}</span>
                        ) : (
                          <ul className="list-disc space-y-0.5 pl-4 text-red-800">
                            {r.errors.map((e, i) => (
                              <li key={i}>{e.field ? `${t(FIELD_LABEL[e.field])}: ${e.message}` : e.message}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                      {preview.fields.map((f) => (
                        <td key={f} className={`px-2 py-1 ${bad.has(f) ? "font-semibold text-red-800" : ""}`}>
                          {r.values[f]}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="text-sm text-slate-600">{t("imports.shown", { shown: nf.format(Math.min(shown, rows.length)), count: nf.format(rows.length) })}</p>
          {shown < rows.length ? (
            <button type="button" onClick={() => setShown((s) => s + PAGE)} className="text-sm text-brand-700 underline">
              {t("imports.showMore")}
            </button>
          ) : null}

          <div className="space-y-3 border-t border-slate-200 pt-4">
            {preview.invalid > 0 && preview.valid > 0 ? (
              <label className="flex items-start gap-2">
                <input type="checkbox" className="mt-1" checked={validOnly} onChange={(e) => setValidOnly(e.target.checked)} disabled={!!busy} />
                <span>{t("imports.validOnly", { valid: nf.format(preview.valid) })}</span>
              </label>
            ) : null}
            {blocked || preview.valid === 0 ? (
              <p id={fixId} className="text-sm text-slate-700">
                {preview.valid === 0 ? t("imports.nothingValid") : t("imports.fixFirst")}
              </p>
            ) : null}
            <button
              type="button"
              onClick={() => void runImport()}
              disabled={blocked || preview.valid === 0 || !!busy}
              aria-describedby={blocked || preview.valid === 0 ? fixId : undefined}
              className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-50"
            >
              {validOnly && preview.invalid > 0 ? t("imports.submitValid", { valid: nf.format(preview.valid) }) : t("imports.submitAll")}
            </button>
            {/* Beside the button that started it: the person is looking here. */}
            {busy?.kind === "import" ? <Progress busy={busy} t={t} nf={nf} /> : null}
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

function Progress({ busy, t, nf }: { busy: Busy; t: ReturnType<typeof translator>; nf: Intl.NumberFormat }) {
  const uploading = busy.upload < 1;
  const writing = busy.kind === "import" && busy.total !== undefined;
  const value = uploading ? busy.upload : writing ? (busy.total ? (busy.done ?? 0) / busy.total : 1) : undefined;
  const label = uploading ? t("imports.uploadProgress") : t("imports.importProgress");
  const text = uploading
    ? `${t("imports.uploading")} ${Math.round(busy.upload * 100)}%`
    : writing
      ? t("imports.progressText", { done: nf.format(busy.done ?? 0), total: nf.format(busy.total ?? 0) })
      : busy.kind === "import"
        ? t("imports.starting")
        : t("imports.checking");
  return (
    <div className="mt-4 space-y-1">
      {/* No value while the server checks: an indeterminate bar. */}
      <progress aria-label={label} max={1} value={value} className="h-3 w-full accent-brand-700" />
      <p aria-live="polite" className="text-sm text-slate-700" data-testid="import-progress">
        {text}
      </p>
    </div>
  );
}
