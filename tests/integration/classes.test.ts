import { describe, expect, it } from "vitest";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { cancelClass, decideEnrolment, openClass, removeSession, saveSession, updateClass } from "@/lib/classes/commands";
import { nominate, quotaLeft, selfEnrolInClass, withdrawFromClass } from "@/lib/classes/nomination";
import { getClass, listMyClasses, nominationCandidates } from "@/lib/classes/queries";
import { openClassInput, sessionInput, updateClassInput } from "@/lib/classes/schemas";
import { db } from "@/lib/db";
import { listMyNotifications, markRead, unreadCount } from "@/lib/notifications/queries";
import { classForm, makeClassPlan, makePlanItem, vnDay } from "@/lib/testing/class-factories";
import { makeCourse, makeEnrolment } from "@/lib/testing/course-factories";
import { appError } from "@/lib/testing/errors";
import { makeProvince, makeUnit, makeUser, makeViewer } from "@/lib/testing/factories";

async function setup(quotas?: (p: Awaited<ReturnType<typeof makeProvince>>) => Record<string, number>) {
  const p = await makeProvince();
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  const adminA = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
  const adminCity = await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]);
  const adminB = await makeViewer(p.communeB.id, [{ role: "UNIT_ADMIN", unitId: p.communeB.id }]);
  const { course, plan, item } = await makeClassPlan(p.province.id, quotas ? quotas(p) : { [p.communeA.id]: 2, [p.city.id]: 3, [p.communeB.id]: 2 });
  const person = (unitId: string, fullName: string) => makeUser({ unitId, fullName });
  const a = await Promise.all(["Nguyễn Thị An", "Trần Văn Bình", "Lê Thị Cúc", "Phạm Văn Dũng"].map((n) => person(p.communeA.id, n)));
  const w = await person(p.ward.id, "Võ Văn Phường");
  const b = await person(p.communeB.id, "Đặng Thị Sơn");
  return { p, admin, adminA, adminCity, adminB, course, plan, item, a, w, b };
}

async function open(admin: Viewer, planItemId: string, over: Record<string, string> = {}) {
  return openClass(admin, openClassInput.parse(classForm(planItemId, over)));
}

/** Everything a class command may write, to prove a refused one wrote nothing. */
async function snapshot(userIds: string[]) {
  const [enrolments, notifications, mails, audits, classes] = await Promise.all([
    db().enrolment.findMany({ where: { userId: { in: userIds } }, orderBy: { id: "asc" } }),
    db().notification.count({ where: { userId: { in: userIds } } }),
    db().outboxMail.count({ where: { to: { in: (await db().user.findMany({ where: { id: { in: userIds } }, select: { email: true } })).map((u) => u.email) } } }),
    db().auditEvent.count({ where: { OR: [{ action: { startsWith: "class." } }, { action: { startsWith: "enrolment." } }], actorId: { in: userIds } } }),
    db().class.count({ where: { createdById: { in: userIds } } }),
  ]);
  return JSON.stringify({ enrolments, notifications, mails, audits, classes });
}

