import ExcelJS from "exceljs";

/**
 * A value written into a spreadsheet we hand out (template, error report) that a spreadsheet
 * program could take for a formula (= + - @, tab, CR, NUL first) gets a leading apostrophe, so it
 * stays text (OWASP CSV injection, ASVS 1.2.10). The importer removes exactly this apostrophe again
 * (`cleanCell` in parse.ts), so a report can be corrected and imported as it is.
 */
export function escapeFormula(value: string): string {
  return /^[=+\-@\t\r\0]/.test(value) ? `'${value}` : value;
}

function csvField(value: string): string {
  const v = escapeFormula(value);
  return /[",;\r\n\t]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export const CSV_TYPE = "text/csv; charset=utf-8";
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** RFC 4180 CSV in UTF-8 with a BOM (so Excel reads the diacritics), CRLF line ends. */
export function toCsv(rows: readonly (readonly string[])[]): Uint8Array {
  const text = rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
  return new TextEncoder().encode(`\uFEFF${text}`);
}

export type SheetSpec = {
  name: string;
  rows: readonly (readonly string[])[];
  widths?: readonly number[];
  /** 0-based columns kept as text, so Excel keeps a phone's leading 0. */
  textColumns?: readonly number[];
};

/** An XLSX workbook; the first row of each sheet is a bold, frozen header. Every cell is a string. */
export async function toXlsx(sheets: readonly SheetSpec[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tập huấn CCHC";
  for (const spec of sheets) {
    const ws = workbook.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: 1 }] });
    spec.widths?.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    for (const c of spec.textColumns ?? []) ws.getColumn(c + 1).numFmt = "@";
    for (const row of spec.rows) ws.addRow(row.map(escapeFormula));
    ws.getRow(1).font = { bold: true };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
