import { describe, expect, it } from "vitest";
import { markText } from "@/lib/quizzes/results/schemas";
import { optionLabels, showCorrect, showResponse } from "@/lib/quizzes/results/show";

// What the staff's attempt page shows of a response and of the correct answer (lib/quizzes/results/show.ts).

const plain = (text: string) => ({ text, format: "plain" as const });

describe("a response and the correct answer as the staff see them", () => {
  it("choice: the chosen options' texts; the options that give marks, with their share", () => {
    const data = { options: [{ id: "a", text: plain("Tờ khai"), fraction: 0.5 }, { id: "b", text: plain("<CCCD>"), fraction: 0.5 }, { id: "c", text: plain("Ảnh"), fraction: 0 }] };
    expect(showResponse("MULTIPLE_CHOICE", data, { optionIds: ["b", "zz"] })).toEqual([{ html: "&lt;CCCD&gt;" }, { html: "zz" }]);
    expect(showCorrect("MULTIPLE_CHOICE", data)).toEqual([{ html: "Tờ khai", percent: 50 }, { html: "&lt;CCCD&gt;", percent: 50 }]);
    expect(optionLabels("SINGLE_CHOICE", data).map((o) => o.id)).toEqual(["a", "b", "c"]);
  });

  it("typed answers are escaped; an empty one is no answer", () => {
    expect(showResponse("ESSAY", {}, { text: "<img src=x onerror=alert(1)>\nDòng 2" })).toEqual([{ html: "&lt;img src=x onerror=alert(1)&gt;<br>Dòng 2" }]);
    expect(showResponse("SHORT_ANSWER", {}, { text: "   " })).toEqual([]);
    expect(showResponse("ESSAY", {}, null)).toEqual([]);
    expect(showResponse("SINGLE_CHOICE", {}, { nonsense: true })).toEqual([]);
  });

  it("true/false, numerical and matching", () => {
    expect(showResponse("TRUE_FALSE", { answer: false }, { value: true })).toEqual([{ key: "quizResults.true" }]);
    expect(showCorrect("TRUE_FALSE", { answer: false })).toEqual([{ key: "quizResults.false" }]);
    const numerical = { answers: [{ kind: "tolerance", id: "n1", value: 2.5, tolerance: 0.5, fraction: 1 }, { kind: "range", id: "n2", min: 1, max: 3, fraction: 0.5 }] };
    expect(showCorrect("NUMERICAL", numerical)).toEqual([{ html: "2.5 ± 0.5", percent: 100 }, { html: "1 – 3", percent: 50 }]);
    const matching = { pairs: [{ id: "p1", left: plain("Hà Nội"), right: "Thủ đô" }, { id: "p2", left: plain(""), right: "Nhiễu" }, { id: "p3", left: plain("Huế"), right: "Cố đô" }] };
    expect(showResponse("MATCHING", matching, { matches: { p1: "Cố đô" } })).toEqual([{ html: "Hà Nội → Cố đô" }]);
    expect(showCorrect("MATCHING", matching)).toEqual([{ html: "Hà Nội → Thủ đô" }, { html: "Huế → Cố đô" }]);
    expect(showCorrect("ESSAY", { graderInfo: plain("Đủ ý: 10") })).toEqual([{ html: "Đủ ý: 10" }]);
  });
});

describe("a mark as typed", () => {
  it("takes a decimal comma or point, at most two decimals, never negative", () => {
    expect(markText.parse("7,5")).toBe(7.5);
    expect(markText.parse(" 10 ")).toBe(10);
    expect(markText.parse("0.25")).toBe(0.25);
    for (const bad of ["", "-1", "7,555", "1.000,5", "bảy", "1e3"]) expect(markText.safeParse(bad).success, bad).toBe(false);
  });
});
