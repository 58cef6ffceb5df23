"use client";

import Link from "next/link";
import { useRef } from "react";
import type { PreviewJson } from "@/app/api/imports/http";
import { ImportWizard, parseJson, postFile, type WizardPreview } from "@/components/import-wizard";
import { numberFormat } from "@/lib/i18n/format";
import { translator, type Locale, type MessageKey } from "@/lib/i18n/messages";
import type { ImportField } from "@/lib/imports/columns";

const FIELD_LABEL: Record<ImportField, MessageKey> = {
  fullName: "people.fullName",
  email: "people.email",
  phone: "people.phone",
  unitCode: "units.code",
  position: "people.position",
  rank: "people.rank",
  category: "people.category",
};

type Result = { created: number; skipped: number };
type Event = { type: string; done?: number; total?: number; message?: string; created?: number; skipped?: number };

/** People import: the shared wizard over /api/imports (preview, commit with NDJSON progress, error report). */
export function ImportForm({ locale }: { locale: Locale }) {
  const t = translator(locale);
  const nf = numberFormat(locale);
  const label = (f: ImportField) => t(FIELD_LABEL[f]);
  const toWizard = (p: PreviewJson): WizardPreview => ({
    ...p,
    columns: p.fields.map((f) => ({ field: f, header: label(f) })),
    rows: p.rows.map((r) => ({
      line: r.line,
      values: r.values,
      errors: r.errors.map((e) => ({ field: e.field ?? null, column: e.field ? label(e.field) : null, message: e.message })),
    })),
  });
  // The report's name follows the file's kind, which only the preview knows.
  const kind = useRef<PreviewJson["kind"]>("xlsx");

  return (
    <ImportWizard<Result>
      locale={locale}
      fileLabel={t("imports.fileLabel")}
      fileHint={t("imports.fileHint")}
      countsTestId="import-counts"
      allowValidOnly
      fixFirst={t("imports.fixFirst")}
      submitLabel={(p, validOnly) => (validOnly ? t("imports.submitValid", { valid: nf.format(p.valid) }) : t("imports.submitAll"))}
      preview={async (upload, progress) => {
        const reply = await postFile(`/api/imports/preview?name=${encodeURIComponent(upload.name)}`, upload.bytes, { upload: (f) => progress({ upload: f }) });
        const body = parseJson<PreviewJson & { error?: { message: string } }>(reply.text);
        if (reply.status === 200 && body) {
          kind.current = body.kind;
          return { preview: toWizard(body) };
        }
        return { error: body?.error?.message ?? t("errors.generic") };
      }}
      commit={async (upload, preview, { validOnly }, progress) => {
        let consumed = 0;
        let last: Event | null = null;
        const readLines = (text: string, status: number, final = false) => {
          if (status !== 200) return;
          const end = final ? text.length : text.lastIndexOf("\n") + 1;
          if (end <= consumed) return;
          for (const raw of text.slice(consumed, end).split("\n")) {
            const event = raw.trim() ? parseJson<Event>(raw) : null;
            if (!event) continue;
            if (event.type === "progress") progress({ upload: 1, done: event.done, total: event.total });
            else last = event;
          }
          consumed = end;
        };
        const mode = validOnly ? "validOnly" : "all";
        const reply = await postFile(`/api/imports/commit?name=${encodeURIComponent(upload.name)}&mode=${mode}&sha256=${preview.sha256}`, upload.bytes, {
          upload: (f) => progress({ upload: f }),
          text: readLines,
        });
        readLines(reply.text, reply.status, true);
        if (reply.status === 200) {
          const outcome = last as Event | null;
          if (outcome?.type === "done") return { result: { created: outcome.created ?? 0, skipped: outcome.skipped ?? 0 } };
          return { error: outcome?.message ?? t("imports.network") };
        }
        const body = parseJson<{ error?: { message: string }; preview?: PreviewJson }>(reply.text);
        return { error: body?.error?.message ?? t("errors.generic"), preview: body?.preview ? toWizard(body.preview) : undefined };
      }}
      downloadReport={async (upload) => {
        const res = await fetch(`/api/imports/report?name=${encodeURIComponent(upload.name)}`, {
          method: "POST",
          headers: { "Content-Type": "application/octet-stream" },
          body: upload.bytes,
        }).catch(() => null);
        if (!res?.ok) return false;
        const url = URL.createObjectURL(await res.blob());
        const a = document.createElement("a");
        a.href = url;
        a.download = kind.current === "csv" ? "loi-nhap-can-bo.csv" : "loi-nhap-can-bo.xlsx";
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        return true;
      }}
      done={(result, restart) => (
        <>
          <p role="status" className="text-green-900">
            {t("imports.done", { created: nf.format(result.created) })}
            {result.skipped > 0 ? ` ${t("imports.doneSkipped", { skipped: nf.format(result.skipped) })}` : ""}
          </p>
          <div className="flex flex-wrap gap-4">
            <Link href="/people" className="font-semibold text-brand-700 underline">
              {t("imports.toPeople")}
            </Link>
            <button type="button" className="text-brand-700 underline" onClick={restart}>
              {t("imports.another")}
            </button>
          </div>
        </>
      )}
    />
  );
}
