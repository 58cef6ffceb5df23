import { foldHeader, normaliseUnitCode } from "@/lib/imports/columns";
import { foldForSearch } from "@/lib/text";
import { TARGET_GROUPS, type PlanTargetGroup } from "./schemas";

// The spreadsheet format of a plan (docs/decisions/070-training-plan.md), shared by the template,
// the export and the import so that an exported plan imports back as it is.

export const PLAN_COLUMNS = [
  "position",
  "title",
  "areaCode",
  "courseCode",
  "targetGroups",
  "plannedClasses",
  "plannedParticipants",
  "quarter",
  "leadUnitCode",
  "budget",
  "fundingSource",
  "note",
] as const;
export type PlanColumn = (typeof PLAN_COLUMNS)[number];
/** A fixed column, or a quota column `quota:<UNIT CODE>`. */
export type PlanField = PlanColumn | `quota:${string}`;

/** The headers our files write: Vietnamese, with diacritics. */
export const PLAN_HEADERS: Record<PlanColumn, string> = {
  position: "STT",
  title: "Nội dung",
  areaCode: "Lĩnh vực (mã)",
  courseCode: "Mã khóa học",
  targetGroups: "Đối tượng",
  plannedClasses: "Số lớp",
  plannedParticipants: "Số học viên",
  quarter: "Quý",
  leadUnitCode: "Cơ quan chủ trì (mã đơn vị)",
  budget: "Kinh phí (đồng)",
  fundingSource: "Nguồn kinh phí",
  note: "Ghi chú",
};

/** Columns a file must have (the item cannot be built without them). */
export const REQUIRED_PLAN_COLUMNS: readonly PlanColumn[] = ["title", "targetGroups", "plannedClasses", "plannedParticipants", "quarter", "leadUnitCode"];

/** Spellings we accept, folded by `foldHeader` (no case, no diacritics, no parenthesis). */
const ALIASES: Record<PlanColumn, readonly string[]> = {
  position: ["stt", "tt", "so thu tu"],
  title: ["noi dung", "ten noi dung", "noi dung dao tao", "noi dung dao tao boi duong", "noi dung boi duong"],
  areaCode: ["linh vuc", "ma linh vuc"],
  courseCode: ["ma khoa hoc", "khoa hoc", "ma chuyen de"],
  targetGroups: ["doi tuong", "doi tuong boi duong", "doi tuong dao tao"],
  plannedClasses: ["so lop"],
  plannedParticipants: ["so hoc vien", "so luong hoc vien", "so nguoi"],
  quarter: ["quy", "thoi gian", "thoi gian quy"],
  leadUnitCode: ["co quan chu tri", "ma co quan chu tri", "don vi chu tri", "ma don vi chu tri"],
  budget: ["kinh phi", "kinh phi dong", "du toan kinh phi"],
  fundingSource: ["nguon kinh phi", "nguon"],
  note: ["ghi chu"],
};
/** Columns our export adds for people to read; the import skips them without listing them. */
const INFORMATIONAL = new Set(["ten co quan chu tri", "ten linh vuc", "ten khoa hoc"]);

const COLUMN_BY_HEADER = new Map<string, PlanColumn>(PLAN_COLUMNS.flatMap((c) => ALIASES[c].map((a) => [a, c] as const)));

/** The header of a unit's quota column: «Chỉ tiêu: PY.SNV». */
export const QUOTA_PREFIX = "Chỉ tiêu: ";
export const quotaHeader = (code: string) => `${QUOTA_PREFIX}${code}`;

/** «Chỉ tiêu: py.snv», «CHI TIEU:PY.SNV» → "PY.SNV"; anything else → null. */
export function quotaCodeOf(header: string): string | null {
  const colon = header.indexOf(":");
  if (colon < 0) return null;
  if (foldForSearch(header.slice(0, colon)) !== "chi tieu") return null;
  const code = normaliseUnitCode(header.slice(colon + 1));
  return code === "" ? null : code;
}

