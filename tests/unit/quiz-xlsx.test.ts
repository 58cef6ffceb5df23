import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { toCsv, toXlsx } from "@/lib/imports/write";
import { EXAMPLE_ROWS, HEADER_ROW, parseQuestionXlsx, questionXlsxTemplate } from "@/lib/quizzes/formats/xlsx";
import { zip } from "@/lib/testing/zip";

const plain = (text: string) => ({ text, format: "plain" as const });
const workbook = (rows: readonly (readonly string[])[], header: readonly string[] = HEADER_ROW) => toXlsx([{ name: "Câu hỏi", rows: [header, ...rows] }]);
/** A row by column name; the rest empty. */
const row = (cells: Partial<Record<string, string>>) => HEADER_ROW.map((h) => cells[h] ?? "");
const parseRows = async (rows: Partial<Record<string, string>>[]) => parseQuestionXlsx(await workbook(rows.map(row)));
const problemsOf = async (cells: Partial<Record<string, string>>) => (await parseRows([cells])).items[0]!.problems.map((p) => [p.line, p.key, p.params]);

describe("parseQuestionXlsx", () => {
  test("the template's examples import as they are, one question per row, row numbers as lines", async () => {
    const result = await parseQuestionXlsx(await workbook(EXAMPLE_ROWS));
    expect(result.problems).toEqual([]);
    expect(result.items.map((i) => [i.line, i.draft?.type, i.problems])).toEqual([
      [2, "SINGLE_CHOICE", []],
      [3, "MULTIPLE_CHOICE", []],
      [4, "TRUE_FALSE", []],
      [5, "SHORT_ANSWER", []],
      [6, "NUMERICAL", []],
      [7, "ESSAY", []],
    ]);
    const [single, multiple, tf, short, numerical, essay] = result.items.map((i) => i.draft!);
    expect(single).toEqual({
      type: "SINGLE_CHOICE",
      name: "Thẩm quyền cấp phép",
      text: "Cơ quan nào cấp giấy phép xây dựng nhà ở riêng lẻ?",
      format: "plain",
      generalFeedback: plain("Theo Luật Xây dựng 2014."),
      defaultMark: 1,
      category: ["Xây dựng", "Cấp phép"],
      tags: ["cấp phép", "xây dựng"],
      data: {
        options: [
          { id: "o1", text: plain("UBND cấp huyện"), fraction: 1 },
          { id: "o2", text: plain("UBND cấp tỉnh"), fraction: 0 },
          { id: "o3", text: plain("Sở Tư pháp"), fraction: 0 },
        ],
      },
    });
    // Right options share the mark; the wrong one takes it all away.
    expect(multiple).toMatchObject({ name: "Những giấy tờ nào cần có trong hồ sơ đăng ký khai sinh?", defaultMark: 2 });
    if (multiple!.type !== "MULTIPLE_CHOICE") throw new Error(multiple!.type);
    expect(multiple!.data.options.map((o) => o.fraction)).toEqual([0.3333333, 0.3333333, -1, 0.3333333]);
    expect(tf!.data).toEqual({ answer: true });
    expect(short!.data).toEqual({
      answers: [
        { id: "a1", text: "Một cửa", fraction: 1 },
        { id: "a2", text: "Bộ phận một cửa", fraction: 1 },
      ],
      caseSensitive: false,
      ignoreDiacritics: false,
    });
    expect(numerical!.data).toEqual({ answers: [{ kind: "tolerance", id: "a1", value: 15, tolerance: 0, fraction: 1 }] });
    expect(essay).toMatchObject({ defaultMark: 5, data: { graderInfo: plain("Tiếp nhận, kiểm tra, ghi phiếu hẹn, chuyển xử lý.") } });
  });

  test("types by other spellings, answers in several notations, marks with a decimal comma", async () => {
    const result = await parseRows([
      { "Loại câu hỏi": "trac nghiem", "Nội dung": "Q", "Phương án A": "x", "Phương án C": "y", "Đáp án đúng": "c" },
      { "Loại câu hỏi": "NHIỀU LỰA CHỌN", "Nội dung": "Q", "Phương án A": "x", "Phương án B": "y", "Đáp án đúng": "a;b" },
      { "Loại câu hỏi": "Đúng / Sai", "Nội dung": "Q", "Đáp án đúng": "sai" },
      { "Loại câu hỏi": "Số", "Nội dung": "Q", "Đáp án đúng": "2,5 ± 0,5", "Điểm": "1,5" },
      { "Loại câu hỏi": "Số", "Nội dung": "Q", "Đáp án đúng": "1..3" },
      { "Loại câu hỏi": "Trả lời ngắn", "Nội dung": "Q", "Đáp án đúng": "Hà Nội\nHa Noi" },
      { "Loại câu hỏi": "Mô tả", "Nội dung": "Phần I" },
    ]);
    expect(result.items.map((i) => i.problems)).toEqual([[], [], [], [], [], [], []]);
    const d = result.items.map((i) => i.draft!);
    expect(d[0]!.data).toEqual({ options: [{ id: "o1", text: plain("x"), fraction: 0 }, { id: "o2", text: plain("y"), fraction: 1 }] });
    expect(d[1]!.data).toEqual({ options: [{ id: "o1", text: plain("x"), fraction: 0.5 }, { id: "o2", text: plain("y"), fraction: 0.5 }] });
    expect(d[2]!.data).toEqual({ answer: false });
    expect(d[3]).toMatchObject({ defaultMark: 1.5, data: { answers: [{ kind: "tolerance", value: 2.5, tolerance: 0.5 }] } });
    expect(d[4]!.data).toEqual({ answers: [{ kind: "range", id: "a1", min: 1, max: 3, fraction: 1 }] });
    expect(d[5]!.data).toMatchObject({ answers: [{ text: "Hà Nội" }, { text: "Ha Noi" }] });
    expect(d[6]).toMatchObject({ type: "DESCRIPTION", defaultMark: 0 });
  });

  test("each mistake is reported on its row", async () => {
    const Q = { "Nội dung": "Q" };
    expect(await problemsOf({ ...Q, "Loại câu hỏi": "Ghép đôi" })).toEqual([[2, "quizImport.xlsx.badType", { value: "Ghép đôi" }]]);
    expect(await problemsOf({ "Loại câu hỏi": "Tự luận" })).toEqual([[2, "quizImport.xlsx.missingText", undefined]]);
    expect(await problemsOf({ ...Q, "Loại câu hỏi": "Một lựa chọn", "Phương án A": "x", "Đáp án đúng": "A" })).toEqual([[2, "quizImport.xlsx.tooFewOptions", undefined]]);
    expect(await problemsOf({ ...Q, "Loại câu hỏi": "Một lựa chọn", "Phương án A": "x", "Phương án B": "y" })).toEqual([[2, "quizImport.xlsx.missingAnswer", undefined]]);
    expect(await problemsOf({ ...Q, "Loại câu hỏi": "Một lựa chọn", "Phương án A": "x", "Phương án B": "y", "Đáp án đúng": "D" })).toEqual([
      [2, "quizImport.xlsx.answerNotOption", { letter: "D" }],
    ]);
    expect(await problemsOf({ ...Q, "Loại câu hỏi": "Một lựa chọn", "Phương án A": "x", "Phương án B": "y", "Đáp án đúng": "A, B" })).toEqual([
      [2, "quizImport.xlsx.oneAnswerOnly", undefined],
    ]);
    expect(await problemsOf({ ...Q, "Loại câu hỏi": "Đúng/Sai", "Đáp án đúng": "Có" })).toEqual([[2, "quizImport.xlsx.badTrueFalse", { value: "Có" }]]);
    expect(await problemsOf({ ...Q, "Loại câu hỏi": "Số", "Đáp án đúng": "1.000,5" })).toEqual([[2, "quizImport.xlsx.badNumber", { value: "1.000,5" }]]);
    expect(await problemsOf({ ...Q, "Loại câu hỏi": "Số", "Đáp án đúng": "3..1" })).toEqual([[2, "quizImport.xlsx.badNumber", { value: "3..1" }]]);
    expect(await problemsOf({ ...Q, "Loại câu hỏi": "Tự luận", "Điểm": "-1" })).toEqual([[2, "quizImport.xlsx.badMark", { value: "-1" }]]);
    expect(await problemsOf({ ...Q, "Loại câu hỏi": "Trả lời ngắn", "Đáp án đúng": " | " })).toEqual([[2, "quizImport.xlsx.missingAnswer", undefined]]);
  });

  test("blank rows are skipped and the row numbers stay the spreadsheet's; NFD cells are stored in NFC", async () => {
    const result = await parseQuestionXlsx(
      await workbook([row({ "Loại câu hỏi": "Tự luận", "Nội dung": "A" }), row({}), row({ "Loại câu hỏi": "Tự luận", "Nội dung": "Thủ tục hành chính".normalize("NFD") })]),
    );
    expect(result.items.map((i) => [i.line, i.draft?.text])).toEqual([
      [2, "A"],
      [4, "Thủ tục hành chính".normalize("NFC")],
    ]);
  });

  test("headers in any order, by other spellings, unknown columns ignored; a missing type or text column refuses the file", async () => {
    const bytes = await toXlsx([{ name: "x", rows: [["Ghi chú", "NỘI DUNG", "loai"], ["bỏ qua", "Q", "Tự luận"]] }]);
    const result = await parseQuestionXlsx(bytes);
    expect(result.items.map((i) => i.draft?.type)).toEqual(["ESSAY"]);
    const missing = await parseQuestionXlsx(await toXlsx([{ name: "x", rows: [["Tên", "Điểm"], ["a", "1"]] }]));
    expect(missing).toEqual({ items: [], problems: [{ line: 1, key: "quizImport.xlsx.missingColumns", params: { columns: "«Loại câu hỏi», «Nội dung»" } }] });
    expect(await parseQuestionXlsx(await workbook([]))).toEqual({ items: [], problems: [{ line: 0, key: "quizImport.file.noQuestions" }] });
  });

  test("a UTF-8 CSV with the same headers reads the same", async () => {
    const result = await parseQuestionXlsx(toCsv([HEADER_ROW, ...EXAMPLE_ROWS]));
    expect(result.items.map((i) => [i.line, i.draft?.type])).toEqual(EXAMPLE_ROWS.map((_, i) => [i + 2, expect.any(String)]));
    expect(result.items.every((i) => i.problems.length === 0)).toBe(true);
  });

  test("hostile files go through lib/imports' guards (decision 030) and come back as file problems", async () => {
    const utf8 = (s: string) => new TextEncoder().encode(s);
    const bomb = zip([
      { name: "[Content_Types].xml", data: utf8("<x/>") },
      { name: "xl/workbook.xml", data: new Uint8Array(60 * 1024 * 1024) },
    ]);
    expect(await parseQuestionXlsx(bomb)).toEqual({ items: [], problems: [{ line: 0, key: "imports.zipLimits" }] });
    const docx = zip([{ name: "[Content_Types].xml", data: utf8("<x/>") }, { name: "word/document.xml", data: utf8("<x/>") }]);
    expect(await parseQuestionXlsx(docx)).toEqual({ items: [], problems: [{ line: 0, key: "imports.notXlsx" }] });
    expect(await parseQuestionXlsx(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual({ items: [], problems: [{ line: 0, key: "imports.legacyXls" }] });
    expect(await parseQuestionXlsx(new Uint8Array())).toEqual({ items: [], problems: [{ line: 0, key: "imports.empty" }] });
  });

  test("a formula cell is never evaluated: its text is data", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Câu hỏi");
    ws.addRow(HEADER_ROW);
    ws.addRow(["Tự luận", "", { formula: "HYPERLINK(\"http://x\")" }]);
    const result = await parseQuestionXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(result.items[0]!.draft!.text).toBe('=HYPERLINK("http://x")');
  });
});

describe("questionXlsxTemplate", () => {
  test("a «Câu hỏi» sheet with the Vietnamese headers, read on import, and a «Hướng dẫn» sheet with the examples", async () => {
    const bytes = await questionXlsxTemplate();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Câu hỏi", "Hướng dẫn"]);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([
      undefined, "Loại câu hỏi", "Tên", "Nội dung", "Phương án A", "Phương án B", "Phương án C", "Phương án D", "Phương án E", "Phương án F",
      "Đáp án đúng", "Điểm", "Danh mục", "Thẻ", "Phản hồi chung",
    ]);
    const guide = wb.worksheets[1]!;
    const texts: string[] = [];
    guide.eachRow((r) => texts.push((r.values as unknown[]).filter((v) => typeof v === "string" && v !== "").join(" | ")));
    expect(texts.join("\n")).toContain("Một lựa chọn, Nhiều lựa chọn, Đúng/Sai, Trả lời ngắn, Số, Tự luận, Mô tả");
    for (const example of EXAMPLE_ROWS) expect(texts).toContain(example.filter(Boolean).join(" | "));
    // The template itself holds no question: importing it unchanged says so.
    expect(await parseQuestionXlsx(new Uint8Array(bytes))).toEqual({ items: [], problems: [{ line: 0, key: "quizImport.file.noQuestions" }] });
  });
});
