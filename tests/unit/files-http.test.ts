import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ALLOWED_TYPES, detectType, titleFromFileName } from "@/lib/courses/file-types";
import { asciiFileName, contentDisposition } from "@/lib/http/download";

const fixture = (name: string) => new Uint8Array(readFileSync(path.resolve(import.meta.dirname, "../fixtures/files", name)));

describe("Content-Disposition", () => {
  it("keeps the Vietnamese name in filename* (RFC 5987) with an ASCII fallback", () => {
    expect(contentDisposition("attachment", "Báo cáo tổng kết năm 2025 (bản đầy đủ).docx")).toBe(
      `attachment; filename="Bao cao tong ket nam 2025 (ban day du).docx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20t%E1%BB%95ng%20k%E1%BA%BFt%20n%C4%83m%202025%20%28b%E1%BA%A3n%20%C4%91%E1%BA%A7y%20%C4%91%E1%BB%A7%29.docx`,
    );
  });
  it("cannot be broken out of by quotes, semicolons, line breaks or paths", () => {
    const header = contentDisposition("inline", 'a";\r\nSet-Cookie: x=1; ../../b\\c.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith('inline; filename="a__')).toBe(true);
    expect(header.split("filename*=")[1]).not.toMatch(/[";\s/\\]/);
  });
  it("decomposed (NFD) names are sent composed, and an all-symbol name still has a fallback", () => {
    expect(contentDisposition("inline", "Ho\u0300a.pdf")).toBe(`inline; filename="Hoa.pdf"; filename*=UTF-8''H%C3%B2a.pdf`);
    expect(asciiFileName("Đường")).toBe("Duong");
    expect(asciiFileName("漢字")).toBe("__");
    expect(asciiFileName("")).toBe("file");
  });
});

describe("type detection by content", () => {
  it.each([
    ["tai-lieu.pdf", "application/pdf", "FILE", "inline"],
    ["bai-giang.webm", "video/webm", "VIDEO", "inline"],
    ["bai-giang.mp4", "video/mp4", "VIDEO", "inline"],
  ])("%s is %s", async (file, mime, kind, disposition) => {
    const d = await detectType(fixture(file), true);
    expect(d && "type" in d ? d.type : null).toEqual({ mime, ext: expect.any(String), kind, disposition });
  });

  it("a DOCX whose index comes late is 'maybe office' until the whole file is read", async () => {
    expect(await detectType(fixture("tai-lieu.docx"), true)).toEqual({ type: ALLOWED_TYPES["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] });
    expect(await detectType(fixture("tai-lieu.docx").subarray(0, 200), false)).toEqual({ maybeOffice: true });
  });

  it.each(["chuong-trinh.exe.pdf", "gia-mao.pdf", "khong-phai-van-ban.zip"])("%s is refused whatever its name", async (file) => {
    expect(await detectType(fixture(file), true)).toBeNull();
  });

  it("refuses other formats that file-type knows", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array(40).fill(0)]);
    expect(await detectType(png, true)).toBeNull();
    expect(await detectType(new TextEncoder().encode("<html><script>alert(1)</script></html>"), true)).toBeNull();
  });

  it("the allowlist is exactly PDF, DOCX, PPTX, XLSX, MP4, WebM", () => {
    expect(Object.values(ALLOWED_TYPES).map((t) => t.ext).sort()).toEqual(["docx", "mp4", "pdf", "pptx", "webm", "xlsx"]);
  });
});

describe("lesson title from a file name", () => {
  it.each([
    ["Bài giảng 1.mp4", "Bài giảng 1"],
    ["Quy trình v1.2.pdf", "Quy trình v1.2"],
    [".pdf", ".pdf"],
    ["khong-duoi", "khong-duoi"],
  ])("%s → %s", (name, title) => {
    expect(titleFromFileName(name)).toBe(title);
  });
});
