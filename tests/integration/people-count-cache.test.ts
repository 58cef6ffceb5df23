import { describe, expect, it } from "vitest";
import { loadViewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { createPerson, setPersonActive } from "@/lib/people/commands";
import { listPeople } from "@/lib/people/queries";
import { createPersonInput } from "@/lib/people/schemas";
import { moveUnit } from "@/lib/units/commands";
import { makeProvince, makeUnit, makeViewer, uniq } from "@/lib/testing/factories";

// Big lists keep their total between pages (lib/people/queries.ts countPeople); every change of a
// person or a unit must still show at once.
async function manyPeople(unitId: string, n: number) {
  const tag = uniq().toLowerCase();
  await db().user.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      email: `dong.${i}.${tag}@test.taphuan.vn`,
      fullName: `Người thứ ${i}`,
      searchText: `nguoi thu ${i}`,
      passwordHash: "!no-password",
      unitId,
    })),
  });
}

describe("the people list's total on a big list", () => {
  it("follows creations, deactivations and unit moves at once", async () => {
    const p = await makeProvince();
    await manyPeople(p.communeA.id, 1_200);
    const admin = await makeViewer(p.province.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const total = async (input: Parameters<typeof listPeople>[1] = {}) => (await listPeople(admin, input)).total;

    expect(await total()).toBe(1_201); // the admin too
    expect(await total({ page: 3 })).toBe(1_201);
    // A search's total comes with its page, and past the last page too.
    expect(await total({ q: "nguoi thu 119" })).toBe(11); // 119, 1190–1199 (word starts)
    // A page past the end shows the last page (issue 9), with the same total.
    const past = await listPeople(admin, { q: "nguoi thu 119", page: 9 });
    expect({ ...past, rows: past.rows.length }).toMatchObject({ rows: 11, total: 11, page: 1, pageCount: 1 });

    const created = await createPerson(
      admin,
      createPersonInput.parse({ fullName: "Trần Văn Mới", email: `moi.${uniq()}@test.taphuan.vn`, unitId: p.communeA.id, phone: "", position: "", rank: "", category: "" }),
      "password",
    );
    expect(await total({ page: 2 })).toBe(1_202);

    await setPersonActive(admin, created.id, false);
    expect(await total()).toBe(1_201);
    expect(await total({ status: "all" })).toBe(1_202);

    // A unit admin of the city counts communeA's people; after communeA moves away, no longer.
    const cityAdmin = await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]);
    expect((await listPeople(cityAdmin, {})).total).toBe(1_201); // 1,200 + the city admin
    const elsewhere = await makeUnit({ name: "Nơi khác", parentId: p.district.id });
    await moveUnit((await loadViewer(admin.userId))!, { id: p.communeA.id, parentId: elsewhere.id });
    const cityAdminNow = (await loadViewer(cityAdmin.userId))!;
    expect((await listPeople(cityAdminNow, {})).total).toBe(1);
  });
});
