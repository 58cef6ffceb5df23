import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { listAuditEvents } from "@/lib/audit/queries";
import { authorizeCredentials } from "@/lib/auth/options";
import { loadViewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { translator } from "@/lib/i18n/messages";
import { updateOwnProfile } from "@/lib/people/commands";
import { anonymisePerson } from "@/lib/privacy/anonymise";
import { EXPORTS_PER_HOUR, exportOwnData } from "@/lib/privacy/export";
import { getPrivacyOverview } from "@/lib/privacy/queries";
import { makeAuditEvent } from "@/lib/testing/audit-factories";
import { codeOf } from "@/lib/testing/errors";
import { TEST_PASSWORD, makeProvince, makeUser, makeViewer, uniq } from "@/lib/testing/factories";
import { foldForSearch } from "@/lib/text";

const signIn = (email: string, password: string) =>
  authorizeCredentials({ email, password }, null).then(
    () => "OK",
    (e: Error) => e.message,
  );

describe("downloading one's own data", () => {
  it("contains their profile, unit, roles, sign-ins and log events, and nothing identifying anyone else", async () => {
    const p = await makeProvince();
    const me = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }, { role: "TRAINER", unitId: p.ward.id }]);
    const other = await makeUser({ unitId: p.communeA.id, fullName: `Hoàng Thị Khác ${p.tag}`, email: `khac.${p.tag.toLowerCase()}@test.taphuan.vn` });
    const admin = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    await updateOwnProfile(me, { fullName: "Võ Thị Thanh Tuyền", phone: "0905123456", position: "Văn phòng", rank: null, category: "CONG_CHUC" });

    await makeAuditEvent({ action: "auth.signIn", actorId: me.userId, entity: "User", entityId: me.userId, unitId: p.communeA.id, ip: "203.0.113.7" });
    await makeAuditEvent({ action: "auth.signInFailed", entity: "User", entityId: me.userId, unitId: p.communeA.id, ip: "198.51.100.66", data: { email: me.email } });
    await makeAuditEvent({ action: "auth.signInThrottled", entity: "User", ip: "198.51.100.67", data: { email: me.email } });
    await makeAuditEvent({ action: "auth.signIn", actorId: other.id, entity: "User", entityId: other.id, unitId: p.communeA.id, ip: "203.0.113.99" });
    await makeAuditEvent({ action: "auth.signInFailed", entity: "User", entityId: other.id, unitId: p.communeA.id, data: { email: other.email } });
    // An admin changed my record, and another person's.
    await makeAuditEvent({ action: "person.update", actorId: admin.userId, entity: "User", entityId: me.userId, unitId: p.communeA.id, ip: "192.0.2.10", data: { before: { rank: null }, after: { rank: "Chuyên viên" } } });
    await makeAuditEvent({ action: "person.update", actorId: admin.userId, entity: "User", entityId: other.id, unitId: p.communeA.id, data: { before: { fullName: "Tên cũ" }, after: { fullName: other.fullName } } });
    // I did something to another person's record, and was refused another's page.
    await makeAuditEvent({ action: "role.grant", actorId: me.userId, entity: "User", entityId: other.id, unitId: p.communeA.id, data: { role: "LEARNER", fullName: other.fullName } });
    await makeAuditEvent({ action: "access.denied", actorId: me.userId, entityId: other.id, unitId: p.communeA.id, data: { via: "page", target: `/people/${other.id}`, code: "NOT_FOUND" } });

    const data = await exportOwnData(me);
    expect(data).toMatchObject({
      format: "taphuan.personal-data/1",
      subject: me.userId,
      profile: { id: me.userId, email: me.email, fullName: "Võ Thị Thanh Tuyền", phone: "0905123456", position: "Văn phòng" },
      unit: { id: p.communeA.id, name: p.communeA.name },
    });
    expect((data.roles as { role: string }[]).map((r) => r.role).sort()).toEqual(["LEARNER", "TRAINER"]);
    const signIns = data.signIns as { outcome: string; ip: string | null }[];
    expect(signIns.map((s) => s.outcome).sort()).toEqual(["success", "throttled", "wrongPassword"]);
    expect(signIns.find((s) => s.outcome === "success")?.ip).toBe("203.0.113.7");
    const events = data.auditEvents as { action: string; byYou: boolean; aboutYou: boolean; data: unknown }[];
    expect(events.map((e) => e.action).sort()).toEqual(["access.denied", "person.update", "person.updateProfile", "role.grant"]);
    expect(events.find((e) => e.action === "person.update")).toMatchObject({ byYou: false, aboutYou: true, data: { after: { rank: "Chuyên viên" } } });
    expect(events.find((e) => e.action === "person.updateProfile")).toMatchObject({ byYou: true, aboutYou: true });

    const text = JSON.stringify(data);
    for (const foreign of [other.id, other.email, other.fullName, admin.userId, admin.email, "203.0.113.99", "198.51.100.66", "198.51.100.67", "192.0.2.10", "Tên cũ"]) {
      expect(text, foreign).not.toContain(foreign);
    }
    expect(text).not.toContain("passwordHash");
    expect(await db().auditEvent.count({ where: { actorId: me.userId, action: "privacy.export" } })).toBe(1);
  });

  it("is limited to a few downloads an hour", async () => {
    const p = await makeProvince();
    const me = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
    for (let i = 0; i < EXPORTS_PER_HOUR; i++) {
      await makeAuditEvent({ action: "privacy.export", actorId: me.userId, entity: "User", entityId: me.userId, unitId: p.communeA.id });
    }
    expect(await codeOf(exportOwnData(me))).toBe("RATE_LIMITED");
  });
});

