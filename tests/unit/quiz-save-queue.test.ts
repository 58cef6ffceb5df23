import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SaveQueue, storageKey, type QueueSnapshot, type SaveQueueOptions } from "@/lib/quizzes/client/save-queue";
import type { QuestionResponse } from "@/lib/quizzes/question-types";

/**
 * The save queue against a model of the engine's save rule (docs/decisions/080: an answer is
 * written only WHERE responseSeq < seq; a repeat of an applied seq is acknowledged; a lower one is
 * superseded), with fake timers, an in-memory storage and a network that can be cut.
 */

const ATTEMPT = "a1";
type Held = { release: () => void };

class FakeServer {
  answers = new Map<number, { response: QuestionResponse | null; seq: number }>();
  lastSeq = 0;
  closed = false;
  networkDown = false;
  failWith: number | null = null;
  /** When set, each request waits until released (to overlap changes with a save in flight). */
  hold = false;
  held: Held[] = [];
  requests: { method: string; url: string; body: { seq?: number; answers?: { position: number; response: QuestionResponse | null }[] } | undefined }[] = [];
  submitted = false;

  fetch: SaveQueueOptions["fetch"] = async (url, init) => {
    if (this.hold) await new Promise<void>((release) => this.held.push({ release }));
    if (this.networkDown) throw new TypeError("Failed to fetch");
    const body = init.body === undefined ? undefined : JSON.parse(init.body);
    this.requests.push({ method: init.method, url, body });
    if (this.failWith) return reply(this.failWith, { error: { code: "INTERNAL", message: "Lỗi máy chủ" } });
    if (this.closed) return reply(409, { error: { code: "ATTEMPT_CLOSED", message: "Đã hết giờ làm bài." } });
    if (url.endsWith("/submit")) {
      if (body) this.apply(body.seq, body.answers);
      this.submitted = true;
      return reply(200, { state: "FINISHED" });
    }
    const { saved, superseded } = this.apply(body.seq, body.answers);
    return reply(200, { lastSeq: this.lastSeq, saved, superseded, deadlineAt: null, serverNow: new Date().toISOString() });
  };

  apply(seq: number, answers: { position: number; response: QuestionResponse | null }[]) {
    const saved: number[] = [];
    const superseded: { position: number; response: QuestionResponse | null; seq: number }[] = [];
    for (const a of answers) {
      const held = this.answers.get(a.position) ?? { response: null, seq: 0 };
      if (held.seq < seq) {
        this.answers.set(a.position, { response: a.response, seq });
        saved.push(a.position);
      } else if (held.seq === seq) saved.push(a.position);
      else superseded.push({ position: a.position, ...held });
    }
    this.lastSeq = Math.max(this.lastSeq, seq);
    return { saved, superseded };
  }

  releaseAll() {
    const held = this.held;
    this.held = [];
    for (const h of held) h.release();
  }

  /** The answers as a page load would give them. */
  view() {
    return [1, 2, 3].map((position) => ({ position, response: this.answers.get(position)?.response ?? null, responseSeq: this.answers.get(position)?.seq ?? 0 }));
  }
}

function reply(status: number, body: unknown) {
  return { status, ok: status >= 200 && status < 300, json: async () => body };
}

