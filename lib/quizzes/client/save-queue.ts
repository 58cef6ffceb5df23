import type { SaveReply } from "@/lib/quizzes/attempts/types";
import type { QuestionResponse } from "@/lib/quizzes/question-types";

/*
 * The learner's answers during an attempt, on their way to the server
 * (docs/decisions/084-answers-never-lost.md). Pure TypeScript: the page gives it `fetch`,
 * `localStorage`, timers and the window's online/offline events, so that tests can drive it.
 *
 * - Every change is kept at once in storage (one entry per attempt) and saved ~800 ms after the
 *   last change, or at once on `flush()` (a field left, the page hidden).
 * - A save sends every answer the server has not acknowledged, with `seq` = max(the server's
 *   lastSeq, the last seq this device used) + 1. One save is in flight at a time.
 * - A network error or a 5xx is retried with exponential backoff (1 s … 30 s), and at once when
 *   the browser says it is online again. 409 ATTEMPT_CLOSED stops everything ("closed"). Another
 *   4xx is shown; the answers stay on the device and are sent with the next change.
 * - An answer leaves storage only when a reply says it is saved (or that another device saved a
 *   newer one, which then replaces it here). On the next load, what storage still holds is merged
 *   with the server's answers — the local one wins only if the server's `responseSeq` is lower
 *   than the local seq — and sent again.
 */

export type SaveStatus = "saved" | "saving" | "offline" | "error" | "closed" | "submitted";

export type QueueSnapshot = {
  status: SaveStatus;
  /** The server's message for a refused save or submit ("error"). */
  message: string | null;
  /** Answers not yet acknowledged by the server. */
  unsaved: number;
};


export type ServerAnswer = { position: number; response: QuestionResponse | null; responseSeq: number };

type MinimalResponse = { status: number; ok: boolean; json(): Promise<unknown> };
type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string; keepalive?: boolean }) => Promise<MinimalResponse>;
type Storage = { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };
type EventTarget = { addEventListener(type: string, fn: () => void): void; removeEventListener(type: string, fn: () => void): void };

export type SaveQueueOptions = {
  attemptId: string;
  /** The attempt's `lastSeq` and answers as the page was given them. */
  lastSeq: number;
  answers: ServerAnswer[];
  fetch: Fetch;
  /** localStorage, or null where it is unavailable (private mode): only the safety net is lost. */
  storage: Storage | null;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** The window, for its online/offline events. */
  events?: EventTarget | null;
  debounceMs?: number;
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** Each change of status or of the number of unsaved answers. */
  onChange?: (snapshot: QueueSnapshot) => void;
  /** An answer replaced by the server's (another device saved a newer one). */
  onReplaced?: (position: number, response: QuestionResponse | null) => void;
  /** Every successful save reply (the deadline it states, the server's clock). */
  onReply?: (reply: SaveReply) => void;
};

/** What storage keeps per attempt. `seq`: the seq the answer was last sent with, or would be sent with. */
type Stored = { v: 1; lastUsedSeq: number; pending: { position: number; response: QuestionResponse | null; seq: number }[] };

export const storageKey = (attemptId: string) => `taphuan.attempt.${attemptId}`;

export class SubmitRefused extends Error {}

export class SaveQueue {
  private readonly o: SaveQueueOptions & Required<Pick<SaveQueueOptions, "setTimer" | "clearTimer" | "debounceMs" | "firstRetryMs" | "maxRetryMs">>;
  /** The learner's current answer per position (the server's, or a newer local one). */
  private readonly current = new Map<number, QuestionResponse | null>();
  /** Local edits per position: a reply acknowledges an answer only if it was not changed since sent. */
  private readonly edits = new Map<number, number>();
  /** Positions whose current answer the server has not acknowledged, with their seq. */
  private readonly pending = new Map<number, number>();
  private knownLastSeq: number;
  private lastUsedSeq: number;
  private inFlight: Promise<void> | null = null;
  private sendAgain = false;
  private timer: unknown = null;
  private timerKind: "debounce" | "retry" | null = null;
  private retryMs: number;
  private status: SaveStatus = "saved";
  private message: string | null = null;
  private submitting = false;
  private wake: (() => void) | null = null;
  private readonly onOnline = () => this.online();
  private readonly onOffline = () => this.offline();

