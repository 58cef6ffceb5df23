import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import { AppError } from "@/lib/errors";
import type { MessageKey, Params } from "@/lib/i18n/messages";
import { IMPORT_FIELDS, mapColumns, TEMPLATE_HEADERS, type ColumnMap, type RowValues } from "./columns";
import { IMPORT_LIMITS } from "./limits";
import { inspectZip, ZipRejected, type ZipProblem } from "./zip";

export { IMPORT_LIMITS };

export type FileKind = "csv" | "xlsx";

/** One data row of the file, by field; `line` is the row number the person sees in their spreadsheet. */
export type SourceRow = { line: number; values: RowValues };

export type ParsedFile = {
  kind: FileKind;
  columns: ColumnMap;
  rows: SourceRow[];
};

/** A problem with the whole file: nothing in it can be previewed. */
export function fileError(messageKey: MessageKey, params?: Params): AppError {
  return new AppError("VALIDATION", messageKey, { field: "file", params });
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // legacy .xls, .doc

/**
 * What the file is, by its content; the name and the browser's MIME type are not trusted.
 * A ZIP must still pass `inspectZip` and contain a workbook; text must be valid UTF-8 (or UTF-16
 * with a BOM) without control characters.
 */
export function detectKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) throw fileError("imports.empty");
  if (bytes.length > IMPORT_LIMITS.maxBytes) throw new AppError("TOO_LARGE", "imports.tooLarge", { field: "file" });
  if (startsWith(bytes, ZIP_MAGIC)) return "xlsx";
  if (startsWith(bytes, OLE_MAGIC)) throw fileError("imports.legacyXls");
  return "csv";
}

/** Parses an upload into rows of strings (NFC), mapped to the import's fields by header. */
export async function parseImportFile(bytes: Uint8Array): Promise<ParsedFile> {
  const { kind, table } = await readTable(bytes);
  return toRows(kind, table);
}

export type Table = { cells: string[]; line: number }[];

/**
 * An upload's first visible sheet (XLSX, typed by content) or its CSV text as rows of cleaned
 * strings with their row numbers, within IMPORT_LIMITS. Every spreadsheet import starts here.
 */
export async function readTable(bytes: Uint8Array): Promise<{ kind: FileKind; table: Table }> {
  const kind = detectKind(bytes);
  return { kind, table: kind === "xlsx" ? await readXlsx(bytes) : await readCsv(bytes) };
}

function toRows(kind: FileKind, table: Table): ParsedFile {
  const nonEmpty = table.filter((r) => r.cells.some((c) => c.trim() !== ""));
  const header = nonEmpty[0];
  if (!header) throw fileError("imports.noRows");
  const columns = mapColumns(header.cells);
  if (columns.duplicated.length > 0) throw fileError("imports.duplicateColumn", { columns: columns.duplicated.join(", ") });
  if (columns.missing.length > 0) throw fileError("imports.missingColumns", { columns: columns.missing.map((f) => `«${TEMPLATE_HEADERS[f]}»`).join(", ") });
  const data = nonEmpty.slice(1);
  if (data.length === 0) throw fileError("imports.noRows");
  if (data.length > IMPORT_LIMITS.maxRows) throw fileError("imports.tooManyRows");
  const rows = data.map(({ cells, line }) => {
    const values = {} as RowValues;
    for (const field of IMPORT_FIELDS) {
      const i = columns.index[field];
      values[field] = i === undefined ? "" : (cells[i] ?? "");
    }
    return { line, values };
  });
  return { kind, columns, rows };
}

/** A cell as the importer keeps it: NFC, and our own formula escape (a leading ') undone. */
export function cleanCell(text: string): string {
  const nfc = text.normalize("NFC");
  return /^'[=+\-@\t\r]/.test(nfc) ? nfc.slice(1) : nfc;
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────────

/** Text of a CSV upload: UTF-8 with or without BOM, or UTF-16 with a BOM (Excel's "Unicode text"). */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    if (startsWith(bytes, [0xef, 0xbb, 0xbf])) text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(3));
    else if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2));
    else if (startsWith(bytes, [0xfe, 0xff])) text = new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2));
    else text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Probably a binary file, or a CSV saved in a Windows code page (Excel's plain "CSV").
    throw fileError("imports.notText");
  }
  // Text files have no NULs or other C0 controls besides tab and line breaks: this is something else.
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) throw fileError("imports.unsupportedType");
  return text;
}

