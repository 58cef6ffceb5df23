import { describe, expect, it } from "vitest";
import * as auditModule from "@/lib/audit/record";
import { ACCESS_DENIED, cleanTarget, entityIdFromPath, recordAccessDenied } from "@/lib/audit/denied";
import { listAuditEvents } from "@/lib/audit/queries";
import * as recordModule from "@/lib/audit/record";
import { redactAuditMentions } from "@/lib/audit/redact";
import { parseAuditFilters } from "@/lib/audit/schemas";
import type { Viewer } from "@/lib/auth/viewer";
import { db, transaction } from "@/lib/db";
import { anonymisePerson } from "@/lib/privacy/anonymise";
import { makeAuditEvent } from "@/lib/testing/audit-factories";
import { codeOf } from "@/lib/testing/errors";
import { makeProvince, makeUser, makeViewer, uniq } from "@/lib/testing/factories";

/** Every event the viewer sees for these filters, all pages. */
async function seen(viewer: Viewer, filters: Parameters<typeof listAuditEvents>[1]) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await listAuditEvents(viewer, { ...filters, cursor });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return ids;
}

const sorted = (ids: string[]) => [...ids].sort();

describe("who reads the log", () => {
  it("a province admin reads all of their province (and unit-less events); a unit admin only their subtree; others nothing", async () => {
    const p = await makeProvince();
    const other = await makeProvince();
    const action = `test${p.tag.toLowerCase()}.scope`;
    const ev = async (unitId: string | null) => (await makeAuditEvent({ action, unitId })).id;
    const inProvince = await ev(p.province.id);
    const inCity = await ev(p.city.id);
    const inWard = await ev(p.ward.id);
    const inA = await ev(p.communeA.id);
    const inB = await ev(p.communeB.id);
    const unitless = await ev(null);
    const inOther = await ev(other.communeA.id);

    const provinceAdmin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const cityAdmin = await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]);
    const communeAdmin = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    const otherAdmin = await makeViewer(other.agency.id, [{ role: "PROVINCE_ADMIN", unitId: other.province.id }]);
    const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
    const trainer = await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.province.id }]);

    expect(sorted(await seen(provinceAdmin, { action }))).toEqual(sorted([inProvince, inCity, inWard, inA, inB, unitless]));
    expect(sorted(await seen(cityAdmin, { action }))).toEqual(sorted([inCity, inWard, inA]));
    expect(sorted(await seen(communeAdmin, { action }))).toEqual([inA]);
    expect(sorted(await seen(otherAdmin, { action }))).toEqual(sorted([inOther, unitless]));
    expect(await codeOf(listAuditEvents(learner, { action }))).toBe("NOT_FOUND");
    expect(await codeOf(listAuditEvents(trainer, { action }))).toBe("NOT_FOUND");
  });

  it("names the actor and the person concerned only as far as the viewer may read them", async () => {
    const p = await makeProvince();
    const action = `test${p.tag.toLowerCase()}.names`;
    const person = await makeUser({ unitId: p.communeA.id, fullName: `Trần Thị Bé ${p.tag}` });
    const provinceAdmin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    await makeAuditEvent({ action, actorId: provinceAdmin.userId, entity: "User", entityId: person.id, unitId: p.communeA.id });
    const communeAdmin = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    const [row] = (await listAuditEvents(communeAdmin, { action })).rows;
    expect(row?.actor).toMatchObject({ id: provinceAdmin.userId, fullName: provinceAdmin.fullName, canOpen: false, anonymised: false });
    expect(row?.subject).toMatchObject({ kind: "person", person: { id: person.id, canOpen: true } });
    const [asProvince] = (await listAuditEvents(provinceAdmin, { action })).rows;
    expect(asProvince?.actor?.canOpen).toBe(true);
  });
});

