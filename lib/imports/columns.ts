import { foldForSearch } from "@/lib/text";

/** The columns of an import file, in template order. */
export const IMPORT_FIELDS = ["fullName", "email", "phone", "unitCode", "position", "rank", "category"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type RowValues = Record<ImportField, string>;

export const REQUIRED_FIELDS: readonly ImportField[] = ["fullName", "email", "unitCode"];

/** The template's headers: Vietnamese, with diacritics, as an official reads them. */
export const TEMPLATE_HEADERS: Record<ImportField, string> = {
  fullName: "Họ và tên",
  email: "Email",
  phone: "Số điện thoại",
  unitCode: "Đơn vị (mã)",
  position: "Chức vụ",
  rank: "Ngạch",
  category: "Loại (cán bộ/công chức/viên chức)",
};

/** The template's example row. A row with this e-mail is refused, so a forgotten example is never imported. */
export const EXAMPLE_ROW: Omit<RowValues, "unitCode"> = {
  fullName: "Nguyễn Văn An",
  email: "nguyen.van.an@vi-du.invalid",
  phone: "0905123456",
  position: "Chuyên viên",
  rank: "Chuyên viên",
  category: "Công chức",
};

/**
 * Header spellings we accept, already folded by `foldHeader` (lower case, no diacritics, no
 * parenthetical, punctuation as spaces). "Đơn vị (code)", "MÃ ĐƠN VỊ" and "Ma don vi" all fold
 * to one of these.
 */
const HEADER_ALIASES: Record<ImportField, readonly string[]> = {
  fullName: ["ho va ten", "ho ten", "ho va ten can bo", "full name", "fullname", "name"],
  email: ["email", "e mail", "thu dien tu", "dia chi email", "dia chi e mail", "dia chi thu dien tu", "mail"],
  phone: ["so dien thoai", "dien thoai", "sdt", "so dt", "dien thoai di dong", "phone", "phone number", "mobile"],
  unitCode: ["don vi", "ma don vi", "ma dv", "don vi cong tac", "ma don vi cong tac", "unit", "unit code"],
  position: ["chuc vu", "chuc danh", "position"],
  rank: ["ngach", "ngach cong chuc", "ngach vien chuc", "rank"],
  category: ["loai", "phan loai", "loai can bo", "doi tuong", "category"],
};

const FIELD_BY_HEADER = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((f) => HEADER_ALIASES[f].map((alias) => [alias, f] as const)),
);

/** "Đơn vị (code)" → "don vi"; "  HỌ  VÀ TÊN* " → "ho va ten"; "E-mail" → "e mail". */
export function foldHeader(header: string): string {
  return foldForSearch(header.replace(/\([^)]*\)/g, " "))
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function fieldForHeader(header: string): ImportField | null {
  return FIELD_BY_HEADER.get(foldHeader(header)) ?? null;
}

/** Where each field is in a file: column index (0-based) per field, plus the headers we ignore. */
export type ColumnMap = {
  index: Partial<Record<ImportField, number>>;
  ignored: string[];
  missing: ImportField[];
  duplicated: string[];
};

export function mapColumns(headers: readonly string[]): ColumnMap {
  const index: Partial<Record<ImportField, number>> = {};
  const ignored: string[] = [];
  const duplicated: string[] = [];
  headers.forEach((header, i) => {
    if (header.trim() === "") return;
    const field = fieldForHeader(header);
    if (!field) ignored.push(header.trim());
    else if (index[field] !== undefined) duplicated.push(header.trim());
    else index[field] = i;
  });
  const missing = REQUIRED_FIELDS.filter((f) => index[f] === undefined);
  return { index, ignored, missing, duplicated };
}

export type StaffCategory = "CAN_BO" | "CONG_CHUC" | "VIEN_CHUC";

const CATEGORY_BY_TEXT = new Map<string, StaffCategory>([
  ["can bo", "CAN_BO"],
  ["cb", "CAN_BO"],
  ["cong chuc", "CONG_CHUC"],
  ["cc", "CONG_CHUC"],
  ["vien chuc", "VIEN_CHUC"],
  ["vc", "VIEN_CHUC"],
]);

/**
 * "Công chức", "cong chuc", "CÔNG CHỨC", "CONG_CHUC" → CONG_CHUC; "" → ""; anything else → null
 * (an error for the row).
 */
export function parseCategory(text: string): StaffCategory | "" | null {
  const folded = foldForSearch(text.replace(/[_-]/g, " "));
  if (folded === "") return "";
  return CATEGORY_BY_TEXT.get(folded) ?? null;
}

/** Unit codes are stored upper case (lib/units/schemas.ts). */
export function normaliseUnitCode(text: string): string {
  return text.trim().toUpperCase();
}