describe("opening a class", () => {
  it("opens against an approved plan item, audited; the organiser defaults to the plan's owner", async () => {
    const { p, admin, item, course } = await setup();
    const { id } = await open(admin, item.id, { capacity: "25", requiresApproval: "on" });
    const c = await db().class.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ unitId: p.province.id, courseId: course.id, capacity: 25, requiresApproval: true, status: "OPEN", createdById: admin.userId });
    // Enrolment opens at 00:00 and closes at 23:59:59.999 Vietnam time.
    expect(c.enrolOpensAt.toISOString()).toBe(`${new Date(`${vnDay(-2)}T17:00:00.000Z`).toISOString()}`);
    expect(c.enrolClosesAt.toISOString()).toBe(`${vnDay(10)}T16:59:59.999Z`);
    expect(await db().auditEvent.count({ where: { action: "class.open", entityId: id } })).toBe(1);
  });

  it("refuses a draft plan, an unpublished course, a bad window or capacity, a taken code — writing nothing", async () => {
    const { p, admin, item } = await setup();
    const before = await snapshot([admin.userId]);
    const draftCourse = await makeCourse({ unitId: p.province.id, selfEnrol: false });
    const draft = await makePlanItem({ ownerUnitId: p.province.id, courseId: draftCourse.id, quotas: { [p.communeA.id]: 2 }, status: "DRAFT" });
    expect(await appError(open(admin, draft.item.id))).toMatchObject({ code: "CONFLICT", messageKey: "classes.planNotApproved" });
    const unpublished = await makeCourse({ unitId: p.province.id, selfEnrol: false, status: "DRAFT" });
    const up = await makePlanItem({ ownerUnitId: p.province.id, courseId: unpublished.id, quotas: { [p.communeA.id]: 2 } });
    expect(await appError(open(admin, up.item.id))).toMatchObject({ code: "CONFLICT", messageKey: "classes.courseNotPublished" });
    expect(openClassInput.safeParse(classForm(item.id, { capacity: "0" })).error?.issues[0]?.message).toBe("classes.capacityRange");
    expect(openClassInput.safeParse(classForm(item.id, { enrolOpens: vnDay(5), enrolCloses: vnDay(4) })).error?.issues[0]?.message).toBe("classes.windowOrder");
    expect(await snapshot([admin.userId])).toBe(before);
    const form = classForm(item.id);
    await openClass(admin, openClassInput.parse(form));
    expect(await appError(openClass(admin, openClassInput.parse({ ...form, title: "Lớp khác" })))).toMatchObject({ code: "CONFLICT", messageKey: "classes.codeTaken", field: "code" });
    expect(await db().class.count({ where: { code: form.code } })).toBe(1);
  });

  it("is for class:manage only: a unit admin who sees the item is refused (FORBIDDEN), a stranger gets NOT_FOUND", async () => {
    const { adminA, item } = await setup();
    expect((await appError(open(adminA, item.id))).code).toBe("FORBIDDEN");
    const other = await makeProvince();
    const stranger = await makeViewer(other.agency.id, [{ role: "PROVINCE_ADMIN", unitId: other.province.id }]);
    expect((await appError(open(stranger, item.id))).code).toBe("NOT_FOUND");
    expect(await db().class.count({ where: { planItemId: item.id } })).toBe(0);
  });
});

