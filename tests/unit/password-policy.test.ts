import { dictionary } from "@zxcvbn-ts/language-common";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COMMON_PASSWORDS_CHECKED,
  PASSWORD_MAX,
  PASSWORD_MIN,
  checkPassword,
  foldPassword,
  passwordLength,
} from "@/lib/accounts/password-policy";
import { vi as messages } from "@/lib/i18n/messages/vi";

const key = (password: string, context = {}) => checkPassword(password, context)?.messageKey ?? null;

describe("password policy", () => {
  it("accepts 8 to 64 characters of anything, with no composition rules", () => {
    expect(key("tôi đi tập huấn cchc")).toBeNull(); // Vietnamese, spaces, no digits, no capitals
    expect(key("ngựa ô phi nhanh")).toBeNull();
    expect(key("zq7#lmwp")).toBeNull(); // exactly 8
    expect(key("a".repeat(31) + "b".repeat(33))).toBeNull(); // exactly 64
    expect(key("🐃🌾🐃🌾🐃🌾🐃🌾")).toBeNull(); // symbols only
  });

  it("refuses fewer than 8 and more than 64 characters, with the limit in the message", () => {
    expect(checkPassword("ab3$efg")).toEqual({ messageKey: "accounts.password.tooShort", params: { min: PASSWORD_MIN } });
    expect(checkPassword("")).toEqual({ messageKey: "accounts.password.tooShort", params: { min: PASSWORD_MIN } });
    expect(checkPassword("x".repeat(40) + "y".repeat(25))).toEqual({ messageKey: "accounts.password.tooLong", params: { max: PASSWORD_MAX } });
  });

  it("counts characters after NFC: a decomposed Vietnamese letter is one character", () => {
    const decomposed = "nghie\u0323\u0302m thu\u031B\u0301c"; // "nghiệm thức" typed with combining marks
    expect(decomposed.length).toBe(15);
    expect(passwordLength(decomposed)).toBe(11);
    // 7 letters decomposed into 14 code units is still too short.
    expect(key("e\u0323\u0302".repeat(7))).toBe("accounts.password.tooShort");
    // 64 precomposed letters are fine even though their NFD form is 192 code units long.
    const sixtyFour = Array.from({ length: 64 }, (_, i) => "ệạổ"[i % 3]).join("");
    expect(key(sixtyFour.normalize("NFD"))).toBeNull();
  });

  it("refuses the most common passwords, ignoring case and diacritics", () => {
    for (const p of ["password", "12345678", "iloveyou", "qwertyuiop", "PASSWORD", "Iloveyou", "anhyeuem", "ânhyêuem"]) {
      expect(key(p), p).toBe("accounts.password.common");
    }
  });

  it("uses the top 10,000 of zxcvbn's list (every long-enough entry there is refused, rank 10,001+ is not)", () => {
    const list = dictionary["passwords-common"];
    expect(list.length).toBeGreaterThan(COMMON_PASSWORDS_CHECKED);
    const top = list.slice(0, COMMON_PASSWORDS_CHECKED).filter((p) => [...p].length >= PASSWORD_MIN);
    expect(top.length).toBeGreaterThan(3000);
    for (const p of top) expect(key(p), p).toBe("accounts.password.common");
    const beyond = list.slice(COMMON_PASSWORDS_CHECKED).find((p) => /^[a-z]{8,}$/.test(p) && !top.includes(p))!;
    expect(key(beyond), beyond).toBeNull();
  });

  it("refuses one repeated character and site words wrapped in digits", () => {
    expect(key("aaaaaaaaaa")).toBe("accounts.password.common");
    expect(key("ệệệệệệệệ")).toBe("accounts.password.common");
    expect(key("matkhau@2026")).toBe("accounts.password.common");
    expect(key("Taphuan123")).toBe("accounts.password.common");
    expect(key("2026cchc2026")).toBe("accounts.password.common");
    expect(key("Mật khẩu 123")).toBe("accounts.password.common");
  });

  it("refuses the person's own e-mail or name, however written, but not a sentence containing it", () => {
    const person = { email: "tuyen.vtt@binhkien.phuyen.gov.vn", fullName: "Võ Thị Thanh Tuyền" };
    expect(key("tuyen.vtt@binhkien.phuyen.gov.vn", person)).toBe("accounts.password.personal");
    expect(key("TUYEN.VTT", person)).toBe("accounts.password.personal");
    expect(key("Võ Thị Thanh Tuyền", person)).toBe("accounts.password.personal");
    expect(key("vothithanhtuyen", person)).toBe("accounts.password.personal");
    expect(key("vothithanhtuyen1990", person)).toBe("accounts.password.personal");
    expect(key("Tuyền Võ Thị Thanh", person)).toBe("accounts.password.personal");
    expect(key("Tuyền thích đọc sách buổi tối", person)).toBeNull();
    // Without the context the same text is acceptable.
    expect(key("vothithanhtuyen")).toBeNull();
  });

  it("every message is a Vietnamese catalogue key", () => {
    for (const p of ["short", "x".repeat(65), "password", "tuyen.vtt"]) {
      const problem = checkPassword(p, { email: "tuyen.vtt@x.vn" });
      expect(problem && Object.hasOwn(messages, problem.messageKey)).toBe(true);
    }
  });

  it("folds case, diacritics and punctuation", () => {
    expect(foldPassword("Mật Khẩu@1")).toBe("matkhau1");
    expect(foldPassword("Đặng")).toBe("dang");
  });

  it("property: any 8–64 characters of random letters is either accepted or refused as common/personal, never by length", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", minLength: 8, maxLength: 64 }), (s) => {
        const n = passwordLength(s);
        fc.pre(n >= PASSWORD_MIN && n <= PASSWORD_MAX);
        const k = key(s);
        expect(k === null || k === "accounts.password.common").toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
