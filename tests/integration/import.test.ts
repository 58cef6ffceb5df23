import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { hashToken } from "@/lib/accounts/tokens";
import { verifyPassword } from "@/lib/auth/password";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { importPeople, previewImport, sha256, type ImportProgress } from "@/lib/imports/commit";
import { codeOf } from "@/lib/testing/errors";
import { makeProvince, makeUser, makeViewer, uniq } from "@/lib/testing/factories";
import { personSearchText } from "@/lib/text";

const HEADER = ["Họ và tên", "Email", "Số điện thoại", "Đơn vị (mã)", "Chức vụ", "Ngạch", "Loại"];

function csvFile(rows: string[][], name = "danh-sach.csv") {
  const text = [HEADER, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n");
  return { name, bytes: new TextEncoder().encode(`\uFEFF${text}\r\n`) };
}

/** A fresh province, its city admin (city, ward, commune A) and a tag for unique e-mails. */
async function setup() {
  const p = await makeProvince();
  const admin = await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]);
  const tag = uniq().toLowerCase();
  const mail = (local: string) => `${local}.${tag}@import.taphuan.vn`;
  return { p, admin, mail };
}

/** Everything an import writes, for a set of e-mails and an actor: to prove nothing was written. */
async function written(emails: string[], actor: Viewer) {
  const users = await db().user.findMany({ where: { email: { in: emails } }, select: { id: true } });
  const ids = users.map((u) => u.id);
  return {
    users: users.length,
    grants: await db().roleGrant.count({ where: { userId: { in: ids } } }),
    tokens: await db().accountToken.count({ where: { userId: { in: ids } } }),
    mails: await db().outboxMail.count({ where: { to: { in: emails } } }),
    audits: await db().auditEvent.count({ where: { actorId: actor.userId, action: "person.import" } }),
  };
}
const NOTHING = { users: 0, grants: 0, tokens: 0, mails: 0, audits: 0 };

const errorKeys = (preview: Awaited<ReturnType<typeof previewImport>>, line: number) =>
  preview.rows.find((r) => r.line === line)!.errors.map((e) => `${e.field}:${e.key}`).sort();

