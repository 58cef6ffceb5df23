import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { addPlanItem, approvePlan, createPlan, setPlanQuota } from "@/lib/plans/commands";
import { exportPlan, planTemplate } from "@/lib/plans/export";
import { importPlanItems, previewPlanImport } from "@/lib/plans/import";
import { getPlan } from "@/lib/plans/queries";
import { addItemInput } from "@/lib/plans/schemas";
import { makeCourse, seededArea } from "@/lib/testing/course-factories";
import { appError, codeOf } from "@/lib/testing/errors";
import { makeProvince, makeViewer } from "@/lib/testing/factories";

type Province = Awaited<ReturnType<typeof makeProvince>>;

const HEADERS = ["STT", "Nội dung", "Lĩnh vực (mã)", "Mã khóa học", "Đối tượng", "Số lớp", "Số học viên", "Quý", "Cơ quan chủ trì (mã đơn vị)", "Kinh phí (đồng)", "Nguồn kinh phí", "Ghi chú"];

async function xlsx(rows: (string | number)[][], extraHeaders: string[] = []) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Kế hoạch");
  ws.addRow([...HEADERS, ...extraHeaders]);
  for (const r of rows) ws.addRow(r);
  return { name: "ke-hoach.xlsx", bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
}

async function setup(year = 2027) {
  const p = await makeProvince();
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  const { id } = await createPlan(admin, { unitId: p.province.id, year, title: `Kế hoạch năm ${year}` });
  return { p, admin, planId: id };
}

/** Everything an import writes into a plan. */
async function written(planId: string, admin: Viewer) {
  return {
    items: await db().planItem.count({ where: { planId } }),
    quotas: await db().planQuota.count({ where: { planItem: { planId } } }),
    amendments: await db().planAmendment.count({ where: { planId } }),
    audits: await db().auditEvent.count({ where: { actorId: admin.userId, action: "plan.import" } }),
  };
}
const NOTHING = { items: 0, quotas: 0, amendments: 0, audits: 0 };

const good = (p: Province, over: Partial<Record<number, string | number>> = {}) => {
  const row: (string | number)[] = [1, "Bồi dưỡng kỹ năng xây dựng kế hoạch CCHC", "KH-CCHC", "", "Công chức; Lãnh đạo, quản lý", 2, 100, 2, p.agency.code, "1.500.000", "Ngân sách tỉnh", "", 30, 20];
  for (const [i, v] of Object.entries(over)) row[Number(i)] = v!;
  return row;
};

describe("plan import: preview", () => {
  it("lists every error with its row and column, and writes nothing", async () => {
    const { p, admin, planId } = await setup();
    const file = await xlsx(
      [
        good(p), // 2 valid
        [2, "Tập huấn chứng thực bản sao điện tử", "CNTT-TTHC", "", "Công chức", 1, 50, 3, p.agency.code, "0", "", "", "", "", 5], // 3: quota for an unknown unit
        [3, "Truyền thông về CCHC", "TT-CCHC", "", "Cán bộ", 1, 40, 5, p.agency.code, "abc", "", "", 10, "", ""], // 4: quarter 5, budget "abc"
      ],
      [`Chỉ tiêu: ${p.communeA.code}`, `Chỉ tiêu: ${p.ward.code}`, "Chỉ tiêu: KHONG.CO"],
    );
    const preview = await previewPlanImport(admin, planId, file);
    expect(preview).toMatchObject({ kind: "xlsx", total: 3, valid: 1, invalid: 2, quotaCodes: [p.communeA.code, p.ward.code, "KHONG.CO"] });
    const errors = (line: number) => preview.rows.find((r) => r.line === line)!.errors.map((e) => `${e.field}:${e.key}`).sort();
    expect(errors(2)).toEqual([]);
    expect(errors(3)).toEqual(["quota:KHONG.CO:plans.unitCodeUnknown"]);
    expect(errors(4)).toEqual(["budget:plans.budgetInvalid", "quarter:plans.quarterRange"]);
    // The column is known by its header as the file wrote it.
    expect(preview.columns.find((c) => c.field === "quota:KHONG.CO")?.header).toBe("Chỉ tiêu: KHONG.CO");
    expect(preview.columns.find((c) => c.field === "quarter")?.header).toBe("Quý");
    expect(preview.rows[0]!.item).toMatchObject({ budgetVnd: 1_500_000n, targetGroups: ["CONG_CHUC", "LEADERS"], quotas: [{ unitId: p.communeA.id, seats: 30 }, { unitId: p.ward.id, seats: 20 }] });
    expect(await written(planId, admin)).toEqual(NOTHING);
  });

  it("reports units outside the manager's scope like unknown ones, closed units, bad groups, the quota sum and missing columns", async () => {
    const { p, admin, planId } = await setup();
    const other = await makeProvince();
    await db().unit.update({ where: { id: p.communeB.id }, data: { active: false } });
    const archived = await makeCourse({ unitId: p.province.id, status: "ARCHIVED" });
    const file = await xlsx(
      [
        good(p, { 8: other.agency.code }), // 2 lead unit of another province
        good(p, { 8: p.communeB.code }), // 3 closed unit
        good(p, { 4: "Học sinh" }), // 4 unknown target group
        good(p, { 6: 40 }), // 5 quotas 30+20 > 40
        good(p, { 2: "", 3: archived.code }), // 6 archived course
        good(p, { 2: "", 3: "" }), // 7 neither area nor course
      ],
      [`Chỉ tiêu: ${p.communeA.code}`, `Chỉ tiêu: ${p.ward.code}`],
    );
    const preview = await previewPlanImport(admin, planId, file);
    const errors = (line: number) => preview.rows.find((r) => r.line === line)!.errors.map((e) => `${e.field}:${e.key}`);
    expect(errors(2)).toEqual(["leadUnitCode:plans.unitCodeUnknown"]);
    expect(errors(3)).toEqual(["leadUnitCode:plans.unitClosed"]);
    expect(errors(4)).toEqual(["targetGroups:plans.badTargetGroup"]);
    expect(errors(5)).toEqual(["plannedParticipants:plans.rowQuotaExceeds"]);
    expect(preview.rows[3]!.errors[0]!.params).toEqual({ sum: 50, planned: 40 });
    expect(errors(6)).toEqual(["courseCode:plans.courseArchived"]);
    expect(errors(7)).toEqual(["areaCode:plans.areaOrCourse"]);

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("x").addRow(["Nội dung", "Ghi chú"]);
    wb.worksheets[0]!.addRow(["a", "b"]);
    const missing = await appError(previewPlanImport(admin, planId, { name: "x.xlsx", bytes: new Uint8Array(await wb.xlsx.writeBuffer()) }));
    expect(missing).toMatchObject({ code: "VALIDATION", field: "file", messageKey: "imports.missingColumns" });
  });
});

