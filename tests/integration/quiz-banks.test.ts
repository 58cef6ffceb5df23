import { describe, expect, it } from "vitest";
import { loadViewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import {
  archiveQuestion,
  createBank,
  createCategory,
  createQuestion,
  deleteCategory,
  moveCategory,
  moveQuestion,
  renameBank,
  renameCategory,
  updateQuestion,
} from "@/lib/quizzes/banks/commands";
import { commitQuestionImport, discardQuestionImport, exportBankGift, questionImportPreview, stageQuestionImport } from "@/lib/quizzes/banks/import";
import { bankDetail, bankForImport, bankOwnerChoices, listBanks, listQuestions, questionForEdit, questionVersion } from "@/lib/quizzes/banks/queries";
import { parseGift } from "@/lib/quizzes/formats/gift";
import type { QuestionDraft } from "@/lib/quizzes/question-types";
import { makeCourse } from "@/lib/testing/course-factories";
import { appError, codeOf } from "@/lib/testing/errors";
import { makeProvince, makeUser, makeViewer } from "@/lib/testing/factories";
import { choiceDraft, makeBank, makeQuestion } from "@/lib/testing/quiz-factories";

const FORGED = "00000000-0000-4000-8000-000000000000";

/** A province with its bank and a course bank, the people who edit them, and outsiders. */
async function scene() {
  const p = await makeProvince();
  const other = await makeProvince();
  const trainerUser = await makeUser({ unitId: p.agency.id, grants: [{ role: "TRAINER", unitId: p.agency.id }] });
  const course = await makeCourse({ unitId: p.agency.id, trainerIds: [trainerUser.id] });
  const provBank = await makeBank({ unitId: p.province.id, name: "Ngân hàng tỉnh" });
  const courseBank = await makeBank({ courseId: course.id, name: "Ngân hàng khóa học" });
  const otherBank = await makeBank({ unitId: other.province.id });
  const trainer = (await loadViewer(trainerUser.id))!;
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  const communeAdmin = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
  const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
  const outsider = await makeViewer(other.agency.id, [{ role: "PROVINCE_ADMIN", unitId: other.province.id }]);
  const question = await makeQuestion({ bankId: provBank.bank.id, categoryId: provBank.category.id, draft: choiceDraft("Thủ tục hành chính") });
  return { ...p, other, course, provBank, courseBank, otherBank, trainer, admin, communeAdmin, learner, outsider, question };
}

const auditCount = (action: string, entityId: string) => db().auditEvent.count({ where: { action, entityId } });

describe("questions: create, versions, read, archive", () => {
  it("an edit adds version 2 and leaves version 1 as it was; search, tags and the audit follow", async () => {
    const s = await scene();
    const { id } = await createQuestion(s.admin, {
      bankId: s.provBank.bank.id,
      categoryId: s.provBank.category.id,
      draft: { ...choiceDraft("Một cửa liên thông"), tags: ["CCHC", "CCHC", " Một cửa "] },
    });
    expect(await auditCount("bank.question.create", id)).toBe(1);
    const edited: QuestionDraft = { ...choiceDraft("Một cửa điện tử"), text: "<p>Mới <script>alert(1)</script><b>đậm</b></p>", tags: ["Điện tử"] };
    expect(await updateQuestion(s.admin, id, edited)).toEqual({ version: 2 });

    const q = await questionForEdit(s.admin, id);
    expect(q.latest.version).toBe(2);
    expect(q.latest.name).toBe("Một cửa điện tử");
    expect(q.latest.text).toBe("<p>Mới <strong>đậm</strong></p>");
    expect(q.latest.generalFeedback).toEqual({ text: "Nhận xét chung.", format: "plain" });
    expect(q.latest.category).toEqual(["Mặc định"]);
    expect(q.tags).toEqual(["Điện tử"]);
    expect(q.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(q.versions[0]!.createdBy).toBe(s.admin.fullName);

    const v1 = await questionVersion(s.admin, id, 1);
    expect(v1.name).toBe("Một cửa liên thông");
    expect(v1.tags).toEqual(["Điện tử"]); // tags belong to the question, not to a version
    const stored = await db().questionVersion.findMany({ where: { questionId: id }, orderBy: { version: "asc" } });
    expect(stored.map((v) => [v.version, v.name])).toEqual([[1, "Một cửa liên thông"], [2, "Một cửa điện tử"]]);
    expect(await auditCount("bank.question.update", id)).toBe(1);

    const found = await listQuestions(s.admin, s.provBank.bank.id, { q: "DIEN TU" });
    expect(found.rows.map((r) => [r.id, r.version])).toEqual([[id, 2]]);
    expect((await listQuestions(s.admin, s.provBank.bank.id, { q: "liên thông" })).rows).toEqual([]);
  });

  it("refuses a bad draft with the field, writes nothing; the type never changes", async () => {
    const s = await scene();
    const noRight = { ...choiceDraft("Sai"), data: { options: [{ id: "a", text: { text: "A", format: "plain" }, fraction: 0.5 }, { id: "b", text: { text: "B", format: "plain" }, fraction: 0 }] } };
    const e = await appError(createQuestion(s.admin, { bankId: s.provBank.bank.id, categoryId: s.provBank.category.id, draft: noRight }));
    expect([e.code, e.messageKey, e.field]).toEqual(["VALIDATION", "banks.rule.singleNeedsFull", "data.options"]);

    const range: QuestionDraft = {
      type: "NUMERICAL", name: "Số", text: "Bao nhiêu?", format: "plain", defaultMark: 1, category: [], tags: [],
      data: { answers: [{ kind: "range", id: "r", min: 5, max: 1, fraction: 1 }] },
    };
    expect((await appError(createQuestion(s.admin, { bankId: s.provBank.bank.id, categoryId: s.provBank.category.id, draft: range }))).field).toBe("data.answers.0.max");
    const onePair: QuestionDraft = {
      type: "MATCHING", name: "Ghép", text: "Ghép", format: "plain", defaultMark: 1, category: [], tags: [],
      data: { pairs: [{ id: "p1", left: { text: "A", format: "plain" }, right: "1" }, { id: "p2", left: { text: "", format: "plain" }, right: "2" }] },
    };
    expect((await appError(createQuestion(s.admin, { bankId: s.provBank.bank.id, categoryId: s.provBank.category.id, draft: onePair }))).messageKey).toBe("banks.rule.twoPairs");
    const emptyName = await appError(createQuestion(s.admin, { bankId: s.provBank.bank.id, categoryId: s.provBank.category.id, draft: { ...choiceDraft("x"), name: "  " } }));
    expect(emptyName.field).toBe("name");
    // A category of another bank.
    expect((await appError(createQuestion(s.admin, { bankId: s.provBank.bank.id, categoryId: s.courseBank.category.id, draft: choiceDraft("x") }))).field).toBe("categoryId");
    expect(await db().question.count({ where: { bankId: s.provBank.bank.id } })).toBe(1);

    const tf: QuestionDraft = { type: "TRUE_FALSE", name: "Đ/S", text: "Đúng?", format: "plain", defaultMark: 1, category: [], tags: [], data: { answer: true } };
    expect((await appError(updateQuestion(s.admin, s.question.id, tf))).field).toBe("type");
    expect((await db().question.findUniqueOrThrow({ where: { id: s.question.id } })).latestVersion).toBe(1);
  });

  it("archives and restores; the default list hides archived questions", async () => {
    const s = await scene();
    expect(await archiveQuestion(s.admin, s.question.id, true)).toEqual({ changed: true });
    expect(await archiveQuestion(s.admin, s.question.id, true)).toEqual({ changed: false });
    expect((await listQuestions(s.admin, s.provBank.bank.id)).rows).toEqual([]);
    expect((await listQuestions(s.admin, s.provBank.bank.id, { archived: true })).rows.map((r) => r.id)).toEqual([s.question.id]);
    expect((await questionForEdit(s.admin, s.question.id)).archived).toBe(true);
    await archiveQuestion(s.admin, s.question.id, false);
    expect((await listQuestions(s.admin, s.provBank.bank.id)).total).toBe(1);
  });

  it("outsiders: another province, a learner, a commune admin and forged ids are NOT_FOUND; a trainer who only reads is FORBIDDEN", async () => {
    const s = await scene();
    const draft = choiceDraft("Câu mới");
    for (const v of [s.outsider, s.learner, s.communeAdmin]) {
      expect(await codeOf(createQuestion(v, { bankId: s.provBank.bank.id, categoryId: s.provBank.category.id, draft }))).toBe("NOT_FOUND");
      expect(await codeOf(updateQuestion(v, s.question.id, draft))).toBe("NOT_FOUND");
      expect(await codeOf(questionForEdit(v, s.question.id))).toBe("NOT_FOUND");
      expect(await codeOf(questionVersion(v, s.question.id, 1))).toBe("NOT_FOUND");
      expect(await codeOf(archiveQuestion(v, s.question.id, true))).toBe("NOT_FOUND");
      expect(await codeOf(moveQuestion(v, s.question.id, s.provBank.category.id))).toBe("NOT_FOUND");
      expect(await codeOf(listQuestions(v, s.provBank.bank.id))).toBe("NOT_FOUND");
      expect(await codeOf(bankDetail(v, s.provBank.bank.id))).toBe("NOT_FOUND");
      expect(await codeOf(renameBank(v, s.provBank.bank.id, "X"))).toBe("NOT_FOUND");
      expect(await codeOf(createCategory(v, s.provBank.bank.id, { name: "X" }))).toBe("NOT_FOUND");
      expect(await codeOf(renameCategory(v, s.provBank.category.id, "X"))).toBe("NOT_FOUND");
      expect(await codeOf(moveCategory(v, s.provBank.category.id, null))).toBe("NOT_FOUND");
      expect(await codeOf(deleteCategory(v, s.provBank.category.id))).toBe("NOT_FOUND");
      expect((await listBanks(v)).map((b) => b.id)).not.toContain(s.provBank.bank.id);
      expect((await listBanks(v)).map((b) => b.id)).not.toContain(s.courseBank.bank.id);
    }
    for (const v of [s.admin, s.trainer]) {
      expect(await codeOf(questionForEdit(v, FORGED))).toBe("NOT_FOUND");
      expect(await codeOf(updateQuestion(v, FORGED, draft))).toBe("NOT_FOUND");
      expect(await codeOf(archiveQuestion(v, FORGED, true))).toBe("NOT_FOUND");
      expect(await codeOf(moveQuestion(v, FORGED, FORGED))).toBe("NOT_FOUND");
      expect(await codeOf(createQuestion(v, { bankId: FORGED, categoryId: FORGED, draft }))).toBe("NOT_FOUND");
      expect(await codeOf(listQuestions(v, FORGED))).toBe("NOT_FOUND");
      expect(await codeOf(bankDetail(v, FORGED))).toBe("NOT_FOUND");
      expect(await codeOf(renameBank(v, FORGED, "X"))).toBe("NOT_FOUND");
      expect(await codeOf(createCategory(v, FORGED, { name: "X" }))).toBe("NOT_FOUND");
      expect(await codeOf(renameCategory(v, FORGED, "X"))).toBe("NOT_FOUND");
      expect(await codeOf(moveCategory(v, FORGED, null))).toBe("NOT_FOUND");
      expect(await codeOf(deleteCategory(v, FORGED))).toBe("NOT_FOUND");
      expect(await codeOf(createBank(v, { name: "X", courseId: FORGED }))).toBe("NOT_FOUND");
    }
    // The admin of another province never reaches this province's banks, even with a real id.
    expect(await codeOf(questionForEdit(s.admin, (await makeQuestion({ bankId: s.otherBank.bank.id, categoryId: s.otherBank.category.id, draft })).id))).toBe("NOT_FOUND");
    expect(await codeOf(createBank(s.outsider, { name: "X", unitId: s.province.id }))).toBe("NOT_FOUND");
    expect(await codeOf(createBank(s.outsider, { name: "X", courseId: s.course.id }))).toBe("NOT_FOUND");
    expect(await bankOwnerChoices(s.outsider)).toMatchObject({ courses: expect.not.arrayContaining([expect.objectContaining({ id: s.course.id })]) });
    expect((await bankOwnerChoices(s.outsider)).units.map((u) => u.id)).not.toContain(s.province.id);

    expect(await codeOf(questionVersion(s.admin, s.question.id, 99))).toBe("NOT_FOUND");
    // An agency's admin holds course:read on the agency only: the province's bank is not theirs to see.
    const agencyAdmin = await makeViewer(s.agency.id, [{ role: "UNIT_ADMIN", unitId: s.agency.id }]);
    expect(await codeOf(questionForEdit(agencyAdmin, s.question.id))).toBe("NOT_FOUND");
    // Another trainer of the agency, not one of this course's: its bank is NOT_FOUND.
    const readerUser = await makeUser({ unitId: s.agency.id, grants: [{ role: "TRAINER", unitId: s.agency.id }] });
    const reader = (await loadViewer(readerUser.id))!;
    expect(await codeOf(listQuestions(reader, s.courseBank.bank.id))).toBe("NOT_FOUND");
  });

  it("an editor without rights on a bank they see is FORBIDDEN", async () => {
    const s = await scene();
    // No role holds course:read without course:manage, so the viewer is made by hand from the
    // province admin: the bank is seen (course:read) but not editable.
    const readOnly = { ...s.admin, scopes: new Map([...s.admin.scopes].filter(([p]) => p !== "course:manage")) };
    expect((await questionForEdit(readOnly, s.question.id)).canEdit).toBe(false);
    expect(await codeOf(updateQuestion(readOnly, s.question.id, choiceDraft("x")))).toBe("FORBIDDEN");
    expect(await codeOf(createQuestion(readOnly, { bankId: s.provBank.bank.id, categoryId: s.provBank.category.id, draft: choiceDraft("x") }))).toBe("FORBIDDEN");
    expect(await codeOf(archiveQuestion(readOnly, s.question.id, true))).toBe("FORBIDDEN");
    expect(await codeOf(moveQuestion(readOnly, s.question.id, s.provBank.category.id))).toBe("FORBIDDEN");
    expect(await codeOf(renameBank(readOnly, s.provBank.bank.id, "Đổi"))).toBe("FORBIDDEN");
    expect(await codeOf(createCategory(readOnly, s.provBank.bank.id, { name: "Mới" }))).toBe("FORBIDDEN");
    expect(await codeOf(renameCategory(readOnly, s.provBank.category.id, "Mới"))).toBe("FORBIDDEN");
    expect(await codeOf(moveCategory(readOnly, s.provBank.category.id, null))).toBe("FORBIDDEN");
    expect(await codeOf(deleteCategory(readOnly, s.provBank.category.id))).toBe("FORBIDDEN");
    expect(await codeOf(createBank(readOnly, { name: "X", unitId: s.province.id }))).toBe("FORBIDDEN");
    expect((await listBanks(readOnly)).find((b) => b.id === s.provBank.bank.id)?.canEdit).toBe(false);
    expect((await db().questionVersion.count({ where: { questionId: s.question.id } }))).toBe(1);
  });
});

describe("banks and categories", () => {
  it("creates a unit bank and a course bank with the default category; lists what each viewer sees", async () => {
    const s = await scene();
    const unitBank = await createBank(s.admin, { name: "  Ngân hàng CCHC  ", unitId: s.agency.id });
    const courseBank = await createBank(s.trainer, { name: "Ngân hàng của lớp", courseId: s.course.id });
    const detail = await bankDetail(s.admin, unitBank.id);
    expect(detail.bank.name).toBe("Ngân hàng CCHC");
    expect(detail.categories.map((c) => c.name)).toEqual(["Mặc định"]);
    expect(await auditCount("bank.create", unitBank.id)).toBe(1);

    const adminSees = (await listBanks(s.admin)).map((b) => b.id);
    expect(adminSees).toEqual(expect.arrayContaining([unitBank.id, courseBank.id, s.provBank.bank.id, s.courseBank.bank.id]));
    expect(adminSees).not.toContain(s.otherBank.bank.id);
    const trainerSees = await listBanks(s.trainer);
    expect(trainerSees.map((b) => b.id).sort()).toEqual([courseBank.id, s.courseBank.bank.id].sort());
    expect(trainerSees.every((b) => b.canEdit)).toBe(true);
    expect(await listBanks(s.learner)).toEqual([]);
    expect((await bankOwnerChoices(s.trainer)).courses.map((c) => c.id)).toEqual([s.course.id]);
    expect((await bankOwnerChoices(s.trainer)).units).toEqual([]);

    expect(await codeOf(createBank(s.trainer, { name: "X", unitId: s.agency.id }))).toBe("NOT_FOUND");
    expect((await appError(createBank(s.admin, { name: "", unitId: s.agency.id }))).field).toBe("name");
    expect((await appError(createBank(s.admin, { name: "X" }))).field).toBe("owner");
    expect(await renameBank(s.admin, unitBank.id, "Tên mới")).toEqual({ changed: true });
    expect((await bankDetail(s.admin, unitBank.id)).bank.name).toBe("Tên mới");
  });

  it("nests categories, refuses duplicates and cycles, lists a category with its subcategories, deletes only empty ones", async () => {
    const s = await scene();
    const bankId = s.provBank.bank.id;
    const cchc = await createCategory(s.admin, bankId, { name: "CCHC" });
    const motCua = await createCategory(s.admin, bankId, { parentId: cchc.id, name: "Một cửa" });
    const sub = await createCategory(s.admin, bankId, { parentId: motCua.id, name: "Liên thông" });
    expect((await appError(createCategory(s.admin, bankId, { parentId: cchc.id, name: "một cửa" }))).code).toBe("CONFLICT");
    expect((await appError(createCategory(s.admin, bankId, { name: "cchc" }))).code).toBe("CONFLICT");
    expect((await appError(createCategory(s.admin, bankId, { name: "a/b" }))).messageKey).toBe("banks.categorySlash");
    expect((await appError(createCategory(s.admin, bankId, { parentId: s.courseBank.category.id, name: "X" }))).field).toBe("parentId");

    const detail = await bankDetail(s.admin, bankId);
    expect(detail.categories.map((c) => [c.path.join("/"), c.depth])).toEqual([
      ["CCHC", 0], ["CCHC/Một cửa", 1], ["CCHC/Một cửa/Liên thông", 2], ["Mặc định", 0],
    ]);

    expect((await appError(moveCategory(s.admin, cchc.id, sub.id))).messageKey).toBe("banks.categoryCycle");
    expect((await appError(moveCategory(s.admin, cchc.id, cchc.id))).messageKey).toBe("banks.categoryCycle");
    expect(await moveCategory(s.admin, sub.id, cchc.id)).toEqual({ changed: true });
    expect(await renameCategory(s.admin, sub.id, "Liên thông điện tử")).toEqual({ changed: true });

    const q = await createQuestion(s.admin, { bankId, categoryId: motCua.id, draft: choiceDraft("Trong một cửa") });
    await moveQuestion(s.admin, q.id, sub.id);
    expect((await listQuestions(s.admin, bankId, { categoryId: cchc.id })).rows).toEqual([]);
    expect((await listQuestions(s.admin, bankId, { categoryId: cchc.id, includeSubcategories: true })).rows.map((r) => r.id)).toEqual([q.id]);
    expect((await appError(moveQuestion(s.admin, q.id, s.courseBank.category.id))).field).toBe("categoryId");

    expect((await appError(deleteCategory(s.admin, sub.id))).code).toBe("CONFLICT");
    expect((await appError(deleteCategory(s.admin, cchc.id))).code).toBe("CONFLICT");
    await deleteCategory(s.admin, motCua.id);
    expect(await db().questionCategory.count({ where: { id: motCua.id } })).toBe(0);
    expect(await auditCount("bank.category.delete", motCua.id)).toBe(1);
  });

  it("filters by tag and pages", async () => {
    const s = await scene();
    const bankId = s.provBank.bank.id;
    for (let i = 0; i < 3; i++) {
      await createQuestion(s.admin, { bankId, categoryId: s.provBank.category.id, draft: { ...choiceDraft(`Gắn thẻ ${i}`), tags: ["Luật"] } });
    }
    expect((await listQuestions(s.admin, bankId, { tag: "Luật" })).total).toBe(3);
    expect((await bankDetail(s.admin, bankId)).tags).toEqual(["Luật"]);
    const page2 = await listQuestions(s.admin, bankId, { page: 2 });
    expect([page2.total, page2.rows.length]).toEqual([4, 0]);
  });
});

/** Two good questions in a nested category, one broken (line 8: an unclosed brace), one good in the default category. */
const GIFT = [
  "$CATEGORY: CCHC/Một cửa",
  "",
  "::Tiếp nhận hồ sơ::Bộ phận nào tiếp nhận hồ sơ? {=Bộ phận một cửa ~Văn thư ~Lãnh đạo}",
  "",
  "::Thời hạn::Thời hạn trả kết quả được ghi ở đâu? {=Giấy tiếp nhận ~Không ghi}",
  "",
  "// the next one is broken",
  "::Hỏng::Câu này thiếu dấu đóng {=A ~B",
  "",
  "$CATEGORY: Luật",
  "",
  "::Đúng sai::Luật Cán bộ, công chức có hiệu lực từ 2010. {T}",
  "",
].join("\n");

const stage = (viewer: Parameters<typeof stageQuestionImport>[0], bankId: string, text = GIFT) =>
  stageQuestionImport(viewer, bankId, { fileName: "cau-hoi.gift.txt", format: "gift", bytes: new TextEncoder().encode(text) });

describe("import (GIFT) and export", () => {
  it("previews every question with its problems by line; all-or-nothing refuses; valid-only imports into categories from the paths", async () => {
    const s = await scene();
    const bankId = s.provBank.bank.id;
    // "cchc" exists already (another case): the file's "CCHC" goes into it.
    const cchc = await createCategory(s.admin, bankId, { name: "cchc" });
    const { id } = await stage(s.admin, bankId);
    const preview = await questionImportPreview(s.admin, id);
    expect(preview.items.map((i) => [i.line, i.name, i.valid, i.category.join("/")])).toEqual([
      [3, "Tiếp nhận hồ sơ", true, "CCHC/Một cửa"],
      [5, "Thời hạn", true, "CCHC/Một cửa"],
      [8, "Hỏng", false, ""], // not read: no draft, no category
      [12, "Đúng sai", true, "Luật"],
    ]);
    expect(preview.items[2]!.problems.map((p) => p.line)).toContain(8);
    expect([preview.valid, preview.invalid]).toEqual([3, 1]);

    const before = await db().question.count({ where: { bankId } });
    const refused = await appError(commitQuestionImport(s.admin, id, { validOnly: false }));
    expect([refused.code, refused.messageKey, refused.params]).toEqual(["VALIDATION", "banks.import.hasInvalid", { count: 1 }]);
    expect(await db().question.count({ where: { bankId } })).toBe(before);
    expect(await db().questionCategory.count({ where: { bankId } })).toBe(2);

    const done = await commitQuestionImport(s.admin, id, { validOnly: true });
    expect(done).toEqual({ bankId, imported: 3, skipped: 1, categoriesCreated: 2 });
    const detail = await bankDetail(s.admin, bankId);
    expect(detail.categories.map((c) => [c.path.join("/"), c.questionCount])).toEqual([
      ["cchc", 0], ["cchc/Một cửa", 2], ["Luật", 1], ["Mặc định", 1],
    ]);
    expect(detail.categories[0]!.id).toBe(cchc.id);
    const names = (await listQuestions(s.admin, bankId, { categoryId: cchc.id, includeSubcategories: true })).rows.map((r) => [r.name, r.version]);
    expect(names).toEqual([["Tiếp nhận hồ sơ", 1], ["Thời hạn", 1]]);
    expect(await db().auditEvent.count({ where: { action: "bank.import", entityId: bankId } })).toBe(1);
    // Imported once: the parsed file is gone.
    expect(await codeOf(commitQuestionImport(s.admin, id, { validOnly: true }))).toBe("NOT_FOUND");
    expect(await db().question.count({ where: { bankId } })).toBe(before + 3);
  });

  it("a file without errors imports whole; two clicks at once import it once", async () => {
    const s = await scene();
    const bankId = s.courseBank.bank.id;
    const good = GIFT.split("\n").filter((l, i) => i !== 7 && i !== 6).join("\n");
    const { id } = await stage(s.trainer, bankId, good);
    expect((await questionImportPreview(s.trainer, id)).invalid).toBe(0);
    const results = await Promise.allSettled([
      commitQuestionImport(s.trainer, id, { validOnly: false }),
      commitQuestionImport(s.trainer, id, { validOnly: false }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().question.count({ where: { bankId } })).toBe(3);
  });

  it("reads Aiken; a file that is not text is one problem and nothing to import", async () => {
    const s = await scene();
    const bankId = s.provBank.bank.id;
    const aiken = "Thủ đô của Việt Nam là?\nA. Hà Nội\nB. Huế\nANSWER: A\n";
    const { id } = await stageQuestionImport(s.admin, bankId, { fileName: "aiken.txt", format: "aiken", bytes: new TextEncoder().encode(aiken) });
    const preview = await questionImportPreview(s.admin, id);
    expect(preview.items.map((i) => [i.line, i.type, i.valid])).toEqual([[1, "SINGLE_CHOICE", true]]);
    const pdf = await stageQuestionImport(s.admin, bankId, { fileName: "x.pdf", format: "gift", bytes: new TextEncoder().encode("%PDF-1.4 ...") });
    const refused = await questionImportPreview(s.admin, pdf.id);
    expect([refused.items.length, refused.problems.map((p) => p.key)]).toEqual([0, ["quizImport.file.pdf"]]);
  });

  it("nothing valid imports nothing; discarding forgets the file", async () => {
    const s = await scene();
    const bankId = s.provBank.bank.id;
    const { id } = await stage(s.admin, bankId, "::Hỏng::Thiếu {=A ~B\n");
    expect((await appError(commitQuestionImport(s.admin, id, { validOnly: true }))).messageKey).toBe("banks.import.nothingValid");
    expect(await discardQuestionImport(s.admin, id)).toEqual({ bankId });
    expect(await codeOf(questionImportPreview(s.admin, id))).toBe("NOT_FOUND");
  });

  it("exports the bank or a category as GIFT that reads back to the same questions", async () => {
    const s = await scene();
    const bankId = s.provBank.bank.id;
    const { id } = await stage(s.admin, bankId);
    await commitQuestionImport(s.admin, id, { validOnly: true });
    const whole = await exportBankGift(s.admin, bankId);
    const back = parseGift(whole.text);
    expect(back.items.map((i) => i.name).sort()).toEqual(["Thủ tục hành chính", "Tiếp nhận hồ sơ", "Thời hạn", "Đúng sai"].sort());
    expect(back.items.every((i) => i.draft !== null)).toBe(true);
    expect(back.items.find((i) => i.name === "Thời hạn")!.draft!.category).toEqual(["CCHC", "Một cửa"]);
    const cchc = (await bankDetail(s.admin, bankId)).categories.find((c) => c.name === "CCHC")!;
    const part = parseGift((await exportBankGift(s.admin, bankId, cchc.id)).text);
    expect(part.items.map((i) => i.name).sort()).toEqual(["Thời hạn", "Tiếp nhận hồ sơ"].sort());
    expect(whole.fileName).toBe("Ngân hàng tỉnh.gift.txt");
  });

  it("outsiders never stage, see, import or export; another editor of the bank does not see someone else's preview", async () => {
    const s = await scene();
    const bankId = s.provBank.bank.id;
    const { id } = await stage(s.admin, bankId);
    for (const v of [s.outsider, s.learner, s.communeAdmin, s.trainer]) {
      expect(await codeOf(stage(v, bankId))).toBe("NOT_FOUND");
      expect(await codeOf(bankForImport(v, bankId))).toBe("NOT_FOUND");
      expect(await codeOf(questionImportPreview(v, id))).toBe("NOT_FOUND");
      expect(await codeOf(commitQuestionImport(v, id, { validOnly: true }))).toBe("NOT_FOUND");
      expect(await codeOf(discardQuestionImport(v, id))).toBe("NOT_FOUND");
      expect(await codeOf(exportBankGift(v, bankId))).toBe("NOT_FOUND");
    }
    const otherEditor = await makeViewer(s.province.id, [{ role: "PROVINCE_ADMIN", unitId: s.province.id }]);
    expect(await codeOf(questionImportPreview(otherEditor, id))).toBe("NOT_FOUND");
    expect(await codeOf(commitQuestionImport(otherEditor, id, { validOnly: true }))).toBe("NOT_FOUND");
    for (const v of [s.admin, s.trainer]) {
      expect(await codeOf(stage(v, FORGED))).toBe("NOT_FOUND");
      expect(await codeOf(bankForImport(v, FORGED))).toBe("NOT_FOUND");
      expect(await codeOf(questionImportPreview(v, FORGED))).toBe("NOT_FOUND");
      expect(await codeOf(commitQuestionImport(v, FORGED, { validOnly: true }))).toBe("NOT_FOUND");
      expect(await codeOf(discardQuestionImport(v, FORGED))).toBe("NOT_FOUND");
      expect(await codeOf(exportBankGift(v, FORGED))).toBe("NOT_FOUND");
    }
    expect(await codeOf(exportBankGift(s.admin, bankId, s.courseBank.category.id))).toBe("NOT_FOUND");
    const readOnly = { ...s.admin, scopes: new Map([...s.admin.scopes].filter(([p]) => p !== "course:manage")) };
    expect(await codeOf(stage(readOnly, bankId))).toBe("FORBIDDEN");
    expect(await codeOf(bankForImport(readOnly, bankId))).toBe("FORBIDDEN");
    expect(await codeOf(exportBankGift(readOnly, bankId))).toBe("OK");
    expect(await db().question.count({ where: { bankId } })).toBe(1);
  });
});
