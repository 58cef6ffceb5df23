import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { db, type Prisma, transaction } from "@/lib/db";
import { translator } from "@/lib/i18n/messages";
import { INVITE_RESEND_AFTER_MS, NO_PASSWORD_HASH, createPerson, resendInvitation, setPersonActive, updateOwnProfile, updatePerson } from "@/lib/people/commands";
import { compareNames } from "@/lib/people/name-order";
import { listPeople, peopleListSql } from "@/lib/people/queries";
import { createPersonInput, updatePersonInput, type PersonInput } from "@/lib/people/schemas";
import { codeOf } from "@/lib/testing/errors";
import { makeProvince, makeUnit, makeUser, makeViewer, uniq } from "@/lib/testing/factories";
import { makePerson } from "@/lib/testing/people-factories";
import { personSearchText } from "@/lib/text";

const names = async (viewer: Viewer, input: Parameters<typeof listPeople>[1]) => (await listPeople(viewer, input)).rows.map((r) => r.fullName);

function personInput(unitId: string, over: Partial<Record<keyof PersonInput, string>> = {}): PersonInput {
  return createPersonInput.parse({
    fullName: "Nguyễn Văn An",
    email: `an.${uniq()}@test.taphuan.vn`,
    phone: "0905 111 222",
    position: "Công chức Văn phòng - Thống kê",
    rank: "Chuyên viên",
    category: "CONG_CHUC",
    unitId,
    ...over,
  });
}

const unitAdmin = (unitId: string) => makeViewer(unitId, [{ role: "UNIT_ADMIN", unitId }]);
const provinceAdmin = (p: Awaited<ReturnType<typeof makeProvince>>) => makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
const row = (id: string) => db().user.findUniqueOrThrow({ where: { id }, include: { grants: true } });
const auditsBy = (actorId: string) => db().auditEvent.findMany({ where: { actorId }, orderBy: { at: "asc" } });

describe("listPeople: search", () => {
  it("finds names without diacritics, in any case and word order; positions, e-mails and phones too", async () => {
    const p = await makeProvince();
    await makePerson({ unitId: p.communeA.id, fullName: "Nguyễn Văn An", position: "Chủ tịch UBND xã" });
    await makePerson({ unitId: p.communeA.id, fullName: "Nguyễn Văn Bình", phone: "0905777888" });
    await makePerson({ unitId: p.ward.id, fullName: "Đặng Thị Ánh", email: `anh.dang.${p.tag.toLowerCase()}@phuyen.gov.vn` });
    const admin = await unitAdmin(p.city.id); // "Nguyễn Văn Thử", a member of the city

    expect(await names(admin, { q: "nguyen van an" })).toEqual(["Nguyễn Văn An"]);
    expect(await names(admin, { q: "NGUYỄN  văn" })).toEqual(["Nguyễn Văn An", "Nguyễn Văn Bình", "Nguyễn Văn Thử"]);
    expect(await names(admin, { q: "an nguyen" })).toEqual(["Nguyễn Văn An"]);
    expect(await names(admin, { q: "dang anh" })).toEqual(["Đặng Thị Ánh"]);
    expect(await names(admin, { q: "chu tich" })).toEqual(["Nguyễn Văn An"]);
    expect(await names(admin, { q: `anh.dang.${p.tag}` })).toEqual(["Đặng Thị Ánh"]);
    expect(await names(admin, { q: "0905777" })).toEqual(["Nguyễn Văn Bình"]);
    expect(await names(admin, { q: "nguy bi" })).toEqual(["Nguyễn Văn Bình"]);
    expect(await names(admin, { q: "nguyen van an xyz" })).toEqual([]);
    // A word matches at the start of a word, not inside one ("an" is in "Văn", "Bình" has no "An…").
    expect(await names(admin, { q: "an" })).toEqual(["Nguyễn Văn An", "Đặng Thị Ánh"]);
    // Regular-expression characters are text, not patterns.
    for (const q of [".*", "(", "%", "_", "\\"]) expect(await names(admin, { q })).toEqual([]);
  });

  it("sorts by given name, then the whole name, in the Vietnamese alphabet, exactly like compareNames", async () => {
    const p = await makeProvince();
    const list = ["Trần Văn Đức", "Lê Văn Dũng", "Nguyễn Thị Ân", "Phạm An", "Võ Thị Ăn", "Bùi Hà", "Bùi Hạ", "Bùi Hai", "Đỗ Văn An", "Âu Văn An", "lê thị em", "Zơ Ro Út"];
    for (const fullName of list) await makePerson({ unitId: p.communeB.id, fullName });
    const admin = await unitAdmin(p.communeB.id);
    const listed = (await names(admin, { q: "" })).filter((n) => list.includes(n));
    expect(listed).toEqual([...list].sort(compareNames));
    expect(listed.slice(0, 4)).toEqual(["Âu Văn An", "Đỗ Văn An", "Phạm An", "Võ Thị Ăn"]);
  });
});

