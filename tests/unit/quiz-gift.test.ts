import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseGift } from "@/lib/quizzes/formats/gift";
import type { ImportItem } from "@/lib/quizzes/formats/types";
import type { QuestionDraft } from "@/lib/quizzes/question-types";

const one = (gift: string): ImportItem => {
  const result = parseGift(gift);
  expect(result.problems).toEqual([]);
  expect(result.items).toHaveLength(1);
  return result.items[0]!;
};
const draftOf = (gift: string): QuestionDraft => {
  const item = one(gift);
  expect(item.problems).toEqual([]);
  expect(item.draft).not.toBeNull();
  return item.draft!;
};
const keys = (item: ImportItem) => item.problems.map((p) => `${p.line}:${p.key}`);
const moodle = (text: string) => ({ text, format: "moodle" as const });

describe("parseGift: structure", () => {
  test("blank lines separate questions; comment lines are dropped; each item has the line where it starts", () => {
    const result = parseGift("// a comment\n\nQ1{T}\n\n\n// about Q2\nQ2\nsecond line{F}\n// trailing\n\nQ3{}\n");
    expect(result.items.map((i) => [i.line, i.draft?.type, i.draft?.text])).toEqual([
      [3, "TRUE_FALSE", "Q1"],
      [7, "TRUE_FALSE", "Q2\nsecond line"],
      [11, "ESSAY", "Q3"],
    ]);
  });

  test("CRLF and CR line ends read like LF", () => {
    expect(parseGift("A{T}\r\n\r\nB\r\nb{F}\r\rC{T}").items.map((i) => [i.line, i.draft?.text])).toEqual([
      [1, "A"],
      [3, "B\nb"],
      [6, "C"],
    ]);
  });

  test("::name:: names a question; without one the name is the start of the text without markup", () => {
    expect(draftOf("::Câu 1:: Thủ đô?{=Hà Nội}").name).toBe("Câu 1");
    expect(draftOf("[html]<p>Thủ <b>đô</b>?</p>{=Hà Nội}").name).toBe("Thủ đô?");
    const long = "Chữ ".repeat(40).trim();
    expect(draftOf(`${long}{}`).name).toBe(`${long.slice(0, 77).trim()}...`);
    expect(draftOf("::::{T}").name).toBe("Câu hỏi dòng 1");
    // An unclosed name: Moodle drops the "::" and keeps the rest as text.
    expect(draftOf("::no end{T}").text).toBe("no end");
  });

  test("$CATEGORY: applies to the questions after it; Moodle's $course$/top prefix is dropped; // is a slash in a name", () => {
    const result = parseGift("A{T}\n\n$CATEGORY: CCHC/Một cửa\n\nB{T}\n\n$CATEGORY: $course$/top/Sở A//B/Phòng\n\nC{T}\n\n$CATEGORY: $system$/top\n\nD{T}");
    expect(result.items.map((i) => i.draft?.category)).toEqual([[], ["CCHC", "Một cửa"], ["Sở A/B", "Phòng"], []]);
    expect(result.problems).toEqual([]);
  });

  test("a $CATEGORY: line directly above a question still starts the category and the question", () => {
    const result = parseGift("$CATEGORY: X\nQ{T}");
    expect(result.items.map((i) => [i.line, i.draft?.category])).toEqual([[2, ["X"]]]);
  });

  test("an empty $CATEGORY: is a file problem with its line", () => {
    expect(parseGift("Q{T}\n\n$CATEGORY:   \n\nR{T}").problems).toEqual([{ line: 3, key: "quizImport.gift.emptyCategory" }]);
  });

  test("tags come from Moodle's // [tag:…] comment, ] escaped as \\]", () => {
    expect(draftOf("// [tag:  an toàn] text [tag:PCCC ] [tag:a\\]b] [id:x]\n// [tag:an toàn] again\nQ{T}").tags).toEqual(["an toàn", "PCCC", "a]b"]);
    expect(draftOf("// [tag:\n\\ frog].\nQ{T}").tags).toEqual([]);
  });

  test("escapes \\~ \\= \\# \\{ \\} \\: \\\\ \\n give the characters; a backslash before anything else stays", () => {
    const d = draftOf("::a\\:b:: 1 \\= 1 \\# \\{x\\} \\~ \\\\ \\\\\\{ \\n\\q{~\\=a ~b\\#c#f\\~b =\\{ok\\}}");
    expect(d.name).toBe("a:b");
    expect(d.text).toBe("1 = 1 # {x} ~ \\ \\{ \n\\q");
    expect(d.type).toBe("SINGLE_CHOICE");
    if (d.type !== "SINGLE_CHOICE") return;
    expect(d.data.options.map((o) => [o.text.text, o.feedback?.text, o.fraction])).toEqual([
      ["=a", undefined, 0],
      ["b#c", "f~b", 0],
      ["{ok}", undefined, 1],
    ]);
  });

  test("format markers [html] [markdown] [moodle] [plain]; default moodle; answers and feedback default to the question's", () => {
    const d = draftOf("[html]<p>Q</p>{=[plain]a#[markdown]**f** ~b#g####[moodle]general}");
    expect(d).toMatchObject({ text: "<p>Q</p>", format: "html", generalFeedback: moodle("general") });
    if (d.type !== "SINGLE_CHOICE") throw new Error(d.type);
    expect(d.data.options).toEqual([
      { id: "o1", text: { text: "a", format: "plain" }, fraction: 1, feedback: { text: "**f**", format: "markdown" } },
      { id: "o2", text: { text: "b", format: "html" }, fraction: 0, feedback: { text: "g", format: "html" } },
    ]);
    expect(draftOf("Q{T}").format).toBe("moodle");
    // An unknown marker is text.
    expect(draftOf("[rtf]Q{T}").text).toBe("[rtf]Q");
  });

  test("Vietnamese input in NFD is stored in NFC", () => {
    const nfd = "::Câu hỏi:: Thủ tục hành chính là gì?{=Trình tự, cách thức thực hiện ~Không biết}".normalize("NFD");
    const d = draftOf(nfd);
    expect(d.name).toBe("Câu hỏi".normalize("NFC"));
    expect(d.text).toBe("Thủ tục hành chính là gì?".normalize("NFC"));
    expect(d.text.normalize("NFC")).toBe(d.text);
    if (d.type !== "SINGLE_CHOICE") throw new Error(d.type);
    expect(d.data.options[0]!.text.text).toBe("Trình tự, cách thức thực hiện".normalize("NFC"));
  });
});

