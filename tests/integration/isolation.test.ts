// The isolation suite for units and people: every data function of this area, called by someone
// of another unit (a commune admin next door, a trainer, a learner, the admin of another province)
// with forged ids, is refused as NOT_FOUND or FORBIDDEN, returns nothing of the other unit, and
// leaves the database exactly as it was. Removing any scoping line makes a case here fail.
import { describe, expect, it } from "vitest";
import { loadViewer, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { listAuditEvents } from "@/lib/audit/queries";
import { importPeople } from "@/lib/imports/commit";
import { listOutbox } from "@/lib/mail/queries";
import { createPerson, setPersonActive, updatePerson } from "@/lib/people/commands";
import { importTemplate } from "@/lib/imports/template";
import { getPerson, getPersonAccount, listPeople, unitOptions } from "@/lib/people/queries";
import { anonymisePerson } from "@/lib/privacy/anonymise";
import { getPrivacyOverview } from "@/lib/privacy/queries";
import { grantRole, revokeRole } from "@/lib/roles/commands";
import { grantOptions, listGrants } from "@/lib/roles/queries";
import { makeProvince, makeUser, makeViewer } from "@/lib/testing/factories";
import { codeOf } from "@/lib/testing/errors";
import { createUnit, deactivateUnit, mergeUnit, moveUnit, reactivateUnit, renameUnit } from "@/lib/units/commands";
import { getUnit, listUnits, mergeTargets, moveTargets, previewMerge, unitOptionsWith, unitTreePage } from "@/lib/units/queries";

/** Everything this area can change about one province, as a comparable string. */
async function fingerprint(rootId: string): Promise<string> {
  const ids = (
    await db().$queryRaw<{ id: string }[]>`
      WITH RECURSIVE down AS (
        SELECT "id" FROM "Unit" WHERE "id" = ${rootId}::uuid
        UNION SELECT u."id" FROM "Unit" u JOIN down ON u."parentId" = down."id"
      ) SELECT "id" FROM down`
  ).map((r) => r.id);
  const users = await db().user.findMany({ where: { unitId: { in: ids } }, orderBy: { id: "asc" } });
  const userIds = users.map((u) => u.id);
  const [units, grants, tokens, mails, audit] = await Promise.all([
    db().unit.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } }),
    db().roleGrant.findMany({ where: { OR: [{ unitId: { in: ids } }, { userId: { in: userIds } }] }, orderBy: { id: "asc" } }),
    db().accountToken.findMany({ where: { userId: { in: userIds } }, orderBy: { id: "asc" } }),
    db().outboxMail.findMany({ where: { unitId: { in: ids } }, orderBy: { id: "asc" } }),
    db().auditEvent.findMany({
      where: { OR: [{ unitId: { in: ids } }, { entityId: { in: [...ids, ...userIds] } }], NOT: { action: "access.denied" } },
      select: { id: true, action: true, data: true },
      orderBy: { id: "asc" },
    }),
  ]);
  return JSON.stringify({ units, users, grants, tokens, mails, audit });
}

async function world() {
  const p = await makeProvince();
  const other = await makeProvince();
  const personB = await makeUser({ unitId: p.communeB.id, fullName: "Đặng Văn Trọng", email: `trong.${p.tag.toLowerCase()}@b.vn` });
  const trainerGrantB = await db().roleGrant.create({ data: { userId: personB.id, role: "TRAINER", unitId: p.communeB.id } });
  // People without any role (just imported, say): for them no "may you manage their roles" check
  // stands in for the unit check, so only scoping protects them.
  const plainB = await makeUser({ unitId: p.communeB.id, fullName: "Phan Thị Lụa", grants: [] });
  const plainA = await makeUser({ unitId: p.communeA.id, fullName: "Hồ Văn Mới", grants: [] });
  const intruders: Record<string, Viewer> = {
    "unit admin of the next commune": await makeViewer(p.communeA.id, [
      { role: "UNIT_ADMIN", unitId: p.communeA.id },
      { role: "LEARNER", unitId: p.communeA.id },
    ]),
    "unit admin of the city (B is in the district)": await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]),
    "trainer of the province's agency": await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.province.id }]),
    "learner of commune B itself": await makeViewer(p.communeB.id, [{ role: "LEARNER", unitId: p.communeB.id }]),
    "province admin of another province": await makeViewer(other.agency.id, [{ role: "PROVINCE_ADMIN", unitId: other.province.id }]),
  };
  const provinceAdmin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  return { ...p, personB, trainerGrantB, plainA, plainB, intruders, provinceAdmin };
}

