import { describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { addPlanItem, approvePlan, createPlan, deletePlanItem, movePlanItem, renamePlan, setPlanQuota, updatePlanItem } from "@/lib/plans/commands";
import { getPlan, listPlans } from "@/lib/plans/queries";
import { addItemInput, createPlanInput, parseVnd, setQuotaInput, type ItemFields } from "@/lib/plans/schemas";
import { makeCourse, seededArea } from "@/lib/testing/course-factories";
import { appError, codeOf } from "@/lib/testing/errors";
import { makeProvince, makeViewer } from "@/lib/testing/factories";

type Province = Awaited<ReturnType<typeof makeProvince>>;

async function setup() {
  const p = await makeProvince();
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  const area = await seededArea();
  return { p, admin, area };
}

/** Form-like raw input → the parsed item (the schema is part of what is tested). */
function item(p: Province, areaId: string, over: Record<string, string> = {}): ItemFields {
  return addItemInput.parse({
    planId: "00000000-0000-4000-8000-000000000000",
    title: "Bồi dưỡng kỹ năng xây dựng kế hoạch CCHC",
    areaId,
    targetGroups: "CONG_CHUC,LEADERS",
    plannedClasses: "2",
    plannedParticipants: "100",
    quarter: "2",
    leadUnitId: p.agency.id,
    budget: "1.500.000",
    fundingSource: "Ngân sách tỉnh",
    ...over,
  });
}

async function newPlan(admin: Viewer, p: Province, year = 2027) {
  return createPlan(admin, createPlanInput.parse({ unitId: p.province.id, year: String(year), title: `Kế hoạch đào tạo, bồi dưỡng năm ${year}` }));
}

/** Everything a plan command may write, to prove a refused one wrote nothing. */
async function snapshot(planId: string, actorId: string) {
  const [plan, items, quotas, amendments, audits] = await Promise.all([
    db().trainingPlan.findUnique({ where: { id: planId } }),
    db().planItem.findMany({ where: { planId }, orderBy: { position: "asc" } }),
    db().planQuota.findMany({ where: { planItem: { planId } }, orderBy: [{ planItemId: "asc" }, { unitId: "asc" }] }),
    db().planAmendment.count({ where: { planId } }),
    db().auditEvent.count({ where: { actorId, action: { startsWith: "plan." } } }),
  ]);
  return JSON.stringify({ plan, items, quotas, amendments, audits }, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

describe("parseVnd", () => {
  it("reads Vietnamese thousands separators and refuses what is not whole đồng", () => {
    expect(parseVnd("1.500.000")).toBe(1_500_000n);
    expect(parseVnd("1500000")).toBe(1_500_000n);
    expect(parseVnd("1 500 000 đ")).toBe(1_500_000n);
    expect(parseVnd("0")).toBe(0n);
    for (const bad of ["abc", "-5", "1.5", "1,5", "1.50.000", "", "1e6"]) expect(parseVnd(bad), bad).toBeNull();
  });
});

describe("creating a plan", () => {
  it("creates a draft, audited; one plan per unit and year, with a clear conflict", async () => {
    const { p, admin } = await setup();
    const { id } = await newPlan(admin, p);
    const plan = await db().trainingPlan.findUniqueOrThrow({ where: { id } });
    expect(plan).toMatchObject({ unitId: p.province.id, year: 2027, status: "DRAFT", createdById: admin.userId });
    expect(await db().auditEvent.count({ where: { action: "plan.create", entityId: id } })).toBe(1);

    const e = await appError(newPlan(admin, p));
    expect(e).toMatchObject({ code: "CONFLICT", messageKey: "plans.yearTaken", field: "year", params: { year: 2027 } });
    expect(await db().trainingPlan.count({ where: { unitId: p.province.id } })).toBe(1);
    // Another year is fine.
    await newPlan(admin, p, 2028);
  });

  it("needs plan:manage on the owning unit", async () => {
    const { p } = await setup();
    const unitAdmin = await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]);
    expect(await codeOf(newPlan(unitAdmin, p))).toBe("NOT_FOUND");
    const own = createPlanInput.parse({ unitId: p.city.id, year: "2027", title: "Kế hoạch của thành phố" });
    expect(await codeOf(createPlan(unitAdmin, own))).toBe("FORBIDDEN");
    expect(await db().trainingPlan.count({ where: { unitId: { in: [p.province.id, p.city.id] } } })).toBe(0);
  });
});

describe("items", () => {
  it("adds, edits, reorders and deletes items in a draft without amendments", async () => {
    const { p, admin, area } = await setup();
    const { id } = await newPlan(admin, p);
    const a = await addPlanItem(admin, id, item(p, area.id));
    const b = await addPlanItem(admin, id, item(p, area.id, { title: "Tập huấn chứng thực bản sao điện tử", quarter: "3" }));
    let items = await db().planItem.findMany({ where: { planId: id }, orderBy: { position: "asc" } });
    expect(items.map((i) => [i.id, i.position])).toEqual([
      [a.id, 1],
      [b.id, 2],
    ]);
    expect(items[0]).toMatchObject({ budgetVnd: 1_500_000n, targetGroups: ["CONG_CHUC", "LEADERS"], plannedClasses: 2, quarter: 2, fundingSource: "Ngân sách tỉnh" });

    expect(await updatePlanItem(admin, a.id, item(p, area.id, { budget: "2000000" }))).toEqual({ changed: true });
    expect(await updatePlanItem(admin, a.id, item(p, area.id, { budget: "2.000.000" }))).toEqual({ changed: false });
    await movePlanItem(admin, b.id, "up");
    items = await db().planItem.findMany({ where: { planId: id }, orderBy: { position: "asc" } });
    expect(items.map((i) => i.id)).toEqual([b.id, a.id]);
    await deletePlanItem(admin, b.id);
    items = await db().planItem.findMany({ where: { planId: id }, orderBy: { position: "asc" } });
    expect(items.map((i) => [i.id, i.position, i.budgetVnd])).toEqual([[a.id, 1, 2_000_000n]]);
    expect(await db().planAmendment.count({ where: { planId: id } })).toBe(0);
    const actions = (await db().auditEvent.findMany({ where: { entityId: id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["plan.create", "plan.item.create", "plan.item.create", "plan.item.update", "plan.item.move", "plan.item.delete"]);
  });

  it("refuses invalid items with a message per field, leaving the database unchanged and no audit row", async () => {
    const { p, admin, area } = await setup();
    const { id } = await newPlan(admin, p);
    const before = await snapshot(id, admin.userId);

    // The schema: each rule with its own message.
    const issues = (over: Record<string, string>) => {
      const r = addItemInput.safeParse({ ...{ planId: id, title: "Nội dung", areaId: area.id, targetGroups: "CONG_CHUC", plannedClasses: "1", plannedParticipants: "10", quarter: "1", leadUnitId: p.agency.id, budget: "0" }, ...over });
      return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}:${i.message}`);
    };
    expect(issues({})).toEqual([]);
    expect(issues({ title: "" })).toHaveLength(1);
    expect(issues({ quarter: "5" })).toEqual(["quarter:plans.quarterRange"]);
    expect(issues({ quarter: "0" })).toEqual(["quarter:plans.quarterRange"]);
    expect(issues({ plannedClasses: "0" })).toEqual(["plannedClasses:plans.classesRange"]);
    expect(issues({ plannedParticipants: "0" })).toEqual(["plannedParticipants:plans.participantsRange"]);
    expect(issues({ budget: "abc" })).toEqual(["budget:plans.budgetInvalid"]);
    expect(issues({ budget: "-1" })).toEqual(["budget:plans.budgetInvalid"]);
    expect(issues({ budget: "1,5" })).toEqual(["budget:plans.budgetInvalid"]);
    expect(issues({ targetGroups: "" })).toEqual(["targetGroups:plans.chooseTargetGroup"]);
    expect(issues({ targetGroups: "ROBOTS" })).toEqual(["targetGroups:plans.targetGroupInvalid"]);
    expect(issues({ areaId: "" })).toEqual(["areaId:plans.areaOrCourse"]);

    // The database checks.
    const otherProvince = await makeProvince();
    const archived = await makeCourse({ unitId: p.province.id, status: "ARCHIVED" });
    const foreignCourse = await makeCourse({ unitId: otherProvince.province.id });
    await db().unit.update({ where: { id: p.communeB.id }, data: { active: false } });
    const refusals: [Record<string, string>, string, string][] = [
      [{ leadUnitId: otherProvince.agency.id }, "leadUnitId", "plans.unitUnknown"],
      [{ leadUnitId: p.communeB.id }, "leadUnitId", "plans.unitClosed"],
      [{ areaId: "", courseId: archived.id }, "courseId", "plans.courseArchived"],
      [{ areaId: "", courseId: foreignCourse.id }, "courseId", "plans.courseUnknown"],
      [{ areaId: "00000000-0000-4000-8000-000000000001" }, "areaId", "plans.areaUnknown"],
    ];
    for (const [over, field, key] of refusals) {
      expect(await appError(addPlanItem(admin, id, item(p, area.id, over))), key).toMatchObject({ code: "VALIDATION", field, messageKey: key });
    }
    expect(await snapshot(id, admin.userId)).toBe(before);
  });

  it("takes the area from the course", async () => {
    const { p, admin, area } = await setup();
    const course = await makeCourse({ unitId: p.province.id, areaCode: "CNTT-TTHC" });
    const { id } = await newPlan(admin, p);
    const added = await addPlanItem(admin, id, item(p, area.id, { courseId: course.id }));
    const row = await db().planItem.findUniqueOrThrow({ where: { id: added.id } });
    expect(row).toMatchObject({ courseId: course.id, areaId: course.areaId });
    expect(row.areaId).not.toBe(area.id);
  });
});

describe("quotas", () => {
  it("sets, changes and removes quotas; the sum may not exceed the planned participants", async () => {
    const { p, admin, area } = await setup();
    const { id } = await newPlan(admin, p);
    const it1 = await addPlanItem(admin, id, item(p, area.id, { plannedParticipants: "50" }));
    const quota = (unitId: string, seats: string) => setPlanQuota(admin, setQuotaInput.parse({ itemId: it1.id, unitId, seats }));
    await quota(p.communeA.id, "30");
    await quota(p.ward.id, "20");
    const before = await snapshot(id, admin.userId);
    expect(await appError(quota(p.communeB.id, "1"))).toMatchObject({ code: "VALIDATION", field: "seats", messageKey: "plans.quotaExceeds", params: { sum: 51, planned: 50 } });
    // Lowering the item's participants below its quotas is refused too, naming both numbers.
    expect(await appError(updatePlanItem(admin, it1.id, item(p, area.id, { plannedParticipants: "49" })))).toMatchObject({
      field: "plannedParticipants",
      messageKey: "plans.quotaExceeds",
      params: { sum: 50, planned: 49 },
    });
    // A unit outside the manager's scope, or closed.
    const other = await makeProvince();
    expect(await appError(quota(other.communeA.id, "1"))).toMatchObject({ field: "unitId", messageKey: "plans.unitUnknown" });
    expect(setQuotaInput.safeParse({ itemId: it1.id, unitId: p.ward.id, seats: "-1" }).success).toBe(false);
    expect(setQuotaInput.safeParse({ itemId: it1.id, unitId: p.ward.id, seats: "2.5" }).success).toBe(false);
    expect(await snapshot(id, admin.userId)).toBe(before);

    await quota(p.communeA.id, "25");
    await quota(p.ward.id, "0");
    const rows = await db().planQuota.findMany({ where: { planItemId: it1.id } });
    expect(rows.map((r) => [r.unitId, r.seats])).toEqual([[p.communeA.id, 25]]);
  });

  it("two concurrent quota changes on one item cannot together exceed its participants", async () => {
    const { p, admin, area } = await setup();
    const { id } = await newPlan(admin, p);
    const other = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    for (let round = 0; round < 6; round++) {
      const it1 = await addPlanItem(admin, id, item(p, area.id, { plannedParticipants: "10" }));
      const results = await Promise.allSettled([
        setPlanQuota(admin, { itemId: it1.id, unitId: p.communeA.id, seats: 6 }),
        setPlanQuota(other, { itemId: it1.id, unitId: p.ward.id, seats: 6 }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(rejected.reason).toMatchObject({ messageKey: "plans.quotaExceeds" });
      const sum = await db().planQuota.aggregate({ where: { planItemId: it1.id }, _sum: { seats: true } });
      expect(sum._sum.seats).toBe(6);
    }
  });
});

describe("approval and amendments", () => {
  it("approval needs an item; then changes need a reason and write an amendment with the change", async () => {
    const { p, admin, area } = await setup();
    const { id } = await newPlan(admin, p);
    expect(await appError(approvePlan(admin, id))).toMatchObject({ code: "VALIDATION", messageKey: "plans.approveEmpty" });
    const it1 = await addPlanItem(admin, id, item(p, area.id));
    await setPlanQuota(admin, { itemId: it1.id, unitId: p.communeA.id, seats: 40 });
    await approvePlan(admin, id);
    expect(await db().trainingPlan.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "APPROVED", approvedById: admin.userId });
    expect(await codeOf(approvePlan(admin, id))).toBe("CONFLICT");

    // Without a reason (or too short): refused, nothing written.
    const before = await snapshot(id, admin.userId);
    expect(await appError(updatePlanItem(admin, it1.id, item(p, area.id, { quarter: "4" })))).toMatchObject({ code: "VALIDATION", field: "reason", messageKey: "plans.reasonRequired" });
    expect(await codeOf(updatePlanItem(admin, it1.id, { ...item(p, area.id, { quarter: "4" }), reason: "ngắn" }))).toBe("VALIDATION");
    expect(await codeOf(setPlanQuota(admin, { itemId: it1.id, unitId: p.ward.id, seats: 10 }))).toBe("VALIDATION");
    expect(await codeOf(addPlanItem(admin, id, item(p, area.id)))).toBe("VALIDATION");
    expect(await codeOf(deletePlanItem(admin, it1.id))).toBe("VALIDATION");
    expect(await codeOf(movePlanItem(admin, it1.id, "down"))).toBe("CONFLICT");
    // A failed amendment (valid reason, invalid change) writes neither the change nor the amendment.
    expect(await codeOf(setPlanQuota(admin, { itemId: it1.id, unitId: p.ward.id, seats: 61, reason: "Bổ sung chỉ tiêu cho phường" }))).toBe("VALIDATION");
    expect(await snapshot(id, admin.userId)).toBe(before);

    const reason = "Điều chỉnh theo Quyết định số 12/QĐ-UBND";
    await updatePlanItem(admin, it1.id, { ...item(p, area.id, { quarter: "4" }), reason });
    const amendments = await db().planAmendment.findMany({ where: { planId: id } });
    expect(amendments).toHaveLength(1);
    expect(amendments[0]).toMatchObject({ reason, actorId: admin.userId, changes: { action: "plan.item.update", itemId: it1.id, before: { quarter: 2 }, after: { quarter: 4 } } });
    expect((await db().planItem.findUniqueOrThrow({ where: { id: it1.id } })).quarter).toBe(4);
    const event = await db().auditEvent.findFirstOrThrow({ where: { entityId: id, action: "plan.item.update" } });
    expect(event.data).toMatchObject({ amendmentId: amendments[0]!.id, reason });

    await setPlanQuota(admin, { itemId: it1.id, unitId: p.ward.id, seats: 10, reason: "Bổ sung chỉ tiêu cho phường" });
    await renamePlan(admin, { id, title: "Kế hoạch đã điều chỉnh", reason: "Điều chỉnh tên theo văn bản" });
    const plan = await getPlan(admin, id);
    expect(plan.amendments.map((a) => a.action)).toEqual(["plan.rename", "plan.quota.set", "plan.item.update"]);
    expect(plan.amendments[0]!.actorName).toBe("Nguyễn Văn Thử");
    // Ids in the history are shown as names.
    expect(plan.amendments[1]!.details).toEqual([{ field: "seats", unit: p.ward.name, before: 0, after: 10 }]);
    expect(plan.amendments[2]!.details).toEqual([{ field: "quarter", before: 2, after: 4 }]);
  });
});

describe("who sees what", () => {
  it("unit admins see approved plans' items with their own units' quotas only; drafts are not found", async () => {
    const { p, admin, area } = await setup();
    const { id } = await newPlan(admin, p);
    const forA = await addPlanItem(admin, id, item(p, area.id, { title: "Nội dung có chỉ tiêu cho xã A" }));
    const notForA = await addPlanItem(admin, id, item(p, area.id, { title: "Nội dung chỉ cho huyện" }));
    await setPlanQuota(admin, { itemId: forA.id, unitId: p.communeA.id, seats: 12 });
    await setPlanQuota(admin, { itemId: forA.id, unitId: p.ward.id, seats: 30 });
    await setPlanQuota(admin, { itemId: notForA.id, unitId: p.communeB.id, seats: 5 });
    const adminA = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    const cityAdmin = await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]);

    expect(await codeOf(getPlan(adminA, id))).toBe("NOT_FOUND");
    expect(await listPlans(adminA)).toEqual([]);
    await approvePlan(admin, id);

    const seen = await getPlan(adminA, id);
    expect(seen.access).toBe("quota");
    expect(seen.items.map((i) => i.id)).toEqual([forA.id]);
    expect(seen.items[0]!.quotas).toEqual([{ unitId: p.communeA.id, code: p.communeA.code, name: p.communeA.name, seats: 12 }]);
    expect(seen.totals).toMatchObject({ items: 1, seats: 12 });
    expect(seen.amendments).toEqual([]);
    expect(JSON.stringify(seen, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(p.ward.id);
    const [row] = await listPlans(adminA);
    expect(row).toMatchObject({ id, access: "quota", totals: { items: 1, seats: 12 } });

    // The city admin sees both the ward's and commune A's quotas (both in the city), not commune B's.
    const city = await getPlan(cityAdmin, id);
    expect(city.items.map((i) => i.quotas.map((q) => q.unitId).sort())).toEqual([[p.communeA.id, p.ward.id].sort()]);
    // Read-only.
    expect(await codeOf(setPlanQuota(adminA, { itemId: forA.id, unitId: p.communeA.id, seats: 1, reason: "Xin thêm chỉ tiêu cho xã" }))).toBe("FORBIDDEN");
    expect(await codeOf(updatePlanItem(adminA, notForA.id, { ...item(p, area.id), reason: "Xin sửa nội dung của huyện" }))).toBe("FORBIDDEN");
  });
});
