import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { etagMatches, ifRangeAllows, parseRange } from "@/lib/http/download";

describe("parseRange", () => {
  const size = 1000;
  it.each([
    ["bytes=0-", { kind: "partial", start: 0, end: 999 }],
    ["bytes=0-0", { kind: "partial", start: 0, end: 0 }],
    ["bytes=100-199", { kind: "partial", start: 100, end: 199 }],
    ["bytes=-500", { kind: "partial", start: 500, end: 999 }],
    ["bytes=-5000", { kind: "partial", start: 0, end: 999 }],
    ["bytes=990-5000", { kind: "partial", start: 990, end: 999 }],
    ["BYTES = 5 - 9", { kind: "partial", start: 5, end: 9 }],
    ["bytes=999-", { kind: "partial", start: 999, end: 999 }],
  ])("%s → 206", (header, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it.each(["bytes=1000-", "bytes=5000-6000", "bytes=100-50", "bytes=-0"])("%s → 416", (header) => {
    expect(parseRange(header, size)).toEqual({ kind: "unsatisfiable" });
  });

  it.each([null, "", "items=0-10", "bytes=", "bytes=-", "bytes=a-b", "bytes=0-10,20-30", "bytes=1.5-2", "0-10"])("%s → whole file (200)", (header) => {
    expect(parseRange(header, size)).toEqual({ kind: "full" });
  });

  it("refuses every range of an empty file", () => {
    expect(parseRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-1", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange(null, 0)).toEqual({ kind: "full" });
  });

  it("always answers a range inside the file", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), fc.option(fc.nat(), { nil: undefined }), fc.option(fc.nat(), { nil: undefined }), (sz, a, b) => {
        if (a === undefined && b === undefined) return;
        const r = parseRange(`bytes=${a ?? ""}-${b ?? ""}`, sz);
        if (r.kind === "partial") {
          expect(r.start).toBeGreaterThanOrEqual(0);
          expect(r.end).toBeLessThan(sz);
          expect(r.start).toBeLessThanOrEqual(r.end);
        }
      }),
    );
  });
});

describe("conditional requests", () => {
  const etag = '"abc-1"';
  it("If-Range applies the range only for our exact ETag", () => {
    expect(ifRangeAllows(null, etag)).toBe(true);
    expect(ifRangeAllows(etag, etag)).toBe(true);
    expect(ifRangeAllows(`W/${etag}`, etag)).toBe(false);
    expect(ifRangeAllows('"other"', etag)).toBe(false);
    expect(ifRangeAllows("Wed, 21 Oct 2015 07:28:00 GMT", etag)).toBe(false);
  });
  it("If-None-Match matches a list, weak tags and *", () => {
    expect(etagMatches(`"x", ${etag}`, etag)).toBe(true);
    expect(etagMatches(`W/${etag}`, etag)).toBe(true);
    expect(etagMatches("*", etag)).toBe(true);
    expect(etagMatches('"x"', etag)).toBe(false);
    expect(etagMatches(null, etag)).toBe(false);
  });
});
