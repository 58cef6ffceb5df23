import ExcelJS from "exceljs";
import { unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { Download } from "@/lib/imports/template";
import { escapeFormula, XLSX_TYPE } from "@/lib/imports/write";
import { assertManagePlan } from "./access";
import { formatTargetGroups, PLAN_COLUMNS, PLAN_HEADERS, quotaHeader, QUOTA_PREFIX, TARGET_GROUP_LABELS } from "./columns";
import { getPlan, type PlanItemView } from "./queries";

// The plan as a workbook (docs/decisions/070-training-plan.md): the first sheet is exactly what the
// import reads (our headers, one row per item, one «Chỉ tiêu: <mã>» column per unit, a «Tổng
// cộng» row that the import skips), then a guide and the codes to use. Text is formula-escaped
// (lib/imports/write.ts); numbers are numbers, the budget shown as đồng.

const VND_FORMAT = '#,##0 "đ"';
const COUNT_FORMAT = "#,##0";
const LEAD_NAME_HEADER = "Tên cơ quan chủ trì";

type Cell = string | number;
type Unit = { code: string; name: string };

function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
}

const GUIDE: readonly string[] = [
  "Hướng dẫn nhập kế hoạch đào tạo, bồi dưỡng",
  "Mỗi dòng của trang «Kế hoạch» là một nội dung của kế hoạch. Dòng đầu tiên là tiêu đề cột: giữ nguyên các tiêu đề.",
  "STT: không bắt buộc; các nội dung được thêm vào cuối kế hoạch theo thứ tự các dòng. Dòng «Tổng cộng» được bỏ qua khi nhập.",
  "Nội dung: bắt buộc, như được ghi trong kế hoạch.",
  "Lĩnh vực (mã) và Mã khóa học: ghi ít nhất một trong hai. Mã lĩnh vực ở trang «Lĩnh vực». Khi có mã khóa học, lĩnh vực lấy theo khóa học.",
  `Đối tượng: một hoặc nhiều trong các giá trị ${Object.values(TARGET_GROUP_LABELS).map((l) => `«${l}»`).join(", ")}, cách nhau bởi dấu chấm phẩy (;).`,
  "Số lớp, Số học viên: số nguyên, ít nhất là 1. Quý: 1, 2, 3 hoặc 4.",
  "Cơ quan chủ trì (mã đơn vị): mã đơn vị ở trang «Đơn vị». Cột «Tên cơ quan chủ trì» chỉ để đọc và được bỏ qua khi nhập.",
  "Kinh phí (đồng): số nguyên không âm, ví dụ 1500000 hoặc 1.500.000; để trống là 0. Nguồn kinh phí, Ghi chú: không bắt buộc.",
  `Chỉ tiêu: mỗi đơn vị được giao chỉ tiêu là một cột có tiêu đề «${QUOTA_PREFIX}<mã đơn vị>», ví dụ «${QUOTA_PREFIX}PY.SNV». Ô ghi số học viên đơn vị đó được cử (số nguyên; để trống hoặc 0 là không giao). Có thể thêm hoặc bớt cột chỉ tiêu.`,
  "Tổng chỉ tiêu của một dòng không được vượt Số học viên của dòng đó.",
  "Tệp được kiểm tra toàn bộ trước khi nhập: mọi lỗi của từng dòng được liệt kê, và chỉ khi mọi dòng hợp lệ thì tất cả mới được nhập trong một lần.",
];