/** The separator of a CSV: whichever of , ; or tab occurs most often outside quotes in its first line. */
export function detectSeparator(text: string): string {
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",";
  for (const [sep, n] of counts) if (n > counts.get(best)!) best = sep;
  return best;
}

/** The longest record (in characters) a CSV may hold: 200 columns of generous text, not a 10 MB line. */
export const MAX_CSV_RECORD_CHARS = 256 * 1024;

/**
 * Records and empty lines read before the file is refused: the header, the row limit and a margin
 * of blank lines (spacing in a hand-made file) — not a file of line breaks.
 */
const MAX_CSV_LINES = IMPORT_LIMITS.maxRows + 1 + 1_000;

/**
 * Separators on one physical line beyond which it cannot be a row of at most maxColumns cells,
 * even with quoted text full of commas: a line of nothing but separators is refused before the
 * parser builds a record of millions of empty cells.
 */
const MAX_SEPARATORS_PER_LINE = IMPORT_LIMITS.maxColumns * 10;

/** Text fed to the parser in pieces of this many characters: reading stops as soon as a limit is met. */
const CSV_CHUNK_CHARS = 16 * 1024;

type CsvProblem = { code?: string };

/**
 * A CSV as rows of cleaned cells, read by csv-parse (a streaming parser; RFC 4180 with the usual
 * leniencies: quoted fields may hold separators, quotes ("") and line breaks; CRLF, LF or CR end
 * a record; a quote inside an unquoted field is kept as text). Each row carries its record number
 * (1 = the header), which is the row number a spreadsheet shows; blank records are counted for
 * numbering but not kept. The text is fed in pieces and reading stops at once — not after the
 * whole file — when the data rows pass IMPORT_LIMITS.maxRows (blank records included, beyond a
 * margin), a record passes MAX_CSV_RECORD_CHARS, or a line the column limit: a file of 10 MB of
 * line breaks, or one 10 MB line, is refused in a fraction of a second with memory flat
 * (docs/decisions/032).
 */
export async function parseCsv(text: string, separator = detectSeparator(text)): Promise<Table> {
  const table: Table = [];
  let line = 0;
  let refused: AppError | null = null;
  const refuse = (e: AppError) => {
    refused ??= e;
    return null;
  };
  const parser = parse({
    delimiter: separator,
    record_delimiter: ["\r\n", "\n", "\r"],
    quote: '"',
    escape: '"',
    relax_quotes: true,
    relax_column_count: true,
    // Empty lines are skipped by the parser itself (fast) and counted in its info.
    skip_empty_lines: true,
    max_record_size: MAX_CSV_RECORD_CHARS,
    // Every record passes here and none is queued: the parser holds one record at a time.
    on_record: (record: string[], context: { records: number; empty_lines: number }) => {
      if (refused) return null;
      // The spreadsheet row: records so far (this one included) and the empty lines skipped before it.
      line = context.records + context.empty_lines;
      if (record.length > IMPORT_LIMITS.maxColumns) return refuse(fileError("imports.tooManyColumns"));
      if (line > MAX_CSV_LINES) return refuse(fileError("imports.tooManyRows"));
      if (record.every((c) => c.trim() === "")) return null;
      // The header plus maxRows data rows; one more and the file is refused without reading on.
      if (table.length > IMPORT_LIMITS.maxRows) return refuse(fileError("imports.tooManyRows"));
      table.push({ cells: record.map(cleanCell), line });
      return null;
    },
  });
  let failure: CsvProblem | null = null;
  parser.on("error", (e: CsvProblem) => (failure ??= e));
  parser.on("data", () => undefined); // nothing is emitted (on_record keeps none); keeps the stream flowing

  const sep = separator.charCodeAt(0);
  let separatorsInLine = 0;
  for (let at = 0, end = 0; at < text.length && !refused && !failure; at = end) {
    end = Math.min(at + CSV_CHUNK_CHARS, text.length);
    // Never split a surrogate pair (an emoji) between two pieces.
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff && end < text.length) end++;
    const chunk = text.slice(at, end);
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10 || c === 13) separatorsInLine = 0;
      else if (c === sep && ++separatorsInLine > MAX_SEPARATORS_PER_LINE) refuse(fileError("imports.tooManyColumns"));
    }
    if (refused) break;
    // A Transform parses a write synchronously when nothing is queued: limits apply chunk by chunk.
    parser.write(chunk);
    if (parser.info.records + parser.info.empty_lines > MAX_CSV_LINES) refuse(fileError("imports.tooManyRows"));
  }
  if (!refused && !failure) {
    await new Promise<void>((resolve) => {
      parser.once("end", resolve);
      parser.once("error", () => resolve());
      parser.end();
    });
  }
  parser.destroy();
  if (refused) throw refused;
  const problem = failure as CsvProblem | null;
  if (problem) {
    const next = parser.info.records + parser.info.empty_lines + 1;
    if (problem.code === "CSV_QUOTE_NOT_CLOSED") throw fileError("imports.unclosedQuote", { line: next });
    if (problem.code === "CSV_MAX_RECORD_SIZE") throw fileError("imports.lineTooLong", { line: next });
    throw fileError("imports.notText");
  }
  return table;
}

