import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadViewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { grantRole } from "@/lib/roles/commands";
import { makeProvince, makeUnit, makeUser, makeViewer, uniq } from "@/lib/testing/factories";
import { appError, codeOf } from "@/lib/testing/errors";
import { makeMergeScene, treeSnapshot } from "@/lib/testing/unit-factories";
import { createUnit, deactivateUnit, mergeUnit, moveUnit, reactivateUnit, renameUnit } from "@/lib/units/commands";
import { getUnit, listUnits, mergeTargets, moveTargets, previewMerge } from "@/lib/units/queries";

const parentOf = async (id: string) => (await db().unit.findUniqueOrThrow({ where: { id } })).parentId;

describe("moving units", () => {
  it("a province admin moves a ward to another district; audited before → after; the new parent's admin sees it", async () => {
    const p = await makeProvince();
    const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const districtAdminBefore = await makeViewer(p.district.id, [{ role: "UNIT_ADMIN", unitId: p.district.id }]);
    expect(await codeOf(getUnit(districtAdminBefore, p.ward.id))).toBe("NOT_FOUND");

    const result = await moveUnit(admin, { id: p.ward.id, parentId: p.district.id });
    expect(result.parent).toEqual({ id: p.district.id, name: p.district.name });
    expect(await parentOf(p.ward.id)).toBe(p.district.id);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: p.ward.id, action: "unit.move" } });
    expect(audit.actorId).toBe(admin.userId);
    expect(audit.data).toEqual({
      before: { parentId: p.city.id, parentName: p.city.name },
      after: { parentId: p.district.id, parentName: p.district.name },
    });
    // The viewer is loaded per request: the district admin's next request sees the ward.
    const districtAdmin = await loadViewer(districtAdminBefore.userId);
    expect((await getUnit(districtAdmin!, p.ward.id)).id).toBe(p.ward.id);
  });

  it("refuses moving a unit under itself or its own descendant, with a clear field error; nothing changes", async () => {
    const p = await makeProvince();
    const village = await makeUnit({ name: "Thôn 2", parentId: p.ward.id });
    // Viewers are loaded per request: made after the units so that the new village is in scope.
    const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const before = await treeSnapshot(p.province.id);
    for (const [id, parentId] of [
      [p.city.id, p.city.id],
      [p.city.id, p.ward.id],
      [p.city.id, village.id],
      [p.province.id, p.communeB.id],
    ] as const) {
      const e = await appError(moveUnit(admin, { id, parentId }));
      expect(e).toMatchObject({ code: "VALIDATION", messageKey: "units.moveIntoItself", field: "parentId" });
    }
    const same = await appError(moveUnit(admin, { id: p.ward.id, parentId: p.city.id }));
    expect(same).toMatchObject({ code: "VALIDATION", messageKey: "units.moveSameParent" });
    expect(await treeSnapshot(p.province.id)).toEqual(before);
  });

  it("a unit admin moves within their subtree only; forged ids elsewhere are not found and change nothing", async () => {
    const p = await makeProvince();
    const cityAdmin = await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]);
    await moveUnit(cityAdmin, { id: p.ward.id, parentId: p.communeA.id });
    expect(await parentOf(p.ward.id)).toBe(p.communeA.id);

    const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.province.id }]);
    const before = await treeSnapshot(p.province.id);
    // New parent outside the subtree; unit outside the subtree; the admin's own top unit upwards.
    expect(await codeOf(moveUnit(cityAdmin, { id: p.ward.id, parentId: p.district.id }))).toBe("NOT_FOUND");
    expect(await codeOf(moveUnit(cityAdmin, { id: p.communeB.id, parentId: p.communeA.id }))).toBe("NOT_FOUND");
    expect(await codeOf(moveUnit(cityAdmin, { id: p.city.id, parentId: p.district.id }))).toBe("NOT_FOUND");
    expect(await codeOf(moveUnit(learner, { id: p.ward.id, parentId: p.city.id }))).toBe("NOT_FOUND");
    expect(await treeSnapshot(p.province.id)).toEqual(before);
    expect(await db().auditEvent.count({ where: { actorId: learner.userId } })).toBe(0);
  });

  it("refuses moving under an inactive or merged unit", async () => {
    const p = await makeProvince();
    const closed = await makeUnit({ name: "Đơn vị đã giải thể", parentId: p.province.id, active: false });
    const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    expect(await appError(moveUnit(admin, { id: p.ward.id, parentId: closed.id }))).toMatchObject({
      code: "CONFLICT",
      messageKey: "units.targetInactive",
      field: "parentId",
    });
    await mergeUnit(admin, { id: p.communeA.id, targetId: p.communeB.id });
    expect(await appError(moveUnit(admin, { id: p.ward.id, parentId: p.communeA.id }))).toMatchObject({
      code: "CONFLICT",
      messageKey: "units.targetMerged",
    });
    expect(await parentOf(p.ward.id)).toBe(p.city.id);
  });

  it("offers as new parents only units in scope, active, unmerged, outside the unit's subtree", async () => {
    const p = await makeProvince();
    const closed = await makeUnit({ name: "Đơn vị đã giải thể", parentId: p.province.id, active: false });
    const cityAdmin = await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]);
    expect((await moveTargets(cityAdmin, p.ward.id)).map((o) => o.id)).toEqual([p.communeA.id]);
    expect(await moveTargets(cityAdmin, p.city.id)).toEqual([]);
    expect(await moveTargets(cityAdmin, p.communeB.id)).toEqual([]);
    const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const ids = (await moveTargets(admin, p.city.id)).map((o) => o.id);
    expect(ids.sort()).toEqual([p.agency.id, p.district.id, p.communeB.id].sort());
    expect(ids).not.toContain(closed.id);
  });

  it("random sequences of moves never create a cycle and keep every unit reachable from the root", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { minLength: 2, maxLength: 9 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 12 }),
        async (parentPicks, moves) => {
          const root = await makeUnit({ name: "Tỉnh ngẫu nhiên", kind: "PROVINCE", code: `R.${uniq()}` });
          const ids = [root.id];
          const parent = new Map<string, string | null>([[root.id, null]]);
          for (const pick of parentPicks) {
            const parentId = ids[pick % ids.length]!;
            const unit = await makeUnit({ name: `Đơn vị ${ids.length}`, parentId, code: `R.${uniq()}` });
            ids.push(unit.id);
            parent.set(unit.id, parentId);
          }
          const admin = await makeViewer(root.id, [{ role: "PROVINCE_ADMIN", unitId: root.id }]);
          // Independent oracle: a unit is below `id` when walking up from it meets `id`.
          const below = (id: string) =>
            new Set(
              ids.filter((u) => {
                for (let cur: string | null = u, steps = 0; cur && steps <= ids.length; cur = parent.get(cur) ?? null, steps++) {
                  if (cur === id) return true;
                }
                return false;
              }),
            );
          for (const [a, b] of moves) {
            const id = ids[a % ids.length]!;
            const to = ids[b % ids.length]!;
            // Oracle: allowed iff the new parent is outside the unit's subtree and not its parent already.
            const allowed = !below(id).has(to) && parent.get(id) !== to;
            expect(await codeOf(moveUnit(admin, { id, parentId: to }))).toBe(allowed ? "OK" : "VALIDATION");
            if (allowed) parent.set(id, to);
          }
          const stored = await db().unit.findMany({ where: { id: { in: ids } }, select: { id: true, parentId: true } });
          expect(new Map(stored.map((u) => [u.id, u.parentId]))).toEqual(parent);
          for (const id of ids) {
            // Walking up from any unit reaches the root without revisiting a unit.
            const seen = new Set<string>();
            let cur: string | null = id;
            while (cur && !seen.has(cur)) {
              seen.add(cur);
              cur = parent.get(cur) ?? null;
            }
            expect(cur).toBeNull();
            expect(seen.has(root.id)).toBe(true);
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it("two opposite moves at the same time cannot make a cycle", async () => {
    const p = await makeProvince();
    const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const results = await Promise.all([
      codeOf(moveUnit(admin, { id: p.city.id, parentId: p.district.id })),
      codeOf(moveUnit(admin, { id: p.district.id, parentId: p.city.id })),
    ]);
    expect(results.sort()).toEqual(["OK", "VALIDATION"]);
    const city = await parentOf(p.city.id);
    const district = await parentOf(p.district.id);
    expect([city, district]).toContain(p.province.id);
  });
});

