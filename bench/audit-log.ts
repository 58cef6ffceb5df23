// Benchmark (not a test): the audit log page's query and anonymisation's redaction on a large log.
// A province of ~1,100 units, 20,000 people and BENCH_EVENTS (default 500,000) audit events over two
// years; prints the time of each query the /audit page makes, and of one anonymisation.
//   npx tsx bench/audit-log.ts
// BENCH_AUDIT_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/taphuan_bench_audit) is
// dropped and recreated.
import { randomUUID } from "node:crypto";
import { recreateDatabase } from "./db";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 500_000);
const url = process.env.BENCH_AUDIT_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/taphuan_bench_audit";
await recreateDatabase(url);

const { closeDb, db, dbTarget } = await import("@/lib/db");
const { applyMigrations } = await import("@/lib/db/migrations");
const { makeProvince, makeViewer } = await import("@/lib/testing/factories");
const { listAuditEvents } = await import("@/lib/audit/queries");
const { anonymisePerson } = await import("@/lib/privacy/anonymise");
const { personSearchText } = await import("@/lib/text");

await applyMigrations(dbTarget());
const p = await makeProvince();
// 100 districts/agencies under the province, 10 communes under each.
const units: { id: string; parentId: string }[] = [];
const districts: string[] = [];
for (let d = 0; d < 100; d++) {
  const id = randomUUID();
  districts.push(id);
  units.push({ id, parentId: p.province.id });
  for (let c = 0; c < 10; c++) units.push({ id: randomUUID(), parentId: id });
}
await db().unit.createMany({ data: units.map((u, i) => ({ id: u.id, parentId: u.parentId, code: `BA.${i}`, name: `Đơn vị ${i}`, kind: "COMMUNE" })) });
const HO = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi"];
const people = Array.from({ length: 20_000 }, (_, i) => {
  const fullName = `${HO[i % 8]} Văn Bench ${i}`;
  const email = `bench.${i}@bench.taphuan.vn`;
  return { id: randomUUID(), email, fullName, searchText: personSearchText({ fullName, email }), passwordHash: "", unitId: units[i % units.length]!.id };
});
for (let i = 0; i < people.length; i += 5000) await db().user.createMany({ data: people.slice(i, i + 5000) });

const start = Date.parse("2025-01-01T00:00:00Z");
const span = 2 * 365 * 24 * 3600_000;
const ACTIONS = ["auth.signIn", "auth.signIn", "auth.signIn", "person.updateProfile", "unit.rename", "access.denied", "auth.signInFailed"];
for (let i = 0; i < EVENTS; i += 10_000) {
  await db().auditEvent.createMany({
    data: Array.from({ length: Math.min(10_000, EVENTS - i) }, (_, k) => {
      const n = i + k;
      const person = people[(n * 7919) % people.length]!;
      const action = ACTIONS[n % ACTIONS.length]!;
      const unitless = action === "auth.signInFailed" && n % 3 === 0;
      return {
        at: new Date(start + ((n * 104_729) % span)),
        action,
        actorId: action === "auth.signInFailed" ? null : person.id,
        entity: "User",
        entityId: unitless ? null : person.id,
        unitId: unitless ? null : person.unitId,
        ip: "203.0.113.1",
        data: action === "person.updateProfile" ? { before: { fullName: `${person.fullName} cũ` }, after: { fullName: person.fullName } } : action.startsWith("auth.signInF") ? { email: person.email } : undefined,
      };
    }),
  });
}
await db().$executeRawUnsafe(`ANALYZE "AuditEvent"`);
console.log(`${units.length + 7} units, ${people.length} people, ${EVENTS} events`);

const provinceAdmin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
const districtAdmin = await makeViewer(districts[3]!, [{ role: "UNIT_ADMIN", unitId: districts[3]! }]);
async function time(label: string, run: () => Promise<unknown>) {
  await run(); // warm
  const t0 = performance.now();
  const n = 5;
  for (let i = 0; i < n; i++) await run();
  console.log(`${label.padEnd(58)} ${((performance.now() - t0) / n).toFixed(1)} ms`);
}
const first = await listAuditEvents(provinceAdmin, {});
await time("province admin, first page", () => listAuditEvents(provinceAdmin, {}));
await time("province admin, page 2 (cursor)", () => listAuditEvents(provinceAdmin, { cursor: first.nextCursor! }));
await time("province admin, action prefix auth.signInFailed", () => listAuditEvents(provinceAdmin, { action: "auth.signInFailed" }));
await time("province admin, actor name 'bench 1234'", () => listAuditEvents(provinceAdmin, { actor: "bench 1234" }));
await time("province admin, actor e-mail", () => listAuditEvents(provinceAdmin, { actor: "bench.1234@bench.taphuan.vn" }));
await time("province admin, entity id", () => listAuditEvents(provinceAdmin, { entityId: people[1234]!.id }));
await time("province admin, one day", () => listAuditEvents(provinceAdmin, { from: "2025-06-01", to: "2025-06-01" }));
await time("district admin (11 units), first page", () => listAuditEvents(districtAdmin, {}));
await time("district admin, actor name", () => listAuditEvents(districtAdmin, { actor: "nguyen van bench" }));
const t0 = performance.now();
const result = await anonymisePerson(provinceAdmin, { id: people[1234]!.id, confirmName: people[1234]!.fullName });
console.log(`${"anonymise one person (full-log scan + redaction)".padEnd(58)} ${(performance.now() - t0).toFixed(0)} ms, ${result.redactedEvents} events redacted`);
await closeDb();
