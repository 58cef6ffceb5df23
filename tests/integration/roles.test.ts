import { describe, expect, it } from "vitest";
import { can, loadViewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { grantRole, revokeRole } from "@/lib/roles/commands";
import { grantOptions, listGrants } from "@/lib/roles/queries";
import { makeProvince, makeUnit, makeUser, makeViewer } from "@/lib/testing/factories";
import { appError, codeOf } from "@/lib/testing/errors";
import { treeSnapshot } from "@/lib/testing/unit-factories";
import { mergeUnit } from "@/lib/units/commands";

/** A province with a commune admin of communeA, a learner in communeA and one in communeB. */
async function scene() {
  const p = await makeProvince();
  const learnerA = await makeUser({ unitId: p.communeA.id, fullName: "Võ Thị Thanh Tuyền" });
  const learnerB = await makeUser({ unitId: p.communeB.id, fullName: "Đặng Văn Trọng" });
  const adminA = await makeViewer(p.communeA.id, [
    { role: "UNIT_ADMIN", unitId: p.communeA.id },
    { role: "LEARNER", unitId: p.communeA.id },
  ]);
  const provinceAdmin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  return { ...p, learnerA, learnerB, adminA, provinceAdmin };
}

const grantsOf = async (userId: string) =>
  (await db().roleGrant.findMany({ where: { userId } })).map((g) => `${g.role}@${g.unitId}`).sort();

describe("listing a person's grants", () => {
  it("shows grants with what the viewer may revoke; units outside the viewer's scope stay unnamed", async () => {
    const p = await scene();
    await db().roleGrant.create({ data: { userId: p.learnerA.id, role: "TRAINER", unitId: p.agency.id } });
    await db().roleGrant.create({ data: { userId: p.learnerA.id, role: "TRAINER", unitId: p.communeA.id } });
    const { person, grants } = await listGrants(p.adminA, p.learnerA.id);
    expect(person).toMatchObject({ id: p.learnerA.id, fullName: "Võ Thị Thanh Tuyền", unit: { id: p.communeA.id } });
    expect(grants.map((g) => [g.role, g.unit?.id ?? null, g.canRevoke])).toEqual(
      expect.arrayContaining([
        ["TRAINER", p.communeA.id, true],
        ["TRAINER", null, false],
        ["LEARNER", p.communeA.id, true],
      ]),
    );
    expect(grants).toHaveLength(3);
    // The admin's own UNIT_ADMIN grant is theirs to see, not theirs to revoke.
    const own = await listGrants(p.adminA, p.adminA.userId);
    expect(own.grants.find((g) => g.role === "UNIT_ADMIN")).toMatchObject({ canRevoke: false });
    const all = await listGrants(p.provinceAdmin, p.learnerA.id);
    expect(all.grants.every((g) => g.unit !== null && g.canRevoke)).toBe(true);
  });

  it("is not found for a person outside the viewer's units, and for a learner even about themselves", async () => {
    const p = await scene();
    const learner = await loadViewer(p.learnerA.id);
    expect(await codeOf(listGrants(p.adminA, p.learnerB.id))).toBe("NOT_FOUND");
    expect(await codeOf(listGrants(p.adminA, p.provinceAdmin.userId))).toBe("NOT_FOUND");
    expect(await codeOf(listGrants(learner!, p.learnerA.id))).toBe("NOT_FOUND");
  });
});

describe("granting roles", () => {
  it("a commune admin grants TRAINER in their commune; audited; it applies on the person's next request", async () => {
    const p = await scene();
    const before = await loadViewer(p.learnerA.id);
    expect(can(before!, "teach", p.communeA.id)).toBe(false);

    const grant = await grantRole(p.adminA, { userId: p.learnerA.id, role: "TRAINER", unitId: p.communeA.id });
    expect(grant).toMatchObject({ userId: p.learnerA.id, role: "TRAINER", unitId: p.communeA.id, grantedById: p.adminA.userId });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: grant.id, action: "role.grant" } });
    expect(audit).toMatchObject({
      actorId: p.adminA.userId,
      unitId: p.communeA.id,
      data: { before: null, after: { userId: p.learnerA.id, role: "TRAINER", unitId: p.communeA.id } },
    });
    const after = await loadViewer(p.learnerA.id);
    expect(after!.roles).toContain("TRAINER");
    expect(can(after!, "teach", p.communeA.id)).toBe(true);
  });

  it("a commune admin cannot grant UNIT_ADMIN or PROVINCE_ADMIN (FORBIDDEN); nothing changes", async () => {
    const p = await scene();
    const before = await treeSnapshot(p.province.id);
    for (const role of ["UNIT_ADMIN", "PROVINCE_ADMIN"] as const) {
      expect(await codeOf(grantRole(p.adminA, { userId: p.learnerA.id, role, unitId: p.communeA.id }))).toBe("FORBIDDEN");
    }
    expect(await treeSnapshot(p.province.id)).toEqual(before);
    expect(await db().auditEvent.count({ where: { actorId: p.adminA.userId } })).toBe(0);
  });

  it("forged ids from another commune are not found: the person, the unit; nothing changes", async () => {
    const p = await scene();
    const other = await makeProvince();
    const before = await treeSnapshot(p.province.id);
    expect(await codeOf(grantRole(p.adminA, { userId: p.learnerB.id, role: "TRAINER", unitId: p.communeA.id }))).toBe("NOT_FOUND");
    expect(await codeOf(grantRole(p.adminA, { userId: p.learnerA.id, role: "TRAINER", unitId: p.communeB.id }))).toBe("NOT_FOUND");
    expect(await codeOf(grantRole(p.adminA, { userId: p.learnerA.id, role: "UNIT_ADMIN", unitId: p.city.id }))).toBe("NOT_FOUND");
    expect(await codeOf(grantRole(p.provinceAdmin, { userId: p.learnerA.id, role: "TRAINER", unitId: other.communeA.id }))).toBe("NOT_FOUND");
    expect(await treeSnapshot(p.province.id)).toEqual(before);
    expect(await grantsOf(p.learnerA.id)).toEqual([`LEARNER@${p.communeA.id}`]);
  });

  it("the province admin grants UNIT_ADMIN; the new admin administers the commune on their next request", async () => {
    const p = await scene();
    await grantRole(p.provinceAdmin, { userId: p.learnerB.id, role: "UNIT_ADMIN", unitId: p.communeB.id });
    const newAdmin = await loadViewer(p.learnerB.id);
    expect(can(newAdmin!, "unit:read", p.communeB.id)).toBe(true);
    expect(can(newAdmin!, "role:grant-basic", p.communeB.id)).toBe(true);
    expect(can(newAdmin!, "unit:read", p.communeA.id)).toBe(false);
  });

  it("PROVINCE_ADMIN only on the root; no grants on inactive or merged units, to deactivated accounts, or twice", async () => {
    const p = await scene();
    const closed = await makeUnit({ name: "Xã đã giải thể", parentId: p.district.id, active: false });
    const gone = await makeUser({ unitId: p.communeA.id, active: false, grants: [] });
    const admin = (await loadViewer(p.provinceAdmin.userId))!;
    await mergeUnit(admin, { id: p.ward.id, targetId: p.communeA.id });
    const before = await treeSnapshot(p.province.id);
    const cases = [
      [{ userId: p.learnerA.id, role: "PROVINCE_ADMIN", unitId: p.communeA.id }, "VALIDATION", "roles.provinceAdminOnRoot"],
      [{ userId: p.learnerA.id, role: "TRAINER", unitId: closed.id }, "CONFLICT", "roles.unitInactive"],
      [{ userId: p.learnerA.id, role: "TRAINER", unitId: p.ward.id }, "CONFLICT", "roles.unitMerged"],
      [{ userId: gone.id, role: "TRAINER", unitId: p.communeA.id }, "CONFLICT", "roles.personInactive"],
      [{ userId: p.learnerA.id, role: "LEARNER", unitId: p.communeA.id }, "CONFLICT", "roles.alreadyGranted"],
    ] as const;
    for (const [input, code, messageKey] of cases) {
      expect(await appError(grantRole(admin, input))).toMatchObject({ code, messageKey });
    }
    expect(await treeSnapshot(p.province.id)).toEqual(before);
    await grantRole(admin, { userId: p.learnerA.id, role: "PROVINCE_ADMIN", unitId: p.province.id });
    expect(await grantsOf(p.learnerA.id)).toEqual([`LEARNER@${p.communeA.id}`, `PROVINCE_ADMIN@${p.province.id}`].sort());
  });

  it("offers only the roles and units the viewer may grant", async () => {
    const p = await scene();
    await makeUnit({ name: "Xã đã giải thể", parentId: p.communeA.id, active: false });
    const adminA = (await loadViewer(p.adminA.userId))!;
    expect((await grantOptions(adminA)).map((o) => [o.role, o.units.map((u) => u.id)])).toEqual([
      ["TRAINER", [p.communeA.id]],
      ["LEARNER", [p.communeA.id]],
    ]);
    const options = await grantOptions(p.provinceAdmin);
    expect(options.map((o) => o.role)).toEqual(["TRAINER", "LEARNER", "UNIT_ADMIN", "PROVINCE_ADMIN"]);
    expect(options.find((o) => o.role === "PROVINCE_ADMIN")!.units.map((u) => u.id)).toEqual([p.province.id]);
    expect(options.find((o) => o.role === "UNIT_ADMIN")!.units).toHaveLength(7);
    const learner = (await loadViewer(p.learnerA.id))!;
    expect(await grantOptions(learner)).toEqual([]);
  });
});

