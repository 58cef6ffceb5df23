import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { fieldForHeader, mapColumns, parseCategory, TEMPLATE_HEADERS } from "@/lib/imports/columns";
import { cellText, detectSeparator, IMPORT_LIMITS, parseCsv, parseImportFile, readTable } from "@/lib/imports/parse";
import { buildTemplate } from "@/lib/imports/template";
import { escapeFormula, toCsv, toXlsx } from "@/lib/imports/write";
import { inspectZip, ZipRejected } from "@/lib/imports/zip";
import { zip } from "@/lib/testing/zip";

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (text: string) => utf8(`\uFEFF${text}`);
const HEADER = "Họ và tên,Email,Số điện thoại,Đơn vị (mã),Chức vụ,Ngạch,Loại";

async function fileErrorOf(bytes: Uint8Array): Promise<string> {
  try {
    await parseImportFile(bytes);
    return "parsed";
  } catch (e) {
    if (e instanceof AppError) return e.messageKey;
    throw e;
  }
}

describe("CSV", () => {
  it("reads UTF-8 with and without a BOM alike", async () => {
    const text = `${HEADER}\nNguyễn Văn An,an@x.vn,0905123456,PY.TH,Chuyên viên,Chuyên viên,Công chức\n`;
    const a = await parseImportFile(withBom(text));
    const b = await parseImportFile(utf8(text));
    expect(a.rows).toEqual(b.rows);
    expect(a.kind).toBe("csv");
    expect(a.rows).toEqual([
      {
        line: 2,
        values: { fullName: "Nguyễn Văn An", email: "an@x.vn", phone: "0905123456", unitCode: "PY.TH", position: "Chuyên viên", rank: "Chuyên viên", category: "Công chức" },
      },
    ]);
  });

  it("detects comma, semicolon and tab separators from the header line", async () => {
    expect(detectSeparator("Họ và tên;Email;Đơn vị\na,b;c")).toBe(";");
    expect(detectSeparator("Họ và tên,Email,Đơn vị\n")).toBe(",");
    expect(detectSeparator("Họ và tên\tEmail\tĐơn vị\n")).toBe("\t");
    // A separator inside quotes does not count.
    expect(detectSeparator('"Họ, tên";Email;"Đơn vị, mã"\n')).toBe(";");
    const semi = await parseImportFile(withBom("Họ và tên;Email;Đơn vị\r\nLê Thị Nỷ;ny@x.vn;PY.P8\r\n"));
    expect(semi.rows[0]!.values).toMatchObject({ fullName: "Lê Thị Nỷ", email: "ny@x.vn", unitCode: "PY.P8" });
  });

  it("handles quoted fields: separators, doubled quotes and line breaks inside, and counts rows as a spreadsheet does", async () => {
    const table = await parseCsv('a,b,c\r\n"Trần, Thanh Hưng","nói ""xin chào""","dòng 1\ndòng 2"\nx,y,z\n');
    expect(table).toEqual([
      { line: 1, cells: ["a", "b", "c"] },
      { line: 2, cells: ["Trần, Thanh Hưng", 'nói "xin chào"', "dòng 1\ndòng 2"] },
      { line: 3, cells: ["x", "y", "z"] },
    ]);
    // A quote in the middle of an unquoted field is text; CR alone ends a record (old Mac files).
    expect(await parseCsv('a,b 5" x\rc,d', ",")).toEqual([
      { line: 1, cells: ["a", 'b 5" x'] },
      { line: 2, cells: ["c", "d"] },
    ]);
  });

  it("refuses a quote that never closes, naming where it opened", async () => {
    const bytes = utf8(`${HEADER}\n"Nguyễn Văn An,an@x.vn,,PY.TH\nLê B,b@x.vn,,PY.TH\n`);
    await expect(parseImportFile(bytes)).rejects.toMatchObject({ messageKey: "imports.unclosedQuote", params: { line: 2 } });
  });

  it("stores Vietnamese text in NFC, whether the file had NFC or NFD", async () => {
    const nfd = "Nguyễn Thị Hồng Nhung".normalize("NFD");
    expect(nfd).not.toBe("Nguyễn Thị Hồng Nhung");
    const parsed = await parseImportFile(utf8(`${HEADER.normalize("NFD")}\n${nfd},nhung@x.vn,,PY.TH,,,${"Viên chức".normalize("NFD")}\n`));
    expect(parsed.rows[0]!.values.fullName).toBe("Nguyễn Thị Hồng Nhung");
    expect(parsed.rows[0]!.values.category).toBe("Viên chức");
  });

  it("reads UTF-16 with a BOM (Excel's Unicode text) and refuses a Windows code page CSV with advice", async () => {
    const text = "Họ và tên\tEmail\tĐơn vị\nĐặng Văn Trọng\ttrong@x.vn\tPY.ST\n";
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, "utf16le"))]);
    expect((await parseImportFile(le)).rows[0]!.values.fullName).toBe("Đặng Văn Trọng");
    // "Nguyễn" in Windows-1258 (ê 0xEA + combining tilde 0xDE) is not valid UTF-8.
    const cp1258 = new Uint8Array([...utf8("Ho va ten,Email,Don vi\nNguy"), 0xea, 0xde, 0x6e, ...utf8(",a@x.vn,PY\n")]);
    expect(await fileErrorOf(cp1258)).toBe("imports.notText");
  });

  it("skips empty lines; refuses a file without data rows or over the limits", async () => {
    const parsed = await parseImportFile(utf8(`\n${HEADER}\n\n,,,,,,\nA B,a@x.vn,,PY\n\n`));
    expect(parsed.rows.map((r) => r.line)).toEqual([5]);
    expect(await fileErrorOf(utf8(`${HEADER}\n`))).toBe("imports.noRows");
    expect(await fileErrorOf(new Uint8Array())).toBe("imports.empty");
    const many = `${HEADER}\n${"A B,a@x.vn,,PY\n".repeat(IMPORT_LIMITS.maxRows + 1)}`;
    expect(await fileErrorOf(utf8(many))).toBe("imports.tooManyRows");
    expect(await fileErrorOf(new Uint8Array(IMPORT_LIMITS.maxBytes + 1).fill(0x41))).toBe("imports.tooLarge");
  });

  it("refuses hostile CSVs of the size limit while reading: within seconds, memory flat", { timeout: 120_000 }, async () => {
    // Both imports read CSV through readTable (people: parseImportFile; plan: lib/plans/import.ts).
    const bomb = (fill: number, head = HEADER) => {
      const bytes = new Uint8Array(IMPORT_LIMITS.maxBytes).fill(fill);
      bytes.set(utf8(`${head}\n`));
      return bytes;
    };
    const HEAD_BYTES = utf8(`${HEADER}\n`).length;
    const cases: [string, Uint8Array, string][] = [
      ["10 MB of line breaks", bomb(0x0a), "imports.tooManyRows"],
      ["10 MB of CRLF", (() => { const b = bomb(0x0a); for (let i = HEAD_BYTES; i < b.length; i += 2) b[i] = 0x0d; return b; })(), "imports.tooManyRows"],
      ["10 MB of spaces and line breaks", (() => { const b = bomb(0x0a); for (let i = HEAD_BYTES; i < b.length; i += 2) b[i] = 0x20; return b; })(), "imports.tooManyRows"],
      ["one 10 MB line", bomb(0x41), "imports.lineTooLong"],
      ["one 10 MB quoted field", (() => { const b = bomb(0x41); b[HEAD_BYTES] = 0x22; return b; })(), "imports.lineTooLong"],
      ["10 MB of separators", bomb(0x2c), "imports.tooManyColumns"],
    ];
    for (const [label, bytes, expected] of cases) {
      for (const read of [() => parseImportFile(bytes), () => readTable(bytes)]) {
        const heapBefore = process.memoryUsage().heapUsed;
        let heapPeak = heapBefore;
        const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 2);
        const started = performance.now();
        const refusal = await read().then(
          () => "accepted",
          (e: AppError) => e.messageKey,
        );
        const ms = performance.now() - started;
        clearInterval(sampler);
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
        expect(refusal, label).toBe(expected);
        if (process.env.CSV_BOMB_REPORT) console.log(label, Math.round(ms), "ms", Math.round((heapPeak - heapBefore) / 1048576), "MB heap");
        // The old hand-written reader took ~30 s and 2.6 GB for the first case (docs/decisions/032).
        expect(ms, label).toBeLessThan(10_000);
        // The file itself is 10 MB and its text up to 20 MB; anything near a gigabyte is a leak.
        expect(heapPeak - heapBefore, label).toBeLessThan(200 * 1024 * 1024);
      }
    }
  });

  it("keeps a character outside the BMP whole where the text is cut into pieces", async () => {
    const cell = `${"x".repeat(16 * 1024 - 3)}😀y`; // the emoji straddles the first cut
    const table = await parseCsv(`a\n${cell}\n`, ",");
    expect(table[1]!.cells[0]).toBe(cell.normalize("NFC"));
  });

  it("numbers rows as a spreadsheet does, blank lines and line breaks in quotes included", async () => {
    const table = await parseCsv('a,b\n\n\nx,y\n"q\nq",z\n\nw,v\n', ",");
    expect(table.map((r) => r.line)).toEqual([1, 4, 5, 7]);
  });

  it("keeps formula-like values as data and removes only our own escaping apostrophe", async () => {
    const parsed = await parseImportFile(utf8(`${HEADER}\n=HYPERLINK(\"http://x\"),a@x.vn,'+84905123456,PY,@SUM(1),'-ok,'plain\n`));
    expect(parsed.rows[0]!.values).toMatchObject({
      fullName: '=HYPERLINK("http://x")',
      phone: "+84905123456",
      position: "@SUM(1)",
      rank: "-ok",
      category: "'plain",
    });
  });
});

