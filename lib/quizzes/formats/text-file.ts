import type { ImportProblem } from "./types";

/** The largest GIFT or Aiken file taken by default: thousands of questions (decision 081). */
export const MAX_TEXT_IMPORT_BYTES = 2 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** Containers and documents people upload instead of a .txt: told apart so the message can say what to do. */
const SIGNATURES: { magic: readonly number[]; key: ImportProblem["key"] }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], key: "quizImport.file.zip" }, // ZIP: .docx, .xlsx, .zip
  { magic: [0x50, 0x4b, 0x05, 0x06], key: "quizImport.file.zip" }, // an empty ZIP
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], key: "quizImport.file.zip" }, // legacy .doc / .xls
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], key: "quizImport.file.pdf" }, // %PDF-
];

/**
 * The text of an uploaded GIFT or Aiken file, by its content (the name is not trusted): at most
 * `maxBytes`; UTF-8 with or without BOM, or UTF-16 LE/BE with a BOM; line ends normalised to
 * `\n`. Refused with a problem: an empty or too large file, a ZIP/Office/PDF document, bytes that
 * are not UTF-8 (the line of the first one is given: usually a file saved in a Windows code
 * page), and NULs or other control characters (a binary file).
 */
export function decodeImportText(bytes: Uint8Array, opts: { maxBytes?: number } = {}): { text: string } | { problem: ImportProblem } {
  const maxBytes = opts.maxBytes ?? MAX_TEXT_IMPORT_BYTES;
  const problem = (key: ImportProblem["key"], line = 0, params?: ImportProblem["params"]) => ({ problem: { line, key, ...(params ? { params } : {}) } });
  if (bytes.length === 0) return problem("quizImport.file.empty");
  if (bytes.length > maxBytes) return problem("quizImport.file.tooLarge", 0, { maxMb: Math.round((maxBytes / (1024 * 1024)) * 10) / 10 });
  for (const { magic, key } of SIGNATURES) if (startsWith(bytes, magic)) return problem(key);

  let text: string;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding = bytes[0] === 0xff ? "utf-16le" : "utf-16be";
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2));
    } catch {
      return problem("quizImport.file.binary");
    }
  } else {
    const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
    const bad = firstInvalidUtf8(body);
    if (bad >= 0) return hasNul(body) ? problem("quizImport.file.binary") : problem("quizImport.file.notUtf8", lineOf(body, bad));
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  }
  if (text.length === 0) return problem("quizImport.file.empty");
  // Text has no NULs or C0 controls besides tab, line breaks, vertical tab and form feed.
  const control = text.search(/[\u0000-\u0008\u000E-\u001F\u007F]/);
  if (control >= 0) return problem("quizImport.file.binary");
  return { text: text.replace(/\r\n?/g, "\n") };
}

function hasNul(bytes: Uint8Array): boolean {
  return bytes.indexOf(0) >= 0;
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < b.length && b[i]! >= lo && b[i]! <= hi;
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) i += 1;
    else if (c >= 0xc2 && c <= 0xdf && cont(i + 1)) i += 2;
    else if (c === 0xe0 && cont(i + 1, 0xa0) && cont(i + 2)) i += 3;
    else if (((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) && cont(i + 1) && cont(i + 2)) i += 3;
    else if (c === 0xed && cont(i + 1, 0x80, 0x9f) && cont(i + 2)) i += 3;
    else if (c === 0xf0 && cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3)) i += 4;
    else if (c >= 0xf1 && c <= 0xf3 && cont(i + 1) && cont(i + 2) && cont(i + 3)) i += 4;
    else if (c === 0xf4 && cont(i + 1, 0x80, 0x8f) && cont(i + 2) && cont(i + 3)) i += 4;
    else return i;
  }
  return -1;
}
