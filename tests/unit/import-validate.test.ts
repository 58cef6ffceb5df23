import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/messages";
import { EXAMPLE_ROW, type RowValues } from "@/lib/imports/columns";
import { parseImportFile } from "@/lib/imports/parse";
import { errorReport } from "@/lib/imports/report";
import { checkRowShapes, resolveRows, summarise, tidyPhone, type Lookups } from "@/lib/imports/validate";

const UNIT = "00000000-0000-4000-8000-000000000001";
const row = (line: number, v: Partial<RowValues>) => ({
  line,
  values: { fullName: "", email: "", phone: "", unitCode: "", position: "", rank: "", category: "", ...v },
});
const lookups: Lookups = {
  units: new Map([
    ["PY.TH", { id: UNIT, usable: true }],
    ["PY.OLD", { id: "00000000-0000-4000-8000-000000000002", usable: false }],
  ]),
  taken: new Set(["da.co@x.vn"]),
};
const check = (rows: ReturnType<typeof row>[]) => resolveRows(checkRowShapes(rows), lookups);
const keys = (r: { errors: { field: string | null; key: string }[] }) => r.errors.map((e) => `${e.field}:${e.key}`);

describe("checking rows", () => {
  it("a good row becomes a person for personInput, with the unit resolved", () => {
    const [r] = check([row(2, { fullName: " Nguyễn \u00a0Văn  An ", email: "An@X.vn", phone: "0905.123.456", unitCode: "py.th", category: "cong chuc" })]);
    expect(r!.errors).toEqual([]);
    expect(r!.person).toEqual({
      fullName: "Nguyễn Văn An",
      email: "an@x.vn",
      phone: "0905123456",
      position: null,
      rank: null,
      category: "CONG_CHUC",
      unitId: UNIT,
    });
  });

  it("reports every problem of a row, each under its column", () => {
    const [r] = check([row(7, { fullName: "", email: "không phải thư", phone: "12ab", unitCode: "", category: "Hợp đồng" })]);
    expect(r!.person).toBeNull();
    expect(keys(r!).sort()).toEqual(
      [
        "category:imports.badCategory",
        "email:validation.email",
        "fullName:validation.required",
        "phone:validation.phone",
        "unitCode:validation.required",
      ].sort(),
    );
  });

  it("names the other rows of a duplicate e-mail, on each of them", () => {
    const rows = check([
      row(2, { fullName: "Trần A", email: "trung@x.vn", unitCode: "PY.TH" }),
      row(3, { fullName: "Trần B", email: "khac@x.vn", unitCode: "PY.TH" }),
      row(5, { fullName: "Trần C", email: "TRUNG@x.vn", unitCode: "PY.TH" }),
      row(9, { fullName: "Trần D", email: "trung@x.vn ", unitCode: "PY.TH" }),
    ]);
    expect(rows.map((r) => r.errors.find((e) => e.key === "imports.duplicateInFile")?.params?.rows ?? null)).toEqual(["5, 9", null, "2, 9", "2, 5"]);
    expect(rows[1]!.person).not.toBeNull();
  });

  it("taken e-mails, unknown or out-of-scope codes (one message), closed units, the template's example row", () => {
    const rows = check([
      row(2, { fullName: "Lê A", email: "da.co@x.vn", unitCode: "PY.TH" }),
      row(3, { fullName: "Lê B", email: "b@x.vn", unitCode: "KHONG.CO" }),
      row(4, { fullName: "Lê C", email: "c@x.vn", unitCode: "PY.OLD" }),
      row(5, { ...EXAMPLE_ROW, unitCode: "PY.TH" }),
    ]);
    expect(rows.map(keys)).toEqual([["email:imports.emailTaken"], ["unitCode:imports.unknownUnit"], ["unitCode:imports.unitClosed"], ["email:imports.exampleRow"]]);
    expect(rows[1]!.errors[0]!.params).toEqual({ code: "KHONG.CO" });
  });

  it("repairs phones as spreadsheets mangle them", () => {
    expect(tidyPhone("905123456")).toBe("0905123456"); // Excel dropped the 0
    expect(tidyPhone("84905123456")).toBe("+84905123456");
    expect(tidyPhone("(0905) 123-456")).toBe("0905123456");
    expect(tidyPhone("+84 905 123 456")).toBe("+84905123456");
    expect(tidyPhone("")).toBe("");
  });
});

describe("the error report", () => {
  it("lists the rows with errors and every error, escaped, and can be corrected and imported as it is", async () => {
    const rows = check([
      row(2, { fullName: "Hợp Lệ", email: "ok@x.vn", unitCode: "PY.TH" }),
      row(3, { fullName: "=HYPERLINK(\"http://evil\")", email: "sai", phone: "+84 905 123 456", unitCode: "KHONG.CO" }),
    ]);
    for (const kind of ["csv", "xlsx"] as const) {
      const report = await errorReport(summarise(kind, rows, []), translator("vi"));
      expect(report.fileName).toBe(`loi-nhap-can-bo.${kind}`);
      if (kind === "csv") {
        const text = new TextDecoder().decode(report.bytes);
        expect(text).toContain(`"'=HYPERLINK(""http://evil"")",sai,'+84 905 123 456,KHONG.CO`);
        expect(text).toContain("Email: Thư điện tử không hợp lệ.; Đơn vị (mã): Không có đơn vị mã «KHONG.CO»");
      }
      // Read back as an import: only the bad row, original values, the extra columns ignored.
      const back = await parseImportFile(report.bytes);
      expect(back.columns.ignored).toEqual(["Dòng trong tệp gốc", "Lỗi"]);
      expect(back.rows.map((r) => r.values.fullName)).toEqual(['=HYPERLINK("http://evil")']);
      expect(back.rows[0]!.values.phone).toBe("+84 905 123 456");
    }
  });
});
