import { AppError } from "@/lib/errors";
import { foldHeader } from "@/lib/imports/columns";
import { readTable } from "@/lib/imports/parse";
import { toXlsx } from "@/lib/imports/write";
import { foldForSearch } from "@/lib/text";
import type { QuestionDraft, QuestionType } from "../question-types";
import { defaultMarkFor, makeItem, questionName } from "./draft";
import { readNumber } from "./gift";
import { MAX_IMPORT_QUESTIONS, type ImportItem, type ImportProblem, type ImportResult } from "./types";

// One question per row (docs/decisions/081). The file is as hostile as any import
// (docs/decisions/030): lib/imports' readTable types it by content, checks the ZIP on a budget and
// never evaluates a formula; an XLSX or a UTF-8 CSV with the same headers is read.

export const OPTION_LETTERS = ["A", "B", "C", "D", "E", "F"] as const;
type Letter = (typeof OPTION_LETTERS)[number];

const COLUMNS = ["type", "name", "text", ...OPTION_LETTERS.map((l) => `option${l}` as const), "answer", "mark", "category", "tags", "generalFeedback"] as const;
type Column = (typeof COLUMNS)[number];

/** The headers the template writes. */
export const QUESTION_HEADERS: Record<Column, string> = {
  type: "Loại câu hỏi",
  name: "Tên",
  text: "Nội dung",
  optionA: "Phương án A",
  optionB: "Phương án B",
  optionC: "Phương án C",
  optionD: "Phương án D",
  optionE: "Phương án E",
  optionF: "Phương án F",
  answer: "Đáp án đúng",
  mark: "Điểm",
  category: "Danh mục",
  tags: "Thẻ",
  generalFeedback: "Phản hồi chung",
};

/** Other spellings accepted, folded (no case, diacritics or parenthesis). */
const ALIASES: Partial<Record<Column, string[]>> = {
  type: ["loai", "kieu cau hoi", "type", "question type"],
  name: ["ten cau hoi", "name"],
  text: ["cau hoi", "noi dung cau hoi", "text", "question"],
  answer: ["dap an", "answer", "correct answer"],
  mark: ["diem so", "mark", "points"],
  category: ["chuyen muc", "category"],
  tags: ["tag", "tags"],
  generalFeedback: ["phan hoi", "general feedback", "feedback"],
};

const COLUMN_BY_HEADER = new Map<string, Column>(
  COLUMNS.flatMap((c) => [foldHeader(QUESTION_HEADERS[c]), ...(ALIASES[c] ?? [])].map((h) => [h, c] as const)),
);
for (const l of OPTION_LETTERS) COLUMN_BY_HEADER.set(`option ${l.toLowerCase()}`, `option${l}`);

/** "Loại câu hỏi" values (folded) → type. The template writes the first of each. */
export const TYPE_NAMES: Record<Exclude<QuestionType, "MATCHING">, string[]> = {
  SINGLE_CHOICE: ["mot lua chon", "trac nghiem", "trac nghiem mot dap an", "chon mot", "single choice", "single"],
  MULTIPLE_CHOICE: ["nhieu lua chon", "trac nghiem nhieu dap an", "chon nhieu", "multiple choice", "multiple"],
  TRUE_FALSE: ["dung sai", "true false", "truefalse"],
  SHORT_ANSWER: ["tra loi ngan", "dien tu", "short answer", "shortanswer"],
  NUMERICAL: ["so", "dang so", "cau hoi so", "numerical", "number"],
  ESSAY: ["tu luan", "essay"],
  DESCRIPTION: ["mo ta", "doan mo ta", "description"],
};
const TYPE_BY_NAME = new Map<string, QuestionType>(Object.entries(TYPE_NAMES).flatMap(([t, names]) => names.map((n) => [n, t as QuestionType] as const)));

/** The name of a type as the template writes it ("Một lựa chọn"…). */
export const TYPE_LABELS: Record<Exclude<QuestionType, "MATCHING">, string> = {
  SINGLE_CHOICE: "Một lựa chọn",
  MULTIPLE_CHOICE: "Nhiều lựa chọn",
  TRUE_FALSE: "Đúng/Sai",
  SHORT_ANSWER: "Trả lời ngắn",
  NUMERICAL: "Số",
  ESSAY: "Tự luận",
  DESCRIPTION: "Mô tả",
};

