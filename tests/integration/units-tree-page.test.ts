import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { FULL_TREE_UP_TO, unitTreePage } from "@/lib/units/queries";
import { makeProvince, makeUnit, makeViewer, uniq } from "@/lib/testing/factories";

describe("the units page", () => {
  it("shows a small tree whole", async () => {
    const p = await makeProvince();
    const admin = await makeViewer(p.province.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const page = await unitTreePage(admin);
    expect(page.mode).toBe("full");
    expect(page.rows.map((u) => u.id).sort()).toEqual([p.province, p.agency, p.city, p.district, p.ward, p.communeA, p.communeB].map((u) => u.id).sort());
  });

  it("shows two levels of a big tree with what lies below, and finds any unit without diacritics", async () => {
    const province = await makeUnit({ name: `Tỉnh lớn ${uniq()}`, kind: "PROVINCE" });
    const district = await makeUnit({ name: "UBND huyện Tây Hòa", kind: "DISTRICT", parentId: province.id });
    const tag = uniq();
    await db().unit.createMany({
      data: Array.from({ length: FULL_TREE_UP_TO }, (_, i) => ({
        code: `T.${tag}.${i}`,
        name: i === 7 ? "Xã Sơn Thành Đông" : `Xã số ${i}`,
        kind: "COMMUNE",
        parentId: district.id,
      })),
    });
    const admin = await makeViewer(province.id, [{ role: "PROVINCE_ADMIN", unitId: province.id }]);

    const top = await unitTreePage(admin);
    expect(top.mode).toBe("top");
    expect(top.total).toBe(FULL_TREE_UP_TO + 2);
    expect(top.rows.map((u) => u.name)).toEqual([province.name, "UBND huyện Tây Hòa"]);
    expect(top.hiddenBelow.get(district.id)).toBe(FULL_TREE_UP_TO);

    const found = await unitTreePage(admin, "son thanh");
    expect(found.mode).toBe("search");
    expect(found.rows.map((u) => u.name)).toEqual(["Xã Sơn Thành Đông"]);
    expect(found.paths.get(found.rows[0]!.id)).toEqual([province.name, "UBND huyện Tây Hòa"]);

    // A district admin's search stays inside their scope, and paths start at their own root.
    const other = await makeProvince();
    const outsider = await makeViewer(other.district.id, [{ role: "UNIT_ADMIN", unitId: other.district.id }]);
    expect((await unitTreePage(outsider, "son thanh")).rows.map((u) => u.id)).not.toContain(found.rows[0]!.id);
    const districtAdmin = await makeViewer(district.id, [{ role: "UNIT_ADMIN", unitId: district.id }]);
    const own = await unitTreePage(districtAdmin, "Sơn Thành");
    expect(own.paths.get(own.rows[0]!.id)).toEqual(["UBND huyện Tây Hòa"]);
  });
});
