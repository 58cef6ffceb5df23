import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createUnit, renameUnit } from "@/lib/units/commands";
import { getUnit, listUnits, unitStats } from "@/lib/units/queries";
import { makeProvince, makeUser, makeViewer, uniq } from "@/lib/testing/factories";
import { codeOf } from "@/lib/testing/errors";

describe("unit tree visibility", () => {
  it("a province admin sees exactly their whole tree, nothing of another province", async () => {
    const p = await makeProvince();
    const other = await makeProvince();
    const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const ids = (await listUnits(admin)).map((u) => u.id).sort();
    const expected = [p.province, p.agency, p.city, p.district, p.ward, p.communeA, p.communeB].map((u) => u.id).sort();
    expect(ids).toEqual(expected);
    expect(await codeOf(getUnit(admin, other.communeA.id))).toBe("NOT_FOUND");
  });

  it("a unit admin of a city sees the city and its communes only", async () => {
    const p = await makeProvince();
    const admin = await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]);
    const ids = (await listUnits(admin)).map((u) => u.id).sort();
    expect(ids).toEqual([p.city.id, p.ward.id, p.communeA.id].sort());
    expect(await codeOf(getUnit(admin, p.communeB.id))).toBe("NOT_FOUND");
    expect(await codeOf(getUnit(admin, p.province.id))).toBe("NOT_FOUND");
    // The parent outside the admin's scope is not revealed.
    expect((await getUnit(admin, p.city.id)).parent).toBeNull();
  });

  it("learners and trainers have no unit administration", async () => {
    const p = await makeProvince();
    const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
    const trainer = await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.province.id }]);
    for (const v of [learner, trainer]) {
      expect(await listUnits(v)).toEqual([]);
      expect(await codeOf(getUnit(v, p.communeA.id))).toBe("NOT_FOUND");
      expect(await codeOf(renameUnit(v, { id: p.communeA.id, name: "Đổi tên trái phép" }))).toBe("NOT_FOUND");
    }
  });

  it("counts units and people within scope only", async () => {
    const p = await makeProvince();
    await makeUser({ unitId: p.communeA.id });
    await makeUser({ unitId: p.communeA.id, active: false });
    await makeUser({ unitId: p.communeB.id });
    const admin = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    // The admin is a member of communeA too.
    expect(await unitStats(admin)).toEqual({ units: 1, people: 3, activePeople: 2 });
  });
});

describe("creating and renaming units", () => {
  it("a commune admin renames their commune and the change is audited", async () => {
    const p = await makeProvince();
    const admin = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    await renameUnit(admin, { id: p.communeA.id, name: "Xã Bình Kiến mới" });
    expect((await db().unit.findUniqueOrThrow({ where: { id: p.communeA.id } })).name).toBe("Xã Bình Kiến mới");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: p.communeA.id, action: "unit.rename" } });
    expect(audit.actorId).toBe(admin.userId);
    expect(audit.data).toEqual({ before: { name: p.communeA.name }, after: { name: "Xã Bình Kiến mới" } });
  });

  it("a commune admin cannot rename or add under another commune with a forged id; nothing changes", async () => {
    const p = await makeProvince();
    const admin = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    expect(await codeOf(renameUnit(admin, { id: p.communeB.id, name: "Bị đổi tên" }))).toBe("NOT_FOUND");
    expect(await codeOf(renameUnit(admin, { id: p.city.id, name: "Bị đổi tên" }))).toBe("NOT_FOUND");
    const code = `X.${uniq()}`;
    expect(await codeOf(createUnit(admin, { parentId: p.communeB.id, code, name: "Thôn lạ", kind: "OTHER" }))).toBe("NOT_FOUND");
    expect((await db().unit.findUniqueOrThrow({ where: { id: p.communeB.id } })).name).toBe(p.communeB.name);
    expect(await db().unit.findUnique({ where: { code } })).toBeNull();
    expect(await db().auditEvent.count({ where: { actorId: admin.userId } })).toBe(0);
  });

  it("creates a unit under one in scope, and the new unit is immediately visible", async () => {
    const p = await makeProvince();
    const admin = await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]);
    const code = `TH.${uniq()}`;
    const unit = await createUnit(admin, { parentId: p.ward.id, code, name: "Tổ dân phố 1", kind: "OTHER" });
    expect(unit.parentId).toBe(p.ward.id);
    // Visibility follows the tree, not a cached list: a fresh viewer sees the new unit.
    const again = await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]);
    expect((await getUnit(again, unit.id)).code).toBe(code);
    expect(await db().auditEvent.count({ where: { entityId: unit.id, action: "unit.create" } })).toBe(1);
  });

  it("refuses a duplicate code with a field error and writes nothing", async () => {
    const p = await makeProvince();
    const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const before = await db().unit.count();
    const error = await createUnit(admin, { parentId: p.city.id, code: p.ward.code, name: "Trùng mã", kind: "WARD" }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "CONFLICT", field: "code", messageKey: "units.codeTaken" });
    expect(await db().unit.count({ where: { name: "Trùng mã", parentId: p.city.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { actorId: admin.userId } })).toBe(0);
    expect(before).toBeGreaterThan(0);
  });
});