const fold = (s: string) => foldForSearch(s).replace(/[^a-z0-9]+/g, " ").trim();

/**
 * Questions from a spreadsheet: the first row holds the headers (any order, other columns
 * ignored), each following non-empty row is one question whose `line` is its row number.
 * File problems (not a workbook, a zip bomb, missing columns…) come back in `problems`.
 */
export async function parseQuestionXlsx(bytes: Uint8Array): Promise<ImportResult> {
  let table: Awaited<ReturnType<typeof readTable>>["table"];
  try {
    ({ table } = await readTable(bytes));
  } catch (e) {
    if (e instanceof AppError) return { items: [], problems: [{ line: 0, key: e.messageKey, ...(e.params ? { params: e.params } : {}) }] };
    throw e;
  }
  const rows = table.filter((r) => r.cells.some((c) => c.trim() !== ""));
  const header = rows[0];
  if (!header) return { items: [], problems: [{ line: 0, key: "quizImport.file.noQuestions" }] };
  const index: Partial<Record<Column, number>> = {};
  header.cells.forEach((h, i) => {
    const column = COLUMN_BY_HEADER.get(foldHeader(h));
    if (column && index[column] === undefined) index[column] = i;
  });
  const missing = (["type", "text"] as const).filter((c) => index[c] === undefined);
  if (missing.length > 0) {
    return { items: [], problems: [{ line: header.line, key: "quizImport.xlsx.missingColumns", params: { columns: missing.map((c) => `«${QUESTION_HEADERS[c]}»`).join(", ") } }] };
  }
  const data = rows.slice(1);
  if (data.length === 0) return { items: [], problems: [{ line: 0, key: "quizImport.file.noQuestions" }] };
  if (data.length > MAX_IMPORT_QUESTIONS) return { items: [], problems: [{ line: 0, key: "quizImport.file.tooManyQuestions", params: { max: MAX_IMPORT_QUESTIONS } }] };
  const items = data.map(({ cells, line }) => {
    const get = (c: Column) => {
      const i = index[c];
      return i === undefined ? "" : (cells[i] ?? "").trim();
    };
    return rowItem(line, get);
  });
  return { items, problems: [] };
}

/** A mark, a number: "2", "2.5", "2,5" (Vietnamese decimal comma). */
function readDecimal(text: string): number | null {
  const t = text.trim();
  if (t.includes(",") && t.includes(".")) return null;
  return readNumber(t.replace(",", "."));
}

function rowItem(line: number, get: (c: Column) => string): ImportItem {
  const errors: ImportProblem[] = [];
  const err = (key: ImportProblem["key"], params?: ImportProblem["params"]) => errors.push({ line, key, ...(params ? { params } : {}) });
  const text = get("text");
  const name = questionName(get("name") || null, text, line);
  const typeText = get("type");
  const type = TYPE_BY_NAME.get(fold(typeText));
  if (!type) {
    err("quizImport.xlsx.badType", { value: typeText });
    return makeItem(line, name, null, errors);
  }
  if (text === "") err("quizImport.xlsx.missingText");

  let defaultMark = defaultMarkFor(type);
  const markText = get("mark");
  if (markText !== "") {
    const mark = readDecimal(markText);
    if (mark === null || mark < 0 || mark > 1000) err("quizImport.xlsx.badMark", { value: markText });
    else defaultMark = mark;
  }
  const generalFeedback = get("generalFeedback");
  const base = {
    name,
    text,
    format: "plain" as const,
    ...(generalFeedback ? { generalFeedback: { text: generalFeedback, format: "plain" as const } } : {}),
    defaultMark,
    category: get("category").split("/").map((s) => s.trim()).filter(Boolean),
    tags: [...new Set(get("tags").split(/[,;]/).map((s) => s.trim()).filter(Boolean))],
  };
  const answer = get("answer");
  const data = typeData(type, answer, get, err);
  if (data === null || errors.length > 0) return makeItem(line, name, null, errors);
  return makeItem(line, name, { ...base, ...data } as QuestionDraft, []);
}

type Err = (key: ImportProblem["key"], params?: ImportProblem["params"]) => void;

/** Moodle's fraction for one of n equal shares, to 7 decimals (1/3 → 0.3333333). */
const share = (n: number) => Math.round((1 / n) * 1e7) / 1e7;

