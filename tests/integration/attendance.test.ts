import { describe, expect, it } from "vitest";
import { checkIn, checkInToken, markAttendance } from "@/lib/attendance/commands";
import { roster } from "@/lib/attendance/queries";
import { markAttendanceInput } from "@/lib/attendance/schemas";
import { checkInKey, stepOf, tokenFor } from "@/lib/attendance/token";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { enrolInClass, makeClassWithSession } from "@/lib/testing/class-factories-attendance";
import { appError, codeOf } from "@/lib/testing/errors";
import { makeProvince, makeUser, makeViewer } from "@/lib/testing/factories";

const MIN = 60_000;

async function viewerOf(user: { id: string }): Promise<Viewer> {
  const v = await loadViewer(user.id);
  if (!v) throw new Error("no viewer");
  return v;
}

/** A province, its admin, two trainers, three learners; a class whose session started 5 minutes ago. */
async function setup(opts: { startsAt?: Date; endsAt?: Date } = {}) {
  const p = await makeProvince();
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  const trainer = await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.agency.id }]);
  const otherTrainer = await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.agency.id }]);
  const learnerUsers = await Promise.all(
    ["Võ Thị Thanh Tuyền", "Đặng Văn Trọng", "Lê Thị Nỷ"].map((fullName) => makeUser({ unitId: p.communeA.id, fullName })),
  );
  const learners = await Promise.all(learnerUsers.map(viewerOf));
  const startsAt = opts.startsAt ?? new Date(Date.now() - 5 * MIN);
  const made = await makeClassWithSession({
    organiserUnitId: p.province.id,
    trainerId: trainer.userId,
    learnerIds: learners.slice(0, 2).map((l) => l.userId),
    startsAt,
    endsAt: opts.endsAt ?? new Date(startsAt.getTime() + 3 * 60 * MIN),
  });
  return { p, admin, trainer, otherTrainer, learners, ...made };
}

const auditCount = (action: string, entityId: string) => db().auditEvent.count({ where: { action, entityId } });
const tokenAt = (sessionId: string, at: Date) => tokenFor(checkInKey(), sessionId, stepOf(at));

describe("who may take attendance", () => {
  it("the session's trainer and the organiser's class managers; others are told not found", async () => {
    const s = await setup();
    const outsiderProvince = await makeProvince();
    const otherAdmin = await makeViewer(outsiderProvince.agency.id, [{ role: "PROVINCE_ADMIN", unitId: outsiderProvince.province.id }]);
    const unitAdmin = await makeViewer(s.p.communeA.id, [{ role: "UNIT_ADMIN", unitId: s.p.communeA.id }]);

    const mine = await roster(s.trainer, s.session.id);
    expect(mine.learners.map((l) => l.fullName)).toEqual(["Đặng Văn Trọng", "Võ Thị Thanh Tuyền"]);
    expect(mine.counts).toEqual({ PRESENT: 0, LATE: 0, EXCUSED: 0, ABSENT: 0, UNMARKED: 2 });
    expect(await codeOf(roster(s.admin, s.session.id))).toBe("OK");

    for (const outsider of [s.otherTrainer, s.learners[0]!, otherAdmin, unitAdmin]) {
      expect(await codeOf(roster(outsider, s.session.id))).toBe("NOT_FOUND");
      expect(await codeOf(markAttendance(outsider, s.session.id, [{ userId: s.learners[0]!.userId, status: "PRESENT" }]))).toBe("NOT_FOUND");
      expect(await codeOf(checkInToken(outsider, s.session.id))).toBe("NOT_FOUND");
    }
    expect(await codeOf(roster(s.trainer, "00000000-0000-4000-8000-000000000000"))).toBe("NOT_FOUND");
    expect(await db().attendance.count({ where: { sessionId: s.session.id } })).toBe(0);
  });

  it("the roster lists ACTIVE and COMPLETED learners, not pending, waitlisted or withdrawn ones", async () => {
    const s = await setup();
    const more = await Promise.all(["PENDING", "WAITLISTED", "WITHDRAWN", "COMPLETED"].map(() => makeUser({ unitId: s.p.ward.id })));
    await enrolInClass(s.class.id, more[0]!.id, "PENDING");
    await enrolInClass(s.class.id, more[1]!.id, "WAITLISTED");
    await enrolInClass(s.class.id, more[2]!.id, "WITHDRAWN");
    await enrolInClass(s.class.id, more[3]!.id, "COMPLETED");
    const r = await roster(s.trainer, s.session.id);
    expect(new Set(r.learners.map((l) => l.userId))).toEqual(new Set([s.learners[0]!.userId, s.learners[1]!.userId, more[3]!.id]));
  });
});

