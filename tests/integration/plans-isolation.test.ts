// The isolation suite for training plans: every exported data function of lib/plans, called by
// someone outside the plan (the admin of another province, the admin of a commune that has no
// quota, a trainer, a learner) with forged ids, is refused as NOT_FOUND or FORBIDDEN, returns
// nothing of the plan, and leaves the database exactly as it was. Checked by hand when written:
// dropping the `status === "APPROVED"` test in planAccess, the owner check in lockPlanForManage
// or the scope of listPlans makes cases here fail.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { planAccess } from "@/lib/plans/access";
import { addPlanItem, approvePlan, createPlan, deletePlanItem, movePlanItem, renamePlan, setPlanQuota, updatePlanItem } from "@/lib/plans/commands";
import { exportPlan, planTemplate } from "@/lib/plans/export";
import { importPlanItems, previewPlanImport } from "@/lib/plans/import";
import { getPlan, getPlanItemForEdit, listPlans, planFormOptions, planOwnerOptions } from "@/lib/plans/queries";
import { addItemInput, type ItemFields } from "@/lib/plans/schemas";
import { makeCourse, seededArea } from "@/lib/testing/course-factories";
import { appError, codeOf } from "@/lib/testing/errors";
import { makeProvince, makeViewer } from "@/lib/testing/factories";

type Province = Awaited<ReturnType<typeof makeProvince>>;

const item = (p: Province, areaId: string, over: Record<string, string> = {}): ItemFields =>
  addItemInput.parse({
    planId: "00000000-0000-4000-8000-000000000000",
    title: "Bồi dưỡng nghiệp vụ CCHC",
    areaId,
    targetGroups: "CONG_CHUC",
    plannedClasses: "1",
    plannedParticipants: "60",
    quarter: "2",
    leadUnitId: p.agency.id,
    budget: "1.000.000",
    ...over,
  });

/** Everything a plan function could change about one province's plans, as a comparable string. */
async function fingerprint(unitId: string): Promise<string> {
  const plans = await db().trainingPlan.findMany({
    where: { unitId },
    orderBy: { year: "asc" },
    include: { items: { orderBy: { position: "asc" }, include: { quotas: { orderBy: { unitId: "asc" } } } }, amendments: { orderBy: { at: "asc" } } },
  });
  const audits = await db().auditEvent.count({ where: { entityId: { in: plans.map((p) => p.id) }, NOT: { action: "access.denied" } } });
  return JSON.stringify({ plans, audits }, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

async function xlsx(rows: (string | number)[][], extra: string[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Kế hoạch");
  ws.addRow(["STT", "Nội dung", "Lĩnh vực (mã)", "Mã khóa học", "Đối tượng", "Số lớp", "Số học viên", "Quý", "Cơ quan chủ trì (mã đơn vị)", "Kinh phí (đồng)", "Nguồn kinh phí", "Ghi chú", ...extra]);
  for (const r of rows) ws.addRow(r);
  return { name: "x.xlsx", bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
}

async function world() {
  const p = await makeProvince();
  const area = await seededArea();
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  const course = await makeCourse({ unitId: p.province.id });
  const approved = await createPlan(admin, { unitId: p.province.id, year: 2027, title: "Kế hoạch năm 2027" });
  const it1 = await addPlanItem(admin, approved.id, item(p, area.id));
  await setPlanQuota(admin, { itemId: it1.id, unitId: p.communeA.id, seats: 20 });
  await approvePlan(admin, approved.id);
  const draft = await createPlan(admin, { unitId: p.province.id, year: 2028, title: "Kế hoạch năm 2028" });
  const it2 = await addPlanItem(admin, draft.id, item(p, area.id));
  await setPlanQuota(admin, { itemId: it2.id, unitId: p.communeB.id, seats: 10 });

  const other = await makeProvince();
  const outsiders: Record<string, Viewer> = {
    otherProvinceAdmin: await makeViewer(other.agency.id, [{ role: "PROVINCE_ADMIN", unitId: other.province.id }]),
    communeBAdmin: await makeViewer(p.communeB.id, [{ role: "UNIT_ADMIN", unitId: p.communeB.id }]),
    trainer: await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.agency.id }]),
    learner: await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]),
  };
  return { p, other, area, admin, course, approved, draft, it1, it2, outsiders };
}