function typeData(type: QuestionType, answer: string, get: (c: Column) => string, err: Err): Pick<QuestionDraft, "type" | "data"> | null {
  const fail = (key: ImportProblem["key"], params?: ImportProblem["params"]) => {
    err(key, params);
    return null;
  };
  switch (type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE": {
      const options = OPTION_LETTERS.map((letter) => ({ letter, text: get(`option${letter}`) })).filter((o) => o.text !== "");
      if (options.length < 2) return fail("quizImport.xlsx.tooFewOptions");
      // "A", "A, C", "a;c", "A C", "AC".
      const letters = [...new Set(answer.toUpperCase().replace(/[^A-Z]/g, "").split(""))];
      if (letters.length === 0) return fail("quizImport.xlsx.missingAnswer");
      const unknown = letters.find((l) => !options.some((o) => o.letter === l));
      if (unknown) return fail("quizImport.xlsx.answerNotOption", { letter: unknown });
      if (type === "SINGLE_CHOICE" && letters.length > 1) return fail("quizImport.xlsx.oneAnswerOnly");
      // Multiple choice: the right options share the mark; each wrong one takes an equal share
      // away, so ticking everything is not full marks (Moodle's usual setting).
      const right = share(letters.length);
      const wrongCount = options.length - letters.length;
      const wrong = wrongCount > 0 && type === "MULTIPLE_CHOICE" ? -share(wrongCount) : 0;
      return {
        type,
        data: { options: options.map((o, i) => ({ id: `o${i + 1}`, text: { text: o.text, format: "plain" as const }, fraction: letters.includes(o.letter as Letter) ? right : wrong })) },
      };
    }
    case "TRUE_FALSE": {
      const value = fold(answer);
      if (["dung", "d", "true", "t"].includes(value)) return { type, data: { answer: true } };
      if (["sai", "s", "false", "f"].includes(value)) return { type, data: { answer: false } };
      return answer === "" ? fail("quizImport.xlsx.missingAnswer") : fail("quizImport.xlsx.badTrueFalse", { value: answer });
    }
    case "SHORT_ANSWER": {
      // Accepted answers: one per line in the cell, or separated by "|"; each gives full marks.
      const answers = [...new Set(answer.split(/[|\n]/).map((s) => s.trim()).filter(Boolean))];
      if (answers.length === 0) return fail("quizImport.xlsx.missingAnswer");
      return { type, data: { answers: answers.map((text, i) => ({ id: `a${i + 1}`, text, fraction: 1 })), caseSensitive: false, ignoreDiacritics: false } };
    }
    case "NUMERICAL": {
      if (answer === "") return fail("quizImport.xlsx.missingAnswer");
      // "2", "2,5", "2 ± 0,5", "2:0.5", "1..3".
      const range = answer.indexOf("..");
      if (range > 0) {
        const min = readDecimal(answer.slice(0, range));
        const max = readDecimal(answer.slice(range + 2));
        if (min === null || max === null || min > max) return fail("quizImport.xlsx.badNumber", { value: answer });
        return { type, data: { answers: [{ kind: "range", id: "a1", min, max, fraction: 1 }] } };
      }
      const [valueText = "", toleranceText = "0", extra] = answer.split(/±|\+\/-|:/);
      const value = readDecimal(valueText);
      const tolerance = readDecimal(toleranceText);
      if (extra !== undefined || value === null || tolerance === null || tolerance < 0) return fail("quizImport.xlsx.badNumber", { value: answer });
      return { type, data: { answers: [{ kind: "tolerance", id: "a1", value, tolerance, fraction: 1 }] } };
    }
    case "ESSAY":
      // A model answer, for the trainer who marks it.
      return { type, data: answer ? { graderInfo: { text: answer, format: "plain" as const } } : {} };
    case "DESCRIPTION":
      return { type, data: {} };
    case "MATCHING":
      return null; // not in TYPE_BY_NAME: matching needs pairs, which a row does not hold (use GIFT).
  }
}

// ── Template ─────────────────────────────────────────────────────────────────────────────────

/** The header row of the «Câu hỏi» sheet. */
export const HEADER_ROW = COLUMNS.map((c) => QUESTION_HEADERS[c]);