describe("deactivating and reactivating units", () => {
  it("refuses while active people remain in the unit or below, naming how many; nothing changes", async () => {
    const p = await makeProvince();
    const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    await makeUser({ unitId: p.ward.id });
    await makeUser({ unitId: p.communeA.id });
    await makeUser({ unitId: p.city.id, active: false });
    const before = await treeSnapshot(p.province.id);
    const e = await appError(deactivateUnit(admin, { id: p.city.id }));
    expect(e).toMatchObject({ code: "CONFLICT", messageKey: "units.hasActivePeople", params: { count: 2 } });
    expect(await treeSnapshot(p.province.id)).toEqual(before);
  });

  it("refuses while active child units remain (no cascade), naming how many", async () => {
    const p = await makeProvince();
    const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const e = await appError(deactivateUnit(admin, { id: p.city.id }));
    expect(e).toMatchObject({ code: "CONFLICT", messageKey: "units.hasActiveChildren", params: { count: 2 } });
    expect((await db().unit.findUniqueOrThrow({ where: { id: p.city.id } })).active).toBe(true);
  });

  it("deactivates an empty unit (inactive accounts may stay), audits it, and reactivates it", async () => {
    const p = await makeProvince();
    const cityAdmin = await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]);
    await makeUser({ unitId: p.ward.id, active: false });
    await deactivateUnit(cityAdmin, { id: p.ward.id });
    expect((await db().unit.findUniqueOrThrow({ where: { id: p.ward.id } })).active).toBe(false);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: p.ward.id, action: "unit.deactivate" } });
    expect(audit).toMatchObject({ actorId: cityAdmin.userId, data: { before: { active: true }, after: { active: false } } });
    expect(await appError(deactivateUnit(cityAdmin, { id: p.ward.id }))).toMatchObject({ messageKey: "units.alreadyInactive" });

    // An inactive unit takes no new children, and cannot be a new parent.
    const code = `X.${uniq()}`;
    expect(await appError(createUnit(cityAdmin, { parentId: p.ward.id, code, name: "Tổ dân phố", kind: "OTHER" }))).toMatchObject({
      code: "CONFLICT",
      messageKey: "units.createUnderInactive",
    });
    expect(await db().unit.findUnique({ where: { code } })).toBeNull();

    await reactivateUnit(cityAdmin, { id: p.ward.id });
    expect((await db().unit.findUniqueOrThrow({ where: { id: p.ward.id } })).active).toBe(true);
    expect(await db().auditEvent.count({ where: { entityId: p.ward.id, action: "unit.reactivate" } })).toBe(1);
    expect(await appError(reactivateUnit(cityAdmin, { id: p.ward.id }))).toMatchObject({ messageKey: "units.alreadyActive" });
  });

  it("a child cannot be reactivated under an inactive parent", async () => {
    const p = await makeProvince();
    const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    await deactivateUnit(admin, { id: p.ward.id });
    await deactivateUnit(admin, { id: p.communeA.id });
    await deactivateUnit(admin, { id: p.city.id });
    expect(await appError(reactivateUnit(admin, { id: p.ward.id }))).toMatchObject({ code: "CONFLICT", messageKey: "units.parentInactive" });
    expect((await db().unit.findUniqueOrThrow({ where: { id: p.ward.id } })).active).toBe(false);
  });

  it("a commune admin cannot deactivate another commune (forged id) nor, as a learner, anything", async () => {
    const p = await makeProvince();
    const adminA = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    const learner = await makeViewer(p.communeB.id, [{ role: "LEARNER", unitId: p.communeB.id }]);
    const before = await treeSnapshot(p.province.id);
    expect(await codeOf(deactivateUnit(adminA, { id: p.communeB.id }))).toBe("NOT_FOUND");
    expect(await codeOf(deactivateUnit(adminA, { id: p.city.id }))).toBe("NOT_FOUND");
    expect(await codeOf(deactivateUnit(learner, { id: p.communeB.id }))).toBe("NOT_FOUND");
    expect(await codeOf(reactivateUnit(adminA, { id: p.communeB.id }))).toBe("NOT_FOUND");
    expect(await treeSnapshot(p.province.id)).toEqual(before);
  });
});