type World = Awaited<ReturnType<typeof world>>;

/** Reads of one object in commune B, by id. */
const READS: Record<string, (w: World, v: Viewer) => Promise<unknown>> = {
  getUnit: (w, v) => getUnit(v, w.communeB.id),
  previewMerge: (w, v) => previewMerge(v, { id: w.communeB.id, targetId: w.district.id }),
  "previewMerge (into own unit)": (w, v) => previewMerge(v, { id: w.communeB.id, targetId: v.unitId }),
  getPerson: (w, v) => getPerson(v, w.personB.id),
  getPersonAccount: (w, v) => getPersonAccount(v, w.personB.id),
  listGrants: (w, v) => listGrants(v, w.personB.id),
  getPrivacyOverview: (w, v) => getPrivacyOverview(v, w.personB.id),
};

/** Changes aimed at commune B or its people, with forged ids. */
const COMMANDS: Record<string, (w: World, v: Viewer) => Promise<unknown>> = {
  renameUnit: (w, v) => renameUnit(v, { id: w.communeB.id, name: "Bị đổi tên" }),
  createUnit: (w, v) => createUnit(v, { parentId: w.communeB.id, code: `X.${w.tag}`, name: "Thôn lạ", kind: "OTHER" }),
  "moveUnit (B away)": (w, v) => moveUnit(v, { id: w.communeB.id, parentId: w.communeA.id }),
  "moveUnit (own unit under B)": (w, v) => moveUnit(v, { id: w.communeA.id, parentId: w.communeB.id }),
  deactivateUnit: (w, v) => deactivateUnit(v, { id: w.communeB.id }),
  reactivateUnit: (w, v) => reactivateUnit(v, { id: w.communeB.id }),
  "mergeUnit (B into A)": (w, v) => mergeUnit(v, { id: w.communeB.id, targetId: w.communeA.id }),
  "mergeUnit (A into B)": (w, v) => mergeUnit(v, { id: w.communeA.id, targetId: w.communeB.id }),
  createPerson: (w, v) =>
    createPerson(v, { fullName: "Người Lạ", email: `la.${w.tag.toLowerCase()}@b.vn`, unitId: w.communeB.id, phone: null, position: null, rank: null, category: null }),
  updatePerson: (w, v) =>
    updatePerson(v, w.personB.id, { fullName: "Bị sửa", email: `sua.${w.tag.toLowerCase()}@b.vn`, unitId: w.communeA.id, phone: null, position: null, rank: null, category: null }),
  setPersonActive: (w, v) => setPersonActive(v, w.personB.id, false),
  "setPersonActive (no roles)": (w, v) => setPersonActive(v, w.plainB.id, false),
  "updatePerson (name only, no roles)": (w, v) =>
    updatePerson(v, w.plainB.id, { fullName: "Bị sửa tên", email: w.plainB.email, unitId: w.communeB.id, phone: null, position: null, rank: null, category: "CONG_CHUC" }),
  "updatePerson (move someone into B)": (w, v) =>
    updatePerson(v, w.plainA.id, { fullName: w.plainA.fullName, email: w.plainA.email, unitId: w.communeB.id, phone: null, position: null, rank: null, category: "CONG_CHUC" }),
  "grantRole (B person)": (w, v) => grantRole(v, { userId: w.personB.id, role: "TRAINER", unitId: w.communeA.id }),
  "grantRole (on unit B)": (w, v) => grantRole(v, { userId: v.userId, role: "UNIT_ADMIN", unitId: w.communeB.id }),
  revokeRole: (w, v) => revokeRole(v, { grantId: w.trainerGrantB.id }),
  anonymisePerson: (w, v) => anonymisePerson(v, { id: w.personB.id, confirmName: "Đặng Văn Trọng" }),
};