describe("listPeople: scope, filters, pages", () => {
  it("shows the viewer's subtree only; a unit filter outside it is not found", async () => {
    const p = await makeProvince();
    const inWard = await makePerson({ unitId: p.ward.id, fullName: "Lê Thị Nỷ" });
    await makePerson({ unitId: p.communeB.id, fullName: "Lê Thị Bê" });
    const admin = await unitAdmin(p.city.id);
    const all = await listPeople(admin, { q: "le thi" });
    expect(all.rows.map((r) => r.id)).toEqual([inWard.id]);
    expect(all.rows[0]).toMatchObject({ unitId: p.ward.id, unitName: p.ward.name, active: true });
    expect(await codeOf(listPeople(admin, { unitId: p.communeB.id }))).toBe("NOT_FOUND");
    expect(await codeOf(listPeople(admin, { unitId: p.province.id }))).toBe("NOT_FOUND");

    const learner = await makeViewer(p.ward.id, [{ role: "LEARNER", unitId: p.ward.id }]);
    expect(await listPeople(learner, {})).toMatchObject({ rows: [], total: 0 });
    const trainer = await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.province.id }]);
    expect((await listPeople(trainer, {})).total).toBe(0);
  });

  it("filters by unit with or without its subunits, and by status", async () => {
    const p = await makeProvince();
    const admin = await unitAdmin(p.city.id); // a member of the city itself
    const ward = await makePerson({ unitId: p.ward.id, fullName: "Trần Phường" });
    const commune = await makePerson({ unitId: p.communeA.id, fullName: "Trần Xã" });
    const gone = await makePerson({ unitId: p.communeA.id, fullName: "Trần Nghỉ", active: false });
    const ids = async (input: Parameters<typeof listPeople>[1]) => (await listPeople(admin, input)).rows.map((r) => r.id).sort();

    expect(await ids({ unitId: p.city.id })).toEqual([admin.userId, ward.id, commune.id].sort());
    expect(await ids({ unitId: p.city.id, includeSubunits: false })).toEqual([admin.userId]);
    expect(await ids({ unitId: p.communeA.id })).toEqual([commune.id]);
    expect(await ids({ unitId: p.communeA.id, status: "inactive" })).toEqual([gone.id]);
    expect(await ids({ unitId: p.communeA.id, status: "all" })).toEqual([commune.id, gone.id].sort());
  });

  it("pages by 25 with a total; pages do not overlap", async () => {
    const p = await makeProvince();
    const unit = await makeUnit({ name: `Thôn ${p.tag}`, parentId: p.communeB.id });
    for (let i = 0; i < 30; i++) await makePerson({ unitId: unit.id, fullName: `Hồ Văn Số${String(i).padStart(2, "0")}` });
    const admin = await unitAdmin(p.district.id);
    const first = await listPeople(admin, { unitId: unit.id });
    const second = await listPeople(admin, { unitId: unit.id, page: 2 });
    expect(first).toMatchObject({ total: 30, page: 1, pageSize: 25, pageCount: 2 });
    expect(first.rows).toHaveLength(25);
    expect(second.rows).toHaveLength(5);
    // A page past the end is the last page, browsing or searching, never an empty "page 99999 of 2".
    for (const input of [{ unitId: unit.id }, { unitId: unit.id, q: "ho van" }]) {
      const past = await listPeople(admin, { ...input, page: 99999 });
      expect(past).toMatchObject({ total: 30, page: 2, pageCount: 2 });
      expect(past.rows.map((r) => r.id)).toEqual(second.rows.map((r) => r.id));
    }
    const seen = [...first.rows, ...second.rows].map((r) => r.id);
    expect(new Set(seen).size).toBe(30);
    const listed = [...first.rows, ...second.rows].map((r) => r.fullName);
    expect(listed).toEqual([...listed].sort(compareNames));
  });

  it("cuts pages inside groups of the same given name exactly where the full order says", async () => {
    const p = await makeProvince();
    const unit = await makeUnit({ name: `Thôn cùng tên ${p.tag}`, parentId: p.communeA.id });
    const list = [
      ...["Nguyễn", "Trần", "Lê", "Đặng", "Bùi", "Ông", "Âu", "Hồ", "Dương"].flatMap((f) => [`${f} Văn An`, `${f} Thị An`]),
      "Phạm Ân", "Phạm Ăn", "Phạm Án", "Phạm Àn", "Lý Bình", "Lý Bính", "Mai Anh", "Tô Đức", "Tô Dũng",
    ];
    for (const fullName of list) await makePerson({ unitId: unit.id, fullName });
    const admin = await unitAdmin(p.communeA.id);
    const expected = [...list].sort(compareNames);
    for (const pageSize of [1, 4, 7]) {
      const seen: string[] = [];
      for (let page = 1; page <= Math.ceil(list.length / pageSize); page++) {
        const result = await listPeople(admin, { unitId: unit.id, page, pageSize });
        expect(result.total).toBe(list.length);
        seen.push(...result.rows.map((r) => r.fullName));
      }
      expect(seen, `pageSize ${pageSize}`).toEqual(expected);
    }
  });
});