describe("revoking roles", () => {
  it("a commune admin revokes a TRAINER grant; audited; the person loses it on their next request", async () => {
    const p = await scene();
    const grant = await grantRole(p.adminA, { userId: p.learnerA.id, role: "TRAINER", unitId: p.communeA.id });
    const revoked = await revokeRole(p.adminA, { grantId: grant.id });
    expect(revoked).toMatchObject({ userId: p.learnerA.id, role: "TRAINER", unit: { id: p.communeA.id } });
    expect(await db().roleGrant.findUnique({ where: { id: grant.id } })).toBeNull();
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: grant.id, action: "role.revoke" } });
    expect(audit.data).toEqual({ before: { userId: p.learnerA.id, role: "TRAINER", unitId: p.communeA.id }, after: null });
    expect(can((await loadViewer(p.learnerA.id))!, "teach", p.communeA.id)).toBe(false);
  });

  it("a commune admin cannot revoke an admin grant (FORBIDDEN) nor a forged grant elsewhere (NOT_FOUND)", async () => {
    const p = await scene();
    const adminGrant = await db().roleGrant.findFirstOrThrow({ where: { userId: p.adminA.userId, role: "UNIT_ADMIN" } });
    const bGrant = await db().roleGrant.findFirstOrThrow({ where: { userId: p.learnerB.id } });
    const paGrant = await db().roleGrant.findFirstOrThrow({ where: { userId: p.provinceAdmin.userId } });
    const before = await treeSnapshot(p.province.id);
    expect(await codeOf(revokeRole(p.adminA, { grantId: adminGrant.id }))).toBe("FORBIDDEN");
    expect(await codeOf(revokeRole(p.adminA, { grantId: bGrant.id }))).toBe("NOT_FOUND");
    expect(await codeOf(revokeRole(p.adminA, { grantId: paGrant.id }))).toBe("NOT_FOUND");
    expect(await codeOf(revokeRole(p.adminA, { grantId: "00000000-0000-4000-8000-000000000000" }))).toBe("NOT_FOUND");
    expect(await treeSnapshot(p.province.id)).toEqual(before);
  });

  it("the province admin revokes a unit admin, who stops administering on their next request", async () => {
    const p = await scene();
    const adminGrant = await db().roleGrant.findFirstOrThrow({ where: { userId: p.adminA.userId, role: "UNIT_ADMIN" } });
    await revokeRole(p.provinceAdmin, { grantId: adminGrant.id });
    const former = (await loadViewer(p.adminA.userId))!;
    expect(can(former, "unit:read", p.communeA.id)).toBe(false);
    expect(former.roles).toEqual(["LEARNER"]);
  });

  it("refuses revoking the last province admin grant (accounts that are disabled do not count)", async () => {
    const p = await scene();
    const only = await db().roleGrant.findFirstOrThrow({ where: { userId: p.provinceAdmin.userId, role: "PROVINCE_ADMIN" } });
    expect(await appError(revokeRole(p.provinceAdmin, { grantId: only.id }))).toMatchObject({
      code: "CONFLICT",
      messageKey: "roles.lastProvinceAdmin",
    });
    await makeUser({ unitId: p.agency.id, active: false, grants: [{ role: "PROVINCE_ADMIN", unitId: p.province.id }] });
    expect(await codeOf(revokeRole(p.provinceAdmin, { grantId: only.id }))).toBe("CONFLICT");
    expect(await db().roleGrant.findUnique({ where: { id: only.id } })).not.toBeNull();

    // With a second active province admin, one of the two may go — but not both.
    const second = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const secondGrant = await db().roleGrant.findFirstOrThrow({ where: { userId: second.userId } });
    const results = await Promise.all([
      codeOf(revokeRole(p.provinceAdmin, { grantId: secondGrant.id })),
      codeOf(revokeRole(second, { grantId: only.id })),
    ]);
    expect(results.sort()).toEqual(["CONFLICT", "OK"]);
    expect(await db().roleGrant.count({ where: { id: { in: [only.id, secondGrant.id] } } })).toBe(1);
  });
});