describe("headers", () => {
  it("accepts the template's headers and their usual variants", () => {
    const variants: [string, string][] = [
      ["Họ và tên", "fullName"],
      ["HỌ VÀ TÊN", "fullName"],
      ["ho va ten", "fullName"],
      ["  Họ  tên * ", "fullName"],
      ["Họ và tên".normalize("NFD"), "fullName"],
      ["Email", "email"],
      ["E-mail", "email"],
      ["Thư điện tử", "email"],
      ["Số điện thoại", "phone"],
      ["SĐT", "phone"],
      ["Đơn vị (code)", "unitCode"],
      ["Đơn vị (mã)", "unitCode"],
      ["Mã đơn vị", "unitCode"],
      ["MÃ ĐƠN VỊ", "unitCode"],
      ["ma don vi", "unitCode"],
      ["Chức vụ", "position"],
      ["Ngạch", "rank"],
      ["Loại (cán bộ/công chức/viên chức)", "category"],
      ["LOAI", "category"],
    ];
    for (const [header, field] of variants) expect(fieldForHeader(header), header).toBe(field);
    expect(fieldForHeader("Ghi chú")).toBeNull();
  });

  it("names missing required columns, ignores unknown ones, refuses a column twice", async () => {
    expect(mapColumns(["Họ và tên", "Ghi chú", "Email"])).toMatchObject({ missing: ["unitCode"], ignored: ["Ghi chú"] });
    await expect(parseImportFile(utf8("Họ và tên,Ghi chú\nA,b\n"))).rejects.toMatchObject({
      messageKey: "imports.missingColumns",
      params: { columns: `«${TEMPLATE_HEADERS.email}», «${TEMPLATE_HEADERS.unitCode}»` },
    });
    expect(await fileErrorOf(utf8("Họ và tên,Email,Mã đơn vị,Đơn vị\nA,b,c,d\n"))).toBe("imports.duplicateColumn");
  });

  it("reads the category with or without diacritics, in any case", () => {
    expect(parseCategory("Cán bộ")).toBe("CAN_BO");
    expect(parseCategory("CONG CHUC")).toBe("CONG_CHUC");
    expect(parseCategory("công  chức")).toBe("CONG_CHUC");
    expect(parseCategory("vien chuc")).toBe("VIEN_CHUC");
    expect(parseCategory("VIEN_CHUC")).toBe("VIEN_CHUC");
    expect(parseCategory("Viên chức".normalize("NFD"))).toBe("VIEN_CHUC");
    expect(parseCategory(" ")).toBe("");
    expect(parseCategory("Hợp đồng")).toBeNull();
  });
});