class MemoryStorage {
  items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

class FakeWindow {
  listeners = new Map<string, Set<() => void>>();
  addEventListener = (type: string, fn: () => void) => void (this.listeners.get(type) ?? this.listeners.set(type, new Set()).get(type)!).add(fn);
  removeEventListener = (type: string, fn: () => void) => void this.listeners.get(type)?.delete(fn);
  fire(type: string) {
    for (const fn of this.listeners.get(type) ?? []) fn();
  }
}

let server: FakeServer;
let storage: MemoryStorage;
let win: FakeWindow;
let statuses: QueueSnapshot["status"][];

function makeQueue(extra: Partial<SaveQueueOptions> = {}) {
  const q = new SaveQueue({
    attemptId: ATTEMPT,
    lastSeq: server.lastSeq,
    answers: server.view(),
    fetch: server.fetch,
    storage,
    events: win,
    onChange: (s) => statuses.push(s.status),
    ...extra,
  });
  q.start();
  return q;
}

const stored = () => {
  const raw = storage.getItem(storageKey(ATTEMPT));
  return raw ? (JSON.parse(raw) as { pending: { position: number; response: QuestionResponse | null; seq: number }[]; lastUsedSeq: number }) : null;
};
const saves = () => server.requests.filter((r) => r.method === "PUT");
/** Lets pending promise chains (fetch → json → bookkeeping) run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  server = new FakeServer();
  storage = new MemoryStorage();
  win = new FakeWindow();
  statuses = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe("debounce", () => {
  it("saves once, 800 ms after the last change, with the last answer", async () => {
    const q = makeQueue();
    q.set(1, { optionId: "o1" });
    await vi.advanceTimersByTimeAsync(500);
    q.set(1, { optionId: "o2" });
    q.set(2, { text: "Hà Nội" });
    await vi.advanceTimersByTimeAsync(700);
    expect(saves()).toHaveLength(0);
    expect(q.snapshot()).toEqual({ status: "saving", message: null, unsaved: 2 });
    await vi.advanceTimersByTimeAsync(100);
    await settle();
    expect(saves()).toHaveLength(1);
    expect(saves()[0]!.url).toBe(`/api/attempts/${ATTEMPT}/answers`);
    expect(saves()[0]!.body).toEqual({ seq: 1, answers: [{ position: 1, response: { optionId: "o2" } }, { position: 2, response: { text: "Hà Nội" } }] });
    expect(q.snapshot()).toEqual({ status: "saved", message: null, unsaved: 0 });
  });

  it("flush saves at once, without waiting for the pause", async () => {
    const q = makeQueue();
    q.set(3, { value: true });
    await q.flush();
    expect(saves()).toHaveLength(1);
    expect(server.answers.get(3)?.response).toEqual({ value: true });
    // Nothing left: the debounce timer does not send an empty save later.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(saves()).toHaveLength(1);
  });
});

describe("ordering", () => {
  it("one save at a time, each with a higher seq; a change during a save goes in the next one", async () => {
    server.lastSeq = 7; // the page said the server is at 7
    const q = makeQueue();
    server.hold = true;
    q.set(1, { optionId: "o1" });
    await vi.advanceTimersByTimeAsync(800);
    expect(server.held).toHaveLength(1);
    q.set(1, { optionId: "o3" });
    await vi.advanceTimersByTimeAsync(800);
    // The debounce fired while the first save was in flight: no second request yet.
    expect(server.held).toHaveLength(1);
    server.hold = false;
    server.releaseAll();
    await settle();
    await settle();
    expect(saves().map((r) => r.body!.seq)).toEqual([8, 9]);
    expect(server.answers.get(1)).toEqual({ response: { optionId: "o3" }, seq: 9 });
    expect(q.snapshot().status).toBe("saved");
    expect(stored()).toBeNull();
  });

  it("seq continues from the last one this device used when the server's is behind", async () => {
    const q = makeQueue();
    q.set(1, { optionId: "o1" });
    await q.flush();
    // The server lost track (it never does; a page loaded from a stale copy would): the device still counts up.
    server.lastSeq = 0;
    q.set(2, { optionId: "o1" });
    await q.flush();
    expect(saves().map((r) => r.body!.seq)).toEqual([1, 2]);
  });
});

describe("storage", () => {
  it("keeps each change at once and clears it when the server acknowledges", async () => {
    const q = makeQueue();
    q.set(2, { text: "trả lời" });
    expect(stored()?.pending).toEqual([{ position: 2, response: { text: "trả lời" }, seq: 1 }]);
    await vi.advanceTimersByTimeAsync(800);
    await settle();
    expect(stored()).toBeNull();
    expect(statuses).toEqual(["saving", "saving", "saved"]);
  });

  it("an answer changed while its save was in flight stays stored after that save's reply", async () => {
    const q = makeQueue();
    server.hold = true;
    q.set(2, { text: "một" });
    void q.flush();
    await settle();
    q.set(2, { text: "hai" });
    server.releaseAll();
    await settle();
    expect(stored()?.pending.map((p) => p.response)).toEqual([{ text: "hai" }]);
    server.hold = false;
    await vi.advanceTimersByTimeAsync(800);
    server.releaseAll();
    await settle();
    expect(server.answers.get(2)?.response).toEqual({ text: "hai" });
    expect(stored()).toBeNull();
  });
});

describe("network failure", () => {
  it("shows offline, retries with growing waits up to 30 s, and saves when the network is back", async () => {
    const q = makeQueue();
    server.networkDown = true;
    q.set(1, { optionId: "o2" });
    await vi.advanceTimersByTimeAsync(800);
    expect(q.snapshot()).toEqual({ status: "offline", message: null, unsaved: 1 });
    expect(stored()?.pending).toHaveLength(1);
    // Retries after 1, 2, 4, 8, 16, 30, 30 s.
    const times: number[] = [];
    const counted = server.fetch;
    const start = Date.now();
    server.fetch = (url, init) => {
      times.push(Date.now() - start);
      return counted(url, init);
    };
    q.dispose(); // re-create with the counting fetch: same storage, so the answer comes back
    const q2 = makeQueue({ fetch: (u, i) => server.fetch(u, i) });
    expect(q2.answers().get(1)).toEqual({ optionId: "o2" });
    await vi.advanceTimersByTimeAsync((1 + 2 + 4 + 8 + 16 + 30 + 30) * 1_000);
    const gaps = times.slice(1).map((t, i) => Math.round((t - times[i]!) / 1_000));
    expect(gaps).toEqual([1, 2, 4, 8, 16, 30, 30]);
    // A change while waiting does not hammer the server: it waits for the retry.
    const before = times.length;
    q2.set(2, { text: "x" });
    await vi.advanceTimersByTimeAsync(900);
    expect(times.length).toBe(before);
    server.networkDown = false;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(q2.snapshot()).toEqual({ status: "saved", message: null, unsaved: 0 });
    expect(server.answers.get(1)?.response).toEqual({ optionId: "o2" });
    expect(server.answers.get(2)?.response).toEqual({ text: "x" });
    expect(stored()).toBeNull();
  });

  it("the browser's online event retries at once", async () => {
    const q = makeQueue();
    server.networkDown = true;
    q.set(1, { optionId: "o1" });
    await vi.advanceTimersByTimeAsync(800);
    await vi.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000); // now waiting 8 s
    win.fire("offline");
    expect(q.snapshot().status).toBe("offline");
    server.networkDown = false;
    win.fire("online");
    await settle();
    expect(q.snapshot().status).toBe("saved");
    expect(server.answers.get(1)?.response).toEqual({ optionId: "o1" });
  });

  it("a 5xx is retried like a network error", async () => {
    const q = makeQueue();
    server.failWith = 503;
    q.set(1, { optionId: "o1" });
    await vi.advanceTimersByTimeAsync(800);
    expect(q.snapshot().status).toBe("offline");
    server.failWith = null;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(q.snapshot().status).toBe("saved");
  });

  it("another 4xx is shown, kept on the device and not retried until the next change", async () => {
    const q = makeQueue();
    server.failWith = 401;
    q.set(1, { optionId: "o1" });
    await vi.advanceTimersByTimeAsync(800);
    expect(q.snapshot()).toEqual({ status: "error", message: "Lỗi máy chủ", unsaved: 1 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(saves()).toHaveLength(1);
    expect(stored()?.pending).toHaveLength(1);
    server.failWith = null;
    q.set(2, { optionId: "o2" });
    await vi.advanceTimersByTimeAsync(800);
    expect(saves().at(-1)!.body!.answers!.map((a) => a.position)).toEqual([1, 2]);
    expect(q.snapshot().status).toBe("saved");
  });
});

describe("reload", () => {
  it("answers left unacknowledged are shown again on the next load and sent", async () => {
    const q = makeQueue();
    q.set(1, { optionId: "o1" });
    await q.flush();
    server.networkDown = true;
    q.set(2, { text: "chưa gửi được" });
    q.set(3, { value: false });
    await vi.advanceTimersByTimeAsync(800);
    q.dispose(); // the tab is closed
    server.networkDown = false;
    const again = makeQueue();
    expect(again.answers()).toEqual(
      new Map<number, QuestionResponse | null>([
        [1, { optionId: "o1" }],
        [2, { text: "chưa gửi được" }],
        [3, { value: false }],
      ]),
    );
    expect(again.isUnsaved(2)).toBe(true);
    await settle();
    expect(saves().at(-1)!.body).toEqual({
      seq: 3, // seq 2 was used by the save that never arrived
      answers: [
        { position: 2, response: { text: "chưa gửi được" } },
        { position: 3, response: { value: false } },
      ],
    });
    expect(again.snapshot().status).toBe("saved");
    expect(stored()).toBeNull();
  });

  it("a stored answer wins only over an older one on the server", async () => {
    server.answers.set(1, { response: { optionId: "server" }, seq: 5 }); // newer, from another device
    server.answers.set(2, { response: { text: "same" }, seq: 4 }); // this very answer, saved; the reply was lost
    server.answers.set(3, { response: { value: true }, seq: 2 }); // older
    server.lastSeq = 5;
    storage.setItem(
      storageKey(ATTEMPT),
      JSON.stringify({
        v: 1,
        lastUsedSeq: 4,
        pending: [
          { position: 1, response: { optionId: "local" }, seq: 3 },
          { position: 2, response: { text: "same" }, seq: 4 },
          { position: 3, response: { value: false }, seq: 4 },
        ],
      }),
    );
    const q = makeQueue();
    expect(q.answers().get(1)).toEqual({ optionId: "server" });
    expect(q.answers().get(3)).toEqual({ value: false });
    expect(q.snapshot().unsaved).toBe(1);
    await settle();
    expect(saves()[0]!.body).toEqual({ seq: 6, answers: [{ position: 3, response: { value: false } }] });
    expect(server.answers.get(1)?.response).toEqual({ optionId: "server" });
    expect(stored()).toBeNull();
  });

  it("unreadable storage is ignored", () => {
    storage.setItem(storageKey(ATTEMPT), "{not json");
    const q = makeQueue();
    expect(q.snapshot()).toEqual({ status: "saved", message: null, unsaved: 0 });
  });
});

describe("superseded", () => {
  it("an answer another device saved later replaces the local one, and seq moves past it", async () => {
    const replaced: [number, QuestionResponse | null][] = [];
    const q = makeQueue({ onReplaced: (p, r) => replaced.push([p, r]) });
    // Another device saved position 1 with seq 10 after this page loaded.
    server.answers.set(1, { response: { optionId: "other-device" }, seq: 10 });
    server.lastSeq = 10;
    q.set(1, { optionId: "here" });
    q.set(2, { text: "hai" });
    await q.flush();
    expect(saves()[0]!.body!.seq).toBe(1);
    expect(replaced).toEqual([[1, { optionId: "other-device" }]]);
    expect(q.answers().get(1)).toEqual({ optionId: "other-device" });
    expect(server.answers.get(2)?.response).toEqual({ text: "hai" });
    expect(q.snapshot()).toEqual({ status: "saved", message: null, unsaved: 0 });
    // The learner answers again: the next seq is past the server's, so it wins.
    q.set(1, { optionId: "here-again" });
    await q.flush();
    expect(saves()[1]!.body!.seq).toBe(11);
    expect(server.answers.get(1)?.response).toEqual({ optionId: "here-again" });
  });
});

describe("closed", () => {
  it("409 ATTEMPT_CLOSED stops saving for good and says so", async () => {
    const q = makeQueue();
    server.closed = true;
    q.set(1, { optionId: "o1" });
    await vi.advanceTimersByTimeAsync(800);
    expect(q.snapshot().status).toBe("closed");
    expect(stored()).toBeNull();
    q.set(2, { optionId: "o1" });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(saves()).toHaveLength(1);
    expect(q.snapshot().status).toBe("closed");
    expect(await q.submit()).toBe("closed");
  });
});

describe("submit", () => {
  it("waits for the save in flight, then submits with the unsaved answers, retrying on network errors", async () => {
    const q = makeQueue();
    q.set(1, { optionId: "o1" });
    server.hold = true;
    void q.flush();
    await settle();
    q.set(2, { text: "cuối" });
    server.networkDown = true;
    const done = q.submit();
    server.releaseAll(); // the save in flight fails
    server.hold = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.submitted).toBe(false);
    expect(q.snapshot().status).toBe("offline");
    server.networkDown = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await done).toBe("finished");
    const submit = server.requests.find((r) => r.url.endsWith("/submit"))!;
    expect(submit.body!.answers).toEqual([
      { position: 1, response: { optionId: "o1" } },
      { position: 2, response: { text: "cuối" } },
    ]);
    expect(server.answers.get(2)?.response).toEqual({ text: "cuối" });
    expect(q.snapshot().status).toBe("submitted");
    expect(stored()).toBeNull();
    // Nothing more is sent, whatever happens on the page.
    q.set(3, { value: true });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.requests.filter((r) => r.method === "PUT")).toHaveLength(0);
  });

  it("submits without a body when everything is saved; a closed attempt answers closed", async () => {
    const q = makeQueue();
    q.set(1, { optionId: "o1" });
    await q.flush();
    expect(await q.submit()).toBe("finished");
    expect(server.requests.at(-1)!.body).toBeUndefined();
    const late = makeQueue();
    server.closed = true;
    expect(await late.submit()).toBe("closed");
  });
});
