"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useSyncExternalStore, type DragEvent } from "react";
import { numberFormat } from "@/lib/i18n/format";
import { isLocale, translator, type Locale } from "@/lib/i18n/messages";

const MB = 1024 * 1024;
/** The server's defaults (TAPHUAN_MAX_DOC_MB, TAPHUAN_MAX_VIDEO_MB); the server is the authority. */
const DEFAULT_LIMITS = { docBytes: 50 * MB, videoBytes: 1024 * MB };
/** Files sent at the same time: two keeps a slow link busy without starving each upload. */
const PARALLEL = 2;
const ACCEPT = ".pdf,.docx,.pptx,.xlsx,.mp4,.webm,application/pdf,video/mp4,video/webm";

type Status = "waiting" | "sending" | "processing" | "done" | "error" | "cancelled";
type Item = { key: string; file: File; sectionId: string; status: Status; loaded: number; error?: string; xhr?: XMLHttpRequest };

/** The page's language, from <html lang> (set by the root layout from the locale cookie). */
function useLocale(explicit?: Locale): Locale {
  const fromDocument = useSyncExternalStore(
    () => () => {},
    () => document.documentElement.lang,
    () => null,
  );
  if (explicit) return explicit;
  return isLocale(fromDocument) ? fromDocument : "vi";
}

function formatSize(bytes: number, locale: Locale): string {
  const nf = numberFormat(locale, { maximumFractionDigits: 1 });
  return bytes < MB ? `${nf.format(Math.max(1, Math.round(bytes / 1024)))} KB` : `${nf.format(bytes / MB)} MB`;
}

const isVideo = (f: File) => f.type.startsWith("video/") || /\.(mp4|webm)$/i.test(f.name);

/**
 * Trainers' upload of course files (docs/decisions/061): pick the section, then drop files on the
 * zone or press it to choose them (several at once). Each file is POSTed on its own to
 * /api/courses/<id>/files with XMLHttpRequest (upload progress), shown as a row with its progress
 * bar, a cancel button and the server's message if refused. Each success becomes a lesson at the
 * end of the section and the page is refreshed.
 */