describe("sessions", () => {
  it("stores Vietnam local times as UTC, checks the trainer, and refuses an end before the start", async () => {
    const { p, admin, item } = await setup();
    const { id } = await open(admin, item.id);
    const trainer = await makeUser({ unitId: p.agency.id, grants: [{ role: "TRAINER", unitId: p.agency.id }], fullName: "Trần Thanh Hưng" });
    const s = await saveSession(admin, sessionInput.parse({ classId: id, date: "2027-03-15", start: "08:00", end: "11:30", place: "Hội trường UBND tỉnh", trainerId: trainer.id }));
    const row = await db().classSession.findUniqueOrThrow({ where: { id: s.id } });
    expect(row.startsAt.toISOString()).toBe("2027-03-15T01:00:00.000Z");
    expect(row.endsAt.toISOString()).toBe("2027-03-15T04:30:00.000Z");
    // Just after midnight in Vietnam is the previous day in UTC.
    const early = await saveSession(admin, sessionInput.parse({ classId: id, date: "2027-03-16", start: "06:30", end: "07:00" }));
    expect((await db().classSession.findUniqueOrThrow({ where: { id: early.id } })).startsAt.toISOString()).toBe("2027-03-15T23:30:00.000Z");

    expect(sessionInput.safeParse({ classId: id, date: "2027-03-15", start: "11:00", end: "10:00" }).error?.issues[0]?.message).toBe("classes.endBeforeStart");
    expect(sessionInput.safeParse({ classId: id, date: "2027-02-30", start: "08:00", end: "10:00" }).error?.issues[0]?.message).toBe("classes.dateInvalid");
    const learner = await makeUser({ unitId: p.communeA.id });
    const audits = await db().auditEvent.count({ where: { entityId: id } });
    expect(await appError(saveSession(admin, sessionInput.parse({ classId: id, date: "2027-03-17", start: "08:00", end: "10:00", trainerId: learner.id })))).toMatchObject({ code: "VALIDATION", messageKey: "classes.notTrainer" });
    expect(await db().classSession.count({ where: { classId: id } })).toBe(2);
    expect(await db().auditEvent.count({ where: { entityId: id } })).toBe(audits);

    await removeSession(admin, early.id);
    expect(await db().classSession.count({ where: { classId: id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { entityId: id, action: "class.session.remove" } })).toBe(1);
  });

  it("warns (does not refuse) when a trainer or an enrolled learner already has an overlapping session", async () => {
    const { p, admin, adminA, item, a } = await setup();
    const trainer = await makeUser({ unitId: p.agency.id, grants: [{ role: "TRAINER", unitId: p.agency.id }], fullName: "Trần Thanh Hưng" });
    const x = await open(admin, item.id, { title: "Lớp X" });
    const y = await open(admin, item.id, { title: "Lớp Y" });
    await saveSession(admin, sessionInput.parse({ classId: x.id, date: "2027-04-01", start: "08:00", end: "11:00", trainerId: trainer.id }));
    await nominate(adminA, x.id, [a[0]!.id]);
    // Class Y, 10:00–12:00 the same day: the trainer and a[0] (nominated into Y) clash with X.
    const ny = await nominate(adminA, y.id, [a[1]!.id]);
    expect(ny.clashes).toEqual([]);
    const saved = await saveSession(admin, sessionInput.parse({ classId: y.id, date: "2027-04-01", start: "10:00", end: "12:00", trainerId: trainer.id }));
    expect(saved.clashes.map((c) => [c.fullName, c.role, c.otherClassId])).toEqual([["Trần Thanh Hưng", "trainer", x.id]]);
    expect(await db().classSession.count({ where: { classId: y.id } })).toBe(1);
    // Nominating a[0] — in X at that time — into a class of another course at 10:30 warns …
    const otherCourse = await makeCourse({ unitId: p.province.id, selfEnrol: false });
    const other = await makePlanItem({ ownerUnitId: p.province.id, courseId: otherCourse.id, quotas: { [p.communeA.id]: 5 } });
    const z = await open(admin, other.item.id, { title: "Lớp Z" });
    await saveSession(admin, sessionInput.parse({ classId: z.id, date: "2027-04-01", start: "10:30", end: "11:30" }));
    const nz = await nominate(adminA, z.id, [a[0]!.id]);
    expect(nz.results[0]!.status).toBe("ACTIVE");
    expect(nz.clashes.map((c) => [c.userId, c.role, c.otherClassId])).toEqual([[a[0]!.id, "learner", x.id]]);
    // … and a session saved later in X lists the learners who have another session then.
    const again = await saveSession(admin, sessionInput.parse({ classId: x.id, date: "2027-04-01", start: "11:00", end: "11:15" }));
    expect(again.clashes.map((c) => [c.userId, c.role, c.otherClassId])).toEqual([[a[0]!.id, "learner", z.id]]);
    // Back-to-back is not a clash (11:30 end, 11:30 start).
    const edge = await saveSession(admin, sessionInput.parse({ classId: x.id, date: "2027-04-01", start: "11:30", end: "12:30" }));
    expect(edge.clashes.filter((c) => c.otherClassId === z.id)).toEqual([]);
  });
});

describe("nomination", () => {
  it("nominates within the quota: ACTIVE, the person's unit and quota unit kept, told in the app and by mail, audited", async () => {
    const { p, admin, adminA, item, a } = await setup();
    const { id } = await open(admin, item.id);
    await saveSession(admin, sessionInput.parse({ classId: id, date: "2027-05-10", start: "08:00", end: "11:00", place: "Hội trường" }));
    const r = await nominate(adminA, id, [a[0]!.id, a[1]!.id]);
    expect(r.results.map((x) => x.status)).toEqual(["ACTIVE", "ACTIVE"]);
    const rows = await db().enrolment.findMany({ where: { classId: id } });
    expect(rows.every((e) => e.unitId === p.communeA.id && e.quotaUnitId === p.communeA.id && e.nominatedById === adminA.userId)).toBe(true);
    const n = await db().notification.findFirstOrThrow({ where: { userId: a[0]!.id } });
    expect(n).toMatchObject({ kind: "nominated", link: `/classes/${id}` });
    // The title already says "Lớp": not doubled ("lớp Lớp …").
    expect(n.title).toBe("Được cử tham gia Lớp bồi dưỡng kỹ năng chứng thực điện tử");
    expect(n.body).toContain("10/05/2027 08:00–11:00, Hội trường");
    const mail = await db().outboxMail.findFirstOrThrow({ where: { to: a[0]!.email } });
    expect(mail.subject).toBe(n.title);
    expect(mail.text).toContain("Kính gửi Nguyễn Thị An,");
    expect(mail.text).toMatch(new RegExp(`/classes/${id}`));
    expect(await db().auditEvent.count({ where: { action: "enrolment.nominate", actorId: adminA.userId } })).toBe(2);
    expect(await quotaLeft(adminA, id)).toEqual([{ unitId: p.communeA.id, unitName: p.communeA.name, seats: 2, used: 2, left: 0 }]);
  });

  it("refuses the quota's overflow with the remaining quota named, writing nothing", async () => {
    const { p, admin, adminA, item, a } = await setup();
    const { id } = await open(admin, item.id);
    await nominate(adminA, id, [a[0]!.id]);
    const before = await snapshot([adminA.userId, ...a.map((x) => x.id)]);
    const e = await appError(nominate(adminA, id, [a[1]!.id, a[2]!.id]));
    expect(e).toMatchObject({ code: "CONFLICT", messageKey: "classes.quotaExhausted", params: { unit: p.communeA.name, left: 1, asked: 2 } });
    expect(await snapshot([adminA.userId, ...a.map((x) => x.id)])).toBe(before);
    await nominate(adminA, id, [a[1]!.id]);
    const e2 = await appError(nominate(adminA, id, [a[2]!.id]));
    expect(e2.params).toMatchObject({ left: 0, asked: 1 });
    // The quota counts over all classes of the plan item.
    const second = await open(admin, item.id);
    expect((await appError(nominate(adminA, second.id, [a[3]!.id]))).messageKey).toBe("classes.quotaExhausted");
    expect(await db().enrolment.count({ where: { userId: { in: [a[2]!.id, a[3]!.id] } } })).toBe(0);
  });

  it("uses the closest unit with a quota in the nominator's scope; none → a clear error", async () => {
    const { p, admin, adminCity, item, a, w } = await setup();
    const { id } = await open(admin, item.id);
    const r = await nominate(adminCity, id, [w.id, a[0]!.id]);
    const rows = await db().enrolment.findMany({ where: { classId: id }, orderBy: { userId: "asc" } });
    expect(Object.fromEntries(rows.map((x) => [x.userId, x.quotaUnitId]))).toEqual({ [w.id]: p.city.id, [a[0]!.id]: p.communeA.id });
    expect(r.results).toHaveLength(2);
    const districtAdmin = await makeViewer(p.district.id, [{ role: "UNIT_ADMIN", unitId: p.district.id }]);
    const d = await makeUser({ unitId: p.district.id, fullName: "Hồ Văn Huyện" });
    const before = await snapshot([districtAdmin.userId, d.id]);
    expect(await appError(nominate(districtAdmin, id, [d.id]))).toMatchObject({ code: "CONFLICT", messageKey: "classes.noQuotaUnit", params: { name: "Hồ Văn Huyện" } });
    expect(await snapshot([districtAdmin.userId, d.id])).toBe(before);
  });

  it("refuses people outside the nominator's scope (NOT_FOUND), the inactive, the enrolled, a closed window, a cancelled class", async () => {
    const { p, admin, adminA, item, a, b } = await setup();
    const { id } = await open(admin, item.id);
    const people = [adminA.userId, ...a.map((x) => x.id), b.id];
    const before = await snapshot(people);
    expect((await appError(nominate(adminA, id, [a[0]!.id, b.id]))).code).toBe("NOT_FOUND");
    expect((await appError(nominate(adminA, id, ["00000000-0000-4000-8000-000000000000"]))).code).toBe("NOT_FOUND");
    const gone = await makeUser({ unitId: p.communeA.id, active: false, fullName: "Huỳnh Văn Nghỉ" });
    expect(await appError(nominate(adminA, id, [gone.id]))).toMatchObject({ code: "VALIDATION", messageKey: "classes.personInactive" });
    await makeEnrolment({ userId: a[1]!.id, courseId: (await db().class.findUniqueOrThrow({ where: { id } })).courseId });
    expect(await appError(nominate(adminA, id, [a[1]!.id]))).toMatchObject({ code: "CONFLICT", messageKey: "classes.alreadyEnrolled", params: { name: "Trần Văn Bình" } });
    const closed = await open(admin, item.id, { enrolOpens: vnDay(-10), enrolCloses: vnDay(-2) });
    expect(await appError(nominate(adminA, closed.id, [a[0]!.id]))).toMatchObject({ code: "CONFLICT", messageKey: "classes.windowClosed" });
    const later = await open(admin, item.id, { enrolOpens: vnDay(3), enrolCloses: vnDay(5) });
    expect((await appError(nominate(adminA, later.id, [a[0]!.id]))).messageKey).toBe("classes.windowClosed");
    const gone2 = await open(admin, item.id);
    await cancelClass(admin, { id: gone2.id, reason: "Không đủ học viên" });
    expect((await appError(nominate(adminA, gone2.id, [a[0]!.id]))).messageKey).toBe("classes.cancelled");
    await db().enrolment.deleteMany({ where: { userId: a[1]!.id } });
    expect(await snapshot(people)).toBe(before);
  });

  it("reuses a WITHDRAWN or REJECTED enrolment of the course (one row per person and course)", async () => {
    const { admin, adminA, item, a, course } = await setup();
    const old = await makeEnrolment({ userId: a[0]!.id, courseId: course.id, status: "WITHDRAWN" });
    const { id } = await open(admin, item.id);
    const r = await nominate(adminA, id, [a[0]!.id]);
    expect(r.results[0]!.enrolmentId).toBe(old.id);
    expect(await db().enrolment.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ classId: id, status: "ACTIVE", withdrawnAt: null });
  });
});

