"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { formatNumber } from "@/lib/i18n/format";
import { translator, type Locale } from "@/lib/i18n/messages";
import type { AttemptView, LearnerQuestionView, SaveReply } from "@/lib/quizzes/attempts/types";
import { SaveQueue, SubmitRefused, type QueueSnapshot } from "@/lib/quizzes/client/save-queue";
import type { QuestionResponse } from "@/lib/quizzes/question-types";
import { QuestionCard, isAnswered, questionNumbers } from "./question-fields";

type Props = { locale: Locale; view: AttemptView; reviewUrl: string };

/** The server's clock, estimated from a moment it stated and the browser's monotonic clock since. */
type ServerClock = { serverMs: number; perfMs: number };
const serverNow = (c: ServerClock) => c.serverMs + (performance.now() - c.perfMs);

/** Warnings as the time left reaches them, farthest first. */
const WARN_AT = [
  { ms: 300_000, key: "quizPlayer.warn5" },
  { ms: 60_000, key: "quizPlayer.warn1" },
] as const;

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The attempt being answered (docs/decisions/084-answers-never-lost.md): every question on one
 * page, a navigator, the save status in a polite live region, the countdown to the SERVER's
 * deadline (the browser's wall clock is never used for it: the server's time at load plus the
 * monotonic time elapsed), warnings at 5 and 1 minute, submission when time is up, and a
 * confirmation that lists unanswered questions before submitting.
 */
