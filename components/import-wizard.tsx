"use client";

import { useId, useState, type ChangeEvent, type DragEvent, type ReactNode } from "react";
import { numberFormat } from "@/lib/i18n/format";
import { translator, type Locale } from "@/lib/i18n/messages";
import { IMPORT_LIMITS } from "@/lib/imports/limits";

/** What the wizard shows of a checked file: counts, the columns, and every row with all its errors. */
export type WizardPreview = {
  sha256: string;
  total: number;
  valid: number;
  invalid: number;
  ignoredColumns: string[];
  columns: { field: string; header: string }[];
  rows: { line: number; values: Record<string, string>; errors: { field: string | null; column: string | null; message: string }[] }[];
};

/** The file as read once: the preview and the import send the very same bytes, even if the file on disk changes. */
export type WizardUpload = { name: string; size: number; bytes: ArrayBuffer };
/** Upload fraction (0–1), then rows written of the total while importing. */
export type WizardProgress = { upload?: number; done?: number; total?: number };
export type PreviewReply<P extends WizardPreview = WizardPreview> = { preview: P } | { error: string };
/** A refused import may carry a field (a reason the commit needs) and a fresh preview (the data changed). */
export type CommitReply<R, P extends WizardPreview = WizardPreview> = { result: R } | { error: string; field?: string; preview?: P };

type Props<R, P extends WizardPreview> = {
  locale: Locale;
  /** Label of the file input, and its hint. */
  fileLabel: string;
  fileHint: string;
  /** data-testid of the counts line. */
  countsTestId: string;
  /** The page's transport: send the file for checking, then for importing (validOnly when chosen). */
  preview: (upload: WizardUpload, progress: (p: WizardProgress) => void) => Promise<PreviewReply<P>>;
  commit: (upload: WizardUpload, preview: P, choice: { validOnly: boolean }, progress: (p: WizardProgress) => void) => Promise<CommitReply<R, P>>;
  /** Offer "import only the valid rows" (else a file with errors is refused whole). */
  allowValidOnly: boolean;
  /** Download the rows with errors (optional). */
  downloadReport?: (upload: WizardUpload) => Promise<boolean>;
  /** Shown above the table (what the file's columns mean). */
  aboutFile?: (preview: P) => ReactNode;
  /** Fields the commit needs beside the choice (a reason), given the error the commit returned for them. */
  commitFields?: (fieldErrors: Record<string, string>) => ReactNode;
  submitLabel: (preview: P, validOnly: boolean) => string;
  /** Why the button is disabled when rows have errors. */
  fixFirst: string;
  done: (result: R, restart: () => void) => ReactNode;
};

const PAGE = 100;

export type PostReply = { status: number; text: string };

/**
 * Sends a file's bytes. XMLHttpRequest rather than fetch: it reports upload progress, and it
 * exposes the response text as it arrives (how an import's NDJSON progress lines are read).
 */