describe("seats, waiting list and promotion", () => {
  it("waitlists when the class is full and promotes the first waiting on a withdrawal, telling them", async () => {
    const { admin, adminA, adminCity, item, a, w } = await setup();
    const { id } = await open(admin, item.id, { capacity: "1" });
    await nominate(adminA, id, [a[0]!.id]);
    const r1 = await nominate(adminCity, id, [w.id]);
    expect(r1.results[0]!.status).toBe("WAITLISTED");
    const r2 = await nominate(adminA, id, [a[1]!.id]);
    expect(r2.results[0]!.status).toBe("WAITLISTED");
    expect((await db().notification.findFirstOrThrow({ where: { userId: w.id } })).kind).toBe("waitlisted");
    // The learner withdraws before the start: the first waiting (w, earlier) gets the seat.
    const mine = await db().enrolment.findFirstOrThrow({ where: { userId: a[0]!.id } });
    const a0 = (await loadViewer(a[0]!.id))!;
    const res = await withdrawFromClass(a0, mine.id);
    expect(res).toEqual({ changed: true, promoted: 1 });
    expect((await db().enrolment.findFirstOrThrow({ where: { userId: w.id } })).status).toBe("ACTIVE");
    expect((await db().enrolment.findFirstOrThrow({ where: { userId: a[1]!.id } })).status).toBe("WAITLISTED");
    expect(await db().notification.findFirst({ where: { userId: w.id, kind: "promoted" } })).not.toBeNull();
    expect(await db().outboxMail.count({ where: { to: w.email, subject: { startsWith: "Đã có chỗ" } } })).toBe(1);
    // Raising the capacity promotes the next.
    const c = await db().class.findUniqueOrThrow({ where: { id } });
    const form = { id, title: c.title, mode: c.mode, capacity: "2", enrolOpens: vnDay(-1), enrolCloses: vnDay(10), joinPolicy: "NOMINATED" };
    expect(await updateClass(admin, updateClassInput.parse(form))).toEqual({ changed: true, promoted: 1 });
    expect((await db().enrolment.findFirstOrThrow({ where: { userId: a[1]!.id } })).status).toBe("ACTIVE");
    // Lowering it below the seats taken is refused.
    expect(await appError(updateClass(admin, updateClassInput.parse({ ...form, capacity: "1" })))).toMatchObject({ code: "CONFLICT", messageKey: "classes.capacityBelowTaken", params: { taken: 2 } });
    expect((await db().class.findUniqueOrThrow({ where: { id } })).capacity).toBe(2);
  });

  it("approval: nominations are PENDING (holding a seat); approve → ACTIVE; reject → REJECTED and the waiting list moves up", async () => {
    const { admin, adminA, item, a } = await setup();
    const { id } = await open(admin, item.id, { capacity: "1", requiresApproval: "on" });
    const r = await nominate(adminA, id, [a[0]!.id, a[1]!.id]);
    expect(r.results.map((x) => x.status)).toEqual(["PENDING", "WAITLISTED"]);
    expect((await db().notification.findFirstOrThrow({ where: { userId: a[0]!.id } })).kind).toBe("pendingApproval");
    // Only class:manage decides: the unit admin who nominated is refused.
    expect((await appError(decideEnrolment(adminA, { enrolmentId: r.results[0]!.enrolmentId, approve: true }))).code).toBe("FORBIDDEN");
    await decideEnrolment(admin, { enrolmentId: r.results[0]!.enrolmentId, approve: false, reason: "Không đúng đối tượng" });
    expect(await db().enrolment.findUniqueOrThrow({ where: { id: r.results[0]!.enrolmentId } })).toMatchObject({ status: "REJECTED", decidedById: admin.userId });
    // The promoted one still needs approval.
    expect((await db().enrolment.findUniqueOrThrow({ where: { id: r.results[1]!.enrolmentId } })).status).toBe("PENDING");
    await decideEnrolment(admin, { enrolmentId: r.results[1]!.enrolmentId, approve: true });
    expect((await db().enrolment.findUniqueOrThrow({ where: { id: r.results[1]!.enrolmentId } })).status).toBe("ACTIVE");
    expect((await db().notification.findMany({ where: { userId: a[1]!.id }, orderBy: { createdAt: "asc" } })).map((n) => n.kind)).toEqual(["waitlisted", "promoted", "approved"]);
    expect((await db().notification.findMany({ where: { userId: a[0]!.id } })).map((n) => n.kind).sort()).toEqual(["pendingApproval", "rejected"]);
    expect(await appError(decideEnrolment(admin, { enrolmentId: r.results[1]!.enrolmentId, approve: true }))).toMatchObject({ code: "CONFLICT", messageKey: "classes.notPending" });
    // A rejected person's quota is freed: they can be nominated again later (the row is reused).
    expect((await quotaLeft(adminA, id))[0]!.left).toBe(1);
  });

  it("promotes the earliest waiting first (waitlistedAt, then id)", async () => {
    const { admin, adminA, adminCity, item, a, w } = await setup();
    const { id } = await open(admin, item.id, { capacity: "1" });
    await nominate(adminA, id, [a[0]!.id]);
    await nominate(adminA, id, [a[1]!.id]);
    await nominate(adminCity, id, [w.id]);
    // Make w the earliest waiting.
    await db().enrolment.updateMany({ where: { userId: w.id }, data: { waitlistedAt: new Date(Date.now() - 60_000) } });
    const first = await db().enrolment.findFirstOrThrow({ where: { userId: a[0]!.id } });
    await withdrawFromClass(adminA, first.id);
    expect((await db().enrolment.findFirstOrThrow({ where: { userId: w.id } })).status).toBe("ACTIVE");
    expect((await db().enrolment.findFirstOrThrow({ where: { userId: a[1]!.id } })).status).toBe("WAITLISTED");
    // Withdrawn by the unit admin: the person is told.
    expect(await db().notification.findFirst({ where: { userId: a[0]!.id, kind: "withdrawn" } })).not.toBeNull();
  });

  it("a learner withdraws only before the first session; sees the class under «Lớp của tôi»", async () => {
    const { admin, adminA, item, a } = await setup();
    const { id } = await open(admin, item.id);
    const r = await nominate(adminA, id, [a[0]!.id]);
    const me = (await loadViewer(a[0]!.id))!;
    const mine = await listMyClasses(me);
    expect(mine.map((c) => [c.id, c.myStatus])).toEqual([[id, "ACTIVE"]]);
    expect((await getClass(me, id)).mine).toEqual({ enrolmentId: r.results[0]!.enrolmentId, status: "ACTIVE" });
    expect(await unreadCount(me)).toBe(1);
    expect((await listMyNotifications(me))[0]!.kind).toBe("nominated");
    await markRead(me);
    expect(await unreadCount(me)).toBe(0);
    // A session that has started: too late to withdraw oneself.
    await db().classSession.create({ data: { classId: id, startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 3_600_000) } });
    expect(await appError(withdrawFromClass(me, r.results[0]!.enrolmentId))).toMatchObject({ code: "CONFLICT", messageKey: "classes.alreadyStarted" });
    expect((await db().enrolment.findUniqueOrThrow({ where: { id: r.results[0]!.enrolmentId } })).status).toBe("ACTIVE");
  });
});