export function AttemptPlayer({ locale, view, reviewUrl }: Props) {
  const t = useMemo(() => translator(locale), [locale]);
  const router = useRouter();
  const [questions, setQuestions] = useState<LearnerQuestionView[]>(view.questions);
  const [answers, setAnswers] = useState<Map<number, QuestionResponse | null>>(() => new Map(view.questions.map((q) => [q.position, q.response])));
  const [snap, setSnap] = useState<QueueSnapshot>({ status: "saved", message: null, unsaved: 0 });
  const [remainingMs, setRemainingMs] = useState<number | null>(() =>
    view.deadlineAt ? Math.max(0, Date.parse(view.deadlineAt) - Date.parse(view.serverNow)) : null,
  );
  const [dialogOpen, setDialogOpen] = useState(false);
  const [warning, setWarning] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [checkError, setCheckError] = useState<{ position: number; message: string } | null>(null);
  const [checking, setChecking] = useState<number | null>(null);
  const queue = useRef<SaveQueue | null>(null);
  const clock = useRef<ServerClock | null>(null);
  const deadline = useRef<number | null>(view.deadlineAt ? Date.parse(view.deadlineAt) : null);
  const finishing = useRef(false);
  const warned = useRef(0);
  const dialog = useRef<HTMLDialogElement>(null);
  const numbers = useMemo(() => questionNumbers(view.questions), [view.questions]);
  const fmtMark = useCallback((n: number) => formatNumber(n, locale, { maximumFractionDigits: 2 }), [locale]);

  // The queue lives in the browser only: it reads what a previous visit left on this device.
  useEffect(() => {
    const q = new SaveQueue({
      attemptId: view.attemptId,
      lastSeq: view.lastSeq,
      answers: view.questions.map((x) => ({ position: x.position, response: x.response, responseSeq: x.responseSeq })),
      fetch: (url, init) => fetch(url, init),
      storage: safeStorage(),
      events: window,
      onChange: setSnap,
      onReplaced: (position, response) => setAnswers((m) => new Map(m).set(position, response)),
      onReply: (reply: SaveReply) => {
        clock.current = { serverMs: Date.parse(reply.serverNow), perfMs: performance.now() };
        deadline.current = reply.deadlineAt ? Date.parse(reply.deadlineAt) : null;
      },
    });
    queue.current = q;
    setAnswers(q.answers());
    setSnap(q.snapshot());
    q.start();
    const onHidden = () => {
      if (document.visibilityState === "hidden") void q.flush({ keepalive: true });
    };
    const onPageHide = () => void q.flush({ keepalive: true });
    document.addEventListener("visibilitychange", onHidden);
    window.addEventListener("pagehide", onPageHide);
    return () => {
      document.removeEventListener("visibilitychange", onHidden);
      window.removeEventListener("pagehide", onPageHide);
      q.dispose();
      queue.current = null;
    };
  }, [view.attemptId, view.lastSeq, view.questions]);

  const finish = useCallback(async () => {
    const q = queue.current;
    if (!q || finishing.current) return;
    finishing.current = true;
    setSubmitting(true);
    setSubmitError(null);
    try {
      await q.submit();
      router.replace(reviewUrl);
    } catch (e) {
      finishing.current = false;
      setSubmitting(false);
      setSubmitError(e instanceof SubmitRefused ? e.message : t("quizPlayer.submitFailed"));
    }
  }, [reviewUrl, router, t]);

  // The countdown: from the server's time at load, then as each save reply states it.
  useEffect(() => {
    if (!deadline.current) return;
    clock.current ??= { serverMs: Date.parse(view.serverNow), perfMs: performance.now() };
    const tick = () => {
      if (!deadline.current || !clock.current) return;
      const left = Math.max(0, deadline.current - serverNow(clock.current));
      setRemainingMs(left);
      const reached = WARN_AT.filter((w) => left <= w.ms);
      if (reached.length > warned.current) {
        warned.current = reached.length;
        setWarning(t(reached.at(-1)!.key));
      }
      if (left <= 0) void finish();
    };
    tick();
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [finish, t, view.serverNow]);

  const change = (position: number, response: QuestionResponse | null) => {
    setAnswers((m) => new Map(m).set(position, response));
    queue.current?.set(position, response);
  };
  const flush = () => void queue.current?.flush();

  async function check(position: number) {
    const q = queue.current;
    if (!q) return;
    setChecking(position);
    setCheckError(null);
    try {
      // The answer must be on the server before it is checked there.
      for (let i = 0; i < 5 && q.isUnsaved(position) && ["saving", "saved"].includes(q.snapshot().status); i++) await q.flush();
      if (q.isUnsaved(position)) throw new Error(t("quizPlayer.checkNotSaved"));
      const res = await fetch(`/api/attempts/${view.attemptId}/check`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ position }),
      });
      const body = (await res.json().catch(() => null)) as (AttemptView & { error?: { message?: string } }) | null;
      if (!res.ok || !body?.questions) throw new Error(body?.error?.message ?? t("quizPlayer.checkFailed"));
      const fresh = new Map(body.questions.map((x) => [x.position, x]));
      setQuestions((qs) => qs.map((x) => ({ ...x, checked: fresh.get(x.position)?.checked ?? x.checked, review: fresh.get(x.position)?.review ?? x.review })));
    } catch (e) {
      setCheckError({ position, message: e instanceof Error ? e.message : t("quizPlayer.checkFailed") });
    } finally {
      setChecking(null);
    }
  }

  const unanswered = questions.filter((q) => q.type !== "DESCRIPTION" && !isAnswered(answers.get(q.position)));
  const closed = snap.status === "closed";
  const locked = submitting || closed;

  return (
    <div className="space-y-4">
      <div className="sticky top-0 z-10 -mx-4 border-b border-slate-200 bg-white/95 px-4 py-2 backdrop-blur sm:mx-0 sm:rounded-lg sm:border">
        <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
          {remainingMs !== null ? (
            <p className="font-semibold tabular-nums" data-testid="time-left">
              <span>{t("quizPlayer.timeLeft")}</span>{" "}
              <span role="timer" className={remainingMs <= 60_000 ? "text-red-800" : "text-slate-900"}>
                {formatCountdown(remainingMs)}
              </span>
            </p>
          ) : (
            <p className="text-sm text-slate-700">{t("quizPlayer.noTimeLimit")}</p>
          )}
          <p role="status" aria-live="polite" className={`text-sm font-semibold ${STATUS_TONE[snap.status]}`} data-testid="save-status">
            {statusText(snap, t)}
          </p>
        </div>
        <p role="alert" className="text-sm font-semibold text-red-800">
          {warning ?? ""}
        </p>
      </div>

      <nav aria-label={t("quizPlayer.navigator")} className="rounded-lg border border-slate-200 bg-white p-3">
        <h2 className="mb-2 text-sm font-semibold text-slate-800">{t("quizPlayer.navigator")}</h2>
        <ol className="flex flex-wrap gap-2">
          {questions
            .filter((q) => numbers.has(q.position))
            .map((q) => {
              const done = isAnswered(answers.get(q.position));
              const n = numbers.get(q.position)!;
              return (
                <li key={q.position}>
                  <a
                    href={`#q-${q.position}`}
                    aria-label={t(done ? "quizPlayer.navAnswered" : "quizPlayer.navUnanswered", { n })}
                    className={`flex h-11 w-11 items-center justify-center rounded-md border font-semibold ${done ? "border-brand-700 bg-brand-700 text-white" : "border-slate-400 bg-white text-slate-900"}`}
                  >
                    {n}
                  </a>
                </li>
              );
            })}
        </ol>
      </nav>

      {questions.map((q) => {
        const readOnly = locked || q.checked;
        const canCheckThis = view.canCheck && !q.checked && q.type !== "DESCRIPTION" && !locked;
        return (
          <QuestionCard
            key={q.position}
            t={t}
            question={q}
            number={numbers.get(q.position)}
            response={answers.get(q.position) ?? null}
            onChange={readOnly ? undefined : (r) => change(q.position, r)}
            onBlur={flush}
            formatMark={fmtMark}
            status={q.checked ? <p className="mt-1 text-sm text-slate-700">{t("quizPlayer.checkedLocked")}</p> : null}
            actions={
              canCheckThis ? (
                <div className="mt-3 space-y-2">
                  <button
                    type="button"
                    onClick={() => void check(q.position)}
                    disabled={checking !== null || !isAnswered(answers.get(q.position))}
                    aria-describedby={`q-${q.position}-h`}
                    className="rounded-md border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-60"
                  >
                    {checking === q.position ? t("quizPlayer.checking") : t("quizPlayer.check")}
                  </button>
                  {checkError?.position === q.position ? (
                    <p role="alert" className="text-sm text-red-800">
                      {checkError.message}
                    </p>
                  ) : null}
                </div>
              ) : null
            }
          />
        );
      })}

      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        {closed ? (
          <>
            <p role="alert" className="font-semibold text-red-800">
              {t("quizPlayer.closed")}
            </p>
            <button type="button" onClick={() => router.replace(reviewUrl)} className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
              {t("quizPlayer.seeResult")}
            </button>
          </>
        ) : (
          <>
            <p className="text-sm text-slate-700">{t("quizPlayer.answeredCount", { done: numbers.size - unanswered.length, total: numbers.size })}</p>
            <button
              type="button"
              aria-haspopup="dialog"
              disabled={submitting}
              onClick={() => {
                setSubmitError(null);
                dialog.current?.showModal();
                setDialogOpen(true);
              }}
              className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
            >
              {submitting ? t("quizPlayer.submitting") : t("quizPlayer.submit")}
            </button>
            {submitting && !dialogOpen ? (
              <p role="status" className="text-sm text-slate-800">
                {t("quizPlayer.submittingHint")}
              </p>
            ) : null}
            {submitError && !dialogOpen ? (
              <p role="alert" className="text-sm text-red-800">
                {submitError}
              </p>
            ) : null}
          </>
        )}
      </div>

      <dialog ref={dialog} onClose={() => setDialogOpen(false)} aria-labelledby="submit-q" className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/50">
        <div className="space-y-4 p-5">
          <p id="submit-q" className="text-lg font-semibold text-slate-900">
            {t("quizPlayer.confirmSubmit")}
          </p>
          {unanswered.length > 0 ? (
            <div>
              <p className="text-slate-800">{t("quizPlayer.unansweredList", { count: unanswered.length })}</p>
              <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1" aria-label={t("quizPlayer.unansweredLabel")}>
                {unanswered.map((q) => (
                  <li key={q.position}>
                    <a
                      href={`#q-${q.position}`}
                      onClick={() => dialog.current?.close()}
                      className="font-semibold text-brand-700 underline"
                    >
                      {t("quizPlayer.questionN", { n: numbers.get(q.position)! })}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="text-slate-800">{t("quizPlayer.allAnswered")}</p>
          )}
          <p className="text-sm text-slate-700">{t("quizPlayer.submitFinal")}</p>
          {submitError ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {submitError}
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" autoFocus onClick={() => dialog.current?.close()} className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50">
              {t("quizPlayer.backToQuiz")}
            </button>
            <button
              type="button"
              disabled={submitting}
              onClick={() => void finish()}
              className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
            >
              {submitting ? t("quizPlayer.submitting") : t("quizPlayer.submitNow")}
            </button>
          </div>
        </div>
      </dialog>
    </div>
  );
}

const STATUS_TONE: Record<QueueSnapshot["status"], string> = {
  saved: "text-green-800",
  saving: "text-slate-800",
  offline: "text-amber-900",
  error: "text-red-800",
  closed: "text-red-800",
  submitted: "text-green-800",
};

function statusText(s: QueueSnapshot, t: ReturnType<typeof translator>): string {
  switch (s.status) {
    case "saved":
      return t("quizPlayer.status.saved");
    case "saving":
      return t("quizPlayer.status.saving");
    case "offline":
      return t("quizPlayer.status.offline");
    case "error":
      return t("quizPlayer.status.error", { message: s.message ?? "" });
    case "closed":
      return t("quizPlayer.status.closed");
    case "submitted":
      return t("quizPlayer.status.submitted");
  }
}

/** 9:05 or 1:02:05, rounded up: the countdown reaches 0:00 when time is up, not a second before. */
export function formatCountdown(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}
