"use client";

import { useState } from "react";
import { translator, type Locale } from "@/lib/i18n/messages";

type Shown = { url: string; webcal: string };

/**
 * The private calendar feed: make (or replace) the URL, which is shown this once with a copy
 * button, or turn it off. The server keeps only the token's SHA-256 (docs/decisions/072).
 */
export function FeedPanel({ locale, hasFeed, createdLabel }: { locale: Locale; hasFeed: boolean; createdLabel: string | null }) {
  const t = translator(locale);
  const [shown, setShown] = useState<Shown | null>(null);
  const [active, setActive] = useState(hasFeed);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [copied, setCopied] = useState(false);

  async function call(method: "POST" | "DELETE") {
    setPending(true);
    setMessage(null);
    setCopied(false);
    try {
      const res = await fetch("/api/calendar", { method, headers: { "content-type": "application/json" }, body: "{}" });
      const body = (await res.json()) as Partial<Shown> & { error?: { message: string } };
      if (!res.ok) {
        setMessage({ ok: false, text: body.error?.message ?? t("schedule.feed.failed") });
      } else if (method === "POST" && body.url && body.webcal) {
        setShown({ url: body.url, webcal: body.webcal });
        setActive(true);
      } else {
        setShown(null);
        setActive(false);
        setMessage({ ok: true, text: t("schedule.feed.revoked") });
      }
    } catch {
      setMessage({ ok: false, text: t("schedule.feed.failed") });
    }
    setPending(false);
  }

  async function copy() {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown.url);
      setCopied(true);
    } catch {
      // Without clipboard access the field is selected for a manual copy.
      (document.getElementById("feed-url") as HTMLInputElement | null)?.select();
    }
  }

  const button = "inline-flex min-h-11 items-center rounded-md px-4 py-2 font-semibold disabled:opacity-70";
  return (
    <div className="mt-3 space-y-3" data-testid="feed-panel">
      <p className="text-slate-700">{active && createdLabel && !shown ? t("schedule.feed.active", { date: createdLabel }) : !active ? t("schedule.feed.inactive") : null}</p>
      {shown ? (
        <div className="space-y-2 rounded-md border border-brand-100 bg-brand-50 p-3">
          <p className="text-sm text-slate-800">{t("schedule.feed.created")}</p>
          <label htmlFor="feed-url" className="block text-sm font-semibold text-slate-800">
            {t("schedule.feed.urlLabel")}
          </label>
          <div className="flex flex-wrap gap-2">
            <input id="feed-url" readOnly value={shown.url} className="min-w-0 flex-1 rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
            <button type="button" onClick={() => void copy()} className={`${button} bg-brand-700 text-white hover:bg-brand-800`}>
              {t("schedule.feed.copy")}
            </button>
          </div>
          <p role="status" className="text-sm text-green-800">
            {copied ? t("schedule.feed.copied") : ""}
          </p>
          <a href={shown.webcal} className="inline-block font-semibold text-brand-700 underline">
            {t("schedule.feed.webcal")}
          </a>
        </div>
      ) : null}
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${message.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}>
          {message.text}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button type="button" disabled={pending} onClick={() => void call("POST")} className={`${button} bg-brand-700 text-white hover:bg-brand-800`}>
          {pending ? t("schedule.feed.working") : active ? t("schedule.feed.rotate") : t("schedule.feed.subscribe")}
        </button>
        {active ? (
          <button type="button" disabled={pending} onClick={() => void call("DELETE")} className={`${button} border border-slate-400 bg-white text-slate-900 hover:bg-slate-100`}>
            {t("schedule.feed.revoke")}
          </button>
        ) : null}
      </div>
    </div>
  );
}