describe("changing and cancelling", () => {
  it("a change of the schedule tells everyone enrolled; cancelling withdraws and tells everyone, in one transaction", async () => {
    const { admin, adminA, adminCity, item, a, w } = await setup();
    const { id } = await open(admin, item.id, { capacity: "1" });
    await nominate(adminA, id, [a[0]!.id]);
    await nominate(adminCity, id, [w.id]);
    await saveSession(admin, sessionInput.parse({ classId: id, date: "2027-06-01", start: "13:30", end: "16:30", place: "Phòng họp số 2" }));
    for (const u of [a[0]!, w]) expect(await db().notification.count({ where: { userId: u.id, kind: "classChanged" } })).toBe(1);
    expect((await db().notification.findFirstOrThrow({ where: { userId: w.id, kind: "classChanged" } })).body).toContain("01/06/2027 13:30–16:30");
    expect((await appError(cancelClass(adminA, { id, reason: "Thay đổi kế hoạch" }))).code).toBe("FORBIDDEN");
    await cancelClass(admin, { id, reason: "Thay đổi kế hoạch của tỉnh" });
    expect(await db().class.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "CANCELLED", cancelReason: "Thay đổi kế hoạch của tỉnh" });
    expect((await db().enrolment.findMany({ where: { classId: id } })).map((e) => e.status)).toEqual(["WITHDRAWN", "WITHDRAWN"]);
    for (const u of [a[0]!, w]) {
      const n = await db().notification.findFirstOrThrow({ where: { userId: u.id, kind: "classCancelled" } });
      expect(n.body).toContain("Thay đổi kế hoạch của tỉnh");
      expect(await db().outboxMail.count({ where: { to: u.email, subject: n.title } })).toBe(1);
    }
    expect((await appError(cancelClass(admin, { id, reason: "Lần nữa" }))).messageKey).toBe("classes.cancelled");
    // Their quota is freed.
    expect((await quotaLeft(adminA, id))[0]!.left).toBe(2);
  });
});

