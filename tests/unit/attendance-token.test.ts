import { describe, expect, it } from "vitest";
import { checkInOpen, checkInStatus } from "@/lib/attendance/rules";
import { isValidToken, stepOf, STEP_SECONDS, tokenFor } from "@/lib/attendance/token";

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const SESSION = "0b8f6a52-6d5c-4b53-9f0e-2b1f3c4d5e6f";
const OTHER = "1c9a7b63-7e6d-4c64-8a1f-3c2a4d5e6f70";
const NOW = new Date("2026-03-15T01:20:10Z");
const at = (offsetSeconds: number) => new Date(NOW.getTime() + offsetSeconds * 1000);
const tokenAt = (d: Date, session = SESSION, key = KEY) => tokenFor(key, session, stepOf(d));

describe("check-in token time steps", () => {
  it("accepts the current step's token", () => {
    expect(isValidToken(KEY, SESSION, tokenAt(NOW), NOW)).toBe(true);
  });
  it("accepts the previous step's token (a code shown just before it changed)", () => {
    expect(isValidToken(KEY, SESSION, tokenAt(at(-STEP_SECONDS)), NOW)).toBe(true);
  });
  it("refuses a token two steps old, and one from yesterday", () => {
    expect(isValidToken(KEY, SESSION, tokenAt(at(-2 * STEP_SECONDS)), NOW)).toBe(false);
    expect(isValidToken(KEY, SESSION, tokenAt(at(-86_400)), NOW)).toBe(false);
  });
  it("refuses a token from the future (a clock trick)", () => {
    expect(isValidToken(KEY, SESSION, tokenAt(at(STEP_SECONDS)), NOW)).toBe(false);
  });
  it("refuses another session's token, a token under another key, and forged strings", () => {
    expect(isValidToken(KEY, SESSION, tokenAt(NOW, OTHER), NOW)).toBe(false);
    expect(isValidToken(KEY, SESSION, tokenAt(NOW, SESSION, OTHER_KEY), NOW)).toBe(false);
    const real = tokenAt(NOW);
    const flipped = (real[0] === "A" ? "B" : "A") + real.slice(1);
    for (const forged of [flipped, "", "a".repeat(22), `${real}x`, real.slice(1), "../../etc/passwd"]) {
      expect(isValidToken(KEY, SESSION, forged, NOW), forged).toBe(false);
    }
  });
  it("changes every 30 seconds and is URL-safe", () => {
    expect(tokenAt(NOW)).not.toBe(tokenAt(at(STEP_SECONDS)));
    expect(tokenAt(NOW)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe("the check-in window and the LATE rule", () => {
  const session = { startsAt: new Date("2026-03-15T01:00:00Z"), endsAt: new Date("2026-03-15T04:30:00Z") };
  const t = (iso: string) => new Date(iso);
  it("is open from 15 minutes before the start to the end, inclusive", () => {
    expect(checkInOpen(session, t("2026-03-15T00:44:59Z"))).toBe(false);
    expect(checkInOpen(session, t("2026-03-15T00:45:00Z"))).toBe(true);
    expect(checkInOpen(session, t("2026-03-15T04:30:00Z"))).toBe(true);
    expect(checkInOpen(session, t("2026-03-15T04:30:01Z"))).toBe(false);
  });
  it("is PRESENT up to 15 minutes after the start and LATE after", () => {
    expect(checkInStatus(session, t("2026-03-15T00:50:00Z"))).toBe("PRESENT");
    expect(checkInStatus(session, t("2026-03-15T01:15:00Z"))).toBe("PRESENT");
    expect(checkInStatus(session, t("2026-03-15T01:15:01Z"))).toBe("LATE");
  });
});
