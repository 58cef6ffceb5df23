import { describe, expect, it } from "vitest";
import { THROTTLE, backoffMs, throttleKeys } from "@/lib/auth/throttle";

describe("sign-in backoff", () => {
  it("is free at first, then doubles, then locks for the full period", () => {
    const waits = Array.from({ length: 12 }, (_, i) => backoffMs(i + 1));
    expect(waits.slice(0, THROTTLE.freeFailures)).toEqual([0, 0, 0, 0]);
    expect(waits.slice(4, 9)).toEqual([2000, 4000, 8000, 16000, 32000]);
    expect(waits.slice(9)).toEqual([THROTTLE.lockMs, THROTTLE.lockMs, THROTTLE.lockMs]);
  });

  it("gives a shared IP proportionally more room", () => {
    expect(backoffMs(THROTTLE.freeFailures * THROTTLE.ipScale, THROTTLE.ipScale)).toBe(0);
    expect(backoffMs(THROTTLE.lockAt * THROTTLE.ipScale, THROTTLE.ipScale)).toBe(THROTTLE.lockMs);
  });

  it("keys by lower-cased account and by IP when known", () => {
    expect(throttleKeys("An@Example.VN", null)).toEqual([{ key: "account:an@example.vn", scale: 1 }]);
    expect(throttleKeys("a@b.vn", "10.0.0.1").map((k) => k.key)).toEqual(["account:a@b.vn", "ip:10.0.0.1"]);
  });
});
