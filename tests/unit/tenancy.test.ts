// Tenancy checked by walking the code, not by review (decision 003): every exported lib function
// that reaches the database takes the viewer, is named unsafe…, or is named in decision 003; and
// every one that takes the viewer is in the isolation registry, whose suites really call it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ISOLATION_REGISTRY } from "../integration/isolation-registry";
import { analyseLib, decision003Names, type LibFunction } from "./tenancy/lib-functions";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (rel: string) => readFileSync(path.join(ROOT, rel), "utf8");

let fns: LibFunction[];
beforeAll(() => {
  fns = analyseLib();
}, 120_000);

describe("tenancy in the signature", () => {
  it("the walk sees what it must (a guard against a walk that finds nothing)", () => {
    const byName = new Map(fns.map((f) => [f.name, f]));
    expect(byName.get("getUnit")).toMatchObject({ takesViewer: true, reachesDb: true });
    expect(byName.get("loadViewer")).toMatchObject({ takesViewer: false, reachesDb: true });
    // Through a transaction callback's client and through another lib function.
    expect(byName.get("recordAudit")).toMatchObject({ reachesDb: true });
    expect(byName.get("unsafeRootsOf")?.via[0]).toBe("unsafeParents");
    // Pure helpers do not reach it.
    expect(byName.get("can")).toMatchObject({ takesViewer: true, reachesDb: false });
    expect(byName.get("computeScopes")).toMatchObject({ reachesDb: false });
    expect(fns.filter((f) => f.reachesDb && f.takesViewer).length).toBeGreaterThan(100);
  });

  it("every exported lib function that reaches the database takes the viewer, is unsafe…, or is in decision 003", () => {
    const allowed = decision003Names(read("docs/decisions/003-tenancy-and-permissions.md"));
    const offenders = fns
      .filter((f) => f.reachesDb && !f.takesViewer && !f.name.startsWith("unsafe") && !allowed.has(f.name))
      .map((f) => `${f.id} (reaches the database through ${f.via.join(" → ")})`);
    expect(offenders, "take the viewer, rename it unsafe… and say why, or name it in docs/decisions/003").toEqual([]);
  });

  it("decision 003 names no function that no longer exists", () => {
    const names = new Set(fns.map((f) => f.name));
    const stale = [...decision003Names(read("docs/decisions/003-tenancy-and-permissions.md"))].filter((n) => /^[a-z]\w*$/.test(n) && /[A-Z]/.test(n) && !names.has(n));
    expect(stale).toEqual([]);
  });
});

describe("the isolation registry", () => {
  const scoped = () => fns.filter((f) => f.reachesDb && f.takesViewer);

  it("names every exported lib function that takes the viewer and reaches the database, once", () => {
    const names = scoped().map((f) => f.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    expect(twice, "two data functions share a name: the registry keys by name").toEqual([]);
    const missing = scoped()
      .filter((f) => !(f.name in ISOLATION_REGISTRY))
      .map((f) => f.id);
    expect(missing, "add them to tests/integration/isolation-registry.ts with their outsider cases").toEqual([]);
    const stale = Object.keys(ISOLATION_REGISTRY).filter((n) => !names.includes(n));
    expect(stale, "no longer viewer-scoped data functions of lib/").toEqual([]);
  });

  it("each suite or test file named calls the functions registered to it", () => {
    const uncalled: string[] = [];
    for (const [name, coverage] of Object.entries(ISOLATION_REGISTRY)) {
      const file = "suite" in coverage ? coverage.suite : "test" in coverage ? coverage.test : null;
      if (!file) continue;
      const source = read(`tests/integration/${file}.test.ts`);
      if (!new RegExp(`\\b${name}\\(`).test(source)) uncalled.push(`${name} → ${file}.test.ts`);
    }
    expect(uncalled).toEqual([]);
  });

  it("a helper is used by the registered functions it names, which have their own cases", () => {
    const byName = new Map(fns.map((f) => [f.name, f]));
    const wrong: string[] = [];
    for (const [name, coverage] of Object.entries(ISOLATION_REGISTRY)) {
      if (!("within" in coverage)) continue;
      expect(coverage.within.length, name).toBeGreaterThan(0);
      for (const caller of coverage.within) {
        const entry = ISOLATION_REGISTRY[caller];
        if (!entry || !("suite" in entry || "test" in entry)) wrong.push(`${name}: ${caller} has no outsider cases of its own`);
        else if (!byName.get(caller)?.uses.includes(name)) wrong.push(`${name}: ${caller} does not use it`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
