import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { db, dbTarget } from "@/lib/db";
import { PrismaClient } from "@/lib/db/generated/client";
import { JOB_MAX_ATTEMPTS, JOB_RETRY_MIN, enqueueJob, runDueJobs, type JobHandlers } from "@/lib/jobs/queue";
import { makeProvince, makeUnit } from "@/lib/testing/factories";

const kind = () => `test.${randomUUID().slice(0, 8)}`;
const jobs = (ids: string[]) => db().job.findMany({ where: { id: { in: ids } }, orderBy: { createdAt: "asc" } });
async function queued(k: string, payloads: object[], extra: { dedupeKey?: string; runAt?: Date } = {}) {
  for (const payload of payloads) await enqueueJob(db(), { kind: k, payload, ...extra });
  return (await db().job.findMany({ where: { kind: k }, select: { id: true } })).map((j) => j.id);
}

describe("background jobs in PostgreSQL", () => {
  it("run once, their writes and the done mark in one transaction", async () => {
    const k = kind();
    const p = await makeProvince();
    const ids = await queued(k, [{ name: "Thôn Một" }, { name: "Thôn Hai" }]);
    const handlers: JobHandlers = {
      [k]: async (payload, tx) => {
        await tx.unit.create({ data: { code: `J.${randomUUID().slice(0, 8)}`, name: (payload as { name: string }).name, kind: "VILLAGE", parentId: p.communeA.id } });
      },
    };
    expect(await runDueJobs({ handlers, onlyIds: ids })).toEqual({ done: 2, failed: 0 });
    expect(await runDueJobs({ handlers, onlyIds: ids })).toEqual({ done: 0, failed: 0 });
    expect((await db().unit.findMany({ where: { parentId: p.communeA.id } })).map((u) => u.name).sort()).toEqual(["Thôn Hai", "Thôn Một"]);
    expect((await jobs(ids)).every((j) => j.doneAt && j.attempts === 1)).toBe(true);
  });

  it("a failure rolls back the job's writes, is recorded and retried later, then given up", async () => {
    const k = kind();
    const p = await makeProvince();
    const ids = await queued(k, [{}]);
    let calls = 0;
    const handlers: JobHandlers = {
      [k]: async (_payload, tx) => {
        calls++;
        await tx.unit.create({ data: { code: `J.${randomUUID().slice(0, 8)}`, name: "Không được lưu", kind: "VILLAGE", parentId: p.communeB.id } });
        throw new Error("máy chủ thư bận");
      },
    };
    const start = Date.now();
    const at = (minutes: number) => () => new Date(start + minutes * 60_000 + 1_000);
    expect(await runDueJobs({ handlers, onlyIds: ids, now: at(0) })).toEqual({ done: 0, failed: 1 });
    let [job] = await jobs(ids);
    expect(job).toMatchObject({ attempts: 1, lastError: "máy chủ thư bận", doneAt: null });
    expect(await db().unit.count({ where: { parentId: p.communeB.id } })).toBe(0);
    // Not before its delay; then each retry once, each after its delay.
    expect(await runDueJobs({ handlers, onlyIds: ids, now: at(0.5) })).toEqual({ done: 0, failed: 0 });
    let clock = 0;
    for (let n = 1; n < JOB_MAX_ATTEMPTS; n++) {
      clock += JOB_RETRY_MIN[n - 1]!;
      expect(await runDueJobs({ handlers, onlyIds: ids, now: at(clock) })).toEqual({ done: 0, failed: 1 });
    }
    expect(await runDueJobs({ handlers, onlyIds: ids, now: at(clock + 10_000) })).toEqual({ done: 0, failed: 0 });
    [job] = await jobs(ids);
    expect(job!.attempts).toBe(JOB_MAX_ATTEMPTS);
    expect(calls).toBe(JOB_MAX_ATTEMPTS);
  });

  it("a job waits for its time, and a dedupe key queues it once", async () => {
    const k = kind();
    const key = `reminder:${randomUUID()}`;
    const later = new Date(Date.now() + 3_600_000);
    expect(await enqueueJob(db(), { kind: k, payload: {}, runAt: later, dedupeKey: key })).toBe(true);
    expect(await enqueueJob(db(), { kind: k, payload: {}, runAt: later, dedupeKey: key })).toBe(false);
    const ids = (await db().job.findMany({ where: { kind: k } })).map((j) => j.id);
    expect(ids).toHaveLength(1);
    const handlers: JobHandlers = { [k]: async () => {} };
    expect(await runDueJobs({ handlers, onlyIds: ids })).toEqual({ done: 0, failed: 0 });
    expect(await runDueJobs({ handlers, onlyIds: ids, now: () => new Date(later.getTime() + 1) })).toEqual({ done: 1, failed: 0 });
  });

  it.runIf(dbTarget().kind === "postgres")("two runners on separate connections run each job exactly once", async () => {
    const k = kind();
    const unit = await makeUnit({ name: `Đơn vị chạy việc ${randomUUID().slice(0, 6)}` });
    const ids = await queued(k, Array.from({ length: 30 }, (_, i) => ({ i })));
    const handlers: JobHandlers = {
      [k]: async (payload, tx) => {
        await new Promise((r) => setTimeout(r, 5));
        await tx.unit.create({ data: { code: `J.${randomUUID().slice(0, 8)}`, name: `Việc ${(payload as { i: number }).i}`, kind: "VILLAGE", parentId: unit.id } });
      },
    };
    const other = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
    try {
      const [a, b] = await Promise.all([runDueJobs({ handlers, onlyIds: ids }), runDueJobs({ handlers, onlyIds: ids, client: other })]);
      expect(a.done + b.done).toBe(30);
      expect(a.done).toBeGreaterThan(0);
      expect(b.done).toBeGreaterThan(0);
    } finally {
      await other.$disconnect();
    }
    const names = (await db().unit.findMany({ where: { parentId: unit.id } })).map((u) => u.name);
    expect(new Set(names).size).toBe(30);
    expect(names).toHaveLength(30);
  });
});