describe("parseGift: question types", () => {
  test("single choice {=a ~b ~c} with per-answer and general feedback", () => {
    expect(draftOf("Q?{=a#right ~b#wrong ~c####general}")).toEqual({
      type: "SINGLE_CHOICE",
      name: "Q?",
      text: "Q?",
      format: "moodle",
      generalFeedback: moodle("general"),
      defaultMark: 1,
      category: [],
      tags: [],
      data: {
        options: [
          { id: "o1", text: moodle("a"), fraction: 1, feedback: moodle("right") },
          { id: "o2", text: moodle("b"), fraction: 0, feedback: moodle("wrong") },
          { id: "o3", text: moodle("c"), fraction: 0 },
        ],
      },
    });
  });

  test("weights without = make it multiple choice (Moodle's rule), with negative and decimal weights", () => {
    const d = draftOf("Q{~%50%a ~%50%b ~%-100%c ~%33.33333%d}");
    expect(d.type).toBe("MULTIPLE_CHOICE");
    if (d.type !== "MULTIPLE_CHOICE") return;
    expect(d.data.options.map((o) => o.fraction)).toEqual([0.5, 0.5, -1, 0.3333333]);
    // One = among weighted answers: single choice, as Moodle.
    expect(draftOf("Q{=a ~%50%b ~c}").type).toBe("SINGLE_CHOICE");
    // ~%100% alone is still multiple (no =).
    expect(draftOf("Q{~%100%a ~b}").type).toBe("MULTIPLE_CHOICE");
  });

  test("a % that is not a weight is text; a weight beyond ±100 is a problem with its line", () => {
    const d = draftOf("Q{=a ~%5 of them}");
    if (d.type !== "SINGLE_CHOICE") throw new Error(d.type);
    expect(d.data.options[1]!.text.text).toBe("%5 of them");
    const item = one("Q{\n=a\n~%200%b\n~%1.2.3%c\n}");
    expect(item.draft).toBeNull();
    expect(item.problems).toEqual([
      { line: 3, key: "quizImport.gift.badWeight", params: { weight: "%200%" } },
      { line: 4, key: "quizImport.gift.badWeight", params: { weight: "%1.2.3%" } },
    ]);
  });

  test("choice problems: one answer, an empty answer, no positive mark", () => {
    expect(keys(one("Q{~a}"))).toEqual(["1:quizImport.gift.tooFewChoices"]);
    expect(keys(one("Q{\n=a\n~\n}"))).toEqual(["3:quizImport.question.emptyAnswer"]);
    expect(keys(one("Q{~a ~%-50%b}"))).toEqual(["1:quizImport.question.noCorrectAnswer"]);
    expect(one("Q{~a}").draft).toBeNull();
  });

  test("missing word: text before and after the braces keeps a _____ blank", () => {
    expect(draftOf("Grant is {~buried =entombed ~living} in Grant's tomb.").text).toBe("Grant is _____ in Grant's tomb.");
    expect(draftOf("Two plus two equals {=four =4}.").text).toBe("Two plus two equals _____.");
    // Answers at the end: no blank.
    expect(draftOf("Who is buried? {=no one}").text).toBe("Who is buried?");
  });

  test("true/false {T} {TRUE} {F} {FALSE} with #wrong#right feedback", () => {
    for (const [mark, answer] of [["T", true], ["TRUE", true], ["F", false], ["FALSE", false]] as const) {
      const d = draftOf(`Q{${mark}}`);
      expect(d).toMatchObject({ type: "TRUE_FALSE", data: { answer } });
    }
    // Feedback for a wrong answer, then for a right one: on {TRUE}, answering false is wrong.
    expect(draftOf("Q{TRUE#sai#đúng}").data).toEqual({ answer: true, feedbackTrue: moodle("đúng"), feedbackFalse: moodle("sai") });
    expect(draftOf("Q{F#sai#đúng####chung}")).toMatchObject({
      generalFeedback: moodle("chung"),
      data: { answer: false, feedbackTrue: moodle("sai"), feedbackFalse: moodle("đúng") },
    });
  });

  test("short answer: answers with = and no ~, optional weights and feedback", () => {
    expect(draftOf("Thủ đô?{=Hà Nội =%50%Ha Noi#gần đúng}").data).toEqual({
      answers: [
        { id: "a1", text: "Hà Nội", fraction: 1 },
        { id: "a2", text: "Ha Noi", fraction: 0.5, feedback: moodle("gần đúng") },
      ],
      caseSensitive: false,
      ignoreDiacritics: false,
    });
    expect(keys(one("Q{=%0%a}"))).toEqual(["1:quizImport.question.noCorrectAnswer"]);
    expect(keys(one("Q{=a =#only feedback}"))).toEqual(["1:quizImport.question.emptyAnswer"]);
  });

  test("matching {=a -> 1 =b -> 2}, an empty left side is a distractor", () => {
    expect(draftOf("Ghép{=Hà Nội -> Thủ đô =Huế->Cố đô = -> Cảng}").data).toEqual({
      pairs: [
        { id: "p1", left: moodle("Hà Nội"), right: "Thủ đô" },
        { id: "p2", left: moodle("Huế"), right: "Cố đô" },
        { id: "p3", left: moodle(""), right: "Cảng" },
      ],
    });
    expect(keys(one("Q{=a -> 1 =b}"))).toEqual(["1:quizImport.gift.matchingFormat"]);
    expect(keys(one("Q{=a -> 1 =b -> }"))).toEqual(["1:quizImport.gift.emptyMatch"]);
    expect(keys(one("Q{=a -> 1}"))).toEqual(["1:quizImport.gift.tooFewPairs"]);
  });

  test("numerical: value:tolerance, min..max, weights and feedback", () => {
    expect(draftOf("Q{#2:0.5}").data).toEqual({ answers: [{ kind: "tolerance", id: "a1", value: 2, tolerance: 0.5, fraction: 1 }] });
    expect(draftOf("Q{#-3}").data).toEqual({ answers: [{ kind: "tolerance", id: "a1", value: -3, tolerance: 0, fraction: 1 }] });
    expect(draftOf("Q{#1..3}").data).toEqual({ answers: [{ kind: "range", id: "a1", min: 1, max: 3, fraction: 1 }] });
    expect(draftOf("Q{#=%100%2:0 =%50%3:1 #fb}").data).toEqual({
      answers: [
        { kind: "tolerance", id: "a1", value: 2, tolerance: 0, fraction: 1 },
        { kind: "tolerance", id: "a2", value: 3, tolerance: 1, fraction: 0.5, feedback: moodle("fb") },
      ],
    });
  });

  test("numerical problems: not a number, a reversed range, no answer; ~#other feedback is a note", () => {
    expect(one("Q{\n#\n=2,5\n}").problems).toEqual([{ line: 3, key: "quizImport.gift.badNumber", params: { value: "2,5" } }]);
    expect(one("Q{#3..1}").problems).toEqual([{ line: 1, key: "quizImport.gift.badRange", params: { value: "3..1" } }]);
    expect(keys(one("Q{#1:-1}"))).toEqual(["1:quizImport.gift.badNumber"]);
    expect(keys(one("Q{#}"))).toEqual(["1:quizImport.gift.noNumericalAnswer"]);
    const noted = one("Q{#3:2~#Completely wrong}");
    expect(noted.draft?.type).toBe("NUMERICAL");
    expect(keys(noted)).toEqual(["1:quizImport.gift.numericalOtherFeedback"]);
    expect(keys(one("Q{#3:2~#}"))).toEqual([]);
  });

  test("essay {} and description (no braces)", () => {
    expect(draftOf("Viết về CCHC{}")).toMatchObject({ type: "ESSAY", defaultMark: 1, data: {} });
    expect(draftOf("Viết{####Hướng dẫn}")).toMatchObject({ type: "ESSAY", generalFeedback: moodle("Hướng dẫn") });
    expect(draftOf("::Giới thiệu:: Phần này nói về PCCC.")).toMatchObject({ type: "DESCRIPTION", defaultMark: 0, text: "Phần này nói về PCCC." });
  });

  test("unbalanced braces and a second answer part are problems at their lines", () => {
    expect(keys(one("Q\n{=a"))).toEqual(["2:quizImport.gift.unbalancedBraces"]);
    expect(keys(one("Q =a}"))).toEqual(["1:quizImport.gift.unbalancedBraces"]);
    expect(keys(one("Q }{=a"))).toEqual(["1:quizImport.gift.unbalancedBraces"]);
    expect(keys(one("Q{=a}\nthen {=b}"))).toEqual(["2:quizImport.gift.textAfterAnswers"]);
    expect(keys(one("Q{\n=a\n~{b}"))).toEqual(["3:quizImport.gift.unbalancedBraces"]);
  });

  test("Moodle's Cloze syntax is named, not misread as GIFT", () => {
    expect(keys(one("Thủ đô là {1:SHORTANSWER:=Hà Nội} và {1:MULTICHOICE:=A~B}"))).toEqual(["1:quizImport.gift.cloze"]);
    expect(keys(one("Q{:MC:=a~b}"))).toEqual(["1:quizImport.gift.cloze"]);
  });

  test("too many answers and over-long texts are reported, not imported", () => {
    expect(one(`Q{=a ${"~b ".repeat(60)}}`).problems).toEqual([{ line: 1, key: "quizImport.question.tooManyAnswers", params: { max: 50 } }]);
    expect(one(`${"x".repeat(50_001)}{}`).problems).toEqual([{ line: 1, key: "quizImport.question.tooLong", params: { max: 50_000, part: "text" } }]);
  });

  test("an empty file or one of comments only has no questions", () => {
    expect(parseGift("")).toEqual({ items: [], problems: [{ line: 0, key: "quizImport.file.noQuestions" }] });
    expect(parseGift("// only\n// comments\n\n\n").problems).toEqual([{ line: 0, key: "quizImport.file.noQuestions" }]);
  });

  test("more than 5,000 questions refuse the file", () => {
    expect(parseGift("Q{T}\n\n".repeat(5_000) + "Q{T}").problems).toEqual([{ line: 0, key: "quizImport.file.tooManyQuestions", params: { max: 5000 } }]);
    expect(parseGift("Q{T}\n\n".repeat(5_000)).items).toHaveLength(5_000);
    expect(parseGift("Q{T}\n\n".repeat(5_001)).problems).toEqual([{ line: 0, key: "quizImport.file.tooManyQuestions", params: { max: 5000 } }]);
  });
});

