import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { exportGift } from "@/lib/quizzes/formats/gift-export";
import { parseGift } from "@/lib/quizzes/formats/gift";
import { questionDraft, TEXT_FORMATS, type QuestionDraft } from "@/lib/quizzes/question-types";

// Characters GIFT reserves, Vietnamese letters (NFC), brackets that could look like format
// markers, a percent sign that could look like a weight, a private-use character like the
// parser's own placeholders, and line breaks inside a text.
const CHARS = ["a", "b", "n", "T", "Ệ", "ữ", "ờ", "đ", "ắ", " ", "~", "=", "#", "{", "}", ":", "\\", "%", "[", "]", "-", "/", "$", "_", "\n", "\ue000", "\ue01f", "5", "."];
const raw = (min: number) => fc.array(fc.constantFrom(...CHARS), { minLength: min, maxLength: 14 }).map((cs) => cs.join(""));
// Trimmed texts (GIFT trims), never "->" (GIFT has no escape for it: decision 081).
const clean = (s: string) => s.trim() === s && !s.includes("->");
const text = (min = 1) =>
  fc.oneof({ weight: 4, arbitrary: raw(min) }, { weight: 1, arbitrary: raw(min).map((s) => `[html]${s}`) }).filter((s) => clean(s) && s.length >= min);
const format = fc.constantFrom(...TEXT_FORMATS);
const rich = fc.record({ text: text(), format });
const feedback = fc.option(rich, { nil: undefined });
const name = raw(1).map((s) => s.replace(/\s+/g, " ").trim()).filter((s) => s.length > 0);
const word = fc.constantFrom("CCHC", "Một cửa", "An toàn", "PCCC", "Kỹ năng số", "x=y", "a:b", "#1");
const fraction = fc.constantFrom(1, 0.9, 0.8333333, 0.75, 0.5, 0.3333333, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0, -0.05, -0.25, -0.5, -1);
const number = fc.oneof(fc.integer({ min: -100000, max: 100000 }), fc.double({ min: -1e9, max: 1e9, noNaN: true })).map((n) => (Object.is(n, -0) ? 0 : n));

const options = fc.array(fc.record({ text: rich, fraction, feedback }), { minLength: 2, maxLength: 6 }).map((list) => list.map((o, i) => ({ id: `o${i + 1}`, ...o })));

const data = fc.oneof(
  options.map((opts) => ({ type: "SINGLE_CHOICE" as const, data: { options: [{ ...opts[0]!, fraction: 1 }, ...opts.slice(1)] } })),
  options.map((opts) => ({ type: "MULTIPLE_CHOICE" as const, data: { options: [{ ...opts[0]!, fraction: 0.5 }, ...opts.slice(1)] } })),
  fc.record({ answer: fc.boolean(), feedbackTrue: feedback, feedbackFalse: feedback }).map((d) => ({ type: "TRUE_FALSE" as const, data: d })),
  fc
    .array(fc.record({ text: text(), fraction, feedback }), { minLength: 1, maxLength: 4 })
    .map((list) => ({
      type: "SHORT_ANSWER" as const,
      data: { answers: list.map((a, i) => ({ id: `a${i + 1}`, ...a, fraction: i === 0 ? 1 : a.fraction })), caseSensitive: false, ignoreDiacritics: false },
    })),
  fc
    .array(fc.record({ left: fc.record({ text: fc.oneof(text(), fc.constant("")), format }), right: text() }), { minLength: 2, maxLength: 5 })
    .map((list) => ({ type: "MATCHING" as const, data: { pairs: list.map((p, i) => ({ id: `p${i + 1}`, ...p })) } })),
  fc
    .array(
      fc.oneof(
        fc.record({ kind: fc.constant("tolerance" as const), value: number, tolerance: number.map(Math.abs), fraction, feedback }),
        fc.tuple(number, number, fraction, feedback).map(([x, y, f, fb]) => ({ kind: "range" as const, min: Math.min(x, y), max: Math.max(x, y), fraction: f, feedback: fb })),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((list) => ({ type: "NUMERICAL" as const, data: { answers: list.map((a, i) => ({ ...a, id: `a${i + 1}`, fraction: i === 0 ? 1 : a.fraction })) } })),
  fc.constant({ type: "ESSAY" as const, data: {} }),
  fc.constant({ type: "DESCRIPTION" as const, data: {} }),
);

const draft: fc.Arbitrary<QuestionDraft> = fc
  .record({
    kind: data,
    name,
    text: fc.oneof(text(0), fc.constant("")),
    format,
    generalFeedback: feedback,
    category: fc.array(word, { maxLength: 3 }),
    tags: fc.uniqueArray(fc.constantFrom("an toàn", "PCCC", "tag]x", "Nghị định 30"), { maxLength: 3 }),
  })
  .map(({ kind, ...rest }) =>
    questionDraft.parse({
      ...rest,
      ...kind,
      // GIFT has no marks: Moodle gives 1, a description 0. A description has no answer part, so no general feedback.
      defaultMark: kind.type === "DESCRIPTION" ? 0 : 1,
      generalFeedback: kind.type === "DESCRIPTION" ? undefined : rest.generalFeedback,
    }),
  );

describe("exportGift → parseGift", () => {
  test("gives back the same drafts, for every type, with reserved characters and Vietnamese text", () => {
    fc.assert(
      fc.property(fc.array(draft, { minLength: 1, maxLength: 6 }), (drafts) => {
        const gift = exportGift(drafts);
        const result = parseGift(gift);
        expect(result.problems).toEqual([]);
        expect(result.items.map((i) => i.problems)).toEqual(drafts.map(() => []));
        expect(result.items.map((i) => i.draft)).toEqual(drafts);
      }),
      { numRuns: 300 },
    );
  });

  test("a line break in a tag cannot break the comment line it is written on", () => {
    const d = questionDraft.parse({ type: "ESSAY", name: "E", text: "T", format: "moodle", defaultMark: 1, tags: ["an\ntoàn"], data: {} });
    const parsed = parseGift(exportGift([d]));
    expect(parsed.items.map((i) => [i.draft?.text, i.draft?.tags])).toEqual([["T", ["an toàn"]]]);
  });

  test("NFD input reads as NFC", () => {
    const nfc: QuestionDraft = questionDraft.parse({
      type: "ESSAY",
      name: "Thủ tục hành chính",
      text: "Nêu các bước tiếp nhận hồ sơ tại Bộ phận Một cửa.",
      format: "moodle",
      defaultMark: 1,
      data: {},
    });
    const parsed = parseGift(exportGift([nfc]).normalize("NFD"));
    expect(parsed.items[0]!.draft).toEqual(nfc);
  });
});