describe("createPerson", () => {
  it("invites: a learner of the unit, searchable, with an invitation mail queued and an audit entry", async () => {
    const p = await makeProvince();
    const admin = await unitAdmin(p.communeA.id);
    const input = personInput(p.communeA.id, { email: `  Nguyen.An.${uniq()}@PhuYen.gov.vn ` });
    const created = await createPerson(admin, input);
    expect(created.initialPassword).toBeNull();

    const user = await row(created.id);
    expect(user).toMatchObject({
      fullName: "Nguyễn Văn An",
      email: input.email,
      phone: "0905111222",
      unitId: p.communeA.id,
      active: true,
      mustChangePassword: false,
      searchText: personSearchText(input),
    });
    expect(user.email).toBe(user.email.toLowerCase());
    expect(user.grants.map((g) => [g.role, g.unitId, g.grantedById])).toEqual([["LEARNER", p.communeA.id, admin.userId]]);
    // No password until the invitation is used.
    expect(user.passwordHash).toBe(NO_PASSWORD_HASH);
    for (const guess of ["", NO_PASSWORD_HASH]) expect(await verifyPassword(user.passwordHash, guess)).toBe(false);
    const token = await db().accountToken.findFirstOrThrow({ where: { userId: created.id } });
    expect(token.kind).toBe("INVITE");
    expect(token.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    const mail = await db().outboxMail.findFirstOrThrow({ where: { to: input.email } });
    expect(mail).toMatchObject({ unitId: p.communeA.id, sentAt: null });
    expect(mail.text).toContain("/invite/");

    const [audit] = await auditsBy(admin.userId);
    expect(audit).toMatchObject({ action: "person.create", entityId: created.id, unitId: p.communeA.id });
    expect(audit!.data).toEqual({
      after: {
        fullName: "Nguyễn Văn An",
        email: input.email,
        phone: "0905111222",
        position: "Công chức Văn phòng - Thống kê",
        rank: "Chuyên viên",
        category: "CONG_CHUC",
        unitId: p.communeA.id,
        mode: "invite",
      },
    });
    expect(await names(admin, { q: "nguyen van an" })).toContain("Nguyễn Văn An");
  });

  it("sends the invitation again to an account still waiting for it: a new link, the old one closed, audited, not twice in a row, not to outsiders", async () => {
    const p = await makeProvince();
    const admin = await unitAdmin(p.communeA.id);
    const input = personInput(p.communeA.id, { email: `moi.${uniq()}@phuyen.gov.vn` });
    const created = await createPerson(admin, input);
    const first = await db().accountToken.findFirstOrThrow({ where: { userId: created.id } });
    const state = async () => JSON.stringify([await db().accountToken.findMany({ where: { userId: created.id }, orderBy: { createdAt: "asc" } }), await db().outboxMail.count({ where: { to: input.email } })]);

    // At once again: refused, nothing written (a double click).
    const before = await state();
    expect(await codeOf(resendInvitation(admin, created.id))).toBe("RATE_LIMITED");
    // Outsiders: another commune's admin is told "not found"; a learner too.
    expect(await codeOf(resendInvitation(await unitAdmin(p.communeB.id), created.id, new Date(Date.now() + INVITE_RESEND_AFTER_MS)))).toBe("NOT_FOUND");
    const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
    expect(await codeOf(resendInvitation(learner, created.id, new Date(Date.now() + INVITE_RESEND_AFTER_MS)))).toBe("NOT_FOUND");
    expect(await state()).toBe(before);

    const later = new Date(first.createdAt.getTime() + INVITE_RESEND_AFTER_MS + 1000);
    expect(await resendInvitation(admin, created.id, later)).toEqual({ email: input.email });
    const tokens = await db().accountToken.findMany({ where: { userId: created.id, kind: "INVITE" }, orderBy: { createdAt: "asc" } });
    expect(tokens).toHaveLength(2);
    expect(tokens[0]!.expiresAt.getTime()).toBe(later.getTime()); // the first link closed
    expect(tokens[1]!.expiresAt.getTime()).toBeGreaterThan(later.getTime() + 6 * 24 * 3600_000);
    expect(await db().outboxMail.count({ where: { to: input.email } })).toBe(2);
    expect((await auditsBy(admin.userId)).map((a) => [a.action, a.entityId])).toContainEqual(["person.inviteResent", created.id]);

    // Once the account has a password of its own, there is nothing to resend.
    await db().accountToken.updateMany({ where: { userId: created.id }, data: { usedAt: new Date() } });
    expect(await codeOf(resendInvitation(admin, created.id, new Date(later.getTime() + 2 * INVITE_RESEND_AFTER_MS)))).toBe("CONFLICT");
    // An account created with an initial password never had an invitation.
    const withPassword = await createPerson(admin, personInput(p.communeA.id, { email: `mk.${uniq()}@phuyen.gov.vn` }), "password");
    expect(await codeOf(resendInvitation(admin, withPassword.id))).toBe("CONFLICT");
  });

  it("with an initial password: returned once, stored as argon2, must be changed; no invitation", async () => {
    const p = await makeProvince();
    const admin = await provinceAdmin(p);
    const input = personInput(p.ward.id);
    const created = await createPerson(admin, input, "password");
    expect(created.initialPassword).toMatch(/^[A-Za-z2-9]{16}$/);
    const user = await row(created.id);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, created.initialPassword!)).toBe(true);
    expect(user.mustChangePassword).toBe(true);
    expect(await db().accountToken.count({ where: { userId: created.id } })).toBe(0);
    expect(await db().outboxMail.count({ where: { to: input.email } })).toBe(0);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: created.id } });
    expect(JSON.stringify(audit.data)).not.toContain(created.initialPassword!);
    expect(audit.data).toMatchObject({ after: { mode: "password" } });
  });

  it("refuses an e-mail that already has an account, under the e-mail field, writing nothing", async () => {
    const p = await makeProvince();
    const admin = await unitAdmin(p.communeA.id);
    const existing = await makeUser({ unitId: p.communeB.id });
    const before = await db().user.count({ where: { unitId: p.communeA.id } });
    const error = await createPerson(admin, personInput(p.communeA.id, { email: existing.email.toUpperCase() })).catch((e) => e);
    expect(error).toMatchObject({ code: "CONFLICT", field: "email", messageKey: "people.emailTaken" });
    expect(translator("vi")(error.messageKey)).toContain("đã có tài khoản");
    expect(await db().user.count({ where: { unitId: p.communeA.id } })).toBe(before);
    expect(await db().outboxMail.count({ where: { to: existing.email } })).toBe(0);
    expect(await auditsBy(admin.userId)).toEqual([]);
  });

  it("maps a concurrent duplicate (P2002) to the same field error", async () => {
    const p = await makeProvince();
    const admin = await provinceAdmin(p);
    const email = `race.${uniq()}@test.taphuan.vn`.toLowerCase();
    const results = await Promise.allSettled([0, 1, 2].map(() => createPerson(admin, personInput(p.communeA.id, { email }))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT", field: "email" });
    }
    expect(await db().user.count({ where: { email } })).toBe(1);
    expect(await db().outboxMail.count({ where: { to: email } })).toBe(1);
  });

  it("refuses a unit outside the admin's subtree as not found, and learners; nothing is written", async () => {
    const p = await makeProvince();
    const admin = await unitAdmin(p.communeA.id);
    const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
    const input = personInput(p.communeB.id);
    expect(await codeOf(createPerson(admin, input))).toBe("NOT_FOUND");
    expect(await codeOf(createPerson(admin, { ...input, unitId: p.city.id }))).toBe("NOT_FOUND");
    expect(await codeOf(createPerson(learner, { ...input, unitId: p.communeA.id }))).toBe("NOT_FOUND");
    expect(await db().user.count({ where: { email: input.email } })).toBe(0);
    expect(await db().outboxMail.count({ where: { to: input.email } })).toBe(0);
    expect(await auditsBy(admin.userId)).toEqual([]);
  });

  it("refuses a deactivated unit", async () => {
    const p = await makeProvince();
    const closed = await makeUnit({ name: "Xã đã giải thể", parentId: p.communeA.id, active: false });
    const admin = await unitAdmin(p.communeA.id);
    const input = personInput(closed.id);
    expect(await createPerson(admin, input).catch((e) => e)).toMatchObject({ code: "CONFLICT", field: "unitId" });
    expect(await db().user.count({ where: { email: input.email } })).toBe(0);
  });
});