describe("parseGift: hostile input stays linear", () => {
  const MB = 1024 * 1024;
  const cases: [string, string][] = [
    ["open braces", "{".repeat(MB)],
    ["close braces", "}".repeat(MB)],
    ["backslashes", "\\".repeat(MB)],
    ["escaped braces", "\\{".repeat(MB / 2)],
    ["colons", ":".repeat(MB)],
    ["tildes in answers", `Q{${"~".repeat(MB)}}`],
    ["weights", `Q{=a ~${"%".repeat(MB)}}`],
    ["digits", `Q{#${"1".repeat(MB)}}`],
    ["dots", `Q{#1${".".repeat(MB)}}`],
    ["hashes", `Q{${"#".repeat(MB)}}`],
    ["arrows", `Q{${"=->".repeat(MB / 3)}}`],
    ["brackets", `${"[".repeat(MB)}{}`],
    ["angle brackets", `${"<".repeat(MB)}{}`],
    ["tags", `// ${"[tag:".repeat(MB / 5)}\nQ{}`],
    ["lines", "a\n".repeat(MB / 2) + "{T}"],
    ["category slashes", `$CATEGORY: ${"/".repeat(MB)}`],
    ["private use", "\ue000\ue01f".repeat(MB / 2)],
  ];
  test.each(cases)("1 MB of %s", (_, input) => {
    const start = performance.now();
    parseGift(input);
    expect(performance.now() - start).toBeLessThan(4_000);
  });
});

