import { describe, expect, it } from "vitest";
import { REMINDER_JOB, queueTomorrowsReminders, sendSessionReminder } from "@/lib/classes/reminders";
import { vnToUtc } from "@/lib/i18n/format";
import { db } from "@/lib/db";
import { runDueJobs } from "@/lib/jobs/queue";
import { makeClassWithSession } from "@/lib/testing/class-factories-attendance";
import { makeProvince, makeUser } from "@/lib/testing/factories";

// "Now" is a fixed Vietnamese afternoon far ahead, so the sessions of other test files are not tomorrow.
const now = vnToUtc("2031-03-10", "15:00")!;
const handlers = { [REMINDER_JOB]: sendSessionReminder };
const jobsOf = async (sessionIds: string[]) =>
  (await db().job.findMany({ where: { kind: REMINDER_JOB } })).filter((j) => sessionIds.includes((j.payload as { sessionId: string }).sessionId));

describe("reminders the day before a session", () => {
  it("tell the enrolled learners and the trainer of tomorrow's sessions once, in the app and by e-mail", async () => {
    const p = await makeProvince();
    const trainer = await makeUser({ unitId: p.agency.id, grants: [{ role: "TRAINER", unitId: p.agency.id }], fullName: "Trần Thanh Hưng" });
    const learner = await makeUser({ unitId: p.communeA.id, fullName: "Võ Thị Thanh Tuyền" });
    const waiting = await makeUser({ unitId: p.communeA.id });
    const tomorrow = await makeClassWithSession({
      organiserUnitId: p.province.id,
      trainerId: trainer.id,
      learnerIds: [learner.id, waiting.id],
      learnerStatuses: { [waiting.id]: "WAITLISTED" },
      startsAt: vnToUtc("2031-03-11", "08:00")!,
      endsAt: vnToUtc("2031-03-11", "11:30")!,
      title: "Chứng thực bản sao điện tử",
    });
    const dayAfter = await makeClassWithSession({
      organiserUnitId: p.province.id,
      trainerId: trainer.id,
      startsAt: vnToUtc("2031-03-12", "08:00")!,
      endsAt: vnToUtc("2031-03-12", "11:00")!,
    });
    const sessionIds = [tomorrow.session.id, dayAfter.session.id];

    await queueTomorrowsReminders(now);
    await queueTomorrowsReminders(now); // every round asks again: still one job
    const jobs = await jobsOf(sessionIds);
    expect(jobs.map((j) => (j.payload as { sessionId: string }).sessionId)).toEqual([tomorrow.session.id]);

    expect(await runDueJobs({ handlers, onlyIds: jobs.map((j) => j.id), now: () => now })).toEqual({ done: 1, failed: 0 });
    const told = await db().notification.findMany({ where: { userId: { in: [trainer.id, learner.id, waiting.id] }, kind: "reminder" } });
    expect(told.map((n) => n.userId).sort()).toEqual([learner.id, trainer.id].sort());
    expect(told[0]!.title).toBe("Nhắc lịch: ngày mai học lớp Chứng thực bản sao điện tử");
    expect(told[0]!.body).toContain("08:00");
    const mails = await db().outboxMail.findMany({ where: { to: { in: [trainer.email, learner.email] }, subject: told[0]!.title } });
    expect(mails).toHaveLength(2);
    expect(await runDueJobs({ handlers, onlyIds: jobs.map((j) => j.id), now: () => now })).toEqual({ done: 0, failed: 0 });
  });

  it("a session moved after its reminder was queued is not reminded for the old time, and is queued for the new one", async () => {
    const p = await makeProvince();
    const learner = await makeUser({ unitId: p.communeA.id });
    const made = await makeClassWithSession({
      organiserUnitId: p.province.id,
      trainerId: null,
      learnerIds: [learner.id],
      startsAt: vnToUtc("2031-03-11", "13:30")!,
      endsAt: vnToUtc("2031-03-11", "16:30")!,
    });
    await queueTomorrowsReminders(now);
    await db().classSession.update({ where: { id: made.session.id }, data: { startsAt: vnToUtc("2031-03-11", "14:00")!, endsAt: vnToUtc("2031-03-11", "17:00")! } });
    const [stale] = await jobsOf([made.session.id]);
    expect(await runDueJobs({ handlers, onlyIds: [stale!.id], now: () => now })).toEqual({ done: 1, failed: 0 });
    expect(await db().notification.count({ where: { userId: learner.id, kind: "reminder" } })).toBe(0);

    await queueTomorrowsReminders(now);
    const fresh = (await jobsOf([made.session.id])).filter((j) => j.id !== stale!.id);
    expect(fresh).toHaveLength(1);
    await runDueJobs({ handlers, onlyIds: fresh.map((j) => j.id), now: () => now });
    expect(await db().notification.count({ where: { userId: learner.id, kind: "reminder" } })).toBe(1);
  });
});