describe("filters", () => {
  it("by action prefix, actor (name without diacritics, e-mail, id, typed e-mail of a failed sign-in), object and Vietnam calendar days", async () => {
    const p = await makeProvince();
    const prefix = `test${p.tag.toLowerCase()}`;
    const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const loc = await makeUser({ unitId: p.communeA.id, fullName: `Nguyễn Thị Lộc ${p.tag}`, email: `loc.${p.tag.toLowerCase()}@test.taphuan.vn` });
    const other = await makeUser({ unitId: p.communeA.id, fullName: `Đỗ Văn Đức ${p.tag}` });
    // 2026-03-01 23:59:59 and 2026-03-02 00:00:00 in Vietnam.
    const lateOn1 = await makeAuditEvent({ action: `${prefix}.unit.rename`, at: new Date("2026-03-01T16:59:59Z"), actorId: loc.id, entity: "Unit", entityId: p.ward.id, unitId: p.ward.id });
    const earlyOn2 = await makeAuditEvent({ action: `${prefix}.unit.create`, at: new Date("2026-03-01T17:00:00Z"), actorId: other.id, entity: "Unit", entityId: p.city.id, unitId: p.city.id });
    const typedEmail = `typo.${p.tag.toLowerCase()}@test.taphuan.vn`;
    const failed = await makeAuditEvent({ action: "auth.signInFailed", unitId: null, data: { email: typedEmail } });

    const ids = async (filters: Parameters<typeof listAuditEvents>[1]) => sorted(await seen(admin, filters));
    expect(await ids({ action: prefix })).toEqual(sorted([lateOn1.id, earlyOn2.id]));
    expect(await ids({ action: `${prefix}.unit.ren` })).toEqual([lateOn1.id]);
    expect(await ids({ action: prefix, actor: `nguyen thi loc ${p.tag}` })).toEqual([lateOn1.id]);
    expect(await ids({ action: prefix, actor: `NGUYỄN THỊ LỘC ${p.tag}` })).toEqual([lateOn1.id]);
    expect(await ids({ action: prefix, actor: loc.email })).toEqual([lateOn1.id]);
    expect(await ids({ action: prefix, actor: other.id })).toEqual([earlyOn2.id]);
    expect(await ids({ action: "auth.", actor: typedEmail })).toEqual([failed.id]);
    expect(await ids({ action: prefix, entityId: p.city.id })).toEqual([earlyOn2.id]);
    expect(await ids({ action: prefix, from: "2026-03-02", to: "2026-03-02" })).toEqual([earlyOn2.id]);
    expect(await ids({ action: prefix, to: "2026-03-01" })).toEqual([lateOn1.id]);
    expect(await ids({ action: prefix, from: "2026-03-01", to: "2026-03-02" })).toEqual(sorted([lateOn1.id, earlyOn2.id]));
    expect(await ids({ action: prefix, from: "2026-03-03" })).toEqual([]);
    // A LIKE wildcard in the filter is taken literally.
    expect(await ids({ action: `${prefix}%` })).toEqual([]);
  });

  it("reads filters from the URL, reporting bad fields without dropping good ones", () => {
    const { filters, errors } = parseAuditFilters({ action: "auth.", from: "2026-02-30", to: "2026-03-01", actor: ["Lộc", "x"], entityId: "" });
    expect(filters).toEqual({ action: "auth.", to: "2026-03-01", actor: "Lộc" });
    expect(errors).toEqual({ from: "audit.filter.dateInvalid" });
    expect(parseAuditFilters({ from: "2026-03-05", to: "2026-03-01" }).errors).toEqual({ to: "audit.filter.dateOrder" });
    expect(parseAuditFilters({ action: "x' OR 1=1" }).errors).toEqual({ action: "audit.filter.actionInvalid" });
  });

  it("pages 50 at a time, newest first, every event exactly once, even when times tie", async () => {
    const p = await makeProvince();
    const action = `test${p.tag.toLowerCase()}.paging`;
    const base = Date.parse("2026-05-01T00:00:00Z");
    // 120 events on 60 distinct instants: pairs share a timestamp.
    await db().auditEvent.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({ action, unitId: p.communeA.id, at: new Date(base + Math.floor(i / 2) * 1000) })),
    });
    const admin = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    const sizes: number[] = [];
    const all: { id: string; at: Date }[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAuditEvents(admin, { action, cursor });
      sizes.push(page.rows.length);
      all.push(...page.rows);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(sizes).toEqual([50, 50, 20]);
    expect(new Set(all.map((r) => r.id)).size).toBe(120);
    for (let i = 1; i < all.length; i++) expect(all[i]!.at.getTime()).toBeLessThanOrEqual(all[i - 1]!.at.getTime());
    expect(all[0]!.at.toISOString()).toBe("2026-05-01T00:00:59.000Z");
  });
});