describe("merging units", () => {
  it("moves people, child units and learner/trainer grants to B, revokes admin grants on A, and keeps A as B's merged child", async () => {
    const s = await makeMergeScene();
    const { communeA: A, communeB: B } = s;
    const grantsBefore = await db().roleGrant.findMany({ where: { unitId: A.id } });
    const trainerGrantOnA = grantsBefore.find((g) => g.userId === s.trainer.id)!;
    const adminGrantOnA = grantsBefore.find((g) => g.userId === s.adminA.id && g.role === "UNIT_ADMIN")!;

    const preview = await previewMerge(s.provinceAdmin, { id: A.id, targetId: B.id });
    const result = await mergeUnit(s.provinceAdmin, { id: A.id, targetId: B.id });

    // What was announced is what happened.
    expect({ ...result, mergedAt: undefined }).toEqual({ ...preview, mergedAt: undefined });
    expect(result.people.map((x) => x.id).sort()).toEqual([s.adminA.id, s.learnerA.id, s.inactiveA.id].sort());
    expect(result.children.map((c) => c.id)).toEqual([s.village.id]);
    expect(result.revokedGrants).toEqual([{ id: adminGrantOnA.id, userId: s.adminA.id, fullName: "Phạm Thị Hồng", role: "UNIT_ADMIN" }]);
    expect(result.duplicateGrants.map((g) => g.id)).toEqual([trainerGrantOnA.id]);
    expect(result.movedGrants.map((g) => `${g.userId}:${g.role}`).sort()).toEqual(
      [`${s.adminA.id}:LEARNER`, `${s.learnerA.id}:LEARNER`].sort(),
    );

    // People: everyone of A (active or not) is now in B; the village's official stays in the village.
    const homes = await db().user.findMany({ where: { id: { in: [s.adminA.id, s.learnerA.id, s.inactiveA.id, s.villager.id] } } });
    expect(Object.fromEntries(homes.map((u) => [u.id, u.unitId]))).toEqual({
      [s.adminA.id]: B.id,
      [s.learnerA.id]: B.id,
      [s.inactiveA.id]: B.id,
      [s.villager.id]: s.village.id,
    });
    // Units: the village moves under B; Xã Cũ (merged into A earlier) stays under A as A's history.
    expect(await parentOf(s.village.id)).toBe(B.id);
    expect(await parentOf(s.oldCommune.id)).toBe(A.id);
    const a = await db().unit.findUniqueOrThrow({ where: { id: A.id } });
    expect(a).toMatchObject({ mergedIntoId: B.id, active: false, parentId: B.id, name: A.name, code: A.code });
    expect(a.mergedAt).toBeInstanceOf(Date);

    // Grants: nothing is left on A; one TRAINER grant on B for the trainer; the admin of A is no admin of B.
    expect(await db().roleGrant.count({ where: { unitId: A.id } })).toBe(0);
    const grantsOf = async (userId: string) =>
      (await db().roleGrant.findMany({ where: { userId } })).map((g) => `${g.role}@${g.unitId}`).sort();
    expect(await grantsOf(s.trainer.id)).toEqual([`TRAINER@${B.id}`]);
    expect(await grantsOf(s.adminA.id)).toEqual([`LEARNER@${B.id}`]);
    expect(await grantsOf(s.learnerA.id)).toEqual([`LEARNER@${B.id}`]);
    expect(await grantsOf(s.adminB.id)).toEqual([`UNIT_ADMIN@${B.id}`]);
    expect(await grantsOf(s.villager.id)).toEqual([`LEARNER@${s.village.id}`]);

    // The former admin of A, on their next request, administers nothing.
    const formerAdmin = await loadViewer(s.adminA.id);
    expect(formerAdmin!.scopes.get("unit:read")!.size).toBe(0);
    expect(formerAdmin!.scopes.get("learn")!.has(B.id)).toBe(true);

    // Audited: the merge with before → after and lists, and the revoked grant in the roles history.
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: A.id, action: "unit.merge" } });
    expect(audit.actorId).toBe(s.provinceAdmin.userId);
    expect(audit.data).toMatchObject({
      before: { parentId: s.city.id, active: true, mergedIntoId: null },
      after: { parentId: B.id, active: false, mergedIntoId: B.id },
      movedChildren: [s.village.id],
      revokedGrants: [{ id: adminGrantOnA.id, userId: s.adminA.id, role: "UNIT_ADMIN" }],
    });
    expect(await db().auditEvent.count({ where: { entityId: adminGrantOnA.id, action: "role.revoke" } })).toBe(1);
  });

  it("after a merge the unit admin of B sees A as a merged, read-only child", async () => {
    const s = await makeMergeScene();
    await mergeUnit(s.provinceAdmin, { id: s.communeA.id, targetId: s.communeB.id });
    const adminB = await loadViewer(s.adminB.id);
    const b = await getUnit(adminB!, s.communeB.id);
    expect(b.children.find((c) => c.id === s.communeA.id)).toMatchObject({ active: false, mergedIntoId: s.communeB.id });
    expect(b.members.map((m) => m.id)).toEqual(expect.arrayContaining([s.adminA.id, s.learnerA.id, s.learnerB.id]));
    const a = await getUnit(adminB!, s.communeA.id);
    expect(a.mergedInto).toEqual({ id: s.communeB.id, name: s.communeB.name });
    expect(a.members).toEqual([]);
    const rows = await listUnits(adminB!);
    expect(rows.find((u) => u.id === s.communeA.id)).toMatchObject({ mergedInto: { id: s.communeB.id, name: s.communeB.name } });
    // Read-only even for B's admin.
    expect(await appError(renameUnit(adminB!, { id: s.communeA.id, name: "Đổi tên" }))).toMatchObject({ code: "CONFLICT" });
  });

  it("a merged unit is read-only: every change is a CONFLICT with a clear message, and nothing changes", async () => {
    const s = await makeMergeScene();
    const admin = s.provinceAdmin;
    await mergeUnit(admin, { id: s.communeA.id, targetId: s.communeB.id });
    const before = await treeSnapshot(s.province.id);
    const A = s.communeA.id;
    const attempts = [
      () => renameUnit(admin, { id: A, name: "Tên mới" }),
      () => moveUnit(admin, { id: A, parentId: s.district.id }),
      () => createUnit(admin, { parentId: A, code: `X.${uniq()}`, name: "Thôn mới", kind: "OTHER" }),
      () => deactivateUnit(admin, { id: A }),
      () => reactivateUnit(admin, { id: A }),
      () => mergeUnit(admin, { id: A, targetId: s.agency.id }),
      () => previewMerge(admin, { id: A, targetId: s.agency.id }),
    ];
    for (const attempt of attempts) {
      expect(await appError(attempt())).toMatchObject({ code: "CONFLICT", messageKey: "units.mergedReadOnly", params: { target: s.communeB.name } });
    }
    expect(await appError(mergeUnit(admin, { id: s.ward.id, targetId: A }))).toMatchObject({ code: "CONFLICT", messageKey: "units.targetMerged" });
    expect(await appError(grantRole(admin, { userId: s.learnerB.id, role: "TRAINER", unitId: A }))).toMatchObject({
      code: "CONFLICT",
      messageKey: "roles.unitMerged",
    });
    // The history child of the merged unit is read-only too.
    expect(await codeOf(renameUnit(admin, { id: s.oldCommune.id, name: "Tên mới" }))).toBe("CONFLICT");
    expect(await treeSnapshot(s.province.id)).toEqual(before);
    expect(await mergeTargets(admin, A)).toEqual([]);
  });

  it("refuses merging into itself, into a descendant or into an inactive unit; nothing changes", async () => {
    const s = await makeMergeScene();
    const closed = await makeUnit({ name: "Xã đã giải thể", parentId: s.district.id, active: false });
    const admin = await loadViewer(s.provinceAdmin.userId).then((v) => v!);
    const before = await treeSnapshot(s.province.id);
    expect(await appError(mergeUnit(admin, { id: s.communeA.id, targetId: s.communeA.id }))).toMatchObject({
      code: "VALIDATION",
      messageKey: "units.mergeIntoItself",
      field: "targetId",
    });
    for (const [id, targetId] of [
      [s.city.id, s.communeA.id],
      [s.city.id, s.village.id],
      [s.province.id, s.communeB.id],
    ] as const) {
      expect(await appError(mergeUnit(admin, { id, targetId }))).toMatchObject({ code: "VALIDATION", messageKey: "units.mergeIntoDescendant" });
    }
    expect(await appError(mergeUnit(admin, { id: s.communeA.id, targetId: closed.id }))).toMatchObject({
      code: "CONFLICT",
      messageKey: "units.targetInactive",
    });
    expect(await treeSnapshot(s.province.id)).toEqual(before);
    const targets = (await mergeTargets(admin, s.city.id)).map((o) => o.id);
    expect(targets).not.toContain(s.communeA.id);
    expect(targets).not.toContain(s.city.id);
    expect(targets).not.toContain(closed.id);
    expect(targets).toContain(s.communeB.id);
  });

  it("needs unit:merge on both units: unit admins are refused, forged ids from another province are not found", async () => {
    const s = await makeMergeScene();
    const other = await makeProvince();
    const cityAdmin = await makeViewer(s.city.id, [{ role: "UNIT_ADMIN", unitId: s.city.id }]);
    const before = await treeSnapshot(s.province.id);
    const otherBefore = await treeSnapshot(other.province.id);
    expect(await codeOf(mergeUnit(cityAdmin, { id: s.ward.id, targetId: s.communeA.id }))).toBe("FORBIDDEN");
    expect(await codeOf(mergeUnit(cityAdmin, { id: s.ward.id, targetId: s.communeB.id }))).toBe("FORBIDDEN");
    expect(await codeOf(previewMerge(cityAdmin, { id: s.ward.id, targetId: s.communeA.id }))).toBe("FORBIDDEN");
    expect(await codeOf(mergeUnit(s.provinceAdmin, { id: s.communeA.id, targetId: other.communeB.id }))).toBe("NOT_FOUND");
    expect(await codeOf(mergeUnit(s.provinceAdmin, { id: other.communeA.id, targetId: s.communeB.id }))).toBe("NOT_FOUND");
    expect(await mergeTargets(cityAdmin, s.ward.id)).toEqual([]);
    expect(await treeSnapshot(s.province.id)).toEqual(before);
    expect(await treeSnapshot(other.province.id)).toEqual(otherBefore);
  });

  it("a merge in which nothing needs moving still records the merge", async () => {
    const p = await makeProvince();
    const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const result = await mergeUnit(admin, { id: p.ward.id, targetId: p.communeA.id });
    expect(result).toMatchObject({ people: [], children: [], movedGrants: [], duplicateGrants: [], revokedGrants: [] });
    expect(await db().unit.findUniqueOrThrow({ where: { id: p.ward.id } })).toMatchObject({ mergedIntoId: p.communeA.id, parentId: p.communeA.id });
  });
});