  constructor(options: SaveQueueOptions) {
    this.o = {
      ...options,
      setTimer: options.setTimer ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimer: options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)),
      debounceMs: options.debounceMs ?? 800,
      firstRetryMs: options.firstRetryMs ?? 1_000,
      maxRetryMs: options.maxRetryMs ?? 30_000,
    };
    this.retryMs = this.o.firstRetryMs;
    this.knownLastSeq = options.lastSeq;
    this.lastUsedSeq = options.lastSeq;
    const server = new Map<number, ServerAnswer>();
    for (const a of options.answers) {
      server.set(a.position, a);
      this.current.set(a.position, a.response);
    }
    const stored = this.read();
    if (stored) {
      this.lastUsedSeq = Math.max(this.lastUsedSeq, stored.lastUsedSeq);
      for (const p of stored.pending) {
        const s = server.get(p.position);
        // Kept only when the server holds an older answer: an equal seq is this very answer, saved
        // (its reply was lost); a higher one was saved later, from here or another device.
        if (!s || s.responseSeq >= p.seq) continue;
        this.current.set(p.position, p.response);
        this.pending.set(p.position, p.seq);
      }
      this.write();
    }
    if (this.pending.size > 0) this.status = "saving";
  }

  /** Listens to online/offline and sends what a previous visit left unacknowledged. */
  start() {
    this.o.events?.addEventListener("online", this.onOnline);
    this.o.events?.addEventListener("offline", this.onOffline);
    if (this.pending.size > 0) void this.send();
  }

  dispose() {
    this.o.events?.removeEventListener("online", this.onOnline);
    this.o.events?.removeEventListener("offline", this.onOffline);
    this.clearTimer();
  }

  snapshot(): QueueSnapshot {
    return { status: this.status, message: this.message, unsaved: this.pending.size };
  }

  /** The answers to show: the server's, with this device's unacknowledged ones over them. */
  answers(): Map<number, QuestionResponse | null> {
    return new Map(this.current);
  }

  isUnsaved(position: number): boolean {
    return this.pending.has(position);
  }

  /** The learner changed an answer: kept on the device now, saved after the pause. */
  set(position: number, response: QuestionResponse | null) {
    if (this.status === "closed" || this.status === "submitted" || this.submitting) return;
    this.current.set(position, response);
    this.edits.set(position, (this.edits.get(position) ?? 0) + 1);
    this.pending.set(position, this.nextSeq());
    this.write();
    if (this.status === "saved") this.setStatus("saving");
    else this.emit();
    // While waiting to retry after a failure, a change does not cut the wait short.
    if (this.timerKind === "retry") return;
    this.schedule("debounce", this.o.debounceMs);
  }

  /** Saves now (a field was left, the page is being hidden): `keepalive` lets it outlive the page. */
  flush(options: { keepalive?: boolean } = {}): Promise<void> {
    if (this.pending.size === 0 || this.status === "closed" || this.submitting) return this.inFlight ?? Promise.resolve();
    this.clearTimer();
    return this.send(options.keepalive ?? false);
  }

  /**
   * Finishes the attempt: waits for a save in flight, then submits with every answer still
   * unacknowledged. Retried on network errors and 5xx until it is answered. "closed": the attempt
   * was already over (time up; what was saved before counts). Throws SubmitRefused on another 4xx.
   */
  async submit(): Promise<"finished" | "closed"> {
    if (this.status === "closed") return "closed";
    this.submitting = true;
    this.clearTimer();
    try {
      while (this.inFlight) await this.inFlight;
      // The save just answered may have found the attempt closed.
      if (this.snapshot().status === "closed") return "closed";
      this.retryMs = this.o.firstRetryMs;
      for (;;) {
        const seq = this.nextSeq();
        this.lastUsedSeq = seq;
        const answers = this.unsavedAnswers();
        for (const a of answers) this.pending.set(a.position, seq);
        this.write();
        this.setStatus("saving");
        let res: MinimalResponse;
        try {
          res = await this.o.fetch(`/api/attempts/${this.o.attemptId}/submit`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            // No body when everything is saved: the server finishes with what it holds.
            ...(answers.length > 0 ? { body: JSON.stringify({ seq, answers }) } : {}),
          });
        } catch {
          await this.waitToRetry();
          continue;
        }
        if (res.status >= 500) {
          await this.waitToRetry();
          continue;
        }
        if (res.ok) {
          this.pending.clear();
          this.remove();
          this.setStatus("submitted");
          return "finished";
        }
        const error = await readError(res);
        if (res.status === 409 && error.code === "ATTEMPT_CLOSED") {
          this.close();
          return "closed";
        }
        this.message = error.message;
        this.setStatus("error");
        throw new SubmitRefused(error.message ?? String(res.status));
      }
    } finally {
      this.submitting = false;
    }
  }

  // ── internals ──────────────────────────────────────────────────────────────

  private nextSeq() {
    return Math.max(this.knownLastSeq, this.lastUsedSeq) + 1;
  }

  private unsavedAnswers() {
    return [...this.pending.keys()].sort((a, b) => a - b).map((position) => ({ position, response: this.current.get(position) ?? null }));
  }

  private send(keepalive = false): Promise<void> {
    if (this.inFlight) {
      this.sendAgain = true;
      return this.inFlight;
    }
    if (this.pending.size === 0 || this.status === "closed" || this.status === "submitted") return Promise.resolve();
    const seq = this.nextSeq();
    this.lastUsedSeq = seq;
    const answers = this.unsavedAnswers();
    const sentEdits = new Map(answers.map((a) => [a.position, this.edits.get(a.position) ?? 0]));
    for (const a of answers) this.pending.set(a.position, seq);
    this.write();
    if (this.status !== "offline") this.setStatus("saving");
    const body = JSON.stringify({ seq, answers });
    const run = async () => {
      let res: MinimalResponse;
      try {
        res = await this.o.fetch(`/api/attempts/${this.o.attemptId}/answers`, {
          method: "PUT",
          headers: { "Content-Type": "application/json" },
          body,
          // A page being closed: the request may outlive it (browsers cap such bodies at 64 KB).
          keepalive: keepalive && body.length < 60_000,
        });
      } catch {
        return this.failed();
      }
      if (res.status >= 500) return this.failed();
      if (res.ok) {
        let reply: SaveReply;
        try {
          reply = (await res.json()) as SaveReply;
        } catch {
          return this.failed();
        }
        return this.acknowledged(reply, sentEdits);
      }
      const error = await readError(res);
      if (res.status === 409 && error.code === "ATTEMPT_CLOSED") return this.close();
      // Refused (signed out, invalid): shown; the answers stay here and go with the next change.
      this.message = error.message;
      this.setStatus("error");
    };
    this.inFlight = run().finally(() => {
      this.inFlight = null;
      if (this.sendAgain && !this.submitting) {
        this.sendAgain = false;
        if (this.status !== "offline" && this.status !== "error") void this.send();
      }
    });
    return this.inFlight;
  }

  private acknowledged(reply: SaveReply, sentEdits: Map<number, number>) {
    this.knownLastSeq = Math.max(this.knownLastSeq, reply.lastSeq);
    this.retryMs = this.o.firstRetryMs;
    const unchanged = (position: number) => (this.edits.get(position) ?? 0) === sentEdits.get(position);
    const superseded = new Map(reply.superseded.map((s) => [s.position, s]));
    for (const position of sentEdits.keys()) {
      // Changed again while this save was on its way: the newer answer is still to send.
      if (!unchanged(position)) continue;
      const newer = superseded.get(position);
      if (newer) {
        this.current.set(position, newer.response);
        this.o.onReplaced?.(position, newer.response);
      }
      // Saved, superseded, or refused for good (a checked question): nothing left to send for it.
      this.pending.delete(position);
    }
    this.write();
    this.message = null;
    this.o.onReply?.(reply);
    if (this.pending.size === 0) this.setStatus("saved");
    else {
      this.setStatus("saving");
      if (!this.timer) this.sendAgain = true;
    }
  }

  private failed() {
    this.setStatus("offline");
    if (this.submitting) return;
    this.schedule("retry", this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, this.o.maxRetryMs);
  }

  private waitToRetry(): Promise<void> {
    this.setStatus("offline");
    const ms = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, this.o.maxRetryMs);
    return new Promise((resolve) => {
      const done = () => {
        this.wake = null;
        this.clearTimer();
        resolve();
      };
      this.wake = done;
      this.clearTimer();
      this.timer = this.o.setTimer(done, ms);
      this.timerKind = "retry";
    });
  }

  private online() {
    this.retryMs = this.o.firstRetryMs;
    if (this.wake) return this.wake();
    if (this.timerKind === "retry" || (this.pending.size > 0 && !this.inFlight && this.status !== "closed")) {
      this.clearTimer();
      void this.send();
    }
  }

  private offline() {
    if (this.pending.size > 0 || this.inFlight) this.setStatus("offline");
  }

  private close() {
    this.clearTimer();
    this.pending.clear();
    this.remove();
    this.setStatus("closed");
  }

  private schedule(kind: "debounce" | "retry", ms: number) {
    this.clearTimer();
    this.timerKind = kind;
    this.timer = this.o.setTimer(() => {
      this.timer = null;
      this.timerKind = null;
      void this.send();
    }, ms);
  }

  private clearTimer() {
    if (this.timer !== null) this.o.clearTimer(this.timer);
    this.timer = null;
    this.timerKind = null;
  }

  private setStatus(status: SaveStatus) {
    this.status = status;
    if (status !== "error") this.message = null;
    this.emit();
  }

  private emit() {
    this.o.onChange?.(this.snapshot());
  }

  private read(): Stored | null {
    try {
      const raw = this.o.storage?.getItem(storageKey(this.o.attemptId));
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Stored;
      if (parsed?.v !== 1 || !Array.isArray(parsed.pending) || typeof parsed.lastUsedSeq !== "number") return null;
      return parsed;
    } catch {
      return null;
    }
  }

  private write() {
    if (this.pending.size === 0) return this.remove();
    const stored: Stored = {
      v: 1,
      lastUsedSeq: this.lastUsedSeq,
      pending: [...this.pending].map(([position, seq]) => ({ position, response: this.current.get(position) ?? null, seq })),
    };
    try {
      this.o.storage?.setItem(storageKey(this.o.attemptId), JSON.stringify(stored));
    } catch {
      /* storage full or unavailable: only the safety net is lost */
    }
  }

  private remove() {
    try {
      this.o.storage?.removeItem(storageKey(this.o.attemptId));
    } catch {
      /* unavailable */
    }
  }
}

async function readError(res: MinimalResponse): Promise<{ code: string | null; message: string | null }> {
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    return {
      code: typeof body?.error?.code === "string" ? body.error.code : null,
      message: typeof body?.error?.message === "string" ? body.error.message : null,
    };
  } catch {
    return { code: null, message: null };
  }
}