describe("XLSX", () => {
  it("round-trips a workbook made with ExcelJS: text, numbers, links, rich text, formulas (never evaluated)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Danh sách");
    ws.addRow(["HỌ VÀ TÊN", "E-mail", "SĐT", "Mã đơn vị", "Chức vụ", "Ngạch", "Loại"]);
    ws.addRow(["Võ Thị Thanh Tuyền", { text: "tuyen@x.vn", hyperlink: "mailto:tuyen@x.vn" }, 905123456, "py.th", "Chuyên viên", "Chuyên viên", "cong chuc"]);
    ws.addRow([{ richText: [{ text: "Lê " }, { text: "Thị Nỷ", font: { bold: true } }] }, "ny@x.vn", "0905 123 457", "PY.P8", { formula: "1+1", result: 2 }, { formula: "A1" }, "Viên chức"]);
    ws.addRow([]);
    ws.addRow(["Bùi Trọng Lân", "lan@x.vn", null, "PY.SNV", null, null, null]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());

    const parsed = await parseImportFile(bytes);
    expect(parsed.kind).toBe("xlsx");
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(parsed.rows[0]!.values).toEqual({
      fullName: "Võ Thị Thanh Tuyền",
      email: "tuyen@x.vn",
      phone: "905123456",
      unitCode: "py.th",
      position: "Chuyên viên",
      rank: "Chuyên viên",
      category: "cong chuc",
    });
    // The saved result of a formula, or its text when there is none: never computed here.
    expect(parsed.rows[1]!.values).toMatchObject({ fullName: "Lê Thị Nỷ", position: "2", rank: "=A1" });
    expect(parsed.rows[2]!.values).toMatchObject({ fullName: "Bùi Trọng Lân", phone: "", category: "" });
  });

  it("reads cells as text", () => {
    expect(cellText(42)).toBe("42");
    expect(cellText(1.5)).toBe("1.5");
    expect(cellText(new Date("2026-11-28T00:00:00Z"))).toBe("2026-11-28");
    expect(cellText({ error: "#N/A" })).toBe("#N/A");
    expect(cellText({ sharedFormula: "A2", result: "x" })).toBe("x");
    expect(cellText(null)).toBe("");
  });

  it("refuses a zip bomb before ExcelJS inflates it: total size, lying headers, entry count", async () => {
    const bomb = zip([
      { name: "[Content_Types].xml", data: utf8("<Types/>") },
      { name: "xl/workbook.xml", data: new Uint8Array(IMPORT_LIMITS.maxUncompressed + 1) },
    ]);
    expect(bomb.length).toBeLessThan(200_000); // tiny on disk
    expect(await fileErrorOf(bomb)).toBe("imports.zipLimits");

    // Headers claiming 10 bytes for 60 MB of zeros: the real inflation is what counts.
    const liar = zip([
      { name: "[Content_Types].xml", data: utf8("<Types/>") },
      { name: "xl/workbook.xml", data: new Uint8Array(60 * 1024 * 1024), declared: 10 },
    ]);
    expect(await fileErrorOf(liar)).toBe("imports.zipLimits");

    const crowd = zip(Array.from({ length: IMPORT_LIMITS.maxZipEntries + 1 }, (_, i) => ({ name: `xl/media/${i}.bin`, data: utf8("x") })));
    expect(await fileErrorOf(crowd)).toBe("imports.zipLimits");
    expect(() => inspectZip(crowd, { maxEntries: 10, maxTotalUncompressed: 1e6 })).toThrow(ZipRejected);
  });

  it("refuses what is not a plain workbook, whatever its name: another ZIP, encrypted, macros, an old .xls, a picture", async () => {
    const docx = zip([
      { name: "[Content_Types].xml", data: utf8("<Types/>") },
      { name: "word/document.xml", data: utf8("<w:document/>") },
    ]);
    expect(await fileErrorOf(docx)).toBe("imports.notXlsx");
    const locked = zip([{ name: "xl/workbook.xml", data: utf8("<x/>"), flags: 1 }]);
    expect(await fileErrorOf(locked)).toBe("imports.encrypted");
    const xlsm = zip([
      { name: "[Content_Types].xml", data: utf8("<Types/>") },
      { name: "xl/workbook.xml", data: utf8("<workbook/>") },
      { name: "xl/vbaProject.bin", data: utf8("macro") },
    ]);
    expect(await fileErrorOf(xlsm)).toBe("imports.macros");
    expect(await fileErrorOf(utf8("PK\u0003\u0004 not really a zip"))).toBe("imports.notXlsx");
    expect(await fileErrorOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe("imports.legacyXls");
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(await fileErrorOf(png)).toBe("imports.notText");
    expect(await fileErrorOf(utf8("%PDF-1.7\n\u0001\u0002binary"))).toBe("imports.unsupportedType");
    // A well-formed zip whose workbook is garbage: ExcelJS fails, we say "not an xlsx".
    const garbage = zip([
      { name: "[Content_Types].xml", data: utf8("<Types/>") },
      { name: "xl/workbook.xml", data: utf8("<<<not xml") },
    ]);
    expect(["imports.notXlsx", "imports.noRows"]).toContain(await fileErrorOf(garbage));
  });
});