export function UploadZone({
  courseId,
  sections,
  locale: explicitLocale,
  limits = DEFAULT_LIMITS,
}: {
  courseId: string;
  sections: { id: string; title: string }[];
  /** Optional: taken from <html lang> when absent. */
  locale?: Locale;
  /** Optional: the server's limits (lib/courses/files.ts uploadLimits()) for the pre-check. */
  limits?: { docBytes: number; videoBytes: number };
}) {
  const locale = useLocale(explicitLocale);
  const t = translator(locale);
  const router = useRouter();
  const ids = useId();
  const input = useRef<HTMLInputElement>(null);
  const [sectionId, setSectionId] = useState(sections[0]?.id ?? "");
  const [items, setItems] = useState<Item[]>([]);
  const [dragging, setDragging] = useState(false);
  const counter = useRef(0);
  const current = sections.some((s) => s.id === sectionId) ? sectionId : (sections[0]?.id ?? "");

  const update = (key: string, patch: Partial<Item>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  // Files wait here until fewer than PARALLEL are on their way (event handlers only, never render).
  const queue = useRef<Item[]>([]);
  const active = useRef(0);

  function pump() {
    while (active.current < PARALLEL && queue.current.length > 0) send(queue.current.shift()!);
  }

  function send(item: Item) {
    active.current++;
    const xhr = new XMLHttpRequest();
    const finished = (patch: Partial<Item>) => {
      active.current--;
      update(item.key, patch);
      pump();
    };
    const query = new URLSearchParams({ sectionId: item.sectionId, name: item.file.name });
    xhr.open("POST", `/api/courses/${encodeURIComponent(courseId)}/files?${query}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => update(item.key, { loaded: e.loaded });
    xhr.upload.onload = () => update(item.key, { status: "processing", loaded: item.file.size });
    xhr.onload = () => {
      if (xhr.status === 201) {
        finished({ status: "done", loaded: item.file.size });
        router.refresh();
        return;
      }
      let message = t("files.upload.failed", { status: xhr.status });
      try {
        const body = JSON.parse(xhr.responseText) as { error?: { message?: unknown } };
        if (typeof body.error?.message === "string") message = body.error.message;
      } catch {
        // not JSON (a proxy's error page): keep the generic message
      }
      finished({ status: "error", error: message });
    };
    xhr.onerror = () => finished({ status: "error", error: t("files.upload.network") });
    xhr.onabort = () => finished({ status: "cancelled" });
    update(item.key, { status: "sending", xhr });
    xhr.send(item.file);
  }

  function cancel(item: Item) {
    if (item.xhr) item.xhr.abort();
    else {
      queue.current = queue.current.filter((i) => i.key !== item.key);
      update(item.key, { status: "cancelled" });
    }
  }

  function add(files: FileList | null) {
    if (!files?.length || !current) return;
    const added: Item[] = [];
    for (const file of Array.from(files)) {
      const key = `${ids}-${counter.current++}`;
      const limit = isVideo(file) ? limits.videoBytes : limits.docBytes;
      if (file.size > limit) {
        added.push({ key, file, sectionId: current, status: "error", loaded: 0, error: t("files.upload.tooLargeClient", { limit: Math.round(limit / MB) }) });
      } else {
        added.push({ key, file, sectionId: current, status: "waiting", loaded: 0 });
      }
    }
    setItems((all) => [...all, ...added]);
    queue.current.push(...added.filter((i) => i.status === "waiting"));
    pump();
  }

  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setDragging(false);
    add(e.dataTransfer.files);
  };

  if (sections.length === 0) {
    return <p className="rounded-md bg-slate-50 p-4 text-sm text-slate-700">{t("files.upload.noSections")}</p>;
  }

  const hintId = `${ids}-hint`;
  return (
    // No heading of its own: the page places it under one (the content editor's "upload" section).
    <div className="space-y-4">
      <div className="space-y-1">
        <label htmlFor={`${ids}-section`} className="block text-sm font-semibold text-slate-800">
          {t("files.upload.section")}
        </label>
        <select
          id={`${ids}-section`}
          value={current}
          onChange={(e) => setSectionId(e.target.value)}
          className="block w-full max-w-md rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900"
        >
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        onClick={() => input.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        aria-describedby={hintId}
        className={`flex min-h-28 w-full flex-col items-center justify-center gap-1 rounded-md border-2 border-dashed p-4 text-center focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${
          dragging ? "border-brand-600 bg-brand-50" : "border-slate-300 hover:border-brand-600"
        }`}
      >
        <span className="font-semibold text-brand-700">{t("files.upload.drop")}</span>
      </button>
      <p id={hintId} className="text-sm text-slate-600">
        {t("files.upload.hint", { doc: Math.round(limits.docBytes / MB), video: Math.round(limits.videoBytes / MB) })}
      </p>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        // Not shown and not in the accessibility tree: the zone (a button) opens it.
        hidden
        tabIndex={-1}
        onChange={(e) => {
          add(e.target.files);
          e.target.value = ""; // the same file chosen again must fire again
        }}
      />
      {items.length > 0 ? (
        <ul aria-label={t("files.upload.listLabel")} className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {items.map((item) => (
            <Row key={item.key} item={item} t={t} locale={locale} onCancel={() => cancel(item)} onRemove={() => setItems((all) => all.filter((i) => i.key !== item.key))} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Row({ item, t, locale, onCancel, onRemove }: { item: Item; t: ReturnType<typeof translator>; locale: Locale; onCancel: () => void; onRemove: () => void }) {
  const percent = item.file.size ? Math.min(100, Math.round((item.loaded / item.file.size) * 100)) : 100;
  const statusText =
    item.status === "waiting"
      ? t("files.upload.waiting")
      : item.status === "sending"
        ? t("files.upload.sending", { percent })
        : item.status === "processing"
          ? t("files.upload.processing")
          : item.status === "done"
            ? t("files.upload.done")
            : item.status === "cancelled"
              ? t("files.upload.cancelled")
              : null;
  const running = item.status === "waiting" || item.status === "sending" || item.status === "processing";
  return (
    <li className="space-y-1 p-3" data-status={item.status}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="break-all font-medium text-slate-900">{item.file.name}</span>
        <span className="text-sm text-slate-600">{formatSize(item.file.size, locale)}</span>
      </div>
      {item.status !== "error" ? (
        <progress
          className="h-2 w-full accent-brand-700"
          max={100}
          value={item.status === "done" ? 100 : percent}
          aria-label={t("files.upload.progress", { name: item.file.name })}
        />
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        {item.status === "error" ? (
          <p role="alert" className="text-red-800">
            {item.error}
          </p>
        ) : (
          <p role="status" className={item.status === "done" ? "text-green-800" : "text-slate-700"}>
            {statusText}
          </p>
        )}
        {running ? (
          <button type="button" onClick={onCancel} className="text-brand-700 underline" aria-label={t("files.upload.cancel", { name: item.file.name })}>
            {t("files.upload.cancelShort")}
          </button>
        ) : (
          <button type="button" onClick={onRemove} className="text-slate-600 underline" aria-label={t("files.upload.remove", { name: item.file.name })}>
            ×
          </button>
        )}
      </div>
    </li>
  );
}