describe("marking on the roster", () => {
  it("upserts, counts, is idempotent, and audits each real change once", async () => {
    const s = await setup();
    const [a, b] = s.learners as [Viewer, Viewer];
    expect(await markAttendance(s.trainer, s.session.id, [{ userId: a.userId, status: "PRESENT" }, { userId: b.userId, status: "EXCUSED" }])).toEqual({ changed: 2 });
    expect(await markAttendance(s.trainer, s.session.id, [{ userId: a.userId, status: "PRESENT" }, { userId: b.userId, status: "EXCUSED" }])).toEqual({ changed: 0 });
    expect(await auditCount("attendance.mark", s.session.id)).toBe(1);
    expect(await markAttendance(s.admin, s.session.id, [{ userId: b.userId, status: "ABSENT" }])).toEqual({ changed: 1 });

    const r = await roster(s.trainer, s.session.id);
    expect(r.counts).toEqual({ PRESENT: 1, LATE: 0, EXCUSED: 0, ABSENT: 1, UNMARKED: 0 });
    const rows = await db().attendance.findMany({ where: { sessionId: s.session.id }, orderBy: { userId: "asc" } });
    expect(rows.every((row) => row.method === "ROSTER")).toBe(true);
    expect(rows.find((row) => row.userId === b.userId)?.markedById).toBe(s.admin.userId);
    const events = await db().auditEvent.findMany({ where: { action: "attendance.mark", entityId: s.session.id }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.actorId)).toEqual([s.trainer.userId, s.admin.userId]);
    expect(events[1]!.unitId).toBe(s.p.province.id);
  });

  it("refuses a learner not on this class's roster (a forged id of another class): nothing written", async () => {
    const s = await setup();
    const other = await makeClassWithSession({ organiserUnitId: s.p.province.id, trainerId: s.trainer.userId, learnerIds: [s.learners[2]!.userId] });
    const forged = [
      { userId: s.learners[0]!.userId, status: "PRESENT" as const },
      { userId: s.learners[2]!.userId, status: "PRESENT" as const },
    ];
    const e = await appError(markAttendance(s.trainer, s.session.id, forged));
    expect([e.code, e.messageKey]).toEqual(["VALIDATION", "attendance.notOnRoster"]);
    expect(await codeOf(markAttendance(s.trainer, s.session.id, [{ userId: s.admin.userId, status: "ABSENT" }]))).toBe("VALIDATION");
    expect(await db().attendance.count({ where: { sessionId: { in: [s.session.id, other.session.id] } } })).toBe(0);
    expect(await auditCount("attendance.mark", s.session.id)).toBe(0);
  });

  it("refuses marking in a cancelled class", async () => {
    const s = await setup();
    await db().class.update({ where: { id: s.class.id }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    expect(await codeOf(markAttendance(s.trainer, s.session.id, [{ userId: s.learners[0]!.userId, status: "PRESENT" }]))).toBe("CONFLICT");
    expect(await db().attendance.count({ where: { sessionId: s.session.id } })).toBe(0);
  });

  it("the form schema reads one radio group per learner", () => {
    const id = "0b8f6a52-6d5c-4b53-9f0e-2b1f3c4d5e6f";
    const parsed = markAttendanceInput.parse({ sessionId: id, [`status.${id}`]: "LATE", other: "x" });
    expect(parsed).toEqual({ sessionId: id, entries: [{ userId: id, status: "LATE" }] });
    expect(markAttendanceInput.safeParse({ sessionId: id, [`status.${id}`]: "ASLEEP" }).success).toBe(false);
    expect(markAttendanceInput.safeParse({ sessionId: id, "status.not-a-uuid": "LATE" }).success).toBe(false);
  });
});

describe("QR check-in", () => {
  it("checks in an enrolled learner as PRESENT by QR; a replay changes nothing", async () => {
    const s = await setup();
    const now = new Date();
    const code = await checkInToken(s.trainer, s.session.id, now);
    expect(code.path).toBe(`/checkin/${s.session.id}?t=${code.token}`);
    const first = await checkIn(s.learners[0]!, s.session.id, code.token, now);
    expect([first.status, first.already]).toEqual(["PRESENT", false]);
    const replay = await checkIn(s.learners[0]!, s.session.id, code.token, new Date(now.getTime() + 20_000));
    expect([replay.status, replay.already]).toEqual(["PRESENT", true]);
    const row = await db().attendance.findUniqueOrThrow({ where: { sessionId_userId: { sessionId: s.session.id, userId: s.learners[0]!.userId } } });
    expect([row.status, row.method, row.markedAt.getTime()]).toEqual(["PRESENT", "QR", now.getTime()]);
    expect(await auditCount("attendance.checkIn", s.session.id)).toBe(1);
    const r = await roster(s.trainer, s.session.id);
    expect(r.learners.find((l) => l.userId === s.learners[0]!.userId)).toMatchObject({ status: "PRESENT", method: "QR" });
  });

  it("simultaneous scans by one learner write one record and one audit event", async () => {
    const s = await setup();
    const now = new Date();
    const token = tokenAt(s.session.id, now);
    const results = await Promise.all(Array.from({ length: 5 }, () => checkIn(s.learners[0]!, s.session.id, token, now)));
    expect(results.every((r) => r.status === "PRESENT")).toBe(true);
    expect(results.filter((r) => !r.already)).toHaveLength(1);
    expect(await db().attendance.count({ where: { sessionId: s.session.id } })).toBe(1);
    expect(await auditCount("attendance.checkIn", s.session.id)).toBe(1);
  });

  it("records LATE more than 15 minutes after the start, PRESENT at 15 minutes exactly", async () => {
    const s = await setup({ startsAt: new Date(Date.now() - 40 * MIN) });
    const onTime = new Date(s.session.startsAt.getTime() + 15 * MIN);
    const late = new Date(s.session.startsAt.getTime() + 16 * MIN);
    expect((await checkIn(s.learners[0]!, s.session.id, tokenAt(s.session.id, onTime), onTime)).status).toBe("PRESENT");
    expect((await checkIn(s.learners[1]!, s.session.id, tokenAt(s.session.id, late), late)).status).toBe("LATE");
  });

  it("a learner the trainer marked ABSENT before they arrived is checked in; one marked EXCUSED keeps it", async () => {
    const s = await setup();
    const [a, b] = s.learners as [Viewer, Viewer];
    await markAttendance(s.trainer, s.session.id, [{ userId: a.userId, status: "ABSENT" }, { userId: b.userId, status: "EXCUSED" }]);
    const now = new Date();
    const token = tokenAt(s.session.id, now);
    expect(await checkIn(a, s.session.id, token, now)).toMatchObject({ status: "PRESENT", already: false });
    expect(await checkIn(b, s.session.id, token, now)).toMatchObject({ status: "EXCUSED", already: true });
  });

  it("refuses a learner not enrolled (or only pending) in the class: nothing written", async () => {
    const s = await setup();
    const pending = await makeUser({ unitId: s.p.communeB.id });
    await enrolInClass(s.class.id, pending.id, "PENDING");
    const now = new Date();
    const token = tokenAt(s.session.id, now);
    for (const v of [s.learners[2]!, await viewerOf(pending), s.otherTrainer]) {
      const e = await appError(checkIn(v, s.session.id, token, now));
      expect([e.code, e.messageKey]).toEqual(["FORBIDDEN", "attendance.checkIn.notEnrolled"]);
    }
    expect(await db().attendance.count({ where: { sessionId: s.session.id } })).toBe(0);
  });

  it("refuses before the window opens and after the end, for the trainer's code and the learner's check-in", async () => {
    const s = await setup({ startsAt: new Date(Date.now() + 60 * MIN) });
    const early = new Date(s.session.startsAt.getTime() - 16 * MIN);
    const opens = new Date(s.session.startsAt.getTime() - 15 * MIN);
    const after = new Date(s.session.endsAt.getTime() + 1000);
    expect((await appError(checkInToken(s.trainer, s.session.id, early))).messageKey).toBe("attendance.qr.notRunning");
    expect((await appError(checkInToken(s.trainer, s.session.id, after))).messageKey).toBe("attendance.qr.notRunning");
    expect(await codeOf(checkInToken(s.trainer, s.session.id, opens))).toBe("OK");
    for (const at of [early, after]) {
      const e = await appError(checkIn(s.learners[0]!, s.session.id, tokenAt(s.session.id, at), at));
      expect([e.code, e.messageKey]).toEqual(["CONFLICT", "attendance.checkIn.notRunning"]);
    }
    expect(await db().attendance.count({ where: { sessionId: s.session.id } })).toBe(0);
  });

  it("refuses expired, yesterday's, forged and other sessions' tokens with one clear message", async () => {
    const s = await setup();
    const other = await makeClassWithSession({ organiserUnitId: s.p.province.id, trainerId: s.trainer.userId, learnerIds: [], startsAt: s.session.startsAt, endsAt: s.session.endsAt });
    const now = new Date();
    const bad = [
      tokenAt(s.session.id, new Date(now.getTime() - 61_000)),
      tokenAt(s.session.id, new Date(now.getTime() - 86_400_000)),
      tokenAt(other.session.id, now),
      "AAAAAAAAAAAAAAAAAAAAAA",
      "",
    ];
    for (const token of bad) {
      const e = await appError(checkIn(s.learners[0]!, s.session.id, token, now));
      expect([e.code, e.messageKey], token).toEqual(["VALIDATION", "attendance.checkIn.invalid"]);
    }
    expect(await db().attendance.count({ where: { sessionId: s.session.id } })).toBe(0);
    expect(await auditCount("attendance.checkIn", s.session.id)).toBe(0);
  });

  it("no QR code and no check-in for a cancelled class", async () => {
    const s = await setup();
    await db().class.update({ where: { id: s.class.id }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    const now = new Date();
    expect(await codeOf(checkInToken(s.trainer, s.session.id, now))).toBe("CONFLICT");
    expect(await codeOf(checkIn(s.learners[0]!, s.session.id, tokenAt(s.session.id, now), now))).toBe("CONFLICT");
  });
});
