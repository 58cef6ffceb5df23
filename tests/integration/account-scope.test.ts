import { describe, expect, it } from "vitest";
import { revokeRole } from "@/lib/roles/commands";
import { db } from "@/lib/db";
import { setPersonActive, updatePerson } from "@/lib/people/commands";
import { canManageAccount } from "@/lib/people/access";
import { anonymisePerson } from "@/lib/privacy/anonymise";
import { makeClassWithSession } from "@/lib/testing/class-factories-attendance";
import { makeCourse } from "@/lib/testing/course-factories";
import { appError } from "@/lib/testing/errors";
import { makeProvince, makeUser, makeViewer, uniq } from "@/lib/testing/factories";

/**
 * The account rule (lib/people/access.ts, docs/decisions/025): an admin manages an account only
 * if every right it holds, of any kind, lies in the admin's scope. One test per kind of right,
 * each through every account-management command; then revoking TRAINER takes its rights along.
 */
async function world() {
  const p = await makeProvince();
  const communeAdmin = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
  const provinceAdmin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  // An official of the commune who trains: TRAINER granted on the commune.
  const official = await makeUser({
    unitId: p.communeA.id,
    grants: [
      { role: "LEARNER", unitId: p.communeA.id },
      { role: "TRAINER", unitId: p.communeA.id },
    ],
  });
  return { p, communeAdmin, provinceAdmin, official };
}

type World = Awaited<ReturnType<typeof world>>;

/** Every account-management command the commune admin might turn on the official. */
async function expectRefusedToCommuneAdmin(w: World) {
  const { communeAdmin, official } = w;
  const base = { fullName: official.fullName, phone: null, position: null, rank: null, category: official.category, unitId: official.unitId };
  const email = await appError(updatePerson(communeAdmin, official.id, { ...base, email: `moi.${uniq()}@test.taphuan.vn` }));
  expect([email.code, email.messageKey]).toEqual(["FORBIDDEN", "people.outranked"]);
  const move = await appError(updatePerson(communeAdmin, official.id, { ...base, email: official.email, unitId: w.p.ward.id }));
  // The ward is outside the commune admin's units: refused before the account rule, either way not done.
  expect(["FORBIDDEN", "NOT_FOUND"]).toContain(move.code);
  const off = await appError(setPersonActive(communeAdmin, official.id, false));
  expect([off.code, off.messageKey]).toEqual(["FORBIDDEN", "people.outranked"]);
  expect(await canManageAccount(communeAdmin, official.id)).toBe(false);
  const after = await db().user.findUniqueOrThrow({ where: { id: official.id } });
  expect([after.email, after.active, after.sessionVersion]).toEqual([official.email, true, official.sessionVersion]);
  // Plain details stay editable: they let nobody act as the person.
  await expect(updatePerson(communeAdmin, official.id, { ...base, email: official.email, phone: "0257 3820 111" })).resolves.toBeTruthy();
}