async function departedOfficial() {
  const p = await makeProvince();
  const tag = p.tag.toLowerCase();
  const person = await makeUser({
    unitId: p.communeA.id,
    fullName: `Lương Thị Nghỉ ${p.tag}`,
    email: `nghi.${tag}@test.taphuan.vn`,
    category: "VIEN_CHUC",
    grants: [
      { role: "LEARNER", unitId: p.communeA.id },
      { role: "TRAINER", unitId: p.communeA.id },
    ],
  });
  await db().user.update({ where: { id: person.id }, data: { phone: "0912345678", position: "Văn thư", rank: "Cán sự" } });
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  return { p, tag, person: { ...person, phone: "0912345678" }, admin };
}

/** A province admin and their viewer, with a name of their own: anonymisation redacts every mention of a name in the log. */
async function provinceAdminNamed(p: Awaited<ReturnType<typeof makeProvince>>, name: string) {
  const user = await makeUser({ unitId: p.agency.id, fullName: `Quản Trị ${name} ${p.tag}`, grants: [{ role: "PROVINCE_ADMIN", unitId: p.province.id }] });
  const viewer = await loadViewer(user.id);
  if (!viewer) throw new Error("viewer did not load");
  return { user, viewer };
}

describe("anonymising a departed official", () => {
  it("removes name and contacts everywhere, the log included, and keeps unit, category and grants", async () => {
    const { p, tag, person, admin } = await departedOfficial();
    const maidenName = `Lương Thị Cũ ${p.tag}`;
    const oldEmail = `cu.${tag}@test.taphuan.vn`;
    const events = [
      // Changes to the person over time (an old name, an old e-mail, the phone).
      await makeAuditEvent({ action: "person.update", actorId: admin.userId, entity: "User", entityId: person.id, unitId: p.communeA.id, data: { before: { fullName: maidenName, email: oldEmail }, after: { fullName: person.fullName, email: person.email } } }),
      await makeAuditEvent({ action: "person.updateProfile", actorId: person.id, entity: "User", entityId: person.id, unitId: p.communeA.id, data: { before: { phone: null, position: null }, after: { phone: person.phone, position: "Văn thư" } } }),
      // Failed sign-ins against the account, and a throttled one by e-mail only.
      await makeAuditEvent({ action: "auth.signInFailed", entity: "User", entityId: person.id, unitId: p.communeA.id, data: { email: person.email } }),
      await makeAuditEvent({ action: "auth.signInThrottled", entity: "User", data: { email: person.email.toUpperCase() } }),
      // Elsewhere: an admin's event that names them in free text, and one with the old e-mail.
      await makeAuditEvent({ action: "person.import", actorId: admin.userId, entity: "Unit", entityId: p.communeA.id, unitId: p.communeA.id, data: { rows: [{ name: person.fullName, email: oldEmail }, { name: "Người khác", email: "khac@test.taphuan.vn" }] } }),
    ];
    const keep = await makeAuditEvent({ action: "unit.rename", actorId: admin.userId, entity: "Unit", entityId: p.communeA.id, unitId: p.communeA.id, data: { before: { name: "A" }, after: { name: "B" } } });
    await db().accountToken.createMany({
      data: [
        { userId: person.id, kind: "INVITE", tokenHash: `used-${uniq()}`, expiresAt: new Date(Date.now() + 1e6), usedAt: new Date() },
        { userId: person.id, kind: "RESET", tokenHash: `unused-${uniq()}`, expiresAt: new Date(Date.now() + 1e6) },
      ],
    });
    await db().outboxMail.createMany({
      data: [
        { to: person.email, subject: "Mời tham gia", text: `Kính gửi ${person.fullName},\nTên đăng nhập: ${person.email}`, sentAt: new Date(), unitId: p.communeA.id },
        { to: person.email, subject: "Đặt lại mật khẩu", text: `Kính gửi ${person.fullName}`, unitId: p.communeA.id },
      ],
    });
    const grantsBefore = await db().roleGrant.findMany({ where: { userId: person.id }, select: { role: true, unitId: true }, orderBy: { role: "asc" } });
    const before = await db().user.findUniqueOrThrow({ where: { id: person.id } });

    const result = await anonymisePerson(admin, { id: person.id, confirmName: `  lương thị nghỉ ${p.tag.toLowerCase()} ` });

    const after = await db().user.findUniqueOrThrow({ where: { id: person.id } });
    const short = person.id.replace(/-/g, "").slice(0, 8).toUpperCase();
    expect(after).toMatchObject({
      fullName: `Người dùng đã ẩn danh ${short}`,
      email: `an-danh.${person.id}@an-danh.invalid`,
      phone: null,
      position: null,
      rank: null,
      active: false,
      sessionVersion: before.sessionVersion + 1,
      unitId: p.communeA.id,
      category: "VIEN_CHUC",
    });
    expect(after.anonymisedAt).toBeInstanceOf(Date);
    expect(after.passwordHash).not.toBe(before.passwordHash);
    expect(after.searchText).toBe(foldForSearch(`${after.fullName} ${after.email}`));
    expect(result.fullName).toBe(after.fullName);
    expect(await db().roleGrant.findMany({ where: { userId: person.id }, select: { role: true, unitId: true }, orderBy: { role: "asc" } })).toEqual(grantsBefore);
    expect((await db().accountToken.findMany({ where: { userId: person.id } })).map((t) => t.usedAt !== null)).toEqual([true]);
    const mails = await db().outboxMail.findMany({ where: { unitId: p.communeA.id } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: after.email, text: `Kính gửi ${after.fullName},\nTên đăng nhập: ${after.email}` });

    // Nothing in the log names them any more, under any name, e-mail or phone they had.
    const log = JSON.stringify(await db().auditEvent.findMany({ where: { OR: [{ id: { in: events.map((e) => e.id) } }, { entityId: person.id }] } }));
    for (const needle of [person.fullName, maidenName, person.email, oldEmail, person.phone, "Văn thư"]) {
      expect(log.toLowerCase(), needle).not.toContain(needle.toLowerCase());
    }
    expect(log).toContain("khac@test.taphuan.vn");
    expect((await db().auditEvent.findUniqueOrThrow({ where: { id: events[4]!.id } })).data).toEqual({
      rows: [{ name: after.fullName, email: after.email }, { name: "Người khác", email: "khac@test.taphuan.vn" }],
    });
    expect((await db().auditEvent.findUniqueOrThrow({ where: { id: keep.id } })).data).toEqual({ before: { name: "A" }, after: { name: "B" } });
    // The anonymisation is audited, without the old name.
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "person.anonymise", entityId: person.id } });
    expect(audit).toMatchObject({ actorId: admin.userId, unitId: p.communeA.id });
    expect(JSON.stringify(audit)).not.toContain(person.fullName);

    // They cannot sign in, their session ended, and they are shown as anonymised.
    expect(await signIn(person.email, TEST_PASSWORD)).toBe("WRONG_CREDENTIALS");
    expect(await signIn(after.email, TEST_PASSWORD)).toBe("WRONG_CREDENTIALS");
    expect(await loadViewer(person.id, before.sessionVersion)).toBeNull();
    const [row] = (await listAuditEvents(admin, { entityId: person.id, action: "person.updateProfile" })).rows;
    expect(row?.actor).toMatchObject({ fullName: after.fullName, anonymised: true });
    expect(await getPrivacyOverview(admin, person.id)).toMatchObject({ anonymisedAt: after.anonymisedAt, canAnonymise: false });
  });

  it("redacts the person's identifiers, not every string that matches their name", async () => {
    const p = await makeProvince();
    const given = `An${p.tag}`;
    const person = await makeUser({ unitId: p.communeA.id, fullName: `Nguyễn Văn ${given}` });
    // Others: the same given name, a name that contains theirs, and one exactly like theirs.
    const sameGiven = await makeUser({ unitId: p.communeA.id, fullName: `Trần Thị ${given}` });
    const longer = await makeUser({ unitId: p.communeA.id, fullName: `Nguyễn Văn ${given}h` });
    const namesake = await makeUser({ unitId: p.communeB.id, fullName: `Nguyễn Văn ${given}` });
    const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const about = (u: { id: string; fullName: string; email: string }) =>
      makeAuditEvent({ action: "person.update", actorId: admin.userId, entity: "User", entityId: u.id, unitId: p.communeA.id, data: { after: { fullName: u.fullName, email: u.email } } });
    const others = [await about(sameGiven), await about(longer), await about(namesake)];
    const theirs = await about(person);
    const byId = await makeAuditEvent({ action: "course.addTrainer", entity: "Course", unitId: p.communeA.id, data: { after: { trainerId: person.id, fullName: person.fullName } } });
    const freeText = await makeAuditEvent({ action: "unit.note", entity: "Unit", unitId: p.communeA.id, data: { note: `Ông ${namesake.fullName} chủ trì` } });
    const before = await db().auditEvent.findMany({ where: { id: { in: [...others, freeText].map((e) => e.id) } }, orderBy: { id: "asc" } });

    const result = await anonymisePerson(admin, { id: person.id, confirmName: person.fullName });

    // The others keep theirs, byte for byte.
    expect(await db().auditEvent.findMany({ where: { id: { in: [...others, freeText].map((e) => e.id) } }, orderBy: { id: "asc" } })).toEqual(before);
    // The person's own records lose their name and e-mail, found by whom they are about.
    expect((await db().auditEvent.findUniqueOrThrow({ where: { id: theirs.id } })).data).toEqual({ after: { fullName: result.fullName, email: `an-danh.${person.id}@an-danh.invalid` } });
    expect((await db().auditEvent.findUniqueOrThrow({ where: { id: byId.id } })).data).toEqual({ after: { trainerId: person.id, fullName: result.fullName } });
  });

  it("is for the province admin only; others are refused and nothing changes", async () => {
    const { p, person } = await departedOfficial();
    const other = await makeProvince();
    const viewers = {
      NOT_FOUND: [
        await makeViewer(p.communeB.id, [{ role: "UNIT_ADMIN", unitId: p.communeB.id }]),
        await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]),
        await makeViewer(other.agency.id, [{ role: "PROVINCE_ADMIN", unitId: other.province.id }]),
      ],
      FORBIDDEN: [
        await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]),
        await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]),
      ],
    };
    const before = await db().user.findUniqueOrThrow({ where: { id: person.id } });
    for (const [code, list] of Object.entries(viewers)) {
      for (const v of list) expect(await codeOf(anonymisePerson(v, { id: person.id, confirmName: person.fullName })), code).toBe(code);
    }
    // Not even the person themselves.
    const self = await loadViewer(person.id);
    expect(await codeOf(anonymisePerson(self!, { id: person.id, confirmName: person.fullName }))).toBe("NOT_FOUND");
    expect(await db().user.findUniqueOrThrow({ where: { id: person.id } })).toEqual(before);
    expect(await db().auditEvent.count({ where: { action: "person.anonymise", entityId: person.id } })).toBe(0);
    // A forged id of another province's person is not found for this province's admin.
    const stranger = await makeUser({ unitId: other.communeA.id, fullName: `Người Tỉnh Khác ${other.tag}` });
    const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    expect(await codeOf(anonymisePerson(admin, { id: stranger.id, confirmName: stranger.fullName }))).toBe("NOT_FOUND");
    expect(await codeOf(getPrivacyOverview(admin, stranger.id))).toBe("NOT_FOUND");
    expect((await db().user.findUniqueOrThrow({ where: { id: stranger.id } })).fullName).toBe(stranger.fullName);
    expect(await codeOf(anonymisePerson(admin, { id: crypto.randomUUID(), confirmName: "x" }))).toBe("NOT_FOUND");
  });

  it("needs the name typed again, refuses oneself and a second time", async () => {
    const { person, admin } = await departedOfficial();
    const wrong = await anonymisePerson(admin, { id: person.id, confirmName: "Lương Thị Nghi" }).catch((e) => e);
    expect(wrong).toMatchObject({ code: "VALIDATION", field: "confirmName", messageKey: "privacy.anonymise.nameMismatch" });
    expect((await db().user.findUniqueOrThrow({ where: { id: person.id } })).fullName).toBe(person.fullName);
    const me = await db().user.findUniqueOrThrow({ where: { id: admin.userId } });
    expect(await codeOf(anonymisePerson(admin, { id: admin.userId, confirmName: me.fullName }))).toBe("CONFLICT");
    await anonymisePerson(admin, { id: person.id, confirmName: person.fullName });
    const again = await anonymisePerson(admin, { id: person.id, confirmName: `Người dùng đã ẩn danh` }).catch((e) => e);
    expect(again).toMatchObject({ code: "CONFLICT", messageKey: "privacy.anonymise.already" });
    expect(await db().auditEvent.count({ where: { action: "person.anonymise", entityId: person.id } })).toBe(1);
  });

  it("never anonymises the last active province admin, even for an admin whose request was authorised before", async () => {
    const p = await makeProvince();
    const first = await provinceAdminNamed(p, "Một");
    const second = await provinceAdminNamed(p, "Hai");
    await anonymisePerson(first.viewer, { id: second.user.id, confirmName: second.user.fullName });
    // The second admin's request was authorised while they were still active: the command re-checks.
    const before = await db().user.findUniqueOrThrow({ where: { id: first.user.id } });
    const refused = await anonymisePerson(second.viewer, { id: first.user.id, confirmName: first.user.fullName }).catch((e) => e);
    expect(refused).toMatchObject({ code: "CONFLICT", messageKey: "privacy.anonymise.lastProvinceAdmin" });
    expect(translator("vi")(refused.messageKey)).toContain("quản trị cấp tỉnh cuối cùng");
    expect(translator("en")(refused.messageKey)).toContain("last active province administrator");
    expect(await db().user.findUniqueOrThrow({ where: { id: first.user.id } })).toEqual(before);
    expect(await db().auditEvent.count({ where: { action: "person.anonymise", entityId: first.user.id } })).toBe(0);
  });

  it("two province admins anonymising each other at once: one succeeds, one province admin stays active", async () => {
    const p = await makeProvince();
    const a = await provinceAdminNamed(p, "Ba");
    const b = await provinceAdminNamed(p, "Bốn");
    const results = await Promise.all([
      codeOf(anonymisePerson(a.viewer, { id: b.user.id, confirmName: b.user.fullName })),
      codeOf(anonymisePerson(b.viewer, { id: a.user.id, confirmName: a.user.fullName })),
    ]);
    expect(results.sort()).toEqual(["CONFLICT", "OK"]);
    const active = await db().user.count({ where: { id: { in: [a.user.id, b.user.id] }, active: true } });
    expect(active).toBe(1);
  });

  it("two admins confirming at once anonymise once", async () => {
    const { p, person, admin } = await departedOfficial();
    const second = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const results = await Promise.all([admin, second].map((v) => codeOf(anonymisePerson(v, { id: person.id, confirmName: person.fullName }))));
    expect(results.sort()).toEqual(["CONFLICT", "OK"]);
    expect(await db().auditEvent.count({ where: { action: "person.anonymise", entityId: person.id } })).toBe(1);
    // Whichever transaction switched the redaction flag on, none left it on: outside anonymisation
    // the log is append-only again, while recording still works.
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "person.anonymise", entityId: person.id } });
    for (let i = 0; i < 3; i++) {
      const edit = await db()
        .$executeRaw`UPDATE "AuditEvent" SET "action" = 'tampered' WHERE "id" = ${event.id}`
        .then(() => "UPDATED", (e: Error) => e.message);
      expect(edit).toMatch(/append-only/i);
    }
    expect((await db().auditEvent.findUniqueOrThrow({ where: { id: event.id } })).action).toBe("person.anonymise");
    const marker = `after-race-${uniq()}`;
    await recordAudit(db(), { action: "test.noop", entityId: marker, unitId: p.communeA.id });
    expect(await db().auditEvent.count({ where: { action: "test.noop", entityId: marker } })).toBe(1);
  });
});