async function readCsv(bytes: Uint8Array): Promise<Table> {
  return parseCsv(decodeText(bytes));
}

// ── XLSX ─────────────────────────────────────────────────────────────────────────────────────

const ZIP_ERRORS: Record<ZipProblem, MessageKey> = {
  corrupt: "imports.notXlsx",
  unsupported: "imports.notXlsx",
  encrypted: "imports.encrypted",
  tooManyEntries: "imports.zipLimits",
  tooLarge: "imports.zipLimits",
};

/** Refuses what is not a plain workbook before ExcelJS inflates anything. */
export function checkXlsxContainer(bytes: Uint8Array): void {
  let names: string[];
  try {
    names = inspectZip(bytes, { maxEntries: IMPORT_LIMITS.maxZipEntries, maxTotalUncompressed: IMPORT_LIMITS.maxUncompressed });
  } catch (e) {
    if (e instanceof ZipRejected) throw fileError(ZIP_ERRORS[e.problem]);
    throw e;
  }
  const has = new Set(names);
  // A .docx, .ods or plain ZIP renamed to .xlsx has no workbook; a macro workbook is not accepted.
  if (!has.has("[Content_Types].xml") || !has.has("xl/workbook.xml")) throw fileError("imports.notXlsx");
  if (names.some((n) => /vbaProject\.bin$/i.test(n))) throw fileError("imports.macros");
}

type Cell = ExcelJS.CellValue;

/**
 * A cell as text. Formulas are never evaluated: the value the spreadsheet itself saved is taken,
 * or, when there is none, the formula's own text (which is then just data).
 */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("error" in value) return value.error;
  if ("formula" in value || "sharedFormula" in value) {
    if (value.result !== undefined && value.result !== null) return cellText(value.result);
    return `=${value.formula ?? ("sharedFormula" in value ? value.sharedFormula : "")}`;
  }
  if ("hyperlink" in value) return cellText(value.text as Cell);
  return "";
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  checkXlsxContainer(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw fileError("imports.notXlsx");
  }
  // The first visible sheet in tab order.
  const sheet = [...workbook.worksheets]
    .filter((ws) => ws.state === "visible")
    .sort((a, b) => (a as unknown as { orderNo: number }).orderNo - (b as unknown as { orderNo: number }).orderNo)[0];
  if (!sheet) throw fileError("imports.noRows");
  if (sheet.actualRowCount > IMPORT_LIMITS.maxRows + 1) {
    throw fileError("imports.tooManyRows");
  }
  const table: Table = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      if (col > IMPORT_LIMITS.maxColumns) throw fileError("imports.tooManyColumns");
      cells[col - 1] = cleanCell(cellText(cell.value));
    });
    table.push({ cells: Array.from(cells, (c) => c ?? ""), line });
  });
  return table;
}
