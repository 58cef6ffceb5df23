import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, RETRY_DELAY_MIN, nextAttemptAfter } from "@/lib/mail/schedule";
import { splitMailText } from "@/lib/mail/text";

const token = "A".repeat(20) + "b_-".repeat(7) + "x".repeat(2);

describe("mail text for the outbox", () => {
  const text = `Kính gửi chị Tuyền,\nMở liên kết sau:\nhttp://localhost:3000/invite/${token}\n\nXem thêm tại https://dichvucong.gov.vn/p/home.html.`;

  it("makes links clickable and keeps the rest as text", () => {
    expect(splitMailText(text, true)).toEqual([
      { kind: "text", text: "Kính gửi chị Tuyền,\nMở liên kết sau:\n" },
      { kind: "link", href: `http://localhost:3000/invite/${token}` },
      { kind: "text", text: "\n\nXem thêm tại " },
      { kind: "link", href: "https://dichvucong.gov.vn/p/home.html" },
      { kind: "text", text: "." },
    ]);
  });

  it("hides links that carry an account token unless told to reveal them; the token is not in the output", () => {
    const parts = splitMailText(text, false);
    expect(parts[1]).toEqual({ kind: "hidden" });
    expect(parts[3]).toEqual({ kind: "link", href: "https://dichvucong.gov.vn/p/home.html" });
    expect(JSON.stringify(parts)).not.toContain(token);
    expect(JSON.stringify(splitMailText(`https://x.vn/reset-password/${token}`, false))).not.toContain(token);
  });

  it("never turns other schemes into links", () => {
    expect(splitMailText("javascript:alert(1) mailto:a@b.vn", true)).toEqual([{ kind: "text", text: "javascript:alert(1) mailto:a@b.vn" }]);
  });
});

describe("retry schedule", () => {
  it("waits longer after each failure, counted from the failure, then gives up", () => {
    const failed = new Date("2026-12-01T00:00:00Z");
    expect(nextAttemptAfter(failed, 1)!.getTime() - failed.getTime()).toBe(60_000);
    for (let n = 2; n < MAX_ATTEMPTS; n++) {
      expect(nextAttemptAfter(failed, n)!.getTime()).toBeGreaterThan(nextAttemptAfter(failed, n - 1)!.getTime());
    }
    expect(nextAttemptAfter(failed, MAX_ATTEMPTS)).toBeNull();
    expect(RETRY_DELAY_MIN.reduce((a, b) => a + b, 0) / 60).toBeGreaterThan(20); // ≈ a day of retries
  });
});

describe("a class named in a sentence", () => {
  it("says «lớp» once, whether or not the class's title starts with it, in both languages", async () => {
    const { classNamed } = await import("@/lib/classes/notify");
    const { translator } = await import("@/lib/i18n/messages");
    const vi = translator("vi");
    const en = translator("en");
    expect(classNamed(vi, "Kỹ năng số")).toEqual({ class: "lớp Kỹ năng số", Class: "Lớp Kỹ năng số" });
    expect(classNamed(vi, "Lớp bồi dưỡng CCHC")).toEqual({ class: "Lớp bồi dưỡng CCHC", Class: "Lớp bồi dưỡng CCHC" });
    expect(classNamed(vi, "LỚP chuyên đề").class).toBe("LỚP chuyên đề");
    expect(classNamed(vi, "Lớpxyz").class).toBe("lớp Lớpxyz");
    expect(classNamed(en, "Digital skills")).toEqual({ class: "the class Digital skills", Class: "The class Digital skills" });
    expect(classNamed(en, "Class of 2027").class).toBe("Class of 2027");
    for (const [t, title] of [[vi, "Lớp A"], [en, "Class A"]] as const) {
      for (const kind of ["nominated", "waitlisted", "classCancelled", "reminder"] as const) {
        const text = `${t(`classes.notify.${kind}.title`, { ...classNamed(t, title), code: "X" })} ${t(`classes.notify.${kind}.body`, { ...classNamed(t, title), code: "X", when: "", reason: "", today: "" })}`;
        expect(foldWords(text), `${kind}: ${text}`).not.toMatch(/\b(lop lop|class class)\b/);
      }
    }
  });
});

function foldWords(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/^the /, "");
}
