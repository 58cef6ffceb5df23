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
