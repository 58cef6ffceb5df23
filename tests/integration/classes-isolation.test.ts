import { describe, expect, it } from "vitest";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { cancelClass, decideEnrolment, openClass, removeSession, saveSession, updateClass } from "@/lib/classes/commands";
import { nominate, quotaLeft, selfEnrolInClass, withdrawFromClass } from "@/lib/classes/nomination";
import { getClass, listManagedClasses, listMyClasses, listNominatableClasses, listTaughtClasses, nominationCandidates, planItemForNewClass, trainerChoices } from "@/lib/classes/queries";
import { openClassInput, sessionInput, updateClassInput } from "@/lib/classes/schemas";
import { db } from "@/lib/db";
import { listMyNotifications, markRead, unreadCount } from "@/lib/notifications/queries";
import { classForm, makeClassPlan, vnDay } from "@/lib/testing/class-factories";
import { codeOf } from "@/lib/testing/errors";
import { makeProvince, makeUser, makeViewer } from "@/lib/testing/factories";

// Every exported data function of lib/classes and lib/notifications, called by outsiders with
// forged (real but foreign) ids: NOT_FOUND or FORBIDDEN, nothing written, no foreign rows listed.

async function world() {
  const p = await makeProvince();
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  const adminA = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
  const { item } = await makeClassPlan(p.province.id, { [p.communeA.id]: 5 });
  const { id } = await openClass(admin, openClassInput.parse(classForm(item.id, { capacity: "1", requiresApproval: "on" })));
  const session = await saveSession(admin, sessionInput.parse({ classId: id, date: vnDay(20), start: "08:00", end: "10:00" }));
  const a = await Promise.all([1, 2].map((i) => makeUser({ unitId: p.communeA.id, fullName: `Học viên ${i}` })));
  const r = await nominate(adminA, id, a.map((x) => x.id));
  const learnerA = (await loadViewer(a[0]!.id))!;

  const other = await makeProvince();
  const outsiders: Record<string, Viewer> = {
    adminB: await makeViewer(p.communeB.id, [{ role: "UNIT_ADMIN", unitId: p.communeB.id }]),
    trainer: await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.agency.id }]),
    learner: await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]),
    otherProvince: await makeViewer(other.agency.id, [{ role: "PROVINCE_ADMIN", unitId: other.province.id }]),
  };
  return { p, admin, adminA, item, id, sessionId: session.id, a, enrolments: r.results.map((x) => x.enrolmentId), learnerA, outsiders };
}

async function state(classId: string, userIds: string[]) {
  const [cls, sessions, enrolments, notifications, audits] = await Promise.all([
    db().class.findUnique({ where: { id: classId } }),
    db().classSession.findMany({ where: { classId }, orderBy: { id: "asc" } }),
    db().enrolment.findMany({ where: { classId }, orderBy: { id: "asc" } }),
    db().notification.count({ where: { userId: { in: userIds } } }),
    db().auditEvent.count({ where: { entityId: classId } }),
  ]);
  return JSON.stringify({ cls, sessions, enrolments, notifications, audits });
}