describe("updatePerson", () => {
  const edit = (person: { id: string; email: string; fullName: string; unitId: string }, over: Record<string, string> = {}) => {
    const { id, ...input } = updatePersonInput.parse({
      id: person.id,
      fullName: person.fullName,
      email: person.email,
      phone: "",
      position: "",
      rank: "",
      category: "CONG_CHUC",
      unitId: person.unitId,
      ...over,
    });
    return [id, input] as const;
  };

  it("saves details, keeps search in step and audits only what changed; sessions survive", async () => {
    const p = await makeProvince();
    const admin = await unitAdmin(p.communeA.id);
    const person = await makePerson({ unitId: p.communeA.id, fullName: "Võ Thị Tuyền" });
    const result = await updatePerson(admin, ...edit(person, { fullName: "Võ Thị Thanh Tuyền", position: "Phó Chủ tịch" }));
    expect(result.changed).toEqual(["fullName", "position"]);
    const after = await row(person.id);
    expect(after).toMatchObject({ fullName: "Võ Thị Thanh Tuyền", position: "Phó Chủ tịch", sessionVersion: 0, email: person.email });
    expect(await names(admin, { q: "thanh tuyen pho chu tich" })).toEqual(["Võ Thị Thanh Tuyền"]);
    const audits = await auditsBy(admin.userId);
    expect(audits.map((a) => [a.action, a.entityId])).toEqual([["person.update", person.id]]);
    expect(audits[0]!.data).toEqual({
      before: { fullName: "Võ Thị Tuyền", position: null },
      after: { fullName: "Võ Thị Thanh Tuyền", position: "Phó Chủ tịch" },
    });
    // Saving the same values again changes and audits nothing.
    expect((await updatePerson(admin, ...edit(after, { position: "Phó Chủ tịch" }))).changed).toEqual([]);
    expect(await auditsBy(admin.userId)).toHaveLength(1);
  });

  it("a new e-mail ends the person's sessions; an e-mail in use is refused and nothing changes", async () => {
    const p = await makeProvince();
    const admin = await unitAdmin(p.communeA.id);
    const person = await makePerson({ unitId: p.communeA.id, fullName: "Lê Văn Tám" });
    const other = await makeUser({ unitId: p.communeB.id });
    const conflict = await updatePerson(admin, ...edit(person, { email: other.email, fullName: "Lê Văn Chín" })).catch((e) => e);
    expect(conflict).toMatchObject({ code: "CONFLICT", field: "email", messageKey: "people.emailTaken" });
    expect(await row(person.id)).toMatchObject({ email: person.email, fullName: "Lê Văn Tám", sessionVersion: 0 });
    expect(await auditsBy(admin.userId)).toEqual([]);

    const email = `tam.moi.${uniq()}@test.taphuan.vn`.toLowerCase();
    await updatePerson(admin, ...edit(person, { email }));
    const after = await row(person.id);
    expect(after).toMatchObject({ email, sessionVersion: 1, searchText: personSearchText({ fullName: "Lê Văn Tám", email }) });
    expect(await loadViewer(person.id, 0)).toBeNull();
    expect(await loadViewer(person.id, 1)).not.toBeNull();
  });

  it("a new e-mail closes links sent to the old one; an account still waiting for its invitation is invited again", async () => {
    const p = await makeProvince();
    const admin = await unitAdmin(p.communeA.id);
    const typo = `an.nguyen.${uniq()}@phuyen.gov.vm`.toLowerCase();
    const invited = await createPerson(admin, personInput(p.communeA.id, { email: typo }));
    const oldToken = await db().accountToken.findFirstOrThrow({ where: { userId: invited.id } });
    const email = typo.replace(/\.vm$/, ".vn");
    const person = { id: invited.id, email: typo, fullName: invited.fullName, unitId: p.communeA.id };
    const result = await updatePerson(admin, ...edit(person, { email, phone: "0905111222", position: "Công chức Văn phòng - Thống kê", rank: "Chuyên viên" }));
    expect(result).toMatchObject({ changed: ["email"], reinvited: true });
    expect((await db().accountToken.findUniqueOrThrow({ where: { id: oldToken.id } })).expiresAt.getTime()).toBeLessThanOrEqual(Date.now());
    const open = await db().accountToken.findMany({ where: { userId: invited.id, usedAt: null, expiresAt: { gt: new Date() } } });
    expect(open.map((t) => t.kind)).toEqual(["INVITE"]);
    expect(await db().outboxMail.count({ where: { to: email } })).toBe(1);
    expect((await auditsBy(admin.userId)).at(-1)!.data).toMatchObject({ before: { email: typo }, after: { email }, reinvited: true });

    // An account with a password of its own: its open reset link closes, nobody is invited.
    const withPassword = await makePerson({ unitId: p.communeA.id, fullName: "Lê Văn Có Mật Khẩu" });
    const reset = await db().accountToken.create({
      data: { userId: withPassword.id, kind: "RESET", tokenHash: `test-${uniq()}`, expiresAt: new Date(Date.now() + 3600_000) },
    });
    const newEmail = `co.mat.khau.${uniq()}@test.taphuan.vn`.toLowerCase();
    expect(await updatePerson(admin, ...edit(withPassword, { email: newEmail }))).toMatchObject({ reinvited: false });
    expect((await db().accountToken.findUniqueOrThrow({ where: { id: reset.id } })).expiresAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await db().outboxMail.count({ where: { to: newEmail } })).toBe(0);
  });

  it("waits for a concurrent anonymisation and then refuses, instead of writing the old name back", async () => {
    const p = await makeProvince();
    const admin = await provinceAdmin(p);
    const person = await makePerson({ unitId: p.communeA.id, fullName: "Phan Văn Rời Đi" });
    let release!: () => void;
    let locked!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const isLocked = new Promise<void>((r) => (locked = r));
    // Stands in for lib/privacy's anonymisation: same row lock, same columns.
    const anonymiser = transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${person.id}::uuid FOR UPDATE`;
        await tx.user.update({ where: { id: person.id }, data: { fullName: "Người dùng đã ẩn danh", anonymisedAt: new Date(), active: false } });
        locked();
        await held;
      },
      { timeout: 20_000 },
    );
    await isLocked;
    const editing = codeOf(updatePerson(admin, ...edit(person, { fullName: "Phan Văn Quay Lại" })));
    await new Promise((r) => setTimeout(r, 300));
    release();
    await anonymiser;
    expect(await editing).toBe("CONFLICT");
    expect(await row(person.id)).toMatchObject({ fullName: "Người dùng đã ẩn danh", active: false });
  });

  it("moves a person between units in scope; the LEARNER grant follows, other grants stay", async () => {
    const p = await makeProvince();
    const admin = await unitAdmin(p.city.id);
    const person = await makePerson({
      unitId: p.ward.id,
      fullName: "Huỳnh Văn Chuyển",
      grants: [
        { role: "LEARNER", unitId: p.ward.id },
        { role: "TRAINER", unitId: p.ward.id },
      ],
    });
    await updatePerson(admin, ...edit(person, { unitId: p.communeA.id }));
    const after = await row(person.id);
    expect(after.unitId).toBe(p.communeA.id);
    expect(after.grants.map((g) => `${g.role}@${g.unitId}`).sort()).toEqual([`LEARNER@${p.communeA.id}`, `TRAINER@${p.ward.id}`].sort());
    const [audit] = await auditsBy(admin.userId);
    expect(audit).toMatchObject({ action: "person.move", unitId: p.communeA.id, data: { before: { unitId: p.ward.id }, after: { unitId: p.communeA.id } } });
  });

  it("refuses a move out of the admin's subtree and forged person ids as not found; nothing changes", async () => {
    const p = await makeProvince();
    const admin = await unitAdmin(p.communeA.id);
    const mine = await makePerson({ unitId: p.communeA.id, fullName: "Người Của Xã A" });
    const theirs = await makePerson({ unitId: p.communeB.id, fullName: "Người Của Xã B" });
    expect(await codeOf(updatePerson(admin, ...edit(mine, { unitId: p.communeB.id })))).toBe("NOT_FOUND");
    expect(await codeOf(updatePerson(admin, ...edit(mine, { unitId: p.city.id })))).toBe("NOT_FOUND");
    // A forged id: another commune's person, even keeping their own unit id.
    expect(await codeOf(updatePerson(admin, ...edit(theirs, { fullName: "Bị sửa trái phép" })))).toBe("NOT_FOUND");
    expect(await codeOf(updatePerson(admin, ...edit({ ...theirs, unitId: p.communeA.id }, { fullName: "Bị sửa trái phép" })))).toBe("NOT_FOUND");
    expect(await codeOf(updatePerson(admin, crypto.randomUUID(), edit(mine)[1]))).toBe("NOT_FOUND");
    expect(await row(mine.id)).toMatchObject({ unitId: p.communeA.id, fullName: "Người Của Xã A" });
    expect(await row(theirs.id)).toMatchObject({ unitId: p.communeB.id, fullName: "Người Của Xã B" });
    expect(await auditsBy(admin.userId)).toEqual([]);
  });

  it("will not touch the e-mail or unit of someone holding roles the admin cannot revoke", async () => {
    const p = await makeProvince();
    const communeAdmin = await unitAdmin(p.communeA.id);
    // A provincial trainer and a fellow commune admin, both homed in commune A.
    const trainer = await makePerson({ unitId: p.communeA.id, fullName: "Trần Thanh Hưng", grants: [{ role: "TRAINER", unitId: p.province.id }] });
    const colleague = await makePerson({ unitId: p.communeA.id, fullName: "Phạm Thị Hồng", grants: [{ role: "UNIT_ADMIN", unitId: p.communeA.id }] });
    for (const person of [trainer, colleague]) {
      const email = `takeover.${uniq()}@evil.example`.toLowerCase();
      expect(await updatePerson(communeAdmin, ...edit(person, { email })).catch((e) => e)).toMatchObject({ code: "FORBIDDEN", messageKey: "people.outranked" });
      expect(await codeOf(setPersonActive(communeAdmin, person.id, false))).toBe("FORBIDDEN");
      expect(await row(person.id)).toMatchObject({ email: person.email, active: true, sessionVersion: 0 });
    }
    // Plain details are still theirs to correct.
    await updatePerson(communeAdmin, ...edit(trainer, { phone: "0905123456" }));
    expect((await row(trainer.id)).phone).toBe("0905123456");
    // The province admin may do all of it.
    const province = await provinceAdmin(p);
    await updatePerson(province, ...edit(colleague, { email: `hong.${uniq()}@test.taphuan.vn` }));
    expect((await row(colleague.id)).sessionVersion).toBe(1);
  });

  it("refuses to edit an anonymised person", async () => {
    const p = await makeProvince();
    const admin = await provinceAdmin(p);
    const person = await makePerson({ unitId: p.communeA.id, fullName: "Người đã ẩn danh", active: false });
    await db().user.update({ where: { id: person.id }, data: { anonymisedAt: new Date() } });
    expect(await updatePerson(admin, ...edit(person, { fullName: "Khôi phục" })).catch((e) => e)).toMatchObject({ code: "CONFLICT", messageKey: "people.anonymisedLocked" });
    expect(await codeOf(setPersonActive(admin, person.id, true))).toBe("CONFLICT");
    expect(await row(person.id)).toMatchObject({ fullName: "Người đã ẩn danh", active: false });
  });
});

describe("setPersonActive", () => {
  it("deactivating ends sessions at once; reactivating lets them back; both audited", async () => {
    const p = await makeProvince();
    const admin = await unitAdmin(p.city.id);
    const person = await makePerson({ unitId: p.ward.id, fullName: "Lê Thị Nỷ" });
    expect(await loadViewer(person.id, 0)).not.toBeNull();

    expect(await setPersonActive(admin, person.id, false)).toMatchObject({ changed: true });
    expect(await row(person.id)).toMatchObject({ active: false, sessionVersion: 1 });
    expect(await loadViewer(person.id, 0)).toBeNull();
    expect(await loadViewer(person.id)).toBeNull();
    expect(await setPersonActive(admin, person.id, false)).toMatchObject({ changed: false });

    await setPersonActive(admin, person.id, true);
    expect(await row(person.id)).toMatchObject({ active: true, sessionVersion: 1 });
    expect(await loadViewer(person.id, 1)).not.toBeNull();
    const audits = await auditsBy(admin.userId);
    expect(audits.map((a) => [a.action, a.data])).toEqual([
      ["person.deactivate", { before: { active: true }, after: { active: false } }],
      ["person.reactivate", { before: { active: false }, after: { active: true } }],
    ]);
  });

  it("a province admin may deactivate another province admin (and remains one)", async () => {
    const p = await makeProvince();
    const admin = await provinceAdmin(p);
    const other = await makePerson({ unitId: p.agency.id, fullName: "Bùi Trọng Lân", grants: [{ role: "PROVINCE_ADMIN", unitId: p.province.id }] });
    await setPersonActive(admin, other.id, false);
    expect((await row(other.id)).active).toBe(false);
  });

  it("never deactivates the last active province admin, even for an admin whose request was authorised before", async () => {
    const p = await makeProvince();
    // Two province admins; each viewer is loaded as a request under way would have it.
    const first = await provinceAdmin(p);
    const second = await provinceAdmin(p);
    await setPersonActive(first, second.userId, false);
    // The second admin's request was authorised while they were still active: the command re-checks.
    const refused = await setPersonActive(second, first.userId, false).catch((e) => e);
    expect(refused).toMatchObject({ code: "CONFLICT", messageKey: "people.lastProvinceAdmin" });
    expect(translator("vi")(refused.messageKey)).toContain("quản trị cấp tỉnh cuối cùng");
    expect(translator("en")(refused.messageKey)).toContain("last active province administrator");
    expect(await row(first.userId)).toMatchObject({ active: true, sessionVersion: 0 });
    expect(await auditsBy(second.userId)).toEqual([]);
    // Reactivating is never refused, and another province's admins do not count for this one.
    const elsewhere = await makeProvince();
    await makeViewer(elsewhere.agency.id, [{ role: "PROVINCE_ADMIN", unitId: elsewhere.province.id }]);
    await setPersonActive(first, second.userId, true);
    await setPersonActive(first, second.userId, false);
    expect(await codeOf(setPersonActive(second, first.userId, false))).toBe("CONFLICT");
  });

  it("two province admins deactivating each other at once: one succeeds, one province admin stays active", async () => {
    const p = await makeProvince();
    const a = await provinceAdmin(p);
    const b = await provinceAdmin(p);
    const results = await Promise.all([codeOf(setPersonActive(a, b.userId, false)), codeOf(setPersonActive(b, a.userId, false))]);
    expect(results.sort()).toEqual(["CONFLICT", "OK"]);
    expect([(await row(a.userId)).active, (await row(b.userId)).active].sort()).toEqual([false, true]);
  });

  it("an admin cannot deactivate themselves", async () => {
    const p = await makeProvince();
    for (const admin of [await provinceAdmin(p), await unitAdmin(p.communeA.id)]) {
      expect(await setPersonActive(admin, admin.userId, false).catch((e) => e)).toMatchObject({ code: "CONFLICT", messageKey: "people.cannotDeactivateSelf" });
      expect((await row(admin.userId)).active).toBe(true);
    }
  });

  it("a forged id from another commune is not found and changes nothing", async () => {
    const p = await makeProvince();
    const admin = await unitAdmin(p.communeA.id);
    const theirs = await makePerson({ unitId: p.communeB.id, fullName: "Đặng Văn Trọng" });
    expect(await codeOf(setPersonActive(admin, theirs.id, false))).toBe("NOT_FOUND");
    expect(await row(theirs.id)).toMatchObject({ active: true, sessionVersion: 0 });
    expect(await auditsBy(admin.userId)).toEqual([]);
  });
});

describe("updateOwnProfile keeps search in step", () => {
  it("rewrites searchText from the new name, position and phone", async () => {
    const p = await makeProvince();
    const me = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
    await updateOwnProfile(me, { fullName: "Trương Mỹ Lệ", phone: "0912345678", position: "Kế toán", rank: null, category: null });
    const after = await row(me.userId);
    expect(after.searchText).toBe(personSearchText({ fullName: "Trương Mỹ Lệ", email: me.email, position: "Kế toán", phone: "0912345678" }));
    const admin = await unitAdmin(p.communeA.id);
    expect(await names(admin, { q: "truong my le ke toan" })).toEqual(["Trương Mỹ Lệ"]);
  });

  it("is refused once the person has been anonymised", async () => {
    const p = await makeProvince();
    const me = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
    await db().user.update({ where: { id: me.userId }, data: { anonymisedAt: new Date(), fullName: "Người dùng đã ẩn danh" } });
    expect(await codeOf(updateOwnProfile(me, { fullName: "Tên Cũ", phone: null, position: null, rank: null, category: null }))).toBe("CONFLICT");
    expect((await row(me.userId)).fullName).toBe("Người dùng đã ẩn danh");
  });
});

/**
 * The list's speed at province scale (docs/decisions/010): 50,000 people in ~1,000 units. Opt-in,
 * on its own database, because it leaves 50,000 rows behind:
 *   TAPHUAN_PEOPLE_PERF=1 DATABASE_URL=postgresql://…/taphuan_people_perf_test npx vitest run tests/integration/people-admin.test.ts -t "at scale"
 */
describe.runIf(process.env.TAPHUAN_PEOPLE_PERF === "1")("listPeople at scale", () => {
  it("answers in under 200 ms at the 95th percentile with 50,000 people", { timeout: 600_000 }, async () => {
    const tag = uniq();
    const units: { id: string; code: string; name: string; kind: string; parentId: string | null }[] = [];
    const unit = (name: string, kind: string, parentId: string | null) => {
      const u = { id: crypto.randomUUID(), code: `PERF.${tag}.${units.length}`, name, kind, parentId };
      units.push(u);
      return u;
    };
    const province = unit(`Tỉnh hiệu năng ${tag}`, "PROVINCE", null);
    for (let a = 0; a < 20; a++) unit(`Sở ${a}`, "AGENCY", province.id);
    const districts = Array.from({ length: 12 }, (_, d) => unit(`Huyện ${d}`, "DISTRICT", province.id));
    for (const d of districts) for (let c = 0; c < 80; c++) unit(`Xã ${d.name} ${c}`, "COMMUNE", d.id);
    await db().unit.createMany({ data: units });

    const family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    const middle = ["Văn", "Thị", "Hữu", "Đức", "Thanh", "Minh", "Ngọc", "Quốc", "Thị Thu", "Văn Hoàng"];
    const given = ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thủy", "Trang", "Tuấn", "Uyên", "Vân", "Yến"];
    const positions = ["Chủ tịch UBND", "Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch", "Chuyên viên", null];
    const homes = units.slice(1);
    const rows = Array.from({ length: 50_000 }, (_, i) => {
      const fullName = `${family[i % 16]} ${middle[(i >> 4) % 10]} ${given[(i * 7) % 32]}`;
      const email = `p${i}.${tag.toLowerCase()}@perf.phuyen.gov.vn`;
      const position = positions[i % 5] ?? null;
      return { fullName, email, position, passwordHash: "", unitId: homes[i % homes.length]!.id, active: i % 10 !== 0, searchText: personSearchText({ fullName, email, position }) };
    });
    for (let i = 0; i < rows.length; i += 5000) await db().user.createMany({ data: rows.slice(i, i + 5000) });
    await db().$executeRawUnsafe(`ANALYZE "User"`);
    await db().$executeRawUnsafe(`ANALYZE "Unit"`);

    const admin = await makeViewer(units[1]!.id, [{ role: "PROVINCE_ADMIN", unitId: province.id }]);
    const communeAdmin = await makeViewer(homes[40]!.id, [{ role: "UNIT_ADMIN", unitId: homes[40]!.id }]);
    const cases: [string, Viewer, Parameters<typeof listPeople>[1]][] = [
      ["province, everyone, page 1", admin, {}],
      ["province, status all, page 1", admin, { status: "all" }],
      ["province, page 1000", admin, { status: "all", page: 1000 }],
      ["province, q=nguyen", admin, { q: "nguyen" }],
      ["province, q=nguyen van an", admin, { q: "nguyen van an" }],
      ["province, q=chu tich", admin, { q: "chu tich" }],
      ["province, q=p4999", admin, { q: `p4999.${tag}` }],
      ["province, district subtree", admin, { unitId: districts[3]!.id }],
      ["commune admin, everyone", communeAdmin, {}],
    ];
    const report: string[] = [];
    const slow: string[] = [];
    for (const [label, viewer, input] of cases) {
      for (let i = 0; i < 3; i++) await listPeople(viewer, input); // warm-up
      const times: number[] = [];
      for (let i = 0; i < 40; i++) {
        const t0 = performance.now();
        await listPeople(viewer, input);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const p50 = times[19]!;
      const p95 = times[37]!;
      // The database's own time for each statement, apart from this process and the network.
      const { sql } = peopleListSql(viewer, input);
      const server = async (q: Prisma.Sql) => {
        const plan = await db().$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN (ANALYZE, TIMING OFF) ${q}`;
        return Number(/Execution Time: ([\d.]+)/.exec(plan.map((r) => r["QUERY PLAN"]).join("\n"))?.[1]);
      };
      const [rowsMs, countMs] = [await server(sql!.rows), await server(sql!.count)];
      report.push(
        `${label.padEnd(32)} p50 ${p50.toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  server: page ${rowsMs.toFixed(1)} ms, count ${countMs.toFixed(1)} ms  (total ${(await listPeople(viewer, input)).total})`,
      );
      slow.push(...(p95 < 200 ? [] : [label]));
    }
    console.log(report.join("\n"));
    expect(slow).toEqual([]);
  });
});
