import { unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { EXAMPLE_ROW, IMPORT_FIELDS, TEMPLATE_HEADERS, type RowValues } from "./columns";
import { assertImporter } from "./validate";
import { CSV_TYPE, toCsv, toXlsx, XLSX_TYPE } from "./write";

export type TemplateFormat = "xlsx" | "csv";
export type Download = { fileName: string; contentType: string; bytes: Uint8Array };

const HEADER_ROW = IMPORT_FIELDS.map((f) => TEMPLATE_HEADERS[f]);
const WIDTHS = [28, 32, 16, 16, 24, 20, 34];

/** The example row, with a unit code the importer may really use (their own unit when they can). */
export function exampleRow(unitCode: string): string[] {
  const row: RowValues = { ...EXAMPLE_ROW, unitCode };
  return IMPORT_FIELDS.map((f) => row[f]);
}

/**
 * The import template: the Vietnamese headers and one example row; the XLSX has a second sheet
 * listing the codes of the units the importer may import into.
 */
export async function importTemplate(viewer: Viewer, format: TemplateFormat): Promise<Download> {
  assertImporter(viewer);
  const units = await db().unit.findMany({
    where: { id: { in: unitIdsWith(viewer, "person:import") }, active: true, mergedIntoId: null },
    select: { id: true, code: true, name: true },
    orderBy: { code: "asc" },
  });
  const own = units.find((u) => u.id === viewer.unitId) ?? units[0];
  return buildTemplate(format, { exampleCode: own?.code ?? "", units });
}

/** The template file itself (pure): `units` become the XLSX's second sheet. */
export async function buildTemplate(
  format: TemplateFormat,
  { exampleCode, units }: { exampleCode: string; units: readonly { code: string; name: string }[] },
): Promise<Download> {
  const rows = [HEADER_ROW, exampleRow(exampleCode)];
  if (format === "csv") return { fileName: "mau-nhap-can-bo.csv", contentType: CSV_TYPE, bytes: toCsv(rows) };
  const bytes = await toXlsx([
    { name: "Cán bộ", rows, widths: WIDTHS, textColumns: [2] },
    { name: "Mã đơn vị", rows: [["Mã đơn vị", "Tên đơn vị"], ...units.map((u) => [u.code, u.name])], widths: [20, 60] },
  ]);
  return { fileName: "mau-nhap-can-bo.xlsx", contentType: XLSX_TYPE, bytes };
}
