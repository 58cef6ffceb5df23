// Test-only helpers for unit lifecycle and role tests (see lib/testing/factories.ts for the rules).
import { db } from "@/lib/db";
import { makeProvince, makeUnit, makeUser, makeViewer } from "./factories";

/** Kept for tests that still import it from here; new tests import codeOf from ./errors. */

/**
 * Everything a unit or role command may change in one province's tree: units, people's units,
 * grants and audit events, sorted, to assert that a refused command changed nothing.
 */
export async function treeSnapshot(rootId: string) {
  const ids = (
    await db().$queryRaw<{ id: string }[]>`
      WITH RECURSIVE down AS (
        SELECT "id" FROM "Unit" WHERE "id" = ${rootId}::uuid
        UNION SELECT u."id" FROM "Unit" u JOIN down ON u."parentId" = down."id"
      ) SELECT "id" FROM down`
  ).map((r) => r.id);
  const [units, people, grants, audit] = await Promise.all([
    db().unit.findMany({
      where: { id: { in: ids } },
      select: { id: true, code: true, name: true, parentId: true, active: true, mergedIntoId: true, mergedAt: true },
      orderBy: { id: "asc" },
    }),
    db().user.findMany({ where: { unitId: { in: ids } }, select: { id: true, unitId: true, active: true }, orderBy: { id: "asc" } }),
    db().roleGrant.findMany({ where: { unitId: { in: ids } }, select: { id: true, userId: true, role: true, unitId: true }, orderBy: { id: "asc" } }),
    db().auditEvent.count({ where: { OR: [{ unitId: { in: ids } }, { entityId: { in: ids } }] } }),
  ]);
  return { units, people, grants, audit };
}

/**
 * A province ready for a merge of communeA into communeB:
 * - communeA holds: its unit admin (UNIT_ADMIN + LEARNER on A), a learner, an inactive official,
 *   a village (thôn) with its own official, and Xã Cũ, merged into communeA earlier;
 * - a trainer from the agency holds TRAINER on A and on B (the A grant is a duplicate after the merge);
 * - communeB has its own unit admin and a learner.
 */
export async function makeMergeScene() {
  const p = await makeProvince();
  const adminA = await makeUser({
    unitId: p.communeA.id,
    fullName: "Phạm Thị Hồng",
    grants: [
      { role: "UNIT_ADMIN", unitId: p.communeA.id },
      { role: "LEARNER", unitId: p.communeA.id },
    ],
  });
  const learnerA = await makeUser({ unitId: p.communeA.id, fullName: "Võ Thị Thanh Tuyền" });
  const inactiveA = await makeUser({ unitId: p.communeA.id, fullName: "Huỳnh Văn Nghỉ", active: false, grants: [] });
  const trainer = await makeUser({
    unitId: p.agency.id,
    fullName: "Trần Thanh Hưng",
    grants: [
      { role: "TRAINER", unitId: p.communeA.id },
      { role: "TRAINER", unitId: p.communeB.id },
    ],
  });
  const village = await makeUnit({ name: `Thôn 1 ${p.tag}`, kind: "OTHER", parentId: p.communeA.id });
  const villager = await makeUser({ unitId: village.id, fullName: "Lê Văn Thôn" });
  const oldCommune = await makeUnit({ name: `Xã Cũ ${p.tag}`, parentId: p.communeA.id, active: false });
  await db().unit.update({ where: { id: oldCommune.id }, data: { mergedIntoId: p.communeA.id, mergedAt: new Date("2025-07-01T00:00:00Z") } });
  const adminB = await makeUser({ unitId: p.communeB.id, fullName: "Đặng Văn Trọng", grants: [{ role: "UNIT_ADMIN", unitId: p.communeB.id }] });
  const learnerB = await makeUser({ unitId: p.communeB.id, fullName: "Nguyễn Thị Bích" });
  // Last: a viewer sees the units that existed when it was loaded (one viewer per request).
  const provinceAdmin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  return { ...p, provinceAdmin, adminA, learnerA, inactiveA, trainer, village, villager, oldCommune, adminB, learnerB };
}