export type PlanColumnMap = {
  /** 0-based column index of each fixed column found. */
  index: Partial<Record<PlanColumn, number>>;
  /** Quota columns in file order: the unit code and the column index. */
  quotas: { code: string; index: number; header: string }[];
  ignored: string[];
  missing: PlanColumn[];
  duplicated: string[];
};

export function mapPlanColumns(headers: readonly string[]): PlanColumnMap {
  const index: Partial<Record<PlanColumn, number>> = {};
  const quotas: PlanColumnMap["quotas"] = [];
  const ignored: string[] = [];
  const duplicated: string[] = [];
  headers.forEach((raw, i) => {
    const header = raw.trim();
    if (header === "") return;
    const code = quotaCodeOf(header);
    if (code !== null) {
      if (quotas.some((q) => q.code === code)) duplicated.push(header);
      else quotas.push({ code, index: i, header });
      return;
    }
    const folded = foldHeader(header);
    const column = COLUMN_BY_HEADER.get(folded);
    if (!column) {
      if (!INFORMATIONAL.has(folded)) ignored.push(header);
    } else if (index[column] !== undefined) duplicated.push(header);
    else index[column] = i;
  });
  const missing = REQUIRED_PLAN_COLUMNS.filter((c) => index[c] === undefined);
  return { index, quotas, ignored, missing, duplicated };
}

/** Target groups as the files write them (Vietnamese labels, "; " between). */
export const TARGET_GROUP_LABELS: Record<PlanTargetGroup, string> = {
  CAN_BO: "Cán bộ",
  CONG_CHUC: "Công chức",
  VIEN_CHUC: "Viên chức",
  LEADERS: "Lãnh đạo, quản lý",
  CCHC_FOCAL: "Công chức đầu mối CCHC",
};

const fold = (text: string) => foldForSearch(text.replace(/[_,.\-]/g, " "));
const GROUP_BY_TEXT = new Map<string, PlanTargetGroup>(
  TARGET_GROUPS.flatMap((g) => [
    [fold(g), g] as const,
    [fold(TARGET_GROUP_LABELS[g]), g] as const,
  ]).concat([
    ["cb", "CAN_BO"],
    ["cc", "CONG_CHUC"],
    ["vc", "VIEN_CHUC"],
    ["lanh dao", "LEADERS"],
    ["lanh dao quan ly", "LEADERS"],
    ["dau moi cchc", "CCHC_FOCAL"],
    ["cong chuc dau moi", "CCHC_FOCAL"],
  ]),
);

/**
 * "Công chức; Lãnh đạo, quản lý" → [CONG_CHUC, LEADERS]. Parts are separated by ";" or line breaks;
 * a part that is not a group is tried again split at commas ("Cán bộ, công chức"). Unknown parts
 * are returned in `unknown`.
 */
export function parseTargetGroups(text: string): { groups: PlanTargetGroup[]; unknown: string[] } {
  const groups = new Set<PlanTargetGroup>();
  const unknown: string[] = [];
  for (const part of text.split(/[;\n\r]+/).map((s) => s.trim()).filter(Boolean)) {
    const whole = GROUP_BY_TEXT.get(fold(part));
    if (whole) {
      groups.add(whole);
      continue;
    }
    for (const piece of part.split(",").map((s) => s.trim()).filter(Boolean)) {
      const g = GROUP_BY_TEXT.get(fold(piece));
      if (g) groups.add(g);
      else unknown.push(piece);
    }
  }
  return { groups: [...groups], unknown };
}

export const formatTargetGroups = (groups: readonly PlanTargetGroup[]) => groups.map((g) => TARGET_GROUP_LABELS[g]).join("; ");

/** A row our export writes below the items ("Tổng cộng"): the import skips it. */
export function isTotalsRow(values: { position?: string; title?: string }): boolean {
  const f = (s?: string) => foldForSearch(s ?? "");
  return ["tong cong", "tong", "total"].includes(f(values.position)) || (f(values.position) === "" && f(values.title) === "tong cong");
}
