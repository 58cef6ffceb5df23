import { describe, expect, test } from "vitest";
import { decodeImportText, firstInvalidUtf8 } from "@/lib/quizzes/formats/text-file";

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const utf16 = (s: string, endian: "le" | "be") => {
  const out: number[] = endian === "le" ? [0xff, 0xfe] : [0xfe, 0xff];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out.push(...(endian === "le" ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
  }
  return Uint8Array.from(out);
};
const VI = "Câu hỏi: Thủ tục hành chính?{=Đúng ~Sai}";

describe("decodeImportText", () => {
  test("UTF-8 with and without BOM; the BOM is dropped", () => {
    expect(decodeImportText(utf8(VI))).toEqual({ text: VI });
    expect(decodeImportText(bytes([0xef, 0xbb, 0xbf], utf8(VI)))).toEqual({ text: VI });
  });

  test("UTF-16 LE and BE with a BOM (Notepad's «Unicode»)", () => {
    expect(decodeImportText(utf16(VI, "le"))).toEqual({ text: VI });
    expect(decodeImportText(utf16(VI, "be"))).toEqual({ text: VI });
  });

  test("CRLF and CR become LF", () => {
    expect(decodeImportText(utf8("a\r\nb\rc\n"))).toEqual({ text: "a\nb\nc\n" });
  });

  test("NFD text is kept as it is (the parsers normalise)", () => {
    expect(decodeImportText(utf8(VI.normalize("NFD")))).toEqual({ text: VI.normalize("NFD") });
  });

  test("empty and too large files", () => {
    expect(decodeImportText(new Uint8Array())).toEqual({ problem: { line: 0, key: "quizImport.file.empty" } });
    expect(decodeImportText(bytes([0xef, 0xbb, 0xbf]))).toEqual({ problem: { line: 0, key: "quizImport.file.empty" } });
    const big = new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61);
    expect(decodeImportText(big)).toEqual({ problem: { line: 0, key: "quizImport.file.tooLarge", params: { maxMb: 2 } } });
    expect(decodeImportText(utf8("abcdef"), { maxBytes: 5 })).toEqual({ problem: { line: 0, key: "quizImport.file.tooLarge", params: { maxMb: 0 } } });
    expect("text" in decodeImportText(new Uint8Array(2 * 1024 * 1024).fill(0x61))).toBe(true);
  });

  test("a Windows code page (not UTF-8) is refused with the line of the first bad byte", () => {
    // "Hà Nội" in Windows-1258 / Latin-1 style single bytes.
    const cp = bytes(utf8("Q1{T}\n\nQ2 H"), [0xe0], utf8(" N"), [0xf4, 0xf2], utf8("i{T}"));
    expect(decodeImportText(cp)).toEqual({ problem: { line: 3, key: "quizImport.file.notUtf8" } });
  });

  test("ZIP, Office and PDF documents are named; other binary content is refused", () => {
    expect(decodeImportText(bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toEqual({ problem: { line: 0, key: "quizImport.file.zip" } });
    expect(decodeImportText(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toEqual({ problem: { line: 0, key: "quizImport.file.zip" } });
    expect(decodeImportText(utf8("%PDF-1.7\n%âãÏÓ\n"))).toEqual({ problem: { line: 0, key: "quizImport.file.pdf" } });
    // A PNG: invalid UTF-8 and NUL bytes.
    expect(decodeImportText(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toEqual({ problem: { line: 0, key: "quizImport.file.binary" } });
    // Valid UTF-8 with NULs or other control characters (UTF-16 without a BOM looks like this).
    expect(decodeImportText(utf8("Q\u0000{\u0000T\u0000}"))).toEqual({ problem: { line: 0, key: "quizImport.file.binary" } });
    expect(decodeImportText(utf8("Q{T}\u0007"))).toEqual({ problem: { line: 0, key: "quizImport.file.binary" } });
    // Tabs, form feeds and vertical tabs are text.
    expect(decodeImportText(utf8("Q\t{T}\f\u000b"))).toEqual({ text: "Q\t{T}\f\u000b" });
  });

  test("a UTF-16 BOM over broken UTF-16 is refused", () => {
    expect(decodeImportText(bytes([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]))).toEqual({ problem: { line: 0, key: "quizImport.file.binary" } });
  });

  test("firstInvalidUtf8 follows RFC 3629 (overlong forms, surrogates, beyond U+10FFFF, cut sequences)", () => {
    expect(firstInvalidUtf8(utf8("aà€😀"))).toBe(-1);
    expect(firstInvalidUtf8(bytes([0x61, 0xc0, 0x80]))).toBe(1); // overlong NUL
    expect(firstInvalidUtf8(bytes([0xe0, 0x80, 0x80]))).toBe(0); // overlong
    expect(firstInvalidUtf8(bytes([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstInvalidUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // beyond U+10FFFF
    expect(firstInvalidUtf8(bytes([0x61, 0x62, 0xe1, 0x80]))).toBe(2); // cut short
    expect(firstInvalidUtf8(bytes([0x80]))).toBe(0); // a lone continuation byte
  });
});
