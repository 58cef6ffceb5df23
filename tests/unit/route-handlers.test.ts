import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * Every route handler goes through the one wrapper (lib/http/route.ts, decision 012): found by
 * walking app/api, so a new route.ts is checked the day it is added.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const API = path.join(ROOT, "app", "api");

/** Route files that may not use the wrapper, and why. Keep this list short and explained. */
const EXCEPTIONS: Record<string, string> = {
  // next-auth's own handler: it does its own CSRF check (a token), answers in its own format and
  // must receive Next.js's request and context untouched.
  "app/api/auth/[...nextauth]/route.ts": "next-auth",
};

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === "route.ts" || e.name === "route.tsx" ? [path.relative(ROOT, full).split(path.sep).join("/")] : [];
  });
}

describe("route handlers", () => {
  const files = routeFiles(API);

  it("are found (the walk itself works)", () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files).toContain("app/api/courses/[id]/files/route.ts");
  });

  it("all export their methods through apiRoute, except the documented exceptions", () => {
    const offenders: string[] = [];
    for (const file of files) {
      if (file in EXCEPTIONS) continue;
      const source = readFileSync(path.join(ROOT, file), "utf8");
      if (!/from "@\/lib\/http\/route"/.test(source)) offenders.push(`${file}: does not import lib/http/route`);
      // Names bound by `const X = apiRoute(…)`, then every exported method must be one of them.
      const wrapped = new Set([...source.matchAll(/const\s+(\w+)\s*=\s*apiRoute\s*[<(]/g)].map((m) => m[1]!));
      for (const method of METHODS) {
        if (new RegExp(`export\\s+(async\\s+)?function\\s+${method}\\b`).test(source)) offenders.push(`${file}: ${method} is a bare function`);
        const direct = new RegExp(`export\\s+const\\s+${method}\\s*=\\s*(\\w+)`).exec(source);
        if (direct && !(direct[1] === "apiRoute" || wrapped.has(direct[1]!))) offenders.push(`${file}: ${method} = ${direct[1]}`);
        if (new RegExp(`export\\s*\\{[^}]*\\bas\\s+${method}\\b`).test(source)) offenders.push(`${file}: ${method} re-exported`);
      }
      // A second way to answer errors: its own catch that builds a response.
      if (/catch\s*\([^)]*\)\s*\{[^}]*(errorResponse|Response\.json\(\s*\{\s*error)/.test(source)) offenders.push(`${file}: answers errors itself`);
    }
    expect(offenders).toEqual([]);
  });

  it("lists only exceptions that exist", () => {
    for (const file of Object.keys(EXCEPTIONS)) expect(files).toContain(file);
  });
});
