import { describe, expect, test } from "vitest";
import { parseAiken } from "@/lib/quizzes/formats/aiken";

const plain = (text: string) => ({ text, format: "plain" as const });
const keys = (r: ReturnType<typeof parseAiken>) => r.items.map((i) => [i.line, i.draft?.type ?? null, i.problems.map((p) => `${p.line}:${p.key}`)]);

describe("parseAiken", () => {
  test("Moodle's example: question, A) / B. options, ANSWER", () => {
    const result = parseAiken(
      "Thủ đô của Việt Nam là?\nA. Hà Nội\nB) Huế\nC. Đà Nẵng\nANSWER: A\n\nCơ quan nào ban hành Nghị định?\nA) Quốc hội\nB) Chính phủ\nANSWER: B\n",
    );
    expect(result.problems).toEqual([]);
    expect(result.items).toEqual([
      {
        line: 1,
        name: "Thủ đô của Việt Nam là?",
        problems: [],
        draft: {
          type: "SINGLE_CHOICE",
          name: "Thủ đô của Việt Nam là?",
          text: "Thủ đô của Việt Nam là?",
          format: "plain",
          defaultMark: 1,
          category: [],
          tags: [],
          data: {
            options: [
              { id: "o1", text: plain("Hà Nội"), fraction: 1 },
              { id: "o2", text: plain("Huế"), fraction: 0 },
              { id: "o3", text: plain("Đà Nẵng"), fraction: 0 },
            ],
          },
        },
      },
      expect.objectContaining({ line: 7, draft: expect.objectContaining({ data: { options: [expect.objectContaining({ fraction: 0 }), expect.objectContaining({ fraction: 1 })] } }) }),
    ]);
  });

  test("questions need no blank line between them; CRLF; a question text over several lines; ĐÁP ÁN like ANSWER", () => {
    const result = parseAiken("Q1\r\nA. x\r\nB. y\r\nANSWER: B\r\nDòng một\r\ndòng hai\r\nA. x\r\nB. y\r\nĐáp án: a\r\n");
    expect(keys(result)).toEqual([
      [1, "SINGLE_CHOICE", []],
      [5, "SINGLE_CHOICE", []],
    ]);
    expect(result.items[1]!.draft!.text).toBe("Dòng một\ndòng hai");
  });

  test("NFD input is stored in NFC", () => {
    const d = parseAiken("Câu hỏi về thủ tục?\nA. Đúng\nB. Sai\nANSWER: A".normalize("NFD")).items[0]!.draft!;
    expect(d.text).toBe("Câu hỏi về thủ tục?".normalize("NFC"));
    if (d.type !== "SINGLE_CHOICE") throw new Error(d.type);
    expect(d.data.options[0]!.text.text).toBe("Đúng".normalize("NFC"));
  });

  test("a missing ANSWER is reported at the last option, and the next question still reads", () => {
    const result = parseAiken("Q1\nA. x\nB. y\nQ2\nA. x\nB. y\nANSWER: A\nQ3\nA. x\nB. y\n");
    expect(keys(result)).toEqual([
      [1, null, ["3:quizImport.aiken.missingAnswer"]],
      [4, "SINGLE_CHOICE", []],
      [8, null, ["10:quizImport.aiken.missingAnswer"]],
    ]);
  });

  test("an answer letter that is not an option, and fewer than 2 options", () => {
    const result = parseAiken("Q1\nA. x\nB. y\nANSWER: D\n\nQ2\nA. x\nANSWER: A\n\nQ3\nANSWER:\n");
    expect(result.items.map((i) => i.problems)).toEqual([
      [{ line: 4, key: "quizImport.aiken.answerNotOption", params: { letter: "D" } }],
      [{ line: 7, key: "quizImport.aiken.tooFewOptions" }],
      [
        { line: 10, key: "quizImport.aiken.tooFewOptions" },
        { line: 11, key: "quizImport.aiken.answerNotOption", params: { letter: "?" } },
      ],
    ]);
    expect(result.items.every((i) => i.draft === null)).toBe(true);
  });

  test("options or an ANSWER with no question are file problems with their lines", () => {
    expect(parseAiken("A. x\nB. y\nANSWER: A\n").problems).toEqual([
      { line: 1, key: "quizImport.aiken.optionWithoutQuestion", params: { letter: "A" } },
      { line: 2, key: "quizImport.aiken.optionWithoutQuestion", params: { letter: "B" } },
      { line: 3, key: "quizImport.aiken.answerWithoutQuestion" },
    ]);
  });

  test("more than 5,000 questions refuse the file", () => {
    const q = "Q?\nA. x\nB. y\nANSWER: A\n";
    expect(parseAiken(q.repeat(5_000)).items).toHaveLength(5_000);
    expect(parseAiken(q.repeat(5_001).trimEnd())).toEqual({ items: [], problems: [{ line: 0, key: "quizImport.file.tooManyQuestions", params: { max: 5000 } }] });
  });

  test("an empty file has no questions", () => {
    expect(parseAiken("\n\n")).toEqual({ items: [], problems: [{ line: 0, key: "quizImport.file.noQuestions" }] });
  });

  test("1 MB of hostile input stays linear", () => {
    for (const input of ["A. ".repeat(350_000), "A. x\n".repeat(200_000), "ANSWER:".repeat(150_000), "Q\n".repeat(500_000)]) {
      const start = performance.now();
      parseAiken(input);
      expect(performance.now() - start).toBeLessThan(4_000);
    }
  });
});