describe("plan import: commit", () => {
  it("is all-or-nothing: one bad row and nothing is written", async () => {
    const { p, admin, planId } = await setup();
    const file = await xlsx([good(p), good(p, { 7: 5 })], [`Chỉ tiêu: ${p.communeA.code}`, `Chỉ tiêu: ${p.ward.code}`]);
    const result = await importPlanItems(admin, planId, file);
    expect(result.status).toBe("rejected");
    if (result.status === "rejected") expect(result.preview).toMatchObject({ valid: 1, invalid: 1 });
    expect(await written(planId, admin)).toEqual(NOTHING);
    // A file other than the previewed one is refused.
    expect(await codeOf(importPlanItems(admin, planId, file, { expectSha256: "0".repeat(64) }))).toBe("CONFLICT");
  });

  it("imports a good file's items and quotas after the existing items, with one audit event", async () => {
    const { p, admin, planId } = await setup();
    const area = await seededArea();
    await addPlanItem(
      admin,
      planId,
      addItemInput.parse({ planId, title: "Nội dung có sẵn", areaId: area.id, targetGroups: "CAN_BO", plannedClasses: "1", plannedParticipants: "10", quarter: "1", leadUnitId: p.agency.id, budget: "" }),
    );
    const file = await xlsx([good(p), good(p, { 1: "Tập huấn lần hai", 12: "", 13: 5 })], [`Chỉ tiêu: ${p.communeA.code}`, `Chỉ tiêu: ${p.ward.code}`]);
    const result = await importPlanItems(admin, planId, file);
    expect(result).toMatchObject({ status: "done", items: 2, quotas: 3 });
    const plan = await getPlan(admin, planId);
    expect(plan.items.map((i) => [i.position, i.title])).toEqual([
      [1, "Nội dung có sẵn"],
      [2, "Bồi dưỡng kỹ năng xây dựng kế hoạch CCHC"],
      [3, "Tập huấn lần hai"],
    ]);
    expect(plan.items[1]).toMatchObject({ plannedClasses: 2, plannedParticipants: 100, quarter: 2, budgetVnd: 1_500_000n, fundingSource: "Ngân sách tỉnh", leadUnit: { id: p.agency.id } });
    expect(plan.items[2]!.quotas.map((q) => [q.unitId, q.seats])).toEqual([[p.ward.id, 5]]);
    expect(await written(planId, admin)).toEqual({ items: 3, quotas: 3, amendments: 0, audits: 1 });
  });

  it("into an approved plan only with a reason, as one amendment", async () => {
    const { p, admin, planId } = await setup();
    const file = await xlsx([good(p)], [`Chỉ tiêu: ${p.communeA.code}`, `Chỉ tiêu: ${p.ward.code}`]);
    await importPlanItems(admin, planId, file);
    await approvePlan(admin, planId);
    expect(await appError(importPlanItems(admin, planId, file))).toMatchObject({ field: "reason", messageKey: "plans.reasonRequired" });
    expect(await written(planId, admin)).toEqual({ items: 1, quotas: 2, amendments: 0, audits: 1 });
    await importPlanItems(admin, planId, file, { reason: "Bổ sung nội dung theo văn bản số 45" });
    expect(await written(planId, admin)).toEqual({ items: 2, quotas: 4, amendments: 1, audits: 2 });
    const amendment = await db().planAmendment.findFirstOrThrow({ where: { planId } });
    expect(amendment.changes).toMatchObject({ action: "plan.import", count: 1 });
  });
});