const REFUSED = ["NOT_FOUND", "FORBIDDEN"];
const reason = "Điều chỉnh giả mạo từ đơn vị khác";

describe("plans: outsiders with forged ids", () => {
  it("every data function refuses or returns nothing, and nothing changes", async () => {
    const w = await world();
    const before = await fingerprint(w.p.province.id);
    const file = await xlsx([[1, "Nội dung giả", "KH-CCHC", "", "Công chức", 1, 10, 1, w.p.agency.code, "0", "", ""]], []);

    for (const [who, v] of Object.entries(w.outsiders)) {
      // Reads: not found (no existence leak), nothing listed.
      for (const planId of [w.approved.id, w.draft.id]) {
        expect(await codeOf(getPlan(v, planId)), `${who} getPlan`).toBe("NOT_FOUND");
        expect(await codeOf(exportPlan(v, planId)), `${who} exportPlan`).toBe("NOT_FOUND");
        expect(await codeOf(planTemplate(v, planId)), `${who} planTemplate`).toBe("NOT_FOUND");
        expect(await codeOf(previewPlanImport(v, planId, file)), `${who} preview`).toBe("NOT_FOUND");
        expect(await codeOf(importPlanItems(v, planId, file, { reason })), `${who} import`).toBe("NOT_FOUND");
        expect(await codeOf(planAccess(db(), v, { id: planId, unitId: w.p.province.id, status: planId === w.approved.id ? "APPROVED" : "DRAFT" })), `${who} planAccess`).toBe("NOT_FOUND");
        expect(await codeOf(renamePlan(v, { id: planId, title: "Đổi tên giả", reason })), `${who} rename`).toBe("NOT_FOUND");
        expect(await codeOf(approvePlan(v, planId)), `${who} approve`).toBe("NOT_FOUND");
        expect(await codeOf(addPlanItem(v, planId, { ...item(w.p, w.area.id), reason })), `${who} addItem`).toBe("NOT_FOUND");
      }
      for (const itemId of [w.it1.id, w.it2.id]) {
        expect(await codeOf(getPlanItemForEdit(v, itemId)), `${who} getItem`).toBe("NOT_FOUND");
        expect(await codeOf(updatePlanItem(v, itemId, { ...item(w.p, w.area.id, { quarter: "4" }), reason })), `${who} updateItem`).toBe("NOT_FOUND");
        expect(await codeOf(deletePlanItem(v, itemId, { reason })), `${who} deleteItem`).toBe("NOT_FOUND");
        expect(await codeOf(movePlanItem(v, itemId, "down")), `${who} moveItem`).toBe("NOT_FOUND");
        expect(await codeOf(setPlanQuota(v, { itemId, unitId: w.p.communeB.id, seats: 1, reason })), `${who} setQuota`).toBe("NOT_FOUND");
      }
      expect(REFUSED, `${who} createPlan`).toContain(await codeOf(createPlan(v, { unitId: w.p.province.id, year: 2030, title: "Kế hoạch giả" })));
      expect(REFUSED, `${who} createPlan (own unit)`).toContain(await codeOf(createPlan(v, { unitId: w.p.communeB.id, year: 2030, title: "Kế hoạch giả" })));
      expect((await listPlans(v)).map((p) => p.id), `${who} listPlans`).toEqual([]);
      expect((await listPlans(v, { year: 2027 })).map((p) => p.id), `${who} listPlans 2027`).toEqual([]);
      const options = await planFormOptions(v);
      const ours = new Set([w.p.province, w.p.agency, w.p.city, w.p.district, w.p.ward, w.p.communeA, w.p.communeB].map((u) => u.id));
      expect(options.units.filter((u) => ours.has(u.id)), `${who} planFormOptions units`).toEqual([]);
      expect(options.courses.filter((c) => c.id === w.course.id), `${who} planFormOptions courses`).toEqual([]);
      expect((await planOwnerOptions(v)).filter((u) => ours.has(u.id)), `${who} planOwnerOptions`).toEqual([]);
    }
    expect(await fingerprint(w.p.province.id)).toBe(before);
  });

  it("another province's admin cannot name this province's units or courses in their own plan", async () => {
    const w = await world();
    const v = w.outsiders.otherProvinceAdmin!;
    const own = await createPlan(v, { unitId: w.other.province.id, year: 2027, title: "Kế hoạch của tỉnh khác" });
    expect(await appError(addPlanItem(v, own.id, item(w.p, w.area.id)))).toMatchObject({ field: "leadUnitId", messageKey: "plans.unitUnknown" });
    expect(await appError(addPlanItem(v, own.id, item(w.other, w.area.id, { areaId: "", courseId: w.course.id })))).toMatchObject({ field: "courseId", messageKey: "plans.courseUnknown" });
    const ownItem = await addPlanItem(v, own.id, item(w.other, w.area.id));
    expect(await appError(setPlanQuota(v, { itemId: ownItem.id, unitId: w.p.communeA.id, seats: 5 }))).toMatchObject({ field: "unitId", messageKey: "plans.unitUnknown" });
    // An import naming this province's codes reports them as unknown, like codes that do not exist.
    const file = await xlsx([[1, "Nội dung", "", w.course.code, "Công chức", 1, 10, 1, w.p.agency.code, "0", "", "", 5]], [`Chỉ tiêu: ${w.p.communeA.code}`]);
    const preview = await previewPlanImport(v, own.id, file);
    expect(preview.rows[0]!.errors.map((e) => `${e.field}:${e.key}`).sort()).toEqual(
      ["courseCode:plans.courseCodeUnknown", "leadUnitCode:plans.unitCodeUnknown", `quota:${w.p.communeA.code}:plans.unitCodeUnknown`].sort(),
    );
    expect(JSON.stringify(preview.rows, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x))).not.toContain(w.p.communeA.id);
  });

  it("a unit admin with a quota reads only that, and may not export others' quotas or change anything", async () => {
    const w = await world();
    const adminA = await makeViewer(w.p.communeA.id, [{ role: "UNIT_ADMIN", unitId: w.p.communeA.id }]);
    const before = await fingerprint(w.p.province.id);
    expect((await listPlans(adminA)).map((p) => p.id)).toEqual([w.approved.id]);
    expect(await codeOf(getPlan(adminA, w.draft.id))).toBe("NOT_FOUND");
    const exported = await exportPlan(adminA, w.approved.id);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(exported.bytes) as unknown as ExcelJS.Buffer);
    const headers = (wb.worksheets[0]!.getRow(1).values as unknown[]).filter((h) => typeof h === "string" && h.startsWith("Chỉ tiêu"));
    expect(headers).toEqual([`Chỉ tiêu: ${w.p.communeA.code}`]);
    expect(await codeOf(planTemplate(adminA, w.approved.id))).toBe("FORBIDDEN");
    expect(await codeOf(previewPlanImport(adminA, w.approved.id, await xlsx([], [])))).toBe("FORBIDDEN");
    expect(await codeOf(getPlanItemForEdit(adminA, w.it2.id))).toBe("NOT_FOUND");
    expect(await codeOf(setPlanQuota(adminA, { itemId: w.it1.id, unitId: w.p.communeA.id, seats: 60, reason }))).toBe("FORBIDDEN");
    expect(await codeOf(deletePlanItem(adminA, w.it1.id, { reason }))).toBe("FORBIDDEN");
    expect(await codeOf(renamePlan(adminA, { id: w.approved.id, title: "Đổi tên", reason }))).toBe("FORBIDDEN");
    expect(await fingerprint(w.p.province.id)).toBe(before);
  });
});
