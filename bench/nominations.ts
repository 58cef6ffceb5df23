// Benchmark (not a test): 200 concurrent nominations — 10 unit admins, 20 people each, one
// person per call — against one class of 50 seats whose plan item gives the 10 communes quotas
// summing to 120 (12 each). In process against PostgreSQL (no HTTP): it measures the lock that
// serialises nominations of a plan item (docs/decisions/071-classes-and-nomination.md).
//   npx tsx bench/nominations.ts
// BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/taphuan_bench_nominations) is dropped and recreated.
import { recreateDatabase } from "./db";

const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/taphuan_bench_nominations";
const ADMINS = 10;
const PEOPLE_EACH = 20;
const QUOTA_EACH = 12;
const CAPACITY = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  await recreateDatabase(url);
  const { applyMigrations } = await import("@/lib/db/migrations");
  const { databaseTarget } = await import("@/lib/db/config");
  await applyMigrations(databaseTarget());
  const { db, closeDb } = await import("@/lib/db");
  const { makeProvince, makeUnit, makeUser, makeViewer } = await import("@/lib/testing/factories");
  const { makeClassPlan, classForm } = await import("@/lib/testing/class-factories");
  const { openClass } = await import("@/lib/classes/commands");
  const { nominate } = await import("@/lib/classes/nomination");
  const { openClassInput } = await import("@/lib/classes/schemas");
  const { AppError } = await import("@/lib/errors");

  const p = await makeProvince();
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  const communes = await Promise.all(Array.from({ length: ADMINS }, (_, i) => makeUnit({ name: `Xã thử ${i + 1}`, parentId: p.district.id })));
  const { item } = await makeClassPlan(p.province.id, Object.fromEntries(communes.map((c) => [c.id, QUOTA_EACH])));
  const { id } = await openClass(admin, openClassInput.parse(classForm(item.id, { capacity: String(CAPACITY) })));
  const admins = await Promise.all(communes.map((c) => makeViewer(c.id, [{ role: "UNIT_ADMIN", unitId: c.id }])));
  const people: string[][] = [];
  for (const c of communes) {
    people.push(await Promise.all(Array.from({ length: PEOPLE_EACH }, (_, i) => makeUser({ unitId: c.id, fullName: `Cán bộ ${i + 1}` }).then((u) => u.id))));
  }
  await nominate(admins[0]!, id, []).catch(() => undefined); // warm-up (refused: nobody)

  const latencies: number[] = [];
  const outcome = { ACTIVE: 0, PENDING: 0, WAITLISTED: 0, refusedQuota: 0, refusedOther: 0 };
  const started = performance.now();
  await Promise.all(
    admins.flatMap((viewer, a) =>
      people[a]!.map(async (userId) => {
        const t0 = performance.now();
        try {
          const r = await nominate(viewer, id, [userId]);
          outcome[r.results[0]!.status as "ACTIVE" | "PENDING" | "WAITLISTED"]++;
        } catch (e) {
          if (e instanceof AppError && e.messageKey === "classes.quotaExhausted") outcome.refusedQuota++;
          else if (e instanceof AppError) outcome.refusedOther++;
          else throw e;
        }
        latencies.push(performance.now() - t0);
      }),
    ),
  );
  const total = performance.now() - started;
  latencies.sort((x, y) => x - y);

  const seats = await db().enrolment.count({ where: { classId: id, status: { in: ["ACTIVE", "PENDING", "COMPLETED"] } } });
  const perUnit = await db().enrolment.groupBy({ by: ["quotaUnitId"], where: { classId: id }, _count: { _all: true } });
  const maxPerUnit = Math.max(...perUnit.map((r) => r._count._all));
  console.log(`nominations: ${ADMINS * PEOPLE_EACH} (${ADMINS} admins × ${PEOPLE_EACH}), capacity ${CAPACITY}, quotas ${ADMINS} × ${QUOTA_EACH} = ${ADMINS * QUOTA_EACH}`);
  console.log(`total ${total.toFixed(0)} ms; per nomination p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`);
  console.log(`ACTIVE ${outcome.ACTIVE}, PENDING ${outcome.PENDING}, WAITLISTED ${outcome.WAITLISTED}, refused (quota) ${outcome.refusedQuota}, refused (other) ${outcome.refusedOther}`);
  console.log(`check: seats ${seats} ≤ ${CAPACITY}: ${seats <= CAPACITY}; largest quota use ${maxPerUnit} ≤ ${QUOTA_EACH}: ${maxPerUnit <= QUOTA_EACH}`);
  await closeDb();
  if (seats > CAPACITY || maxPerUnit > QUOTA_EACH) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
