import { describe, expect, it } from "vitest";
import {
  GRADE_FRACTIONS_WITH_PENALTIES,
  fractionValue,
  newQuestionDefaults,
  parseDecimal,
  parseQuestionForm,
  questionFormDefaults,
  questionFormSchema,
  rowNumbers,
  type FormValues,
} from "@/lib/quizzes/editor-form";
import { questionDraft, type QuestionDraft } from "@/lib/quizzes/question-types";
import { z } from "zod";

const base = (type: string, extra: FormValues = {}): FormValues => ({
  type,
  name: "Câu hỏi thử",
  text: "<p>Nội dung?</p>",
  format: "html",
  defaultMark: "1",
  tags: "",
  ...extra,
});

function ok(values: FormValues): QuestionDraft {
  const r = parseQuestionForm(values);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.errors)}`);
  return r.draft;
}
function errors(values: FormValues) {
  const r = parseQuestionForm(values);
  if (r.ok) throw new Error("accepted");
  return r.errors;
}

describe("numbers as people type them", () => {
  it("reads the Vietnamese decimal comma and the dot, refuses the rest", () => {
    expect(parseDecimal("0,5")).toBe(0.5);
    expect(parseDecimal(" 2.25 ")).toBe(2.25);
    expect(parseDecimal("-1,5")).toBe(-1.5);
    expect(parseDecimal(",5")).toBe(0.5);
    expect(parseDecimal("3")).toBe(3);
    for (const bad of ["", "1e3", "1,2,3", "abc", "1.000,5", "--1", "Infinity"]) expect(parseDecimal(bad), bad).toBeNull();
  });

  it("offers Moodle's grades with their negatives, and maps stored fractions to them", () => {
    expect(GRADE_FRACTIONS_WITH_PENALTIES).toHaveLength(41);
    expect(GRADE_FRACTIONS_WITH_PENALTIES[0]).toBe(1);
    expect(GRADE_FRACTIONS_WITH_PENALTIES.at(-1)).toBe(-1);
    expect(fractionValue(0.33333)).toBe("0.3333333");
    expect(fractionValue(-0.5)).toBe("-0.5");
    expect(fractionValue(0.35)).toBe("0.35"); // an imported grade Moodle's list lacks is kept
  });
});

describe("common fields", () => {
  it("reads name, text, format, feedback, a decimal-comma mark and tags", () => {
    const d = ok(base("ESSAY", { defaultMark: "2,5", tags: "CCHC, một cửa, CCHC", generalFeedback: "Xem **Luật**", generalFeedbackFormat: "markdown", format: "plain" }));
    expect(d).toMatchObject({ type: "ESSAY", name: "Câu hỏi thử", format: "plain", defaultMark: 2.5, tags: ["CCHC", "một cửa"] });
    expect(d.generalFeedback).toEqual({ text: "Xem **Luật**", format: "markdown" });
  });

  it("reports every problem under its own field", () => {
    const e = errors(base("ESSAY", { name: "  ", text: "", defaultMark: "một", format: "docx" }));
    expect(e.name).toEqual(["questionEditor.error.nameRequired"]);
    expect(e.text).toEqual(["questionEditor.error.textRequired"]);
    expect(e.defaultMark).toEqual(["questionEditor.error.number"]);
    expect(e.format).toEqual(["questionEditor.error.format"]);
    expect(errors(base("ESSAY", { defaultMark: "-1" })).defaultMark).toEqual(["questionEditor.error.markRange"]);
    expect(errors(base("NONSENSE")).type).toEqual(["questionEditor.error.type"]);
  });

  it("normalises Vietnamese text to NFC", () => {
    const d = ok(base("ESSAY", { name: "Hà Nội".normalize("NFD") }));
    expect(d.name).toBe("Hà Nội".normalize("NFC"));
  });
});

describe("single and multiple choice", () => {
  const single = base("SINGLE_CHOICE", {
    "options.0.id": "o7",
    "options.0.text": "Hà Nội",
    "options.0.fraction": "1",
    "options.0.feedback": "Chính xác.",
    "options.2.id": "",
    "options.2.text": "Huế",
    "options.2.fraction": "0",
    "options.2.feedback": "",
    "options.5.text": "",
    "options.5.fraction": "0",
    "options.3.text": "Đà Nẵng",
    "options.3.fraction": "-0,5",
  });

  it("keeps rows in order, skips blank rows, keeps ids and gives new rows free ones", () => {
    const d = ok(single);
    if (d.type !== "SINGLE_CHOICE") throw new Error();
    expect(d.data.options.map((o) => [o.id, o.text.text, o.fraction])).toEqual([
      ["o7", "Hà Nội", 1],
      ["o1", "Huế", 0],
      ["o2", "Đà Nẵng", -0.5],
    ]);
    expect(d.data.options[0]!.feedback).toEqual({ text: "Chính xác.", format: "html" });
    expect(d.data.options[1]!.feedback).toBeUndefined();
  });

  it("needs a 100 % option, two options, and a text on any row with a grade or feedback", () => {
    expect(errors({ ...single, "options.0.fraction": "0.9" }).options).toEqual(["questionEditor.error.oneFull"]);
    expect(errors(base("SINGLE_CHOICE", { "options.0.text": "A", "options.0.fraction": "1" })).options).toEqual(["questionEditor.error.twoOptions"]);
    expect(errors({ ...single, "options.5.feedback": "?" })["options.5.text"]).toEqual(["questionEditor.error.optionTextRequired"]);
    expect(errors({ ...single, "options.2.fraction": "1,5" })["options.2.fraction"]).toEqual(["questionEditor.error.fraction"]);
  });

  it("multiple choice: positive grades add up to 100 %, negative weights allowed", () => {
    const multi = base("MULTIPLE_CHOICE", {
      "options.0.text": "A",
      "options.0.fraction": "0.3333333",
      "options.1.text": "B",
      "options.1.fraction": "0.3333333",
      "options.2.text": "C",
      "options.2.fraction": "0.3333333",
      "options.3.text": "D",
      "options.3.fraction": "-1",
    });
    const d = ok(multi);
    if (d.type !== "MULTIPLE_CHOICE") throw new Error();
    expect(d.data.options.map((o) => o.fraction)).toEqual([0.3333333, 0.3333333, 0.3333333, -1]);
    expect(errors({ ...multi, "options.2.fraction": "0" }).options).toEqual(["questionEditor.error.positiveSum"]);
  });
});

describe("true / false", () => {
  it("reads the answer and the two feedbacks, and requires an answer", () => {
    const d = ok(base("TRUE_FALSE", { answer: "false", feedbackTrue: "Sai rồi.", feedbackFalse: "" }));
    expect(d.data).toEqual({ answer: false, feedbackTrue: { text: "Sai rồi.", format: "html" }, feedbackFalse: undefined });
    expect(errors(base("TRUE_FALSE")).answer).toEqual(["questionEditor.error.trueFalseAnswer"]);
  });
});

describe("short answer", () => {
  it("reads answers, grades and the two checkboxes", () => {
    const d = ok(base("SHORT_ANSWER", { "answers.0.text": " Hà Nội ", "answers.0.fraction": "1", "answers.1.text": "Thủ đô", "answers.1.fraction": "0,5", ignoreDiacritics: "on" }));
    expect(d.data).toMatchObject({
      answers: [
        { id: "a1", text: "Hà Nội", fraction: 1 },
        { id: "a2", text: "Thủ đô", fraction: 0.5 },
      ],
      caseSensitive: false,
      ignoreDiacritics: true,
    });
  });

  it("refuses negative grades, no answer, and no 100 % answer", () => {
    expect(errors(base("SHORT_ANSWER", { "answers.0.text": "x", "answers.0.fraction": "-0.5" }))["answers.0.fraction"]).toEqual(["questionEditor.error.fraction"]);
    expect(errors(base("SHORT_ANSWER", { "answers.0.text": "" })).answers).toEqual(["questionEditor.error.oneAnswer"]);
    expect(errors(base("SHORT_ANSWER", { "answers.0.text": "x", "answers.0.fraction": "0.5" })).answers).toEqual(["questionEditor.error.oneFull"]);
  });
});

describe("numerical", () => {
  it("reads value ± tolerance and min..max rows with decimal commas", () => {
    const d = ok(
      base("NUMERICAL", {
        "answers.0.kind": "tolerance",
        "answers.0.value": "2,5",
        "answers.0.tolerance": "0,1",
        "answers.0.fraction": "1",
        "answers.1.kind": "range",
        "answers.1.min": "1",
        "answers.1.max": "3",
        "answers.1.fraction": "0.5",
        "answers.2.kind": "tolerance",
        "answers.2.value": "7",
        "answers.2.fraction": "0",
      }),
    );
    expect(d.data).toEqual({
      answers: [
        { kind: "tolerance", id: "a1", value: 2.5, tolerance: 0.1, fraction: 1, feedback: undefined },
        { kind: "range", id: "a2", min: 1, max: 3, fraction: 0.5, feedback: undefined },
        { kind: "tolerance", id: "a3", value: 7, tolerance: 0, fraction: 0, feedback: undefined },
      ],
    });
  });

  it("refuses a bad number, a negative tolerance and a reversed range, under their fields", () => {
    const e = errors(
      base("NUMERICAL", {
        "answers.0.kind": "tolerance",
        "answers.0.value": "hai",
        "answers.0.fraction": "1",
        "answers.1.kind": "tolerance",
        "answers.1.value": "2",
        "answers.1.tolerance": "-1",
        "answers.2.kind": "range",
        "answers.2.min": "5",
        "answers.2.max": "4,5",
      }),
    );
    expect(e["answers.0.value"]).toEqual(["questionEditor.error.number"]);
    expect(e["answers.1.tolerance"]).toEqual(["questionEditor.error.toleranceNegative"]);
    expect(e["answers.2.max"]).toEqual(["questionEditor.error.rangeOrder"]);
    expect(errors(base("NUMERICAL", { "answers.0.kind": "range", "answers.0.min": "1", "answers.0.fraction": "1" }))["answers.0.max"]).toEqual([
      "questionEditor.error.numberRequired",
    ]);
  });
});

describe("matching", () => {
  it("reads pairs and distractors (no left side)", () => {
    const d = ok(
      base("MATCHING", { "pairs.0.left": "Luật", "pairs.0.right": "Quốc hội", "pairs.1.left": "Nghị định", "pairs.1.right": "Chính phủ", "pairs.2.left": "", "pairs.2.right": "Bộ", "pairs.3.left": "", "pairs.3.right": "" }),
    );
    expect(d.data).toEqual({
      pairs: [
        { id: "p1", left: { text: "Luật", format: "html" }, right: "Quốc hội" },
        { id: "p2", left: { text: "Nghị định", format: "html" }, right: "Chính phủ" },
        { id: "p3", left: { text: "", format: "html" }, right: "Bộ" },
      ],
    });
  });

  it("needs two pairs with both sides and a right side on every pair", () => {
    expect(errors(base("MATCHING", { "pairs.0.left": "A", "pairs.0.right": "1", "pairs.1.left": "", "pairs.1.right": "2" })).pairs).toEqual(["questionEditor.error.twoPairs"]);
    expect(errors(base("MATCHING", { "pairs.0.left": "A", "pairs.0.right": "1", "pairs.1.left": "B", "pairs.1.right": "" }))["pairs.1.right"]).toEqual([
      "questionEditor.error.pairRightRequired",
    ]);
  });
});

describe("essay and description", () => {
  it("reads the grader's information and template; a description has no mark", () => {
    const e = ok(base("ESSAY", { graderInfo: "Chấm theo ý", responseTemplate: "Trả lời:" }));
    expect(e.data).toEqual({ graderInfo: { text: "Chấm theo ý", format: "html" }, responseTemplate: "Trả lời:" });
    const d = ok(base("DESCRIPTION", { defaultMark: "không dùng" }));
    expect(d).toMatchObject({ type: "DESCRIPTION", defaultMark: 0, data: {} });
  });
});

describe("draft → form → draft", () => {
  const drafts: QuestionDraft[] = [
    {
      type: "MULTIPLE_CHOICE",
      name: "Chọn các cơ quan",
      text: "Chọn **các** cơ quan",
      format: "markdown",
      generalFeedback: { text: "Xem luật", format: "plain" },
      defaultMark: 0.5,
      category: [],
      tags: ["CCHC"],
      data: {
        options: [
          { id: "x", text: { text: "A < B", format: "plain" }, fraction: 0.5, feedback: { text: "Đúng một nửa", format: "html" } },
          { id: "y", text: { text: "C", format: "markdown" }, fraction: 0.5 },
          { id: "z", text: { text: "D", format: "markdown" }, fraction: -1 },
        ],
      },
    },
    {
      type: "SHORT_ANSWER",
      name: "Thủ đô",
      text: "Thủ đô?",
      format: "plain",
      defaultMark: 1,
      category: [],
      tags: [],
      data: { answers: [{ id: "a", text: "Hà Nội", fraction: 1 }], caseSensitive: true, ignoreDiacritics: true },
    },
    {
      type: "NUMERICAL",
      name: "Số",
      text: "1+1,5?",
      format: "html",
      defaultMark: 2,
      category: [],
      tags: [],
      data: {
        answers: [
          { kind: "tolerance", id: "a1", value: 2.5, tolerance: 0.05, fraction: 1 },
          { kind: "range", id: "a2", min: -1, max: 3.25, fraction: 0.1 },
        ],
      },
    },
    {
      type: "MATCHING",
      name: "Ghép",
      text: "Ghép",
      format: "html",
      defaultMark: 1,
      category: [],
      tags: [],
      data: {
        pairs: [
          { id: "p1", left: { text: "A", format: "moodle" }, right: "1" },
          { id: "p2", left: { text: "B", format: "html" }, right: "2" },
          { id: "p3", left: { text: "", format: "html" }, right: "3" },
        ],
      },
    },
    { type: "TRUE_FALSE", name: "Đ/S", text: "Đúng?", format: "html", defaultMark: 1, category: [], tags: [], data: { answer: true, feedbackFalse: { text: "Không", format: "html" } } },
    { type: "ESSAY", name: "Tự luận", text: "Viết", format: "html", defaultMark: 10, category: [], tags: [], data: { responseTemplate: "Mở bài" } },
    { type: "DESCRIPTION", name: "Mô tả", text: "Đọc đoạn sau", format: "html", defaultMark: 0, category: [], tags: [], data: {} },
  ];

  it.each(drafts.map((d) => [d.type, d] as const))("%s comes back as it was (ids, formats, grades)", (_type, draft) => {
    const values = questionFormDefaults(draft);
    const back = ok(values);
    expect(questionDraft.parse(back)).toEqual(questionDraft.parse(draft));
  });

  it("writes numbers with a decimal comma by default, a dot on request", () => {
    expect(questionFormDefaults(drafts[0]!).defaultMark).toBe("0,5");
    expect(questionFormDefaults(drafts[0]!, { decimalComma: false }).defaultMark).toBe("0.5");
  });

  it("gives new questions empty rows of their type", () => {
    expect(rowNumbers(newQuestionDefaults("SINGLE_CHOICE"), "options")).toEqual([0, 1, 2, 3]);
    expect(rowNumbers(newQuestionDefaults("MATCHING"), "pairs")).toEqual([0, 1, 2]);
    expect(newQuestionDefaults("NUMERICAL")["answers.0.kind"]).toBe("tolerance");
    expect(rowNumbers(newQuestionDefaults("ESSAY"), "options")).toEqual([]);
  });
});

describe("the form action's schema", () => {
  const schema = questionFormSchema(z.object({ bankId: z.uuid() }));

  it("gives the ids and the draft", () => {
    const bankId = "3f1f6f4e-2d8a-4b8e-9a55-0c1d2e3f4a5b";
    const r = schema.parse({ ...base("ESSAY"), bankId });
    expect(r.bankId).toBe(bankId);
    expect(r.draft.type).toBe("ESSAY");
  });

  it("turns every problem into an issue on its field with the message key", () => {
    const r = schema.safeParse({ ...base("SINGLE_CHOICE", { name: "" }), bankId: "x" });
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => [String(i.path[0]), i.message]);
    expect(issues).toContainEqual(["name", "questionEditor.error.nameRequired"]);
    expect(issues).toContainEqual(["options", "questionEditor.error.twoOptions"]);
    expect(issues).toContainEqual(["bankId", "questionEditor.error.invalid"]);
  });
});