describe("files we write", () => {
  it("escapes formula-like values (ASVS 1.2.10) and the importer reads them back unchanged", async () => {
    expect(escapeFormula("=1+1")).toBe("'=1+1");
    expect(escapeFormula("+84905123456")).toBe("'+84905123456");
    expect(escapeFormula("-x")).toBe("'-x");
    expect(escapeFormula("@x")).toBe("'@x");
    expect(escapeFormula("\tx")).toBe("'\tx");
    expect(escapeFormula("Nguyễn Văn An")).toBe("Nguyễn Văn An");

    const rows = [
      ["Họ và tên", "Email", "Số điện thoại", "Mã đơn vị", "Chức vụ"],
      ['=HYPERLINK("http://evil")', "a@x.vn", "+84905123456", "PY", "@cmd"],
    ];
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(toCsv(rows));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")",a@x.vn,'+84905123456,PY,'@cmd\r\n`);
    const xlsx = await toXlsx([{ name: "Lỗi", rows }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]!.getCell("A2").value).toBe(`'=HYPERLINK("http://evil")`);

    for (const bytes of [toCsv(rows), xlsx]) {
      const back = await parseImportFile(bytes);
      expect(back.rows[0]!.values).toMatchObject({ fullName: '=HYPERLINK("http://evil")', phone: "+84905123456", position: "@cmd" });
    }
  });

  it("the templates have the Vietnamese headers and one example row, and import as they are", async () => {
    const units = [{ code: "PY.TH", name: "UBND thành phố Tuy Hòa" }];
    for (const format of ["xlsx", "csv"] as const) {
      const file = await buildTemplate(format, { exampleCode: "PY.TH", units });
      const parsed = await parseImportFile(file.bytes);
      expect(parsed.kind).toBe(format);
      expect(parsed.columns.missing).toEqual([]);
      expect(parsed.columns.ignored).toEqual([]);
      expect(parsed.rows).toHaveLength(1);
      expect(parsed.rows[0]!.values).toMatchObject({ fullName: "Nguyễn Văn An", unitCode: "PY.TH", category: "Công chức", phone: "0905123456" });
    }
    const xlsx = await buildTemplate("xlsx", { exampleCode: "PY.TH", units: [{ code: "=X", name: "=cmd|' /C calc'!A0" }] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, ...Object.values(TEMPLATE_HEADERS)]);
    expect(wb.worksheets[1]!.getCell("B2").value).toBe("'=cmd|' /C calc'!A0");
  });
});