describe("preview", () => {
  it("reports every kind of row error, with all errors of a row, and writes nothing", async () => {
    const { p, admin, mail } = await setup();
    const existing = await makeUser({ unitId: p.communeA.id, email: mail("da.co") });
    const file = csvFile([
      ["Nguyễn Văn An", mail("an"), "0905123456", p.communeA.code, "Chuyên viên", "Chuyên viên", "Công chức"], // 2 valid
      ["", mail("thieu.ten"), "", p.communeA.code, "", "", ""], // 3 missing name
      ["Trần Bình", "khong-phai-thu", "", p.communeA.code, "", "", ""], // 4 bad e-mail
      ["Lê Trùng", mail("trung"), "", p.ward.code, "", "", ""], // 5 duplicate of 6
      ["Lê Trùng Hai", mail("TRUNG"), "", p.ward.code, "", "", ""], // 6 duplicate of 5
      ["Phạm Đã Có", existing.email.toUpperCase(), "", p.communeA.code, "", "", ""], // 7 taken
      ["Võ Không Mã", mail("khong.ma"), "", "KHONG.TON.TAI", "", "", ""], // 8 unknown unit
      ["Đặng Ngoài", mail("ngoai"), "", p.communeB.code, "", "", ""], // 9 outside scope
      ["Huỳnh Số Sai", mail("so.sai"), "12345", p.communeA.code, "", "", ""], // 10 bad phone
      ["Bùi Loại Sai", mail("loai.sai"), "", p.communeA.code, "", "", "Hợp đồng"], // 11 bad category
      ["", "sai", "abc", "", "", "", "xyz"], // 12 everything wrong at once
    ]);
    const preview = await previewImport(admin, file);
    expect(preview).toMatchObject({ kind: "csv", total: 11, valid: 1, invalid: 10, sha256: sha256(file.bytes) });
    expect(errorKeys(preview, 2)).toEqual([]);
    expect(errorKeys(preview, 3)).toEqual(["fullName:validation.required"]);
    expect(errorKeys(preview, 4)).toEqual(["email:validation.email"]);
    expect(errorKeys(preview, 5)).toEqual(["email:imports.duplicateInFile"]);
    expect(preview.rows[3]!.errors[0]!.params).toEqual({ rows: "6" });
    expect(preview.rows[4]!.errors[0]!.params).toEqual({ rows: "5" });
    expect(errorKeys(preview, 7)).toEqual(["email:imports.emailTaken"]);
    expect(errorKeys(preview, 8)).toEqual(["unitCode:imports.unknownUnit"]);
    // A unit outside the importer's scope is reported exactly like one that does not exist.
    expect(errorKeys(preview, 9)).toEqual(["unitCode:imports.unknownUnit"]);
    expect(preview.rows[7]!.errors[0]!.params).toEqual({ code: p.communeB.code });
    expect(errorKeys(preview, 10)).toEqual(["phone:validation.phone"]);
    expect(errorKeys(preview, 11)).toEqual(["category:imports.badCategory"]);
    expect(errorKeys(preview, 12)).toEqual(
      ["category:imports.badCategory", "email:validation.email", "fullName:validation.required", "phone:validation.phone", "unitCode:validation.required"].sort(),
    );
    expect(await written([mail("an"), mail("trung")], admin)).toEqual(NOTHING);
  });

  it("is refused to people without person:import, and a bad file is a file error", async () => {
    const { p, admin, mail } = await setup();
    const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
    const file = csvFile([["Nguyễn Văn An", mail("an"), "", p.communeA.code, "", "", ""]]);
    expect(await codeOf(previewImport(learner, file))).toBe("FORBIDDEN");
    expect(await codeOf(importPeople(learner, file, { mode: "validOnly" }))).toBe("FORBIDDEN");
    const error = await previewImport(admin, { name: "x.xlsx", bytes: new TextEncoder().encode("Tên,Ghi chú\na,b\n") }).catch((e) => e);
    expect(error).toMatchObject({ code: "VALIDATION", field: "file", messageKey: "imports.missingColumns" });
    expect(await written([mail("an")], learner)).toEqual(NOTHING);
  });
});

