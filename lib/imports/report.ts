import type { Translate } from "@/lib/i18n/messages";
import { IMPORT_FIELDS, TEMPLATE_HEADERS } from "./columns";
import type { Download } from "./template";
import type { CheckedRow, Preview, RowError } from "./validate";
import { CSV_TYPE, toCsv, toXlsx, XLSX_TYPE } from "./write";

/** One error as a sentence: "Email: Thư điện tử không hợp lệ." */
export function describeError(error: RowError, t: Translate): string {
  const message = t(error.key, error.params);
  return error.field ? `${TEMPLATE_HEADERS[error.field]}: ${message}` : message;
}

/**
 * The rows that have errors, in the template's columns plus their row number and every error, in
 * the format of the upload. The person corrects it and imports it as it is (the extra columns are
 * ignored); values are formula-escaped (write.ts).
 */
export async function errorReport(preview: Preview, t: Translate): Promise<Download> {
  const bad = preview.rows.filter((r: CheckedRow) => r.errors.length > 0);
  const rows = [
    [...IMPORT_FIELDS.map((f) => TEMPLATE_HEADERS[f]), t("imports.report.line"), t("imports.report.errors")],
    ...bad.map((r) => [
      ...IMPORT_FIELDS.map((f) => r.values[f]),
      String(r.line),
      r.errors.map((e) => describeError(e, t)).join("; "),
    ]),
  ];
  if (preview.kind === "csv") return { fileName: "loi-nhap-can-bo.csv", contentType: CSV_TYPE, bytes: toCsv(rows) };
  const bytes = await toXlsx([{ name: "Lỗi", rows, widths: [28, 32, 16, 16, 24, 20, 20, 10, 80], textColumns: [2] }]);
  return { fileName: "loi-nhap-can-bo.xlsx", contentType: XLSX_TYPE, bytes };
}