const REFUSED = ["NOT_FOUND", "FORBIDDEN"];

/** A list call's rows, or none when the whole list is refused (also a correct answer). */
async function rowsOrRefused<T>(list: Promise<T>): Promise<T | "refused"> {
  const code = await codeOf(list);
  if (code === "OK") return list;
  expect(REFUSED).toContain(code);
  return "refused";
}

describe("isolation between units", () => {
  it("the province admin can do every read here (the cases below are refused for scope, not for bad input)", async () => {
    const w = await world();
    for (const [name, read] of Object.entries(READS)) expect(await codeOf(read(w, w.provinceAdmin)), name).toBe("OK");
    expect(await moveTargets(w.provinceAdmin, w.communeB.id)).not.toEqual([]);
    expect(await mergeTargets(w.provinceAdmin, w.communeB.id)).not.toEqual([]);
  });

  it("reads of another unit's objects are not found, for every kind of outsider", async () => {
    const w = await world();
    for (const [who, viewer] of Object.entries(w.intruders)) {
      for (const [name, read] of Object.entries(READS)) {
        if (who === "learner of commune B itself" && name === "getPerson") continue; // reading a colleague's card is refused below
        expect(REFUSED, `${who} → ${name}`).toContain(await codeOf(read(w, viewer)));
      }
    }
    // A learner reads only themselves, not a colleague of the same commune.
    expect(await codeOf(getPerson(w.intruders["learner of commune B itself"]!, w.personB.id))).toBe("NOT_FOUND");
  });

  it("lists never contain another unit's rows", async () => {
    const w = await world();
    await db().outboxMail.create({ data: { to: w.personB.email, subject: "Thư của xã B", text: "…", unitId: w.communeB.id } });
    await db().auditEvent.create({ data: { action: "unit.rename", entity: "Unit", entityId: w.communeB.id, unitId: w.communeB.id } });
    // Control: the province admin does see all of it, so an empty list below means "scoped", not "broken".
    expect((await listPeople(w.provinceAdmin, { q: "dang van trong", status: "all" })).rows.map((r) => r.id)).toContain(w.personB.id);
    expect(JSON.stringify(await listOutbox(w.provinceAdmin))).toContain("Thư của xã B");
    expect((await listAuditEvents(w.provinceAdmin, { entityId: w.communeB.id })).rows).toHaveLength(1);
    for (const [who, viewer] of Object.entries(w.intruders)) {
      expect(await moveTargets(viewer, w.communeB.id), who).toEqual([]);
      expect(await mergeTargets(viewer, w.communeB.id), who).toEqual([]);
      const units = (await listUnits(viewer)).map((u) => u.id);
      expect(units, who).not.toContain(w.communeB.id);
      const people = await rowsOrRefused(listPeople(viewer, { unitId: w.communeB.id, status: "all" }));
      expect(JSON.stringify(people), who).not.toContain(w.personB.id);
      const byName = await rowsOrRefused(listPeople(viewer, { q: "dang van trong", status: "all" }));
      expect(JSON.stringify(byName), who).not.toContain(w.personB.id);
      const mails = await rowsOrRefused(listOutbox(viewer));
      expect(JSON.stringify(mails), who).not.toContain("Thư của xã B");
      const audit = await rowsOrRefused(listAuditEvents(viewer, { entityId: w.communeB.id }));
      expect(audit === "refused" ? [] : audit.rows, who).toEqual([]);
    }
  });

  it("unit pickers, the tree page and the import template never offer another unit", async () => {
    const w = await world();
    /** Everything a viewer is offered about units, as one string to search for commune B. */
    const offered = async (v: Viewer) =>
      JSON.stringify([
        await unitOptionsWith(v, "person:update"),
        await unitOptions(v, "person:create"),
        await grantOptions(v),
        [...(await unitTreePage(v)).rows],
        [...(await unitTreePage(v, w.communeB.name)).rows],
        await rowsOrRefused(importTemplate(v, "csv").then((d) => new TextDecoder().decode(d.bytes))),
      ]);
    // Control: the province admin is offered commune B by each of them.
    const all = await offered(w.provinceAdmin);
    expect(all).toContain(w.communeB.id);
    expect(await unitOptionsWith(w.provinceAdmin, "person:update")).toEqual(expect.arrayContaining([expect.objectContaining({ id: w.communeB.id })]));
    for (const [who, viewer] of Object.entries(w.intruders)) {
      if (who === "learner of commune B itself") continue; // their own unit is theirs to read
      const seen = await offered(viewer);
      expect(seen, who).not.toContain(w.communeB.id);
      expect(seen, who).not.toContain(w.communeB.code);
    }
  });

  it("a large scope, which lists walk in SQL instead of sending ids, is still exactly the scope", async () => {
    const w = await world();
    const other = await makeProvince();
    // Enough units that the province admin's scope is walked in SQL (lib/auth/viewer.ts unitScopeSql).
    const many = Array.from({ length: 80 }, (_, i) => ({ code: `BIG.${w.tag}.${i}`, name: `Thôn ${i}`, kind: "OTHER", parentId: w.communeA.id }));
    await db().unit.createMany({ data: many });
    const deep = await db().unit.findFirstOrThrow({ where: { code: `BIG.${w.tag}.79` } });
    const inside = await makeUser({ unitId: deep.id, fullName: `Trương Thị Sâu ${w.tag}` });
    const outside = await makeUser({ unitId: other.communeA.id, fullName: `Trương Thị Sâu ${w.tag}` });
    const provinceAdmin = (await loadViewer(w.provinceAdmin.userId))!; // its scope now includes the new units
    expect(unitIdsWith(provinceAdmin, "person:read").length).toBeGreaterThan(64);
    const found = await listPeople(provinceAdmin, { q: `truong thi sau ${w.tag}`, status: "all" });
    expect(found.rows.map((r) => r.id)).toEqual([inside.id]);
    expect(found.total).toBe(1);
    const admin = w.intruders["province admin of another province"]!;
    expect((await listPeople(admin, { q: `truong thi sau ${w.tag}`, status: "all" })).rows.map((r) => r.id)).not.toContain(inside.id);
    expect(outside.id).not.toBe(inside.id);
  });

  it("every change aimed at another unit is refused and changes nothing", async () => {
    const w = await world();
    const before = await fingerprint(w.province.id);
    for (const [who, viewer] of Object.entries(w.intruders)) {
      for (const [name, command] of Object.entries(COMMANDS)) {
        expect(REFUSED, `${who} → ${name}`).toContain(await codeOf(command(w, viewer)));
      }
    }
    expect(await fingerprint(w.province.id)).toBe(before);
  });

  it("an import naming another unit's code writes nothing", async () => {
    const w = await world();
    const before = await fingerprint(w.province.id);
    const csv = `Họ và tên,Email,Số điện thoại,Đơn vị (code),Chức vụ,Ngạch,Loại\nNgười Lạ,la2.${w.tag.toLowerCase()}@b.vn,,${w.communeB.code},,,Công chức\n`;
    const file = { name: "nhap.csv", bytes: new TextEncoder().encode(csv) };
    for (const [who, viewer] of Object.entries(w.intruders)) {
      for (const mode of ["all", "validOnly"] as const) {
        const result = await importPeople(viewer, file, { mode }).then(
          (r) => r.status,
          (e: { code?: string }) => e.code,
        );
        expect(["rejected", ...REFUSED], `${who} → import ${mode}`).toContain(result);
      }
    }
    expect(await fingerprint(w.province.id)).toBe(before);
  });
});
