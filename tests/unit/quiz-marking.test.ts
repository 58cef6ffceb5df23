import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { responseFits } from "@/lib/quizzes/attempts/responses";
import { markResponse, parseNumber, quizGrade } from "@/lib/quizzes/marking";
import type { QuestionResponse } from "@/lib/quizzes/question-types";

const rt = (text: string) => ({ text, format: "plain" as const });
const choice = (fractions: number[]) => ({
  options: fractions.map((fraction, i) => ({ id: `o${i + 1}`, text: rt(`Phương án ${i + 1}`), fraction })),
});
const short = (answers: [string, number][], opts: { caseSensitive?: boolean; ignoreDiacritics?: boolean } = {}) => ({
  answers: answers.map(([text, fraction], i) => ({ id: `a${i + 1}`, text, fraction })),
  caseSensitive: opts.caseSensitive ?? false,
  ignoreDiacritics: opts.ignoreDiacritics ?? false,
});
const matching = {
  pairs: [
    { id: "p1", left: rt("Chứng thực bản sao"), right: "UBND cấp xã" },
    { id: "p2", left: rt("Cấp phiếu lý lịch tư pháp"), right: "Sở Tư pháp" },
    { id: "p3", left: rt("Đăng ký kinh doanh"), right: "Sở Kế hoạch và Đầu tư" },
    { id: "d1", left: rt(""), right: "Bộ Công an" },
  ],
};
const numerical = {
  answers: [
    { kind: "tolerance" as const, id: "n1", value: 2.5, tolerance: 0, fraction: 1 },
    { kind: "tolerance" as const, id: "n2", value: 2.5, tolerance: 0.5, fraction: 0.5 },
    { kind: "range" as const, id: "n3", min: 1000, max: 2000, fraction: 1 },
  ],
};