/** Builds the workbook: the plan sheet (items, quotas, totals), the guide, the unit and area codes. */
async function workbook(input: { items: PlanItemView[]; quotaUnits: Unit[]; units: Unit[]; areas: Unit[]; totals: boolean }): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Tập huấn CCHC";
  const ws = wb.addWorksheet("Kế hoạch", { views: [{ state: "frozen", ySplit: 1 }] });
  const headers = [
    ...PLAN_COLUMNS.flatMap((c) => (c === "leadUnitCode" ? [PLAN_HEADERS[c], LEAD_NAME_HEADER] : [PLAN_HEADERS[c]])),
    ...input.quotaUnits.map((u) => quotaHeader(u.code)),
  ];
  ws.addRow(headers.map(escapeFormula));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: "top" };
  const widths = [6, 50, 14, 16, 28, 8, 12, 6, 20, 30, 16, 22, 24];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  input.quotaUnits.forEach((_u, i) => (ws.getColumn(widths.length + i + 1).width = 18));
  const text = (s: string) => escapeFormula(s.normalize("NFC"));

  for (const item of input.items) {
    const quotaOf = new Map(item.quotas.map((q) => [q.code, q.seats]));
    const row: Cell[] = [
      item.position,
      text(item.title),
      text(item.area?.code ?? ""),
      text(item.course?.code ?? ""),
      text(formatTargetGroups(item.targetGroups)),
      item.plannedClasses,
      item.plannedParticipants,
      item.quarter,
      text(item.leadUnit.code),
      text(item.leadUnit.name),
      // Below 10^15 đồng (MAX_BUDGET): exact as a spreadsheet number.
      Number(item.budgetVnd),
      text(item.fundingSource),
      text(item.note),
      ...input.quotaUnits.map((u) => quotaOf.get(u.code) ?? ""),
    ];
    ws.addRow(row);
  }
  if (input.totals && input.items.length > 0) {
    const sum = (f: (i: PlanItemView) => number) => input.items.reduce((s, i) => s + f(i), 0);
    const totals: Cell[] = [
      "Tổng cộng",
      "",
      "",
      "",
      "",
      sum((i) => i.plannedClasses),
      sum((i) => i.plannedParticipants),
      "",
      "",
      "",
      Number(input.items.reduce((s, i) => s + i.budgetVnd, 0n)),
      "",
      "",
      ...input.quotaUnits.map((u) => sum((i) => i.quotas.find((q) => q.code === u.code)?.seats ?? 0)),
    ];
    ws.addRow(totals).font = { bold: true };
  }
  // Number formats by column (1-based): classes, participants, quarter, budget, quotas.
  for (const c of [6, 7]) ws.getColumn(c).numFmt = COUNT_FORMAT;
  ws.getColumn(11).numFmt = VND_FORMAT;
  input.quotaUnits.forEach((_u, i) => (ws.getColumn(widths.length + i + 1).numFmt = COUNT_FORMAT));

  const guide = wb.addWorksheet("Hướng dẫn");
  guide.getColumn(1).width = 120;
  GUIDE.forEach((line, i) => {
    const row = guide.addRow([escapeFormula(line)]);
    row.alignment = { wrapText: true };
    if (i === 0) row.font = { bold: true, size: 13 };
  });

  const codes = (name: string, rows: Unit[]) => {
    const sheet = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.getColumn(1).width = 22;
    sheet.getColumn(2).width = 70;
    sheet.addRow(["Mã", "Tên"]).font = { bold: true };
    for (const r of rows) sheet.addRow([text(r.code), text(r.name)]);
  };
  codes("Đơn vị", input.units);
  codes("Lĩnh vực", input.areas);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const byCode = (a: Unit, b: Unit) => a.code.localeCompare(b.code);
const uniqueUnits = (units: Unit[]) => [...new Map(units.map((u) => [u.code, u])).values()].sort(byCode);

async function allAreas(): Promise<Unit[]> {
  return db().courseArea.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { code: true, name: true } });
}

/**
 * The plan as the viewer sees it (getPlan: everything for the plan's readers, a unit admin's own
 * quotas only), as an XLSX that imports back into a plan as it is.
 */
export async function exportPlan(viewer: Viewer, planId: string): Promise<Download> {
  const plan = await getPlan(viewer, planId);
  const quotaUnits = uniqueUnits(plan.items.flatMap((i) => i.quotas.map((q) => ({ code: q.code, name: q.name }))));
  const units = uniqueUnits([...quotaUnits, ...plan.items.map((i) => ({ code: i.leadUnit.code, name: i.leadUnit.name }))]);
  const bytes = await workbook({ items: plan.items, quotaUnits, units, areas: await allAreas(), totals: true });
  return { fileName: `ke-hoach-${plan.year}-${slug(plan.unit.code)}.xlsx`, contentType: XLSX_TYPE, bytes };
}

/**
 * An empty plan sheet for the import: our headers, a quota column for each unit already given a
 * quota in this plan (else for each open unit directly under the plan's unit), the guide, and the
 * codes of every open unit the viewer may name and of every area.
 */
export async function planTemplate(viewer: Viewer, planId: string): Promise<Download> {
  const plan = await db().trainingPlan.findUnique({ where: { id: planId }, select: { id: true, unitId: true, status: true, year: true } });
  if (!plan) throw notFound();
  await assertManagePlan(db(), viewer, plan);
  const scope = unitIdsWith(viewer, "plan:manage");
  const [open, quoted] = await Promise.all([
    db().unit.findMany({ where: { id: { in: scope }, active: true, mergedIntoId: null }, select: { code: true, name: true, parentId: true }, orderBy: { code: "asc" } }),
    db().planQuota.findMany({ where: { planItem: { planId } }, select: { unit: { select: { code: true, name: true } } }, distinct: ["unitId"] }),
  ]);
  const quotaUnits = quoted.length > 0 ? uniqueUnits(quoted.map((q) => q.unit)) : open.filter((u) => u.parentId === plan.unitId);
  const bytes = await workbook({ items: [], quotaUnits, units: open, areas: await allAreas(), totals: false });
  return { fileName: `mau-ke-hoach-${plan.year}.xlsx`, contentType: XLSX_TYPE, bytes };
}