describe("self-enrolment in a class", () => {
  it("learners of the listed units join a SELF class without quota; others cannot", async () => {
    const { p, admin, item, a, b } = await setup();
    const { id } = await open(admin, item.id, { joinPolicy: "SELF", selfUnitIds: p.city.id, capacity: "1" });
    const me = (await loadViewer(a[0]!.id))!;
    const r = await selfEnrolInClass(me, id);
    expect(r.status).toBe("ACTIVE");
    expect(await db().enrolment.findUniqueOrThrow({ where: { id: r.enrolmentId } })).toMatchObject({ quotaUnitId: null, nominatedById: null, classId: id });
    const me2 = (await loadViewer(a[1]!.id))!;
    expect((await selfEnrolInClass(me2, id)).status).toBe("WAITLISTED");
    const outsider = (await loadViewer(b.id))!;
    expect((await appError(selfEnrolInClass(outsider, id))).code).toBe("NOT_FOUND");
    expect(await db().enrolment.count({ where: { userId: b.id } })).toBe(0);
    // The nominate form lists people of the admin's scope, marks who is already in.
    const adminA = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    const cands = await nominationCandidates(adminA, id, "an");
    expect(cands.rows.find((c) => c.id === a[0]!.id)?.enrolled).toBe(true);
  });

  it("the nominate form lists the first 50 with how many matched, searched as the people list is (accent-insensitive, word starts)", async () => {
    const { p, admin, item } = await setup();
    const { id } = await open(admin, item.id);
    const unit = await makeUnit({ name: `Thôn ${p.tag}`, parentId: p.communeA.id });
    for (let i = 0; i < 52; i++) await makeUser({ unitId: unit.id, fullName: `Phạm Thị Số${String(i).padStart(2, "0")}` });
    const quyen = await makeUser({ unitId: unit.id, fullName: "Đặng Thị Quyên" });
    const adminA = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    const all = await nominationCandidates(adminA, id, "");
    expect(all.rows).toHaveLength(50);
    expect(all.total).toBeGreaterThanOrEqual(53);
    const some = await nominationCandidates(adminA, id, "pham thi so");
    expect(some).toMatchObject({ total: 52 });
    expect(some.rows).toHaveLength(50);
    // Without accents, by the start of a word; "uyen" inside "Quyên" is not a word start.
    expect((await nominationCandidates(adminA, id, "dang quyen")).rows.map((r) => r.id)).toEqual([quyen.id]);
    expect(await nominationCandidates(adminA, id, "uyen")).toMatchObject({ rows: [], total: 0 });
  });
});