describe("refused access", () => {
  it("is recorded once per actor, target and object per minute, with no form values", async () => {
    const p = await makeProvince();
    const viewer = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    const target = `/units/${p.communeB.id}`;
    const refusal = { via: "page" as const, target: `${target}?q=secret`, entityId: p.communeB.id, code: "NOT_FOUND" as const };
    expect(await recordAccessDenied(viewer, refusal)).toBe(true);
    expect(await recordAccessDenied(viewer, refusal)).toBe(false);
    expect(await recordAccessDenied(viewer, refusal)).toBe(false);
    // Concurrent refusals of a new target still make one event.
    const concurrent = { ...refusal, target: `/people/${p.communeB.id}`, code: "FORBIDDEN" as const };
    const results = await Promise.all(Array.from({ length: 8 }, () => recordAccessDenied(viewer, concurrent)));
    expect(results.filter(Boolean)).toHaveLength(1);
    // Another object is another event.
    expect(await recordAccessDenied(viewer, { ...refusal, entityId: p.city.id })).toBe(true);

    const events = await db().auditEvent.findMany({ where: { actorId: viewer.userId, action: ACCESS_DENIED }, orderBy: { at: "asc" } });
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ entityId: p.communeB.id, unitId: p.communeA.id, data: { via: "page", target, code: "NOT_FOUND" } });
    expect(JSON.stringify(events)).not.toContain("secret");

    // The refusal is in the log for the actor's unit admin, not for the commune they tried.
    const communeBAdmin = await makeViewer(p.communeB.id, [{ role: "UNIT_ADMIN", unitId: p.communeB.id }]);
    const provinceAdmin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    expect((await listAuditEvents(provinceAdmin, { action: ACCESS_DENIED, actor: viewer.userId })).rows).toHaveLength(3);
    expect((await listAuditEvents(communeBAdmin, { action: ACCESS_DENIED, actor: viewer.userId })).rows).toHaveLength(0);
  });

  it("is recorded again once the minute has passed", async () => {
    const p = await makeProvince();
    const viewer = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    const target = `/units/${p.communeB.id}`;
    const earlier = (seconds: number) =>
      makeAuditEvent({
        action: ACCESS_DENIED,
        at: new Date(Date.now() - seconds * 1000),
        actorId: viewer.userId,
        entityId: p.communeB.id,
        unitId: p.communeA.id,
        data: { via: "page", target, code: "NOT_FOUND" },
      });
    await earlier(90);
    expect(await recordAccessDenied(viewer, { via: "page", target, entityId: p.communeB.id, code: "NOT_FOUND" })).toBe(true);
    const other = `/units/${p.city.id}`;
    await makeAuditEvent({ action: ACCESS_DENIED, at: new Date(Date.now() - 30_000), actorId: viewer.userId, entityId: p.city.id, unitId: p.communeA.id, data: { via: "page", target: other, code: "NOT_FOUND" } });
    expect(await recordAccessDenied(viewer, { via: "page", target: other, entityId: p.city.id, code: "NOT_FOUND" })).toBe(false);
  });

  it("keeps targets safe to log and finds the object in the path", () => {
    expect(cleanTarget("/units/abc?token=x#y")).toBe("/units/abc");
    expect(cleanTarget("/a\nb\u0000c d")).toBe("/a?b?c?d");
    expect(cleanTarget("x".repeat(500))).toHaveLength(200);
    const id = "0b6f7c1e-8a4f-4d8e-9d2c-1f2e3a4b5c6d";
    expect(entityIdFromPath(`/people/${id}/privacy`)).toBe(id);
    expect(entityIdFromPath("/audit")).toBeNull();
  });
});