describe("classes isolation", () => {
  it("outsiders get NOT_FOUND (or FORBIDDEN where they may see) from every function, and nothing changes", async () => {
    const w = await world();
    const people = [...w.a.map((x) => x.id), ...Object.values(w.outsiders).map((v) => v.userId)];
    const before = await state(w.id, people);
    const form = { id: w.id, title: "Đổi tên", mode: "ONLINE", capacity: "9", enrolOpens: vnDay(-1), enrolCloses: vnDay(9), joinPolicy: "NOMINATED" };
    for (const [who, v] of Object.entries(w.outsiders)) {
      const calls: Record<string, () => Promise<unknown>> = {
        getClass: () => getClass(v, w.id),
        quotaLeft: () => quotaLeft(v, w.id),
        nominationCandidates: () => nominationCandidates(v, w.id, ""),
        trainerChoices: () => trainerChoices(v, w.id),
        planItemForNewClass: () => planItemForNewClass(v, w.item.id),
        openClass: () => openClass(v, openClassInput.parse(classForm(w.item.id))),
        updateClass: () => updateClass(v, updateClassInput.parse(form)),
        cancelClass: () => cancelClass(v, { id: w.id, reason: "Thử hủy lớp" }),
        saveSession: () => saveSession(v, sessionInput.parse({ classId: w.id, date: vnDay(21), start: "08:00", end: "09:00" })),
        editSession: () => saveSession(v, sessionInput.parse({ classId: w.id, id: w.sessionId, date: vnDay(21), start: "08:00", end: "09:00" })),
        removeSession: () => removeSession(v, w.sessionId),
        approve: () => decideEnrolment(v, { enrolmentId: w.enrolments[0]!, approve: true }),
        reject: () => decideEnrolment(v, { enrolmentId: w.enrolments[0]!, approve: false }),
        withdraw: () => withdrawFromClass(v, w.enrolments[0]!),
        nominate: () => nominate(v, w.id, [w.a[1]!.id]),
        selfEnrol: () => selfEnrolInClass(v, w.id),
      };
      for (const [name, call] of Object.entries(calls)) {
        const code = await codeOf(call());
        // The learner of commune A is not enrolled: they may not even see the class.
        expect(["NOT_FOUND", "FORBIDDEN"], `${who} ${name}: ${code}`).toContain(code);
      }
      expect(await listManagedClasses(v), who).toEqual([]);
      expect(await listTaughtClasses(v), who).toEqual([]);
      expect((await listNominatableClasses(v)).map((c) => c.id), who).not.toContain(w.id);
      expect((await listMyClasses(v)).map((c) => c.id), who).not.toContain(w.id);
      expect(await markRead(v, (await db().notification.findFirstOrThrow({ where: { userId: w.a[0]!.id } })).id), who).toEqual({ changed: 0 });
      expect((await listMyNotifications(v)).length, who).toBe(0);
      expect(await unreadCount(v), who).toBe(0);
    }
    expect(await state(w.id, people)).toBe(before);
  });

  it("insiders see what is theirs only: the unit admin's roster is their units'; a learner sees no roster", async () => {
    const w = await world();
    const c = await getClass(w.adminA, w.id);
    expect(c.access).toBe("nominate");
    expect(c.roster).toHaveLength(2);
    const city = await makeViewer(w.p.city.id, [{ role: "UNIT_ADMIN", unitId: w.p.city.id }]);
    // The city admin's scope includes commune A, which holds the quota: they see the class and its roster from their subtree.
    expect((await getClass(city, w.id)).roster).toHaveLength(2);
    const mine = await getClass(w.learnerA, w.id);
    expect(mine.access).toBe("learner");
    expect(mine.roster).toEqual([]);
    expect(mine.quotas).toEqual([]);
    // A learner may not decide or nominate.
    expect(await codeOf(decideEnrolment(w.learnerA, { enrolmentId: w.enrolments[1]!, approve: true }))).toBe("NOT_FOUND");
    expect(await codeOf(decideEnrolment(w.learnerA, { enrolmentId: w.enrolments[0]!, approve: true }))).toBe("FORBIDDEN");
    expect(await codeOf(nominate(w.learnerA, w.id, [w.a[1]!.id]))).toBe("FORBIDDEN");
    // The province admin sees everything.
    expect((await listManagedClasses(w.admin)).map((x) => x.id)).toEqual([w.id]);
  });

  it("the trainer of a session sees the class they teach, its whole roster and their session's attendance, and runs nothing else", async () => {
    const w = await world();
    const trainer = await makeViewer(w.p.agency.id, [{ role: "TRAINER", unitId: w.p.province.id }]);
    const own = await saveSession(w.admin, sessionInput.parse({ classId: w.id, date: vnDay(22), start: "08:00", end: "10:00", trainerId: trainer.userId }));
    // Before any session is theirs, the class is not found to them, like to any trainer.
    const colleague = await makeViewer(w.p.agency.id, [{ role: "TRAINER", unitId: w.p.province.id }]);
    expect(await codeOf(getClass(colleague, w.id))).toBe("NOT_FOUND");
    expect(await listTaughtClasses(colleague)).toEqual([]);

    expect((await listTaughtClasses(trainer)).map((c) => c.id)).toEqual([w.id]);
    const c = await getClass(trainer, w.id);
    expect(c.access).toBe("teach");
    expect(c.roster.map((r) => r.userId).sort()).toEqual(w.a.map((x) => x.id).sort());
    expect(c.quotas).toEqual([]);
    expect(c.sessions.map((s) => [s.id, s.attendance])).toEqual([
      [w.sessionId, false],
      [own.id, true],
    ]);
    const before = await state(w.id, [trainer.userId]);
    for (const [name, call] of Object.entries({
      nominate: () => nominate(trainer, w.id, [w.a[1]!.id]),
      nominationCandidates: () => nominationCandidates(trainer, w.id, ""),
      trainerChoices: () => trainerChoices(trainer, w.id),
      updateClass: () => updateClass(trainer, updateClassInput.parse({ id: w.id, title: "Đổi", mode: "ONLINE", capacity: "9", enrolOpens: vnDay(-1), enrolCloses: vnDay(9), joinPolicy: "NOMINATED" })),
      removeSession: () => removeSession(trainer, own.id),
      approve: () => decideEnrolment(trainer, { enrolmentId: w.enrolments[0]!, approve: true }),
      withdraw: () => withdrawFromClass(trainer, w.enrolments[0]!),
    })) {
      expect(["NOT_FOUND", "FORBIDDEN"], name).toContain(await codeOf(call()));
    }
    expect(await state(w.id, [trainer.userId])).toBe(before);
    // Taken off the session, they no longer see the class.
    await saveSession(w.admin, sessionInput.parse({ classId: w.id, id: own.id, date: vnDay(22), start: "08:00", end: "10:00" }));
    expect(await codeOf(getClass(trainer, w.id))).toBe("NOT_FOUND");
    expect(await listTaughtClasses(trainer)).toEqual([]);
  });
});