describe("an admin manages an account only if every right it holds lies in the admin's scope", () => {
  it("role grants: a grant above the admin's units puts the account beyond them", async () => {
    const w = await world();
    await db().roleGrant.create({ data: { userId: w.official.id, role: "UNIT_ADMIN", unitId: w.p.city.id } });
    await expectRefusedToCommuneAdmin(w);
    expect(await canManageAccount(w.provinceAdmin, w.official.id)).toBe(true);
  });

  it("course trainer rights: the trainer of a province course is beyond a commune admin", async () => {
    const w = await world();
    await makeCourse({ unitId: w.p.province.id, trainerIds: [w.official.id] });
    await expectRefusedToCommuneAdmin(w);
    // The province admin may: the course is theirs.
    const e = `tinh.${uniq()}@test.taphuan.vn`;
    const base = { fullName: w.official.fullName, phone: null, position: null, rank: null, category: w.official.category, unitId: w.official.unitId };
    await updatePerson(w.provinceAdmin, w.official.id, { ...base, email: e });
    expect((await db().user.findUniqueOrThrow({ where: { id: w.official.id } })).email).toBe(e);
  });

  it("course trainer rights within the admin's units do not stand in the way", async () => {
    const w = await world();
    await makeCourse({ unitId: w.p.communeA.id, trainerIds: [w.official.id] });
    expect(await canManageAccount(w.communeAdmin, w.official.id)).toBe(true);
    await setPersonActive(w.communeAdmin, w.official.id, false);
    expect((await db().user.findUniqueOrThrow({ where: { id: w.official.id } })).active).toBe(false);
  });

  it("session trainer rights: the trainer of a province class's session is beyond a commune admin", async () => {
    const w = await world();
    const start = new Date(Date.now() + 3 * 86_400_000);
    await makeClassWithSession({
      organiserUnitId: w.p.province.id,
      trainerId: null,
      sessions: [{ startsAt: start, endsAt: new Date(start.getTime() + 3600_000), trainerId: w.official.id }],
    });
    await expectRefusedToCommuneAdmin(w);
    expect(await canManageAccount(w.provinceAdmin, w.official.id)).toBe(true);
  });

  it("anonymisation follows the same rule", async () => {
    const w = await world();
    // A province admin of another province holds nothing over this official's rights.
    const other = await makeProvince();
    const stranger = await makeViewer(other.agency.id, [{ role: "PROVINCE_ADMIN", unitId: other.province.id }]);
    const e = await appError(anonymisePerson(stranger, { id: w.official.id, confirmName: w.official.fullName }));
    expect(e.code).toBe("NOT_FOUND");
    await makeCourse({ unitId: w.p.province.id, trainerIds: [w.official.id] });
    await anonymisePerson(w.provinceAdmin, { id: w.official.id, confirmName: w.official.fullName });
    expect((await db().user.findUniqueOrThrow({ where: { id: w.official.id } })).anonymisedAt).not.toBeNull();
  });
});

describe("revoking TRAINER removes what it gave", () => {
  const trainerGrant = (userId: string, unitId: string) =>
    db().roleGrant.findFirstOrThrow({ where: { userId, role: "TRAINER", unitId }, select: { id: true } });

  it("course and session trainer rights within the revoker's scope go with the grant", async () => {
    const w = await world();
    const course = await makeCourse({ unitId: w.p.communeA.id, trainerIds: [w.official.id] });
    const grant = await trainerGrant(w.official.id, w.p.communeA.id);
    await revokeRole(w.communeAdmin, { grantId: grant.id });
    expect(await db().courseTrainer.count({ where: { courseId: course.id, userId: w.official.id } })).toBe(0);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "role.revoke", entityId: grant.id } });
    expect(audit.data).toMatchObject({ removedCourseTrainer: [course.id] });

    // The province admin revokes a trainer of a province course and of a province session.
    const w2 = await world();
    const start = new Date(Date.now() + 3 * 86_400_000);
    const cls = await makeClassWithSession({
      organiserUnitId: w2.p.province.id,
      trainerId: w2.official.id,
      sessions: [{ startsAt: start, endsAt: new Date(start.getTime() + 3600_000) }],
    });
    await revokeRole(w2.provinceAdmin, { grantId: (await trainerGrant(w2.official.id, w2.p.communeA.id)).id });
    expect(await db().courseTrainer.count({ where: { userId: w2.official.id } })).toBe(0);
    expect((await db().classSession.findUniqueOrThrow({ where: { id: cls.session.id } })).trainerId).toBeNull();
  });

  it("is refused when the rights it gave lie beyond the revoker's scope (nothing changes)", async () => {
    const w = await world();
    const course = await makeCourse({ unitId: w.p.province.id, trainerIds: [w.official.id] });
    const grant = await trainerGrant(w.official.id, w.p.communeA.id);
    const e = await appError(revokeRole(w.communeAdmin, { grantId: grant.id }));
    expect([e.code, e.messageKey]).toEqual(["FORBIDDEN", "roles.trainerRightsBeyondScope"]);
    expect(await db().roleGrant.count({ where: { id: grant.id } })).toBe(1);
    expect(await db().courseTrainer.count({ where: { courseId: course.id, userId: w.official.id } })).toBe(1);
  });

  it("keeps the rights another TRAINER grant in the same province still gives", async () => {
    const w = await world();
    await db().roleGrant.create({ data: { userId: w.official.id, role: "TRAINER", unitId: w.p.communeB.id } });
    const course = await makeCourse({ unitId: w.p.communeA.id, trainerIds: [w.official.id] });
    await revokeRole(w.communeAdmin, { grantId: (await trainerGrant(w.official.id, w.p.communeA.id)).id });
    expect(await db().courseTrainer.count({ where: { courseId: course.id, userId: w.official.id } })).toBe(1);
  });
});