describe("markResponse", () => {
  it("single choice: the chosen option's fraction, negative allowed; nothing chosen is unanswered", () => {
    const d = choice([1, 0, -0.5, 0.5]);
    expect(markResponse("SINGLE_CHOICE", d, { optionId: "o1" })).toEqual({ fraction: 1, state: "correct" });
    expect(markResponse("SINGLE_CHOICE", d, { optionId: "o2" })).toEqual({ fraction: 0, state: "wrong" });
    expect(markResponse("SINGLE_CHOICE", d, { optionId: "o3" })).toEqual({ fraction: -0.5, state: "wrong" });
    expect(markResponse("SINGLE_CHOICE", d, { optionId: "o4" })).toEqual({ fraction: 0.5, state: "partial" });
    expect(markResponse("SINGLE_CHOICE", d, null)).toEqual({ fraction: 0, state: "unanswered" });
    expect(markResponse("SINGLE_CHOICE", d, { value: true })).toEqual({ fraction: 0, state: "unanswered" });
    expect(markResponse("SINGLE_CHOICE", d, { optionId: "zz" })).toEqual({ fraction: 0, state: "wrong" });
  });

  it("multiple choice: the sum of the chosen fractions, clamped to [0, 1] (Moodle)", () => {
    const d = choice([0.5, 0.5, -1, -0.5]);
    expect(markResponse("MULTIPLE_CHOICE", d, { optionIds: ["o1", "o2"] })).toEqual({ fraction: 1, state: "correct" });
    expect(markResponse("MULTIPLE_CHOICE", d, { optionIds: ["o1"] })).toEqual({ fraction: 0.5, state: "partial" });
    expect(markResponse("MULTIPLE_CHOICE", d, { optionIds: ["o1", "o4"] })).toEqual({ fraction: 0, state: "wrong" });
    expect(markResponse("MULTIPLE_CHOICE", d, { optionIds: ["o1", "o2", "o3", "o4"] })).toEqual({ fraction: 0, state: "wrong" });
    expect(markResponse("MULTIPLE_CHOICE", d, { optionIds: [] })).toEqual({ fraction: 0, state: "unanswered" });
    // The same option named twice counts once.
    expect(markResponse("MULTIPLE_CHOICE", d, { optionIds: ["o1", "o1"] }).fraction).toBe(0.5);
  });

  it("true / false", () => {
    expect(markResponse("TRUE_FALSE", { answer: false }, { value: false })).toEqual({ fraction: 1, state: "correct" });
    expect(markResponse("TRUE_FALSE", { answer: false }, { value: true })).toEqual({ fraction: 0, state: "wrong" });
    expect(markResponse("TRUE_FALSE", { answer: true }, null).state).toBe("unanswered");
  });

  it("short answer: spaces collapsed, case ignored unless caseSensitive, the best matching answer", () => {
    const d = short([["Hà Nội", 1], ["Ha Noi", 0.5]]);
    expect(markResponse("SHORT_ANSWER", d, { text: "  hà   NỘI " })).toEqual({ fraction: 1, state: "correct" });
    expect(markResponse("SHORT_ANSWER", d, { text: "Ha noi" })).toEqual({ fraction: 0.5, state: "partial" });
    expect(markResponse("SHORT_ANSWER", d, { text: "Huế" })).toEqual({ fraction: 0, state: "wrong" });
    expect(markResponse("SHORT_ANSWER", d, { text: "   " }).state).toBe("unanswered");
    const cs = short([["UBND", 1]], { caseSensitive: true });
    expect(markResponse("SHORT_ANSWER", cs, { text: "UBND" }).fraction).toBe(1);
    expect(markResponse("SHORT_ANSWER", cs, { text: "ubnd" }).fraction).toBe(0);
    // Text typed in decomposed Unicode (NFD) matches the NFC answer.
    expect(markResponse("SHORT_ANSWER", d, { text: "Hà Nội".normalize("NFD") }).fraction).toBe(1);
  });

  it("short answer: diacritics (and đ/d) ignored only when the author allows", () => {
    const strict = short([["Đà Nẵng", 1]]);
    const loose = short([["Đà Nẵng", 1]], { ignoreDiacritics: true });
    expect(markResponse("SHORT_ANSWER", strict, { text: "Da Nang" }).fraction).toBe(0);
    expect(markResponse("SHORT_ANSWER", loose, { text: "Da Nang" }).fraction).toBe(1);
    expect(markResponse("SHORT_ANSWER", loose, { text: "dà nắng" }).fraction).toBe(1);
    const looseCase = short([["Đà Nẵng", 1]], { ignoreDiacritics: true, caseSensitive: true });
    expect(markResponse("SHORT_ANSWER", looseCase, { text: "Da Nang" }).fraction).toBe(1);
    expect(markResponse("SHORT_ANSWER", looseCase, { text: "da nang" }).fraction).toBe(0);
  });

  it("short answer: Moodle's * wildcard, \\* a literal star, other characters literal", () => {
    const d = short([["*một cửa*", 1], ["a\\*b", 1], ["1.5", 1]]);
    expect(markResponse("SHORT_ANSWER", d, { text: "Bộ phận một cửa cấp xã" }).fraction).toBe(1);
    expect(markResponse("SHORT_ANSWER", d, { text: "một cửa" }).fraction).toBe(1);
    expect(markResponse("SHORT_ANSWER", d, { text: "a*b" }).fraction).toBe(1);
    expect(markResponse("SHORT_ANSWER", d, { text: "axb" }).fraction).toBe(0);
    expect(markResponse("SHORT_ANSWER", d, { text: "1x5" }).fraction).toBe(0);
  });

  it("matching: the share of items matched right; distractors are no item", () => {
    const all = { matches: { p1: "UBND cấp xã", p2: "Sở Tư pháp", p3: "Sở Kế hoạch và Đầu tư" } };
    expect(markResponse("MATCHING", matching, all)).toEqual({ fraction: 1, state: "correct" });
    const two = { matches: { p1: "UBND cấp xã", p2: "Sở Tư pháp", p3: "Bộ Công an" } };
    expect(markResponse("MATCHING", matching, two).fraction).toBeCloseTo(2 / 3, 10);
    expect(markResponse("MATCHING", matching, two).state).toBe("partial");
    expect(markResponse("MATCHING", matching, { matches: {} }).state).toBe("unanswered");
    expect(markResponse("MATCHING", matching, { matches: { p1: "" } }).state).toBe("unanswered");
  });

  it("numerical: best answer whose tolerance or range holds the value; comma or dot decimals", () => {
    expect(markResponse("NUMERICAL", numerical, { text: "2,5" })).toEqual({ fraction: 1, state: "correct" });
    expect(markResponse("NUMERICAL", numerical, { text: "2.5" }).fraction).toBe(1);
    expect(markResponse("NUMERICAL", numerical, { text: "2,9" })).toEqual({ fraction: 0.5, state: "partial" });
    expect(markResponse("NUMERICAL", numerical, { text: "3" }).fraction).toBe(0.5);
    expect(markResponse("NUMERICAL", numerical, { text: "3,01" }).fraction).toBe(0);
    expect(markResponse("NUMERICAL", numerical, { text: "1 234,5" }).fraction).toBe(1);
    expect(markResponse("NUMERICAL", numerical, { text: "hai" })).toEqual({ fraction: 0, state: "wrong" });
    expect(markResponse("NUMERICAL", numerical, { text: "" }).state).toBe("unanswered");
  });

  it("essay waits for a trainer unless left empty; a description carries no mark", () => {
    expect(markResponse("ESSAY", {}, { text: "<p>Bài viết của tôi</p>" })).toEqual({ fraction: null, state: "needsMarking" });
    expect(markResponse("ESSAY", {}, { text: "<p>&nbsp;</p>" })).toEqual({ fraction: 0, state: "unanswered" });
    expect(markResponse("ESSAY", {}, null).state).toBe("unanswered");
    expect(markResponse("DESCRIPTION", {}, null)).toEqual({ fraction: null, state: "unanswered" });
  });

  it("property: the fraction is always within [-1, 1], and within [0, 1] for every type but single choice and short answer", () => {
    const fraction = fc.double({ min: -1, max: 1, noNaN: true });
    const ids = ["o1", "o2", "o3", "o4", "zz"];
    fc.assert(
      fc.property(fc.array(fraction, { minLength: 2, maxLength: 4 }), fc.subarray(ids), fc.constantFrom(...ids), (fs, chosen, one) => {
        const d = choice(fs);
        const multi = markResponse("MULTIPLE_CHOICE", d, { optionIds: chosen }).fraction!;
        const single = markResponse("SINGLE_CHOICE", d, { optionId: one }).fraction!;
        return multi >= 0 && multi <= 1 && single >= -1 && single <= 1;
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ minLength: 1 }), fraction), { minLength: 1, maxLength: 5 }), fc.string(), (answers, text) => {
        const f = markResponse("SHORT_ANSWER", short(answers), { text }).fraction!;
        return f >= -1 && f <= 1;
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("p1", "p2", "p3", "d1"), fc.constantFrom("UBND cấp xã", "Sở Tư pháp", "Bộ Công an", "")), (matches) => {
        const f = markResponse("MATCHING", matching, { matches }).fraction!;
        return f >= 0 && f <= 1;
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const m = markResponse("NUMERICAL", numerical, { text });
        return m.fraction !== null && m.fraction >= 0 && m.fraction <= 1;
      }),
    );
  });
});

