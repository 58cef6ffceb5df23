import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatBytes, formatClock, isPdf } from "@/lib/learning/format";
import { progressPercent } from "@/lib/learning/progress";
import {
  applyComplete,
  applyVideoWrite,
  creditedSeconds,
  doneThreshold,
  isVideoDone,
  VIDEO_RULES,
  watchedPercent,
  type ProgressState,
} from "@/lib/learning/rules";

const T0 = Date.UTC(2026, 10, 28, 8, 0, 0);

describe("the 90 % rule", () => {
  it("a video is done from 90 % of its length, rounded up", () => {
    expect(doneThreshold(100)).toBe(90);
    expect(doneThreshold(20)).toBe(18);
    expect(doneThreshold(61)).toBe(55); // 54.9 → 55
    expect(isVideoDone(89, 100)).toBe(false);
    expect(isVideoDone(90, 100)).toBe(true);
    expect(isVideoDone(54, 61)).toBe(false);
    expect(isVideoDone(55, 61)).toBe(true);
    expect(isVideoDone(1000, null)).toBe(false);
  });

  it("percentages are rounded down: 100 only when complete", () => {
    expect(progressPercent(2, 3)).toBe(66);
    expect(progressPercent(3, 3)).toBe(100);
    expect(progressPercent(0, 0)).toBe(0);
    expect(watchedPercent(99, 100)).toBe(99);
    expect(watchedPercent(100, 100)).toBe(100);
    expect(watchedPercent(5, null)).toBe(0);
  });
});

describe("the wall-clock cap", () => {
  it("a first write gets at most the slack's worth; later ones what the clock allows at 2×", () => {
    expect(creditedSeconds(null, 300, 1000, T0)).toBe(VIDEO_RULES.slackSeconds * VIDEO_RULES.maxRate);
    const first = applyVideoWrite(null, { position: 0, watchedDelta: 0 }, 1000, T0);
    // 15 s later, 15 s of normal play counts in full; 30 s (2×) too; 60 s (4×) only 30 s + slack.
    expect(creditedSeconds(first, 15, 1000, T0 + 15_000)).toBe(15);
    expect(creditedSeconds(first, 30, 1000, T0 + 15_000)).toBe(30);
    expect(creditedSeconds(first, 60, 1000, T0 + 15_000)).toBe(40);
    // Nothing without a known duration, nothing past it, nothing negative.
    expect(creditedSeconds(first, 15, null, T0 + 15_000)).toBe(0);
    expect(creditedSeconds({ ...first, watchedSeconds: 995 }, 15, 1000, T0 + 15_000)).toBe(5);
    expect(creditedSeconds(first, -5, 1000, T0 + 15_000)).toBe(0);
  });

  it("many writes at once cannot each claim the slack", () => {
    let state = applyVideoWrite(null, { position: 0, watchedDelta: 0 }, 1000, T0);
    for (let i = 0; i < 100; i++) state = applyVideoWrite(state, { position: i, watchedDelta: 10 }, 1000, T0 + 1);
    expect(state.watchedSeconds).toBeLessThanOrEqual(VIDEO_RULES.slackSeconds * VIDEO_RULES.maxRate);
  });

  it("done never goes back: a later write keeps doneAt, a repeated complete changes nothing", () => {
    const done = applyVideoWrite(null, { position: 10, watchedDelta: 10 }, 10, T0);
    expect(done.doneAtMs).toBe(T0);
    const later = applyVideoWrite(done, { position: 0, watchedDelta: 0 }, 10, T0 + 60_000);
    expect(later.doneAtMs).toBe(T0);
    const text = applyComplete(null, T0);
    expect(applyComplete(text, T0 + 5000)).toBe(text);
  });
});

/** A client's writes: each after some wall-clock time, with any claim and position. */
const writes = fc.array(
  fc.record({
    afterMs: fc.integer({ min: 0, max: 120_000 }),
    position: fc.double({ min: 0, max: 5000, noNaN: true }),
    watchedDelta: fc.double({ min: 0, max: VIDEO_RULES.maxDeltaSeconds, noNaN: true }),
  }),
  { minLength: 1, maxLength: 60 },
);

describe("whatever the sequence of writes", () => {
  it("watched ≤ duration and ≤ what the clock allows, doneAt never unsets, done iff ≥ 90 %", () => {
    fc.assert(
      fc.property(writes, fc.integer({ min: 1, max: 4000 }), (seq, duration) => {
        let state: ProgressState | null = null;
        let now = T0;
        let doneAt: number | null = null;
        for (const w of seq) {
          now += w.afterMs;
          const prev: ProgressState | null = state;
          state = applyVideoWrite(prev, w, duration, now);
          expect(state.watchedSeconds).toBeLessThanOrEqual(duration);
          expect(state.watchedSeconds).toBeGreaterThanOrEqual(prev?.watchedSeconds ?? 0);
          expect(state.positionSeconds).toBeGreaterThanOrEqual(0);
          expect(state.positionSeconds).toBeLessThanOrEqual(duration);
          // Credit never exceeds the claim (rounded).
          expect(state.watchedSeconds - (prev?.watchedSeconds ?? 0)).toBeLessThanOrEqual(Math.round(w.watchedDelta));
          // The credit clock never runs ahead of now, nor lags more than the slack.
          expect(state.clockMs).toBeLessThanOrEqual(now);
          expect(state.clockMs).toBeGreaterThanOrEqual(now - VIDEO_RULES.slackSeconds * 1000);
          if (doneAt !== null) expect(state.doneAtMs).toBe(doneAt);
          doneAt = state.doneAtMs;
          expect(state.doneAtMs !== null).toBe(isVideoDone(state.watchedSeconds, duration) || doneAt !== null);
        }
        // In all: no more than the elapsed wall clock at 2×, plus the first write's slack.
        const elapsed = (now - T0) / 1000;
        expect(state!.watchedSeconds).toBeLessThanOrEqual(Math.floor((elapsed + VIDEO_RULES.slackSeconds) * VIDEO_RULES.maxRate));
      }),
      { numRuns: 500 },
    );
  });

  it("a learner playing at 1× is credited every second played", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 40 }), (gaps) => {
        let state = applyVideoWrite(null, { position: 0, watchedDelta: 0 }, 100_000, T0);
        let now = T0;
        let played = 0;
        for (const g of gaps) {
          now += g * 1000;
          played += g;
          state = applyVideoWrite(state, { position: played, watchedDelta: g }, 100_000, now);
        }
        expect(state.watchedSeconds).toBe(played);
        expect(state.positionSeconds).toBe(played);
      }),
    );
  });
});

describe("what the lesson page prints", () => {
  it("file sizes and clock times", () => {
    expect(formatBytes(512, "vi")).toBe("512 B");
    expect(formatBytes(1536 * 1024, "vi")).toBe("1,5 MB");
    expect(formatBytes(1536 * 1024, "en")).toBe("1.5 MB");
    expect(formatBytes(25 * 1024 * 1024, "vi")).toBe("25 MB");
    expect(formatClock(5)).toBe("0:05");
    expect(formatClock(75.9)).toBe("1:15");
    expect(formatClock(3723)).toBe("1:02:03");
    expect(isPdf("application/pdf")).toBe(true);
    expect(isPdf("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe(false);
  });
});
