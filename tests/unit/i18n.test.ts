import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/messages/en";
import { vi } from "@/lib/i18n/messages/vi";
import { translator } from "@/lib/i18n/messages";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("messages", () => {
  it("English has the same keys and the same placeholders as Vietnamese", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
    }
  });

  it("Vietnamese text is in NFC form, as browsers and PDFs expect", () => {
    for (const [key, text] of Object.entries(vi)) expect(text.normalize("NFC"), key).toBe(text);
  });

  it("fills placeholders", () => {
    expect(translator("vi")("home.greeting", { name: "Võ Thị Thanh Tuyền" })).toBe("Xin chào, Võ Thị Thanh Tuyền");
  });
});

describe("audit log labels", () => {
  it("every action the code records has a label in the log viewer", async () => {
    const { readdir, readFile } = await import("node:fs/promises");
    const path = await import("node:path");
    const files = (await readdir("lib", { recursive: true })).filter((f) => f.endsWith(".ts") && !f.startsWith(`i18n${path.sep}`));
    const actions = new Set<string>();
    for (const file of files) {
      const text = await readFile(path.join("lib", file), "utf8");
      if (!text.includes("recordAudit")) continue;
      // Literal actions, and the "<domain>.<verb>" strings handed to a recordAudit wrapper.
      for (const m of text.matchAll(/action: "([a-z][a-zA-Z]*\.[a-zA-Z.]+)"/g)) actions.add(m[1]!);
      // (Strings that are message keys are messages, not actions.)
      for (const m of text.matchAll(/"((?:account|course|courseArea|enrolment|plan|person|unit|role|privacy|auth)\.[a-zA-Z.]+)"/g)) {
        if (!Object.hasOwn(vi, m[1]!)) actions.add(m[1]!);
      }
    }
    expect(actions.size).toBeGreaterThan(30);
    const missing = [...actions].filter((a) => !Object.hasOwn(vi, `audit.action.${a}`));
    expect(missing).toEqual([]);
  });
});

describe("one word for one thing", () => {
  it("a trainer is «Báo cáo viên» everywhere in Vietnamese, never «giảng viên»", () => {
    const other = Object.entries(vi).filter(([, text]) => /giảng viên/i.test(text));
    expect(other).toEqual([]);
  });
});