describe("import", () => {
  it("all-or-nothing: one bad row and the database is untouched", async () => {
    const { p, admin, mail } = await setup();
    const emails = [mail("a"), mail("b"), mail("c")];
    const file = csvFile([
      ["Nguyễn Văn A", emails[0]!, "", p.communeA.code, "", "", ""],
      ["Nguyễn Văn B", emails[1]!, "", p.ward.code, "", "", ""],
      ["Nguyễn Văn C", emails[2]!, "", p.city.code, "", "", ""],
      ["Sai Số", mail("d"), "999", p.city.code, "", "", ""],
    ]);
    const progress: ImportProgress[] = [];
    const result = await importPeople(admin, file, { mode: "all" }, (x) => progress.push(x));
    expect(result.status).toBe("rejected");
    if (result.status === "rejected") expect(result.preview).toMatchObject({ valid: 3, invalid: 1 });
    expect(progress).toEqual([]);
    expect(await written([...emails, mail("d")], admin)).toEqual(NOTHING);
  });

  it("validOnly imports exactly the valid rows: accounts without password, LEARNER grants, search text, invitations, one audit event", async () => {
    const { p, admin, mail } = await setup();
    const file = csvFile([
      ["Nguyễn Văn An", mail("an"), "0905 123 456", p.communeA.code.toLowerCase(), "Phó Chủ tịch", "Chuyên viên chính", "cán bộ"],
      ["Thiếu Đơn Vị", mail("thieu"), "", "", "", "", ""],
      ["Lê Thị Nỷ", mail("ny"), "", p.ward.code, "", "", "VIEN CHUC"],
      ["Ngoài Phạm Vi", mail("ngoai"), "", p.communeB.code, "", "", ""],
    ]);
    const progress: ImportProgress[] = [];
    const result = await importPeople(admin, file, { mode: "validOnly", expectSha256: sha256(file.bytes) }, (x) => progress.push(x));
    expect(result).toEqual({ status: "done", total: 4, created: 2, skipped: 2, sha256: sha256(file.bytes) });
    expect(progress).toEqual([
      { done: 0, total: 2 },
      { done: 2, total: 2 },
    ]);

    const people = await db().user.findMany({
      where: { email: { in: [mail("an"), mail("thieu"), mail("ny"), mail("ngoai")] } },
      include: { grants: true, tokens: true },
      orderBy: { email: "asc" },
    });
    expect(people.map((u) => u.email)).toEqual([mail("an"), mail("ny")]);
    const an = people[0]!;
    expect(an).toMatchObject({
      fullName: "Nguyễn Văn An",
      phone: "0905123456",
      position: "Phó Chủ tịch",
      rank: "Chuyên viên chính",
      category: "CAN_BO",
      unitId: p.communeA.id,
      active: true,
      searchText: personSearchText({ fullName: "Nguyễn Văn An", email: mail("an"), position: "Phó Chủ tịch", phone: "0905123456" }),
    });
    expect(people[1]).toMatchObject({ unitId: p.ward.id, category: "VIEN_CHUC" });
    for (const u of people) {
      expect(u.grants.map((g) => [g.role, g.unitId, g.grantedById])).toEqual([["LEARNER", u.unitId, admin.userId]]);
      expect(await verifyPassword(u.passwordHash, "")).toBe(false);
      expect(u.tokens).toHaveLength(1);
      expect(u.tokens[0]).toMatchObject({ kind: "INVITE", usedAt: null });
      expect(u.tokens[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    }
    // The invitation mail is queued, carrying the link whose hash is stored.
    const mails = await db().outboxMail.findMany({ where: { to: { in: [mail("an"), mail("ny")] } }, orderBy: { to: "asc" } });
    expect(mails.map((m) => [m.to, m.unitId, m.sentAt])).toEqual([
      [mail("an"), p.communeA.id, null],
      [mail("ny"), p.ward.id, null],
    ]);
    const token = /\/invite\/([\w-]+)/.exec(mails[0]!.text)![1]!;
    expect(hashToken(token)).toBe(an.tokens[0]!.tokenHash);
    expect(mails[0]!.text).toContain("Nguyễn Văn An");

    const audits = await db().auditEvent.findMany({ where: { actorId: admin.userId, action: "person.import" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entity: "Import", entityId: sha256(file.bytes), unitId: p.city.id });
    expect(audits[0]!.data).toEqual({
      fileName: "danh-sach.csv",
      sha256: sha256(file.bytes),
      kind: "csv",
      mode: "validOnly",
      rows: 4,
      created: 2,
      skipped: 2,
      byUnit: { [p.communeA.id]: 1, [p.ward.id]: 1 },
    });
  });

  it("a commune A admin cannot import into commune B: a row error, nothing written; the same file minus that row imports", async () => {
    const p = await makeProvince();
    const adminA = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    const tag = uniq().toLowerCase();
    const rows = [
      ["Người Xã A", `a.${tag}@import.taphuan.vn`, "", p.communeA.code, "", "", ""],
      ["Người Xã B", `b.${tag}@import.taphuan.vn`, "", p.communeB.code, "", "", ""],
    ];
    const result = await importPeople(adminA, csvFile(rows), { mode: "all" });
    expect(result.status).toBe("rejected");
    if (result.status === "rejected") {
      expect(result.preview.rows[1]!.errors).toEqual([{ field: "unitCode", key: "imports.unknownUnit", params: { code: p.communeB.code } }]);
    }
    expect(await written([`a.${tag}@import.taphuan.vn`, `b.${tag}@import.taphuan.vn`], adminA)).toEqual(NOTHING);
    expect(await db().user.count({ where: { unitId: p.communeB.id } })).toBe(0);

    const again = await importPeople(adminA, csvFile(rows), { mode: "validOnly" });
    expect(again).toMatchObject({ status: "done", created: 1, skipped: 1 });
    expect(await db().user.count({ where: { unitId: p.communeB.id } })).toBe(0);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { actorId: adminA.userId, action: "person.import" } });
    expect(audit.unitId).toBe(p.communeA.id);
  });

  it("checks again inside the transaction: an e-mail taken or a unit closed since the preview rejects the file", async () => {
    const { p, admin, mail } = await setup();
    const file = csvFile([
      ["Nguyễn Văn A", mail("a"), "", p.communeA.code, "", "", ""],
      ["Nguyễn Văn B", mail("b"), "", p.ward.code, "", "", ""],
    ]);
    expect((await previewImport(admin, file)).invalid).toBe(0);
    await makeUser({ unitId: p.communeB.id, email: mail("a") });
    const result = await importPeople(admin, file, { mode: "all" });
    expect(result.status).toBe("rejected");
    if (result.status === "rejected") expect(result.preview.rows[0]!.errors.map((e) => e.key)).toEqual(["imports.emailTaken"]);
    expect(await db().user.count({ where: { email: mail("b") } })).toBe(0);

    await db().unit.update({ where: { id: p.ward.id }, data: { active: false } });
    const result2 = await importPeople(admin, csvFile([["Nguyễn Văn B", mail("b"), "", p.ward.code, "", "", ""]]), { mode: "validOnly" });
    expect(result2.status).toBe("rejected");
    if (result2.status === "rejected") expect(result2.preview.rows[0]!.errors.map((e) => e.key)).toEqual(["imports.unitClosed"]);
    expect(await written([mail("a"), mail("b")], admin)).toMatchObject({ audits: 0, mails: 0 });
  });

  it("refuses a file different from the one previewed", async () => {
    const { p, admin, mail } = await setup();
    const file = csvFile([["Nguyễn Văn A", mail("a"), "", p.communeA.code, "", "", ""]]);
    const error = await importPeople(admin, file, { mode: "all", expectSha256: "0".repeat(64) }).catch((e) => e);
    expect(error).toMatchObject({ code: "CONFLICT", messageKey: "imports.fileChanged" });
    expect(await written([mail("a")], admin)).toEqual(NOTHING);
  });

  it("two imports of the same people at once: each person exists once, no import is half-written", async () => {
    const { p, admin, mail } = await setup();
    const rows = Array.from({ length: 40 }, (_, i) => [`Người Thứ ${i}`, mail(`cung.${i}`), "", p.communeA.code, "", "", ""]);
    const outcomes = await Promise.all([
      importPeople(admin, csvFile(rows), { mode: "all" }).catch((e: AppError) => e.messageKey),
      importPeople(admin, csvFile(rows), { mode: "all" }).catch((e: AppError) => e.messageKey),
    ]);
    const outcome = outcomes.map((o) => (typeof o === "string" ? o : o.status)).sort();
    // One wins; the other saw its rows (rejected) or collided with its insert (rolled back).
    expect(outcome[0]).toBe("done");
    expect(outcome[1]).toMatch(/^(imports\.changedMeanwhile|rejected)$/);
    expect(await written(rows.map((r) => r[1]!), admin)).toEqual({ users: 40, grants: 40, tokens: 40, mails: 40, audits: 1 });
  });

  it("imports an XLSX made in a spreadsheet program", async () => {
    const { p, admin, mail } = await setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Cán bộ");
    ws.addRow(["HỌ VÀ TÊN", "Thư điện tử", "SĐT", "Mã đơn vị", "Chức vụ", "Ngạch", "Loại (cán bộ/công chức/viên chức)"]);
    ws.addRow(["Trần Thanh Hưng", { text: mail("hung"), hyperlink: `mailto:${mail("hung")}` }, 905123456, p.ward.code, "Báo cáo viên", "", "Viên chức"]);
    const file = { name: "Danh sách.xlsx", bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
    expect(await importPeople(admin, file, { mode: "all" })).toMatchObject({ status: "done", created: 1 });
    expect(await db().user.findUniqueOrThrow({ where: { email: mail("hung") } })).toMatchObject({
      fullName: "Trần Thanh Hưng",
      phone: "0905123456",
      category: "VIEN_CHUC",
      unitId: p.ward.id,
    });
  });
});
