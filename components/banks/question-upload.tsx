"use client";

import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { translator, type Locale } from "@/lib/i18n/messages";

const FORMATS = ["gift", "aiken"] as const;
const noSubscription = () => () => {};

/**
 * Sends a question file (its bytes, as they are) to be read; the server keeps what it read and
 * the preview page shows it (docs/decisions/082-question-banks.md).
 */
export function QuestionUpload({ locale, bankId, maxBytes }: { locale: Locale; bankId: string; maxBytes: number }) {
  const t = translator(locale);
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Disabled until hydrated: an early click would submit the form natively, without its script.
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const file = data.get("file");
    const format = String(data.get("format") ?? "gift");
    if (!(file instanceof File) || file.size === 0) {
      setError(t("banks.import.chooseFile"));
      return;
    }
    if (file.size > maxBytes) {
      setError(t("banks.import.tooLarge", { maxMb: Math.round(maxBytes / 1024 / 1024) }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const query = new URLSearchParams({ format, name: file.name });
      const res = await fetch(`/api/banks/${bankId}/imports?${query}`, {
        method: "POST",
        headers: { "Content-Type": "application/octet-stream" },
        body: await file.arrayBuffer(),
      });
      const body = (await res.json().catch(() => null)) as { id?: string; error?: { message: string } } | null;
      if (res.ok && body?.id) {
        router.push(`/banks/${bankId}/import/${body.id}`);
        return;
      }
      setError(body?.error?.message ?? t("errors.generic"));
    } catch {
      setError(t("banks.import.network"));
    }
    setBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={t("banks.import.uploadHeading")}>
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-800">{t("banks.import.format")}</legend>
        {FORMATS.map((f, i) => (
          <label key={f} className="flex items-start gap-2 text-sm">
            <input type="radio" name="format" value={f} defaultChecked={i === 0} className="mt-1 h-4 w-4" />
            <span>
              <span className="font-semibold">{t(`banks.import.format.${f}`)}</span>
              <span className="block text-slate-600">{t(`banks.import.formatHint.${f}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="question-file" className="block text-sm font-semibold text-slate-800">
          {t("banks.import.file")}
        </label>
        <input
          id="question-file"
          name="file"
          type="file"
          accept=".txt,.gift,.xlsx,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={error ? "question-file-error" : undefined}
          className="block w-full text-sm"
        />
      </div>
      {error ? (
        <p id="question-file-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={!ready || busy} className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
        {busy ? t("banks.import.reading") : t("banks.import.read")}
      </button>
    </form>
  );
}
