"use client";

import { useRef, useState } from "react";
import { translator, type Locale } from "@/lib/i18n/messages";

const ACCEPT = "image/png,image/jpeg,image/gif,image/webp,.png,.jpg,.jpeg,.gif,.webp";

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

type Status = { kind: "idle" } | { kind: "sending" } | { kind: "done"; tag: string } | { kind: "error"; message: string };

/**
 * Uploads one image to the bank (POST /api/banks/<id>/files, the bytes as application/octet-stream)
 * and appends `<img src="/api/question-files/<id>" alt="…">` to the question text, the only image
 * source question texts keep (lib/quizzes/render.ts). The server checks the type by content and
 * the size; its message is shown when it refuses.
 */
export function ImageUpload({ locale, bankId, textareaId }: { locale: Locale; bankId: string; textareaId: string }) {
  const t = translator(locale);
  const file = useRef<HTMLInputElement>(null);
  const [alt, setAlt] = useState("");
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  async function upload() {
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setStatus({ kind: "error", message: t("questionEditor.image.noFile") });
      file.current?.focus();
      return;
    }
    setStatus({ kind: "sending" });
    let res: Response;
    try {
      res = await fetch(`/api/banks/${bankId}/files?${new URLSearchParams({ name: chosen.name })}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: chosen,
      });
    } catch {
      setStatus({ kind: "error", message: t("questionEditor.image.network") });
      return;
    }
    const json = (await res.json().catch(() => null)) as { url?: string; error?: { message?: string } } | null;
    if (!res.ok || !json?.url) {
      setStatus({ kind: "error", message: json?.error?.message ?? t("questionEditor.image.failed", { status: res.status }) });
      return;
    }
    const tag = `<img src="${json.url}" alt="${attr(alt.trim())}">`;
    const area = document.getElementById(textareaId) as HTMLTextAreaElement | null;
    if (area) area.value = area.value ? `${area.value.replace(/\s+$/, "")}\n${tag}` : tag;
    if (file.current) file.current.value = "";
    setAlt("");
    setStatus({ kind: "done", tag });
  }

  return (
    <fieldset className="space-y-2 rounded-md border border-slate-300 p-3">
      <legend className="px-1 text-sm font-semibold text-slate-800">{t("questionEditor.image.title")}</legend>
      <div className="space-y-1">
        <label htmlFor="qe-image-file" className="block text-sm font-semibold text-slate-800">
          {t("questionEditor.image.file")}
        </label>
        <input ref={file} id="qe-image-file" type="file" accept={ACCEPT} aria-describedby="qe-image-hint" className="block w-full text-sm" />
        <p id="qe-image-hint" className="text-sm text-slate-600">
          {t("questionEditor.image.fileHint")}
        </p>
      </div>
      <div className="space-y-1">
        <label htmlFor="qe-image-alt" className="block text-sm font-semibold text-slate-800">
          {t("questionEditor.image.alt")}
        </label>
        <input id="qe-image-alt" value={alt} onChange={(e) => setAlt(e.target.value)} maxLength={200} className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900" />
      </div>
      <button
        type="button"
        onClick={upload}
        disabled={status.kind === "sending"}
        className="rounded-md border border-brand-700 px-3 py-1.5 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-70"
      >
        {status.kind === "sending" ? t("questionEditor.image.uploading") : t("questionEditor.image.upload")}
      </button>
      <div aria-live="polite">
        {status.kind === "done" ? (
          <div className="space-y-1 text-sm text-green-800">
            <p>{t("questionEditor.image.inserted")}</p>
            <p>
              {t("questionEditor.image.code")}: <code className="break-all text-slate-800" data-testid="image-tag">{status.tag}</code>
            </p>
          </div>
        ) : null}
        {status.kind === "error" ? <p className="text-sm text-red-700">{status.message}</p> : null}
      </div>
    </fieldset>
  );
}
