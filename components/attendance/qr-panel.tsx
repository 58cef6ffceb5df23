"use client";

import { useEffect, useState } from "react";
import { translator, type Locale } from "@/lib/i18n/messages";

type Code = { token: string; url: string; svg: string };
type State = { kind: "loading" } | { kind: "code"; code: Code } | { kind: "error"; message: string; code: Code | null };

/**
 * Fetches the session's current check-in code and shows it as a QR code, again every
 * `refreshSeconds` (below the 30-second step, so the screen never shows a code about to die).
 * The SVG comes from our own route (uqr's renderSVG of our own URL), so it holds no outside markup.
 */
export function QrPanel({ locale, sessionId, refreshSeconds }: { locale: Locale; sessionId: string; refreshSeconds: number }) {
  const t = translator(locale);
  const [state, setState] = useState<State>({ kind: "loading" });

  useEffect(() => {
    let stopped = false;
    const tr = translator(locale);
    async function load() {
      try {
        const res = await fetch(`/api/sessions/${sessionId}/checkin-token`, { cache: "no-store" });
        const body = (await res.json()) as Code & { error?: { message: string } };
        if (stopped) return;
        // Refused (the session has ended, the class was cancelled): no code is shown any more.
        if (!res.ok) setState({ kind: "error", message: body.error?.message ?? tr("attendance.qr.failed"), code: null });
        else setState({ kind: "code", code: { token: body.token, url: body.url, svg: body.svg } });
      } catch {
        if (!stopped) setState((s) => ({ kind: "error", message: tr("attendance.qr.failed"), code: s.kind === "code" ? s.code : null }));
      }
    }
    void load();
    const timer = setInterval(() => void load(), refreshSeconds * 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [sessionId, refreshSeconds, locale]);

  const code = state.kind === "code" ? state.code : state.kind === "error" ? state.code : null;
  return (
    <div className="space-y-3" data-testid="qr-panel" data-checkin-url={code?.url ?? ""} data-token={code?.token ?? ""}>
      {state.kind === "loading" ? <p role="status">{t("attendance.qr.loading")}</p> : null}
      {state.kind === "error" ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          {state.message}
        </p>
      ) : null}
      {code ? (
        <>
          <div
            role="img"
            aria-label={t("attendance.qr.imageLabel")}
            className="mx-auto w-full max-w-sm rounded-lg bg-white p-2 [&>svg]:h-auto [&>svg]:w-full"
            dangerouslySetInnerHTML={{ __html: code.svg }}
          />
          <details className="text-sm">
            <summary className="cursor-pointer font-semibold text-brand-700">{t("attendance.qr.linkLabel")}</summary>
            <p className="mt-1 break-all font-mono text-slate-800">{code.url}</p>
          </details>
        </>
      ) : null}
    </div>
  );
}
