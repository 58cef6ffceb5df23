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