/** Example rows, one per type, in the template's instructions sheet (and imported as they are by the tests). */
export const EXAMPLE_ROWS: readonly (readonly string[])[] = [
  ["Một lựa chọn", "Thẩm quyền cấp phép", "Cơ quan nào cấp giấy phép xây dựng nhà ở riêng lẻ?", "UBND cấp huyện", "UBND cấp tỉnh", "Sở Tư pháp", "", "", "", "A", "1", "Xây dựng/Cấp phép", "cấp phép, xây dựng", "Theo Luật Xây dựng 2014."],
  ["Nhiều lựa chọn", "", "Những giấy tờ nào cần có trong hồ sơ đăng ký khai sinh?", "Tờ khai theo mẫu", "Giấy chứng sinh", "Sổ đỏ", "Giấy đăng ký kết hôn (nếu có)", "", "", "A, B, D", "2", "Hộ tịch", "khai sinh", ""],
  ["Đúng/Sai", "", "Thời hạn giải quyết đăng ký khai sinh là ngay trong ngày.", "", "", "", "", "", "", "Đúng", "1", "Hộ tịch", "", ""],
  ["Trả lời ngắn", "", "Bộ phận tiếp nhận và trả kết quả thường được gọi là bộ phận gì?", "", "", "", "", "", "", "Một cửa | Bộ phận một cửa", "1", "", "", ""],
  ["Số", "", "Thời hạn giải quyết thủ tục X là bao nhiêu ngày làm việc?", "", "", "", "", "", "", "15 ± 0", "1", "", "", ""],
  ["Tự luận", "", "Nêu các bước tiếp nhận hồ sơ tại Bộ phận Một cửa.", "", "", "", "", "", "", "Tiếp nhận, kiểm tra, ghi phiếu hẹn, chuyển xử lý.", "5", "", "", ""],
];

const INSTRUCTIONS: readonly (readonly string[])[] = [
  ["Cột", "Cách ghi"],
  [QUESTION_HEADERS.type, `Bắt buộc. Một trong: ${Object.values(TYPE_LABELS).join(", ")}.`],
  [QUESTION_HEADERS.name, "Không bắt buộc. Để trống thì lấy phần đầu của nội dung."],
  [QUESTION_HEADERS.text, "Bắt buộc. Nội dung câu hỏi (có thể xuống dòng trong ô bằng Alt+Enter)."],
  ["Phương án A … F", "Các phương án của câu một lựa chọn hoặc nhiều lựa chọn (ít nhất 2)."],
  [
    QUESTION_HEADERS.answer,
    "Một lựa chọn: một chữ cái (A). Nhiều lựa chọn: các chữ cái, ví dụ «A, C» — các phương án đúng chia đều điểm, mỗi phương án sai bị trừ một phần bằng nhau. Đúng/Sai: «Đúng» hoặc «Sai». Trả lời ngắn: các câu trả lời được chấp nhận, mỗi dòng một câu hoặc cách nhau bởi «|». Số: một số (2,5), có thể kèm sai số («15 ± 1» hoặc «15:1») hoặc một khoảng («1..3»). Tự luận: đáp án mẫu cho người chấm (không bắt buộc).",
  ],
  [QUESTION_HEADERS.mark, "Không bắt buộc. Điểm mặc định của câu hỏi; để trống là 1."],
  [QUESTION_HEADERS.category, "Không bắt buộc. Danh mục trong ngân hàng, các cấp cách nhau bởi «/», ví dụ «Hộ tịch/Khai sinh»."],
  [QUESTION_HEADERS.tags, "Không bắt buộc. Các thẻ cách nhau bởi dấu phẩy."],
  [QUESTION_HEADERS.generalFeedback, "Không bắt buộc. Hiện cho học viên sau khi trả lời (tùy cài đặt của bài kiểm tra)."],
  ["", ""],
  ["Ví dụ", "Mỗi dòng dưới đây là một câu hỏi; có thể sao chép sang trang «Câu hỏi»."],
  HEADER_ROW,
  ...EXAMPLE_ROWS,
];

/** The XLSX template: the «Câu hỏi» sheet (headers only; it is the sheet read on import) and a «Hướng dẫn» sheet with examples. */
export async function questionXlsxTemplate(): Promise<Buffer> {
  const bytes = await toXlsx([
    { name: "Câu hỏi", rows: [HEADER_ROW], widths: [16, 20, 50, 24, 24, 24, 24, 24, 24, 18, 8, 24, 20, 30] },
    { name: "Hướng dẫn", rows: INSTRUCTIONS, widths: [24, 90, 40, 24, 24, 24, 24, 24, 24, 18, 8, 24, 20, 30] },
  ]);
  return Buffer.from(bytes);
}