describe("plan export", () => {
  it("round-trips: an exported plan imports into another plan as the same data", async () => {
    const { p, admin, planId } = await setup();
    const course = await makeCourse({ unitId: p.province.id, areaCode: "CNTT-TTHC" });
    const file = await xlsx(
      [good(p), good(p, { 1: "Chứng thực bản sao điện tử", 2: "", 3: course.code, 4: "Viên chức; Công chức đầu mối CCHC", 9: "0", 10: "", 11: "Lớp trực tuyến", 12: "", 13: 7 })],
      [`Chỉ tiêu: ${p.communeA.code}`, `Chỉ tiêu: ${p.ward.code}`],
    );
    await importPlanItems(admin, planId, file);
    const exported = await exportPlan(admin, planId);
    expect(exported.fileName).toMatch(/^ke-hoach-2027-.*\.xlsx$/);

    const { id: copy } = await createPlan(admin, { unitId: p.province.id, year: 2028, title: "Bản sao" });
    expect(await importPlanItems(admin, copy, { name: exported.fileName, bytes: exported.bytes })).toMatchObject({ status: "done", items: 2, quotas: 3 });
    const strip = (items: Awaited<ReturnType<typeof getPlan>>["items"]) => items.map(({ id, ...rest }) => (void id, rest));
    expect(strip((await getPlan(admin, copy)).items)).toEqual(strip((await getPlan(admin, planId)).items));
  });

  it("escapes formula-looking text, writes Vietnamese headers, numbers as numbers and a totals row", async () => {
    const { p, admin, planId } = await setup();
    const area = await seededArea();
    const { id } = await addPlanItem(
      admin,
      planId,
      addItemInput.parse({ planId, title: '=HYPERLINK("http://evil.example","Bấm")', areaId: area.id, targetGroups: "CONG_CHUC", plannedClasses: "3", plannedParticipants: "90", quarter: "4", leadUnitId: p.agency.id, budget: "2.500.000", fundingSource: "+ngân sách", note: "@ghi chú" }),
    );
    await setPlanQuota(admin, { itemId: id, unitId: p.communeA.id, seats: 15 });
    const exported = await exportPlan(admin, planId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(exported.bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe("Kế hoạch");
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...HEADERS.slice(0, 9), "Tên cơ quan chủ trì", ...HEADERS.slice(9), `Chỉ tiêu: ${p.communeA.code}`]);
    const row = ws.getRow(2);
    expect(row.getCell(2).value).toBe(`'=HYPERLINK("http://evil.example","Bấm")`);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(12).value).toBe("'+ngân sách");
    expect(row.getCell(13).value).toBe("'@ghi chú");
    expect(row.getCell(10).value).toBe(p.agency.name);
    expect(row.getCell(11).value).toBe(2_500_000);
    expect(ws.getColumn(11).numFmt).toBe('#,##0 "đ"');
    expect(row.getCell(14).value).toBe(15);
    const totals = ws.getRow(3);
    expect([totals.getCell(1).value, totals.getCell(6).value, totals.getCell(7).value, totals.getCell(11).value, totals.getCell(14).value]).toEqual(["Tổng cộng", 3, 90, 2_500_000, 15]);
    // No cell anywhere is a formula.
    for (const sheet of wb.worksheets) sheet.eachRow((r) => r.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
    // The title imports back as it was (the apostrophe is ours and is removed).
    const { id: copy } = await createPlan(admin, { unitId: p.province.id, year: 2029, title: "Bản sao" });
    await importPlanItems(admin, copy, { name: "x.xlsx", bytes: exported.bytes });
    expect((await getPlan(admin, copy)).items[0]).toMatchObject({ title: '=HYPERLINK("http://evil.example","Bấm")', fundingSource: "+ngân sách", note: "@ghi chú" });

    const template = await planTemplate(admin, planId);
    const twb = new ExcelJS.Workbook();
    await twb.xlsx.load(Buffer.from(template.bytes) as unknown as ExcelJS.Buffer);
    expect(twb.worksheets.map((w) => w.name)).toEqual(["Kế hoạch", "Hướng dẫn", "Đơn vị", "Lĩnh vực"]);
    expect(twb.worksheets[0]!.getRow(1).getCell(15).value ?? null).toBeNull();
    expect(twb.worksheets[0]!.rowCount).toBe(1);
    expect(twb.worksheets[0]!.getRow(1).getCell(14).value).toBe(`Chỉ tiêu: ${p.communeA.code}`);
  });
});