export function postFile(url: string, body: ArrayBuffer, on: { upload?: (fraction: number) => void; text?: (soFar: string, status: number) => void } = {}): Promise<PostReply> {
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

/** A JSON body, or null when it is not JSON. */
export function parseJson<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

type Busy = WizardProgress & { kind: "preview" | "import" };

/**
 * The one import wizard (people, plan items): choose or drop a file → the server checks it and the
 * preview lists every row with all its errors (only the rows with errors first, 100 at a time) →
 * the import choice (all rows, or only the valid ones where allowed) → the result. The page
 * supplies the transport and the labels; the steps, the table and the messages are the same.
 */
export function ImportWizard<R, P extends WizardPreview = WizardPreview>(props: Props<R, P>) {
  const { locale } = props;
  const t = translator(locale);
  const ids = useId();
  const [file, setFile] = useState<WizardUpload | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ value: R } | null>(null);
  const [validOnly, setValidOnly] = useState(false);
  const [onlyErrors, setOnlyErrors] = useState(true);
  const [shown, setShown] = useState(PAGE);
  const [dragging, setDragging] = useState(false);
  const nf = numberFormat(locale);

  const show = (p: P | null) => {
    setPreview(p);
    setOnlyErrors(!!p && p.invalid > 0);
    setShown(PAGE);
  };
  const restart = () => {
    show(null);
    setError(null);
    setFieldErrors({});
    setResult(null);
    setValidOnly(false);
  };

  async function choose(chosen: File) {
    restart();
    if (chosen.size > IMPORT_LIMITS.maxBytes) {
      setFile(null);
      setError(t("imports.tooLarge"));
      return;
    }
    const upload = { name: chosen.name, size: chosen.size, bytes: await chosen.arrayBuffer() };
    setFile(upload);
    setBusy({ kind: "preview", upload: 0 });
    try {
      const reply = await props.preview(upload, (p) => setBusy({ kind: "preview", ...p }));
      if ("preview" in reply) show(reply.preview);
      else setError(reply.error);
    } catch {
      setError(t("imports.network"));
    } finally {
      setBusy(null);
    }
  }

  async function runImport() {
    if (!file || !preview) return;
    setError(null);
    setFieldErrors({});
    setBusy({ kind: "import", upload: 0 });
    try {
      const reply = await props.commit(file, preview, { validOnly: props.allowValidOnly && validOnly }, (p) => setBusy({ kind: "import", ...p }));
      if ("result" in reply) setResult({ value: reply.result });
      else {
        if (reply.preview) show(reply.preview);
        if (reply.field) setFieldErrors({ [reply.field]: reply.error });
        else setError(reply.error);
      }
    } catch {
      setError(t("imports.network"));
    } finally {
      setBusy(null);
    }
  }

  async function report() {
    if (file && props.downloadReport && !(await props.downloadReport(file).catch(() => false))) setError(t("errors.generic"));
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
        {props.done(result.value, () => {
          restart();
          setFile(null);
        })}
      </section>
    );
  }

  const canChooseValid = props.allowValidOnly && !!preview && preview.invalid > 0 && preview.valid > 0;
  const blocked = !!preview && preview.invalid > 0 && !(canChooseValid && validOnly);
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
            {props.fileLabel}
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
            {dragging ? t("imports.dropHere") : props.fileHint}
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
          <p>
            <span data-testid={props.countsTestId}>
              {t("imports.counts", { total: nf.format(preview.total), valid: nf.format(preview.valid), invalid: nf.format(preview.invalid) })}
            </span>
            {preview.invalid === 0 ? ` ${t("imports.allValid")}` : null}
          </p>
          {props.aboutFile?.(preview)}
          {preview.ignoredColumns.length > 0 ? (
            <p className="text-sm text-slate-600">{t("imports.ignoredColumns", { columns: preview.ignoredColumns.join(", ") })}</p>
          ) : null}

          {preview.invalid > 0 ? (
            <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={onlyErrors} onChange={(e) => (setOnlyErrors(e.target.checked), setShown(PAGE))} />
                {t("imports.onlyErrors")}
              </label>
              {props.downloadReport ? (
                <button type="button" onClick={() => void report()} className="text-sm text-brand-700 underline">
                  {t("imports.downloadReport")}
                </button>
              ) : null}
            </div>
          ) : null}

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
                  {preview.columns.map((c) => (
                    <th key={c.field} scope="col" className="px-2 py-1">
                      {c.header}
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
          <p className="text-sm text-slate-600">{t("imports.shown", { shown: nf.format(Math.min(shown, rows.length)), count: nf.format(rows.length) })}</p>
          {shown < rows.length ? (
            <button type="button" onClick={() => setShown((s) => s + PAGE)} className="text-sm text-brand-700 underline">
              {t("imports.showMore")}
            </button>
          ) : null}

          <div className="space-y-3 border-t border-slate-200 pt-4">
            {props.commitFields?.(fieldErrors)}
            {canChooseValid ? (
              <label className="flex items-start gap-2">
                <input type="checkbox" className="mt-1" checked={validOnly} onChange={(e) => setValidOnly(e.target.checked)} disabled={!!busy} />
                <span>{t("imports.validOnly", { valid: nf.format(preview.valid) })}</span>
              </label>
            ) : null}
            {blocked || preview.valid === 0 ? (
              <p id={fixId} className="text-sm text-slate-700">
                {preview.valid === 0 ? t("imports.nothingValid") : props.fixFirst}
              </p>
            ) : null}
            <button
              type="button"
              onClick={() => void runImport()}
              disabled={blocked || preview.valid === 0 || !!busy}
              aria-describedby={blocked || preview.valid === 0 ? fixId : undefined}
              className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-50"
            >
              {props.submitLabel(preview, canChooseValid && validOnly)}
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
  const uploading = busy.upload !== undefined && busy.upload < 1;
  const writing = busy.kind === "import" && busy.total !== undefined;
  const value = uploading ? busy.upload : writing ? (busy.total ? (busy.done ?? 0) / busy.total : 1) : undefined;
  const label = uploading ? t("imports.uploadProgress") : t("imports.importProgress");
  const text = uploading
    ? `${t("imports.uploading")} ${Math.round((busy.upload ?? 0) * 100)}%`
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
