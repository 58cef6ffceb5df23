import { describe, expect, it } from "vitest";
import { openClass } from "@/lib/classes/commands";
import { nominate } from "@/lib/classes/nomination";
import { openClassInput } from "@/lib/classes/schemas";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { classForm, makeClassPlan } from "@/lib/testing/class-factories";
import { makeProvince, makeUser, makeViewer } from "@/lib/testing/factories";

// Two unit admins take the last seats and the last quota at the same moment, on separate pooled
// connections (the pg adapter's pool, 10 connections by default). The plan item lock
// (SELECT … FOR UPDATE, then the class) serialises them: the counts a nomination sees stay true
// until it commits. Without the lock both would see the last seat free.

const ROUNDS = 20;

async function round() {
  const p = await makeProvince();
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  const adminA = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
  const adminB = await makeViewer(p.communeB.id, [{ role: "UNIT_ADMIN", unitId: p.communeB.id }]);
  const { item } = await makeClassPlan(p.province.id, { [p.communeA.id]: 2, [p.communeB.id]: 2 });
  const { id } = await openClass(admin, openClassInput.parse(classForm(item.id, { capacity: "3" })));
  const a = await Promise.all([1, 2, 3].map((i) => makeUser({ unitId: p.communeA.id, fullName: `Xã A ${i}` })));
  const b = await Promise.all([1, 2, 3].map((i) => makeUser({ unitId: p.communeB.id, fullName: `Xã B ${i}` })));
  // One seat each first: 2 of 3 seats taken, each unit has 1 quota left.
  await nominate(adminA, id, [a[0]!.id]);
  await nominate(adminB, id, [b[0]!.id]);
  return { p, id, adminA, adminB, a, b };
}

const settle = (x: Promise<unknown>) => x.then(
  (v) => ({ ok: true as const, v }),
  (e: unknown) => {
    if (e instanceof AppError) return { ok: false as const, e };
    throw e;
  },
);

async function counts(classId: string) {
  const rows = await db().enrolment.groupBy({ by: ["status", "quotaUnitId"], where: { classId }, _count: { _all: true } });
  const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((n, r) => n + r._count._all, 0);
  return {
    seats: sum((r) => ["ACTIVE", "PENDING", "COMPLETED"].includes(r.status)),
    waiting: sum((r) => r.status === "WAITLISTED"),
    quota: (unitId: string) => sum((r) => r.quotaUnitId === unitId && r.status !== "WITHDRAWN" && r.status !== "REJECTED"),
  };
}

describe("concurrent nominations", () => {
  it(`the last seat goes to exactly one of two admins; the other is waitlisted (${ROUNDS} rounds)`, async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const { p, id, adminA, adminB, a, b } = await round();
      const [ra, rb] = await Promise.all([settle(nominate(adminA, id, [a[1]!.id])), settle(nominate(adminB, id, [b[1]!.id]))]);
      expect(ra.ok && rb.ok).toBe(true);
      const statuses = [ra, rb].map((r) => (r.ok ? (r.v as Awaited<ReturnType<typeof nominate>>).results[0]!.status : null)).sort();
      expect(statuses).toEqual(["ACTIVE", "WAITLISTED"]);
      const c = await counts(id);
      expect(c.seats).toBe(3);
      expect(c.waiting).toBe(1);
      expect(c.quota(p.communeA.id)).toBe(2);
      expect(c.quota(p.communeB.id)).toBe(2);
    }
  }, ROUNDS * 6_000); // each round builds a province and races two transactions: ~1 s alone, 3 s on busy cores

  it(`the last quota goes to exactly one nomination; the other is refused naming the quota left, 0 (${ROUNDS} rounds)`, async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const { p, id, adminA, adminB, a, b } = await round();
      // Both of commune A's remaining candidates at once (its quota has 1 left), and commune B's.
      const results = await Promise.all([
        settle(nominate(adminA, id, [a[1]!.id])),
        settle(nominate(adminA, id, [a[2]!.id])),
        settle(nominate(adminB, id, [b[1]!.id])),
        settle(nominate(adminB, id, [b[2]!.id])),
      ]);
      const refused = results.filter((r) => !r.ok);
      expect(refused).toHaveLength(2);
      for (const r of refused) {
        expect(r.ok ? null : { code: r.e.code, key: r.e.messageKey, left: r.e.params?.left }).toEqual({ code: "CONFLICT", key: "classes.quotaExhausted", left: 0 });
      }
      const won = results.flatMap((r) => (r.ok ? (r.v as Awaited<ReturnType<typeof nominate>>).results.map((x) => x.status) : [])).sort();
      expect(won).toEqual(["ACTIVE", "WAITLISTED"]);
      const c = await counts(id);
      expect(c.seats).toBeLessThanOrEqual(3);
      expect(c.seats).toBe(3);
      expect(c.quota(p.communeA.id)).toBe(2);
      expect(c.quota(p.communeB.id)).toBe(2);
    }
  }, ROUNDS * 6_000); // each round builds a province and races two transactions: ~1 s alone, 3 s on busy cores
});