describe("the log cannot be edited", () => {
  it("offers no update or delete function", () => {
    for (const name of [...Object.keys(auditModule), ...Object.keys(recordModule)]) {
      expect(name).not.toMatch(/update|delete|remove|edit|purge|truncate/i);
    }
  });

  it("the database refuses UPDATE and DELETE, through Prisma and raw SQL, in and out of transactions", async () => {
    const p = await makeProvince();
    const event = await makeAuditEvent({ action: `test${p.tag.toLowerCase()}.immutable`, unitId: p.communeA.id, data: { name: "gốc" } });
    const refused = /append-only/;
    await expect(db().auditEvent.update({ where: { id: event.id }, data: { action: "changed" } })).rejects.toThrow(refused);
    await expect(db().auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(refused);
    await expect(db().auditEvent.updateMany({ where: { id: event.id }, data: { data: {} } })).rejects.toThrow(refused);
    await expect(db().auditEvent.deleteMany({ where: { id: event.id } })).rejects.toThrow(refused);
    await expect(db().$executeRaw`UPDATE "AuditEvent" SET "actorId" = NULL WHERE "id" = ${event.id}::uuid`).rejects.toThrow(refused);
    await expect(db().$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${event.id}::uuid`).rejects.toThrow(refused);
    await expect(
      transaction(async (tx) => tx.auditEvent.update({ where: { id: event.id }, data: { action: "changed" } })),
    ).rejects.toThrow(refused);
    // A session-wide switch does not exist for the app: only SET LOCAL inside a transaction works, and even then not DELETE.
    await expect(
      transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL taphuan.audit_redact = 'on'`;
        await tx.auditEvent.delete({ where: { id: event.id } });
      }),
    ).rejects.toThrow(refused);
    expect(await db().auditEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ action: event.action, data: { name: "gốc" } });
  });

  it("the database refuses TRUNCATE too, redaction flag or not", async () => {
    const p = await makeProvince();
    const event = await makeAuditEvent({ action: `test${p.tag.toLowerCase()}.truncate`, unitId: p.communeA.id });
    // Inside a transaction that never commits: were the trigger missing, nothing would be lost.
    const attempt = (redact: boolean) =>
      transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL lock_timeout = '20s'`;
        if (redact) await tx.$executeRaw`SET LOCAL taphuan.audit_redact = 'on'`;
        await tx.$executeRaw`TRUNCATE "AuditEvent"`;
        throw new Error("TRUNCATE went through");
      });
    await expect(attempt(false)).rejects.toThrow(/append-only/);
    await expect(attempt(true)).rejects.toThrow(/append-only/);
    expect(await db().auditEvent.findUnique({ where: { id: event.id } })).not.toBeNull();
  });
});

describe("redaction", () => {
  it("happens only inside the anonymisation transaction, and the permission ends with it", async () => {
    const p = await makeProvince();
    const person = await makeUser({ unitId: p.communeA.id, fullName: `Phan Văn Rời ${p.tag}` });
    const mention = await makeAuditEvent({ action: `test${p.tag.toLowerCase()}.mention`, unitId: p.communeA.id, data: { userId: person.id, note: `Đã mời ${person.fullName}` } });
    const unrelated = await makeAuditEvent({ action: `test${p.tag.toLowerCase()}.unrelated`, unitId: p.communeA.id, data: { note: "không liên quan" } });

    // The redaction flag is switched off again before redactAuditMentions returns: a later update in
    // the same transaction is refused, and the whole transaction (redaction included) rolls back.
    await expect(
      transaction(async (tx) => {
        await redactAuditMentions(tx, { userId: person.id, current: { fullName: person.fullName, email: person.email, phone: null } }, { name: "X", email: "x@an-danh.invalid" });
        await tx.auditEvent.update({ where: { id: unrelated.id }, data: { data: { note: "sửa lén" } } });
      }),
    ).rejects.toThrow(/append-only/);
    expect((await db().auditEvent.findUniqueOrThrow({ where: { id: mention.id } })).data).toEqual({ userId: person.id, note: `Đã mời ${person.fullName}` });

    const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const result = await anonymisePerson(admin, { id: person.id, confirmName: person.fullName });
    expect((await db().auditEvent.findUniqueOrThrow({ where: { id: mention.id } })).data).toEqual({ userId: person.id, note: `Đã mời ${result.fullName}` });
    // After it, on every pooled connection, updates are refused again.
    for (let i = 0; i < 12; i++) {
      await expect(db().auditEvent.update({ where: { id: unrelated.id }, data: { action: `x${uniq()}` } })).rejects.toThrow(/append-only/);
    }
    expect((await db().auditEvent.findUniqueOrThrow({ where: { id: unrelated.id } })).data).toEqual({ note: "không liên quan" });
  });
});
