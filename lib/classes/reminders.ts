import { db, type Db, type Prisma } from "@/lib/db";
import { enqueueJob, type JobHandler } from "@/lib/jobs/queue";
import { noticeClass } from "./notify";
import { utcToVn, vnDayEnd, vnDayStart } from "@/lib/i18n/format";

/**
 * "Nhắc lịch": the day before a session, its enrolled learners (ACTIVE) and its trainer are told in
 * the app and by e-mail (docs/decisions/073-background-jobs.md). The job runner calls
 * `queueTomorrowsReminders` every round; each session gets one job per start time (its dedupe
 * key), so a session moved to another day is reminded again for the new day, and a session
 * moved or cancelled after its job was queued is skipped when the job runs.
 */
export const REMINDER_JOB = "class.sessionReminder";

type ReminderPayload = { sessionId: string; startsAt: string };

/** Queues a reminder for every session of an open class that starts tomorrow, Vietnam time. */
export async function queueTomorrowsReminders(now = new Date(), client: Db = db()): Promise<number> {
  const tomorrow = utcToVn(new Date(now.getTime() + 24 * 3_600_000)).date;
  const from = vnDayStart(tomorrow)!;
  const to = vnDayEnd(tomorrow)!;
  const sessions = await client.classSession.findMany({
    where: { startsAt: { gte: from, lt: to }, class: { status: "OPEN" } },
    select: { id: true, startsAt: true },
  });
  let queued = 0;
  for (const s of sessions) {
    const payload: ReminderPayload = { sessionId: s.id, startsAt: s.startsAt.toISOString() };
    if (await enqueueJob(client, { kind: REMINDER_JOB, payload, dedupeKey: `reminder:${s.id}:${payload.startsAt}` })) queued++;
  }
  return queued;
}

/** The job: tells the session's people, unless the session moved or the class was cancelled since. */
export const sendSessionReminder: JobHandler = async (raw, tx: Prisma.TransactionClient) => {
  const payload = raw as ReminderPayload;
  const session = await tx.classSession.findUnique({
    where: { id: payload.sessionId },
    select: {
      startsAt: true,
      endsAt: true,
      place: true,
      trainer: { select: { id: true, email: true, fullName: true, unitId: true, active: true } },
      class: {
        select: {
          id: true,
          code: true,
          title: true,
          status: true,
          enrolments: { where: { status: "ACTIVE" }, select: { user: { select: { id: true, email: true, fullName: true, unitId: true, active: true } } } },
        },
      },
    },
  });
  if (!session || session.class.status !== "OPEN" || session.startsAt.toISOString() !== payload.startsAt) return;
  const people = [...session.class.enrolments.map((e) => e.user), ...(session.trainer ? [session.trainer] : [])]
    .filter((u, i, all) => u.active && all.findIndex((o) => o.id === u.id) === i)
    .map((u) => ({ userId: u.id, email: u.email, fullName: u.fullName, unitId: u.unitId }));
  await noticeClass(
    tx,
    "reminder",
    { id: session.class.id, code: session.class.code, title: session.class.title, sessions: [{ startsAt: session.startsAt, endsAt: session.endsAt, place: session.place }] },
    people,
  );
};