// ── Moodle's own GIFT texts (tests/fixtures/moodle-gift/README.md) ───────────────────────────

const fixture = (name: string) => parseGift(readFileSync(path.join(__dirname, "../fixtures/moodle-gift", name), "utf8"));
const summary = (items: ImportItem[]) => items.map((i) => `${i.line} ${i.draft?.type ?? "-"}${i.problems.length ? ` ${i.problems.map((p) => p.key).join(",")}` : ""}`);

describe("Moodle's GIFT fixtures (what is supported, what is reported)", () => {
  test("question/format/gift/examples.txt", () => {
    const result = fixture("examples.txt");
    expect(result.problems).toEqual([]);
    expect(summary(result.items)).toEqual([
      "8 SINGLE_CHOICE", "10 SINGLE_CHOICE", "12 TRUE_FALSE", "14 SHORT_ANSWER", "16 NUMERICAL",
      "25 SINGLE_CHOICE", "27 SINGLE_CHOICE", "29 SINGLE_CHOICE", "35 SINGLE_CHOICE", "43 SHORT_ANSWER",
      "45 SHORT_ANSWER", "49 TRUE_FALSE", "51 TRUE_FALSE", "55 MATCHING", "61 MATCHING",
      "70 NUMERICAL", "72 NUMERICAL", "74 NUMERICAL", "76 NUMERICAL", "85 NUMERICAL",
      "90 SHORT_ANSWER", "93 SINGLE_CHOICE", "98 SINGLE_CHOICE", "103 SHORT_ANSWER", "108 SHORT_ANSWER",
      "113 TRUE_FALSE", "115 SINGLE_CHOICE", "117 SINGLE_CHOICE", "123 SHORT_ANSWER", "130 MULTIPLE_CHOICE",
      "136 MULTIPLE_CHOICE", "143 SINGLE_CHOICE", "148 SINGLE_CHOICE", "167 SINGLE_CHOICE", "169 SINGLE_CHOICE",
      "171 TRUE_FALSE", "173 SHORT_ANSWER", "175 NUMERICAL", "177 MATCHING", "184 SINGLE_CHOICE",
      "190 SINGLE_CHOICE", "195 SHORT_ANSWER", "202 NUMERICAL",
    ]);
    const byLine = (line: number) => result.items.find((i) => i.line === line)!.draft!;
    expect(byLine(74).data).toEqual({ answers: [{ kind: "range", id: "a1", min: 3.141, max: 3.142, fraction: 1 }] });
    expect(byLine(108)).toMatchObject({ format: "markdown", text: "Who's buried in **Grant's tomb**?" });
    expect(byLine(143).data).toMatchObject({ options: [{ text: moodle("= 2 + 2") }, { text: moodle("= 2 + 3"), fraction: 1 }, { text: moodle("= 2 + 4") }] });
    const control = byLine(148);
    if (control.type !== "SINGLE_CHOICE") throw new Error(control.type);
    expect(control.data.options.map((o) => [o.text.text, o.fraction])).toEqual([["~", 0], ["=", 0], ["#", 0], ["{", 0], ["}", 0], ["\\", 1]]);
    expect(control.data.options[5]!.feedback!.text).toContain("Correct! \\ (backslash) is not a control character. BUT,\nit is used");
    expect(byLine(202).data).toEqual({
      answers: [
        { kind: "tolerance", id: "a1", value: 1822, tolerance: 0, fraction: 1, feedback: moodle("Correct! 100% credit") },
        { kind: "tolerance", id: "a2", value: 1822, tolerance: 2, fraction: 0.5, feedback: moodle("He was born in 1822.\nYou get 50% credit for being close.") },
      ],
    });
  });

  test("question/format/gift/tests/fixtures/questions.gift.txt", () => {
    const result = fixture("questions.gift.txt");
    expect(result.problems).toEqual([]);
    expect(summary(result.items)).toEqual([
      "2 ESSAY", "5 MATCHING", "14 SINGLE_CHOICE", "22 MULTIPLE_CHOICE",
      "31 NUMERICAL quizImport.gift.numericalOtherFeedback", "34 SHORT_ANSWER", "41 TRUE_FALSE", "46 TRUE_FALSE", "49 TRUE_FALSE",
    ]);
    // Moodle's own missing-word rule: the text after the braces ('";') keeps a blank.
    expect(result.items[4]!.draft!.text).toBe('What is a number from 1 to 5? _____";');
  });

  test("question/format/gift/tests/fixtures/questions_in_category.gift.txt", () => {
    const result = fixture("questions_in_category.gift.txt");
    expect(result.problems).toEqual([]);
    expect(summary(result.items)).toEqual(["5 MATCHING", "14 SINGLE_CHOICE", "22 SHORT_ANSWER", "27 TRUE_FALSE"]);
    expect(result.items.every((i) => i.draft!.category.join("/") === "Default for New Features")).toBe(true);
    expect(result.items[1]!.draft!.text).toBe('<a href="http://demo.moodle.net/file.php/5/media/bonjour.mp3">Listen to this greeting:</a><br /><br />What language is being spoken?');
    expect(result.items[1]!.draft!.format).toBe("html");
  });

  test("the GIFT texts of question/format/gift/tests/giftformat_test.php, with Moodle's expected values", () => {
    const result = fixture("giftformat_test-imports.gift.txt");
    expect(result.problems).toEqual([]);
    expect(summary(result.items)).toEqual([
      "4 ESSAY", "9 MATCHING", "20 SINGLE_CHOICE", "30 MULTIPLE_CHOICE", "41 MULTIPLE_CHOICE",
      "51 NUMERICAL quizImport.gift.numericalOtherFeedback", "56 SHORT_ANSWER", "65 SHORT_ANSWER", "75 TRUE_FALSE",
      "81 TRUE_FALSE", "86 TRUE_FALSE", "91 ESSAY", "95 ESSAY", "109 ESSAY",
    ]);
    const [essay, match, mc, multi, tricky, numerical, sa, saGeneral, tf, tf1, tf2, backslash, pre, tagged] = result.items.map((i) => i.draft!);
    expect(essay).toMatchObject({ name: "Q8", text: "How are you?", format: "moodle", defaultMark: 1 });
    expect(match).toMatchObject({ name: "Moodle activities", text: "Match the <b>activity</b> to the description.", format: "html" });
    expect(match!.data).toEqual({
      pairs: [
        { id: "p1", left: { text: "An activity supporting asynchronous discussions.", format: "html" }, right: "Forum" },
        { id: "p2", left: { text: "A teacher asks a question and specifies a choice of multiple responses.", format: "moodle" }, right: "Choice" },
        { id: "p3", left: { text: "A bank of record entries which participants can add to.", format: "plain" }, right: "Database" },
        { id: "p4", left: { text: "A collection of web pages that anyone can add to or edit.", format: "markdown" }, right: "Wiki" },
        { id: "p5", left: { text: "", format: "html" }, right: "Chat" },
      ],
    });
    expect(mc!.data).toEqual({
      options: [
        { id: "o1", text: moodle("yellow"), fraction: 1, feedback: moodle("right; good!") },
        { id: "o2", text: moodle("red"), fraction: 0, feedback: { text: "wrong, it's yellow", format: "html" } },
        { id: "o3", text: { text: "blue", format: "plain" }, fraction: 0, feedback: moodle("wrong, it's yellow") },
      ],
    });
    if (multi!.type !== "MULTIPLE_CHOICE" || tricky!.type !== "MULTIPLE_CHOICE") throw new Error("multiple choice expected");
    expect(multi!.data.options.map((o) => o.fraction)).toEqual([0.5, -1, 0.5, -1]);
    expect(tricky!.data.options.map((o) => o.fraction)).toEqual([1, -0.5, -0.5]);
    expect(numerical!.data).toEqual({ answers: [{ kind: "tolerance", id: "a1", value: 3, tolerance: 2, fraction: 1 }] });
    expect(sa!.data).toMatchObject({ answers: [{ text: "Frog", fraction: 1 }, { text: "Cat", fraction: 0.5 }, { text: "*", fraction: 0 }] });
    expect(saGeneral!.generalFeedback).toEqual({ text: "Here is some general feedback!", format: "html" });
    expect(tf!.data).toEqual({ answer: false, feedbackTrue: moodle("42 is the Ultimate Answer."), feedbackFalse: moodle("You gave the right answer.") });
    expect(tf1!.data).toEqual({ answer: true });
    expect(tf2).toMatchObject({ name: "2-08 TSL", text: "TSL is blablabla.", data: { answer: true } });
    expect(backslash!.text).toBe("A \\ B \\\\ C");
    // A file's lines are trimmed (Moodle's readquestions), so the <pre> block loses its indentation.
    expect(pre).toMatchObject({ format: "html", text: "<p>What would running the test method print?</p>\n<pre>\npublic void test() {\nmethod1();\nmethod2();\nmethod3();\n}\n</pre>" });
    expect(tagged).toMatchObject({ name: "Question name", tags: ["tag", "other-tag"] });
  });
});