describe("parseNumber", () => {
  it.each([
    ["2,5", 2.5],
    ["2.5", 2.5],
    [" -3 ", -3],
    ["1 234,5", 1234.5],
    ["1\u00a0234,5", 1234.5],
    ["1.234,5", 1234.5],
    ["1,234.5", 1234.5],
    ["1.234.567", 1234567],
    ["1,5e3", 1500],
    [",5", 0.5],
    ["\u22122", -2],
  ])("%s → %d", (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each(["", "abc", "1,2,3.4.5", "1.2.3,4,5", "--1", "1e", "2,5 m", "."])("%s is not a number", (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe("quizGrade", () => {
  const attempts = [
    { number: 1, score: 4, maxScore: 10 },
    { number: 3, score: 6, maxScore: 10 },
    { number: 2, score: 9, maxScore: 10 },
  ];
  it("HIGHEST, LAST, FIRST, AVERAGE in percent; null without attempts", () => {
    expect(quizGrade("HIGHEST", attempts)).toBe(90);
    expect(quizGrade("LAST", attempts)).toBe(60);
    expect(quizGrade("FIRST", attempts)).toBe(40);
    expect(quizGrade("AVERAGE", attempts)).toBeCloseTo(63.33, 2);
    expect(quizGrade("HIGHEST", [])).toBeNull();
    expect(quizGrade("HIGHEST", [{ number: 1, score: 0, maxScore: 0 }])).toBe(100);
  });

  it("property: within 0–100 and between the lowest and the highest attempt", () => {
    const attempt = fc.record({ number: fc.integer({ min: 1, max: 50 }), score: fc.double({ min: -20, max: 120, noNaN: true }), maxScore: fc.double({ min: 0.5, max: 100, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(attempt, { minLength: 1, maxLength: 8 }), fc.constantFrom("HIGHEST", "LAST", "FIRST", "AVERAGE" as const), (list, grading) => {
        const g = quizGrade(grading, list)!;
        const ps = list.map((a) => Math.max(0, Math.min(100, (a.score / a.maxScore) * 100)));
        return g >= 0 && g <= 100 && g >= Math.min(...ps) - 0.01 && g <= Math.max(...ps) + 0.01;
      }),
    );
  });
});

describe("responseFits", () => {
  const d = choice([1, 0, 0]);
  it.each<[string, QuestionResponse, boolean]>([
    ["an option of the question", { optionId: "o2" }, true],
    ["an option it does not have", { optionId: "o9" }, false],
    ["another type's response", { value: true }, false],
  ])("single choice: %s", (_, response, fits) => {
    expect(responseFits("SINGLE_CHOICE", d, response)).toBe(fits);
  });
  it("multiple choice, matching, description", () => {
    expect(responseFits("MULTIPLE_CHOICE", d, { optionIds: ["o1", "o3"] })).toBe(true);
    expect(responseFits("MULTIPLE_CHOICE", d, { optionIds: ["o1", "o1"] })).toBe(false);
    expect(responseFits("MULTIPLE_CHOICE", d, { optionIds: ["o1", "x"] })).toBe(false);
    expect(responseFits("MATCHING", matching, { matches: { p1: "Sở Tư pháp", p2: "" } })).toBe(true);
    expect(responseFits("MATCHING", matching, { matches: { d1: "Sở Tư pháp" } })).toBe(false);
    expect(responseFits("MATCHING", matching, { matches: { p1: "Bộ Nội vụ" } })).toBe(false);
    expect(responseFits("DESCRIPTION", {}, { text: "x" })).toBe(false);
    expect(responseFits("SHORT_ANSWER", {}, { text: "x".repeat(1001) })).toBe(false);
  });
});
