"use client";

import { useState } from "react";
import { ConfirmAction } from "@/components/confirm-action";
import type { FormState } from "@/lib/forms/state";
import { translator, type Locale } from "@/lib/i18n/messages";

type Shown = { url: string; webcal: string };

/**
 * The private calendar feed: make (or replace, after asking) the URL, which is shown this once
 * with a copy button, or turn it off (after asking; the layout's announcer says it is done). The server keeps only the token's SHA-256 (docs/decisions/072).
 */
export function FeedPanel({ locale, hasFeed, createdLabel }: { locale: Locale; hasFeed: boolean; createdLabel: string | null }) {
  const t = translator(locale);
  const [shown, setShown] = useState<Shown | null>(null);
  const [active, setActive] = useState(hasFeed);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [copied, setCopied] = useState(false);

  /** Makes or replaces the URL (POST) or turns it off (DELETE); the outcome as a form's. */
  async function call(method: "POST" | "DELETE"): Promise<FormState> {
    setPending(true);
    setFailure(null);
    setCopied(false);
    try {
      const res = await fetch("/api/calendar", { method, headers: { "content-type": "application/json" }, body: "{}" });
      const body = (await res.json()) as Partial<Shown> & { error?: { message: string } };
      if (!res.ok) return { status: "error", message: body.error?.message ?? t("schedule.feed.failed") };
      if (method === "POST" && body.url && body.webcal) {
        setShown({ url: body.url, webcal: body.webcal });
        setActive(true);
        return { status: "ok" };
      }
      setShown(null);
      setActive(false);
      return { status: "ok", message: t("schedule.feed.revoked") };
    } catch {
      return { status: "error", message: t("schedule.feed.failed") };
    } finally {
      setPending(false);
    }
  }

  async function subscribe() {
    const result = await call("POST");
    if (result.status === "error") setFailure(result.message ?? t("schedule.feed.failed"));
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
      {failure ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {failure}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {active ? (
          <>
            {/* Replacing or turning off the URL stops every calendar app that uses it: asked first. */}
            <ConfirmAction locale={locale} action={() => call("POST")} fields={{}} label={t("schedule.feed.rotate")} question={t("schedule.feed.confirmRotate")} />
            <ConfirmAction locale={locale} action={() => call("DELETE")} fields={{}} label={t("schedule.feed.revoke")} question={t("schedule.feed.confirmRevoke")} />
          </>
        ) : (
          <button type="button" disabled={pending} onClick={() => void subscribe()} className={`${button} bg-brand-700 text-white hover:bg-brand-800`}>
            {pending ? t("schedule.feed.working") : t("schedule.feed.subscribe")}
          </button>
        )}
      </div>
    </div>
  );
}
