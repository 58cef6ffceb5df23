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

/** What is wrong with one route file's source; empty when every method goes through apiRoute. */
function offences(source: string): string[] {
  const found: string[] = [];
  if (!/from "@\/lib\/http\/route"/.test(source)) found.push("does not import lib/http/route");
  // Names bound by `const X = apiRoute(…)`, then every exported method must be one of them.
  const wrapped = new Set([...source.matchAll(/const\s+(\w+)\s*=\s*apiRoute\s*[<(]/g)].map((m) => m[1]!));
  for (const method of METHODS) {
    if (new RegExp(`export\\s+(async\\s+)?function\\s+${method}\\b`).test(source)) found.push(`${method} is a bare function`);
    const direct = new RegExp(`export\\s+const\\s+${method}\\s*=\\s*(\\w+)`).exec(source);
    if (direct && !(direct[1] === "apiRoute" || wrapped.has(direct[1]!))) found.push(`${method} = ${direct[1]}`);
    if (new RegExp(`export\\s*\\{[^}]*\\bas\\s+${method}\\b`).test(source)) found.push(`${method} re-exported`);
  }
  // A second way to answer errors: its own catch that builds a response.
  if (/catch\s*\([^)]*\)\s*\{[^}]*(errorResponse|Response\.json\(\s*\{\s*error)/.test(source)) found.push("answers errors itself");
  return found;
}

describe("route handlers", () => {
  const files = routeFiles(API);

  it("are found (the walk itself works)", () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files).toContain("app/api/courses/[id]/files/route.ts");
  });

  it("all export their methods through apiRoute, except the documented exceptions", () => {
    const offenders = files.filter((f) => !(f in EXCEPTIONS)).flatMap((f) => offences(readFileSync(path.join(ROOT, f), "utf8")).map((o) => `${f}: ${o}`));
    expect(offenders).toEqual([]);
  });

  it("lists only exceptions that exist", () => {
    for (const file of Object.keys(EXCEPTIONS)) expect(files).toContain(file);
  });

  it("the check catches each way around the wrapper", () => {
    const imp = 'import { apiRoute } from "@/lib/http/route";\n';
    expect(offences(`${imp}export const GET = apiRoute({ name: "a" }, async () => new Response());`)).toEqual([]);
    expect(offences(`${imp}const serve = apiRoute({ name: "a" }, h);\nexport const GET = serve;\nexport const HEAD = serve;`)).toEqual([]);
    expect(offences(`${imp}export async function POST(request: Request) { return new Response(); }`)).toEqual(["POST is a bare function"]);
    expect(offences(`${imp}const handler = (r: Request) => new Response();\nexport const DELETE = handler;`)).toEqual(["DELETE = handler"]);
    expect(offences(`${imp}function h() {}\nexport { h as GET, h as POST };`)).toEqual(["GET re-exported", "POST re-exported"]);
    expect(offences(`export const GET = apiRoute({ name: "a" }, h);`)).toEqual(["does not import lib/http/route"]);
    expect(offences(`${imp}export const GET = apiRoute({ name: "a" }, async () => { try { return x(); } catch (e) { return Response.json({ error: "x" }); } });`)).toEqual(["answers errors itself"]);
  });
});
