import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/auth/return-path";

const SITE = "https://taphuan.example.vn";

/** The published corpus (see fixtures/open-redirect-payloads.SOURCE.md). */
const corpus = readFileSync(join(__dirname, "fixtures/open-redirect-payloads.txt"), "utf8")
  .split("\n")
  .filter((line) => line.length > 0);

/** Our own: the normalisation tricks from issue 9 and their relatives. */
const OWN = [
  "/.//example.com",
  "/././/example.com",
  "/%2e//example.com",
  "/%2e%2e//example.com",
  "/%2E%2E//example.com",
  "/x/..//example.com",
  "/x/%2e%2e//example.com",
  "/%2f%2fexample.com",
  "/%2F/example.com",
  "/%5c%5cexample.com",
  "/%5cexample.com",
  "/\\example.com",
  "/\\\\example.com",
  "/\t/example.com",
  "/\n/example.com",
  "/\r\n/example.com",
  "/%09/example.com",
  "/%0a/example.com",
  "/ /example.com",
  "/\u3000/example.com",
  "/\u00a0/example.com",
  "/./\\example.com",
  "/..\\example.com",
];

/** The value the page receives for `?next=<payload>`: the payload itself, or it decoded once. */
function received(payload: string): string[] {
  const forms = [payload];
  try {
    forms.push(decodeURIComponent(payload));
  } catch {
    // malformed escapes reach the page as they are
  }
  return forms;
}

/** Where a browser (or Next's router) goes for this return path: it must be this site. */
function lands(path: string): URL {
  return new URL(path, SITE);
}

describe("coming back after signing in", () => {
  it("keeps a path of this site with its query", () => {
    expect(safeReturnPath("/checkin/1b2c?t=abc")).toBe("/checkin/1b2c?t=abc");
    expect(safeReturnPath("/people?q=nguy%E1%BB%85n&page=2")).toBe("/people?q=nguy%E1%BB%85n&page=2");
    expect(safeReturnPath("/people?q=nguyen%20van")).toBe("/people?q=nguyen%20van");
    expect(safeReturnPath("/courses/./x/../y")).toBe("/courses/y");
  });

  it("never leads to another site or back to the sign-in page", () => {
    for (const bad of ["//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "evil.example", "/login", "/login?next=/x", "/api/auth/signout", "/x/../api/auth/signout", "/%61pi/auth/signout", "/x\n", "", 42, null]) {
      expect(safeReturnPath(bad), String(bad)).toBeNull();
    }
  });

  it("refuses every normalisation trick of issue 9 (the default page is used instead)", () => {
    for (const payload of OWN) expect(safeReturnPath(payload), JSON.stringify(payload)).toBeNull();
  });

  it(`sends every payload of the published corpus (${corpus.length}) to this site or to the default`, () => {
    expect(corpus.length).toBeGreaterThan(200);
    let kept = 0;
    for (const payload of [...corpus, ...OWN]) {
      for (const value of received(payload)) {
        const back = safeReturnPath(value);
        if (back === null) continue;
        kept++;
        const url = lands(back);
        expect(url.origin, JSON.stringify(value)).toBe(SITE);
        // A plain path, even once more decoded: nothing a second reader could take for a host.
        expect(back.startsWith("/") && !back.startsWith("//"), JSON.stringify(value)).toBe(true);
        expect(decodeURIComponent(url.pathname).startsWith("//"), JSON.stringify(value)).toBe(false);
        expect(back).not.toMatch(/\\|%5c/i);
        // A fixed point: checking the result again changes nothing.
        expect(safeReturnPath(back)).toBe(back);
      }
    }
    // Some payloads are harmless same-site paths ("/javascript:alert(1)"): they are kept as paths.
    expect(kept).toBeGreaterThan(0);
  });
});
