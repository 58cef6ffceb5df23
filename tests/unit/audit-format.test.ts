import { describe, expect, it } from "vitest";
import { FIELDS, describeData, fieldKind, referencedIds, type Names } from "@/lib/audit/format";
import { translator, type Locale } from "@/lib/i18n/messages";
import { vi } from "@/lib/i18n/messages/vi";

// Issue 9: the log showed `status: ACTIVE → WITHDRAWN`, `classId`, `byUnit`, ids and JSON on a
// Vietnamese page. A sample of the data every action records (the shapes written by lib/), rendered
// in both languages: every field known, no raw key, no id, no JSON, no code left untranslated.

const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const [unitA, unitB, person, clazz, course, item, area, section, lesson, file, token, amendment, session] = Array.from({ length: 13 }, (_, i) => U(i + 1));
const names: Names = {
  unit: { [unitA!]: "Xã Hòa Thịnh", [unitB!]: "Phường 1" },
  person: { [person!]: "Nguyễn Thị An" },
  class: { [clazz!]: "Kỹ năng số (K01)" },
  course: { [course!]: "Chứng thực điện tử" },
  planItem: { [item!]: "Bồi dưỡng CCHC" },
  area: { [area!]: "Cải cách hành chính" },
};
const snapshot = { position: 1, title: "Bồi dưỡng CCHC", areaId: area, courseId: course, targetGroups: ["CONG_CHUC"], plannedClasses: 2, plannedParticipants: 60, quarter: 2, leadUnitId: unitA, budgetVnd: "15000000", fundingSource: "Ngân sách tỉnh", note: "", quotas: [{ unitId: unitA, seats: 5 }] };
const session_ = { startsAt: "2027-05-10T01:00:00.000Z", endsAt: "2027-05-10T04:00:00.000Z", place: "Hội trường", onlineUrl: null, trainerId: person };
const classFields = { title: "Kỹ năng số", mode: "ONLINE", capacity: 30, enrolOpensAt: "2027-04-01T00:00:00.000Z", enrolClosesAt: "2027-04-30T00:00:00.000Z", joinPolicy: "SELF", requiresApproval: true };
const person_ = { fullName: "Nguyễn Thị An", email: "an@phuyen.gov.vn", phone: "0905111222", position: "Chủ tịch UBND xã", rank: "Chuyên viên", category: "CONG_CHUC", unitId: unitA };

const SAMPLES: Record<string, unknown> = {
  "auth.signIn": null,
  "auth.signInFailed": { email: "an@phuyen.gov.vn" },
  "auth.signInInactive": null,
  "auth.signInThrottled": { email: "an@phuyen.gov.vn" },
  "access.denied": { via: "page", target: `/classes/${clazz}`, path: "/classes/x", code: "NOT_FOUND" },
  "person.create": { after: { ...person_, mode: "invite" } },
  "person.updateProfile": { before: { phone: "0905111222", position: "Phó Chủ tịch" }, after: { phone: "0905333444", position: "Chủ tịch" } },
  "person.update": { before: { email: "a@x.vn" }, after: { email: "b@x.vn" }, reinvited: true },
  "person.move": { before: { unitId: unitA }, after: { unitId: unitB } },
  "person.deactivate": { before: { active: true }, after: { active: false } },
  "person.reactivate": { before: { active: false }, after: { active: true } },
  "person.anonymise": { after: { fullName: "Người dùng đã ẩn danh", active: false }, redactedEvents: 3, deletedTokens: 1, droppedMails: 0, scrubbedMails: 2 },
  "person.import": { fileName: "danh-sach.xlsx", sha256: "ab".repeat(32), kind: "xlsx", mode: "validOnly", rows: 120, created: 118, skipped: 2, byUnit: { [unitA!]: 100, [unitB!]: 18 } },
  "person.inviteResent": null,
  "privacy.export": { sections: ["profile", "unit", "roles", "signIns", "auditEvents", "accountLinks", "mail"] },
  "unit.create": { after: { code: "X01", name: "Xã Hòa Thịnh", kind: "Xã", parentId: unitB } },
  "unit.rename": { before: { name: "Xã A" }, after: { name: "Xã B" } },
  "unit.move": { before: { parentId: unitA, parentName: "Huyện A" }, after: { parentId: unitB, parentName: "Huyện B" } },
  "unit.deactivate": { before: { active: true }, after: { active: false } },
  "unit.reactivate": { before: { active: false }, after: { active: true } },
  "unit.merge": {
    before: { parentId: unitB, active: true, mergedIntoId: null },
    after: { parentId: unitA, active: false, mergedIntoId: unitA, mergedAt: "2027-01-01T03:00:00.000Z" },
    target: { id: unitA, name: "Xã Hòa Thịnh", code: "X01" },
    movedPeople: [person],
    movedChildren: [],
    movedGrants: [{ id: token, userId: person, role: "LEARNER" }],
    droppedDuplicateGrants: [],
    revokedGrants: [{ id: token, userId: person, role: "UNIT_ADMIN" }],
  },
  "role.grant": { before: null, after: { userId: person, role: "TRAINER", unitId: unitA } },
  "role.revoke": { before: { userId: person, role: "UNIT_ADMIN", unitId: unitA }, after: null, reason: "unit.merge" },
  "account.inviteAccepted": { tokenId: token },
  "account.inviteRefused": { reason: "expired" },
  "account.passwordChangeRefused": { reason: "wrongCurrent" },
  "account.passwordChanged": { forced: true },
  "account.passwordReset": { tokenId: token },
  "account.resetRefused": { reason: "used" },
  "account.resetRequested": null,
  "account.resetThrottled": { email: "an@phuyen.gov.vn", limit: "ip" },
  "account.resetUnknown": { email: "an@phuyen.gov.vn" },
  "course.create": { after: { title: "Chứng thực", code: "CT01", areaId: area, summary: "Tóm tắt", objectives: "Mục tiêu", targetGroups: ["CAN_BO", "VIEN_CHUC"], hours: 8, selfEnrol: true, audience: [unitA] } },
  "course.update": { before: { title: "A", hours: 4, audience: [unitA] }, after: { title: "B", hours: 8, audience: [unitA, unitB] } },
  "course.publish": { before: { status: "DRAFT" }, after: { status: "PUBLISHED" } },
  "course.archive": { before: { status: "PUBLISHED" }, after: { status: "ARCHIVED" } },
  "course.addTrainer": { after: { trainerId: person } },
  "course.removeTrainer": { before: { trainerId: person } },
  "course.reorder": { before: [{ id: section, lessonIds: [lesson] }], after: [{ id: section, lessonIds: [lesson] }] },
  "course.section.add": { after: { sectionId: section, title: "Phần 1" } },
  "course.section.rename": { before: { sectionId: section, title: "Phần 1" }, after: { sectionId: section, title: "Phần một" } },
  "course.section.delete": { before: { sectionId: section, title: "Phần 1", lessons: [{ id: lesson, title: "Bài 1", kind: "TEXT" }] } },
  "course.lesson.add": { after: { lessonId: lesson, sectionId: section, title: "Bài 1", kind: "LINK" } },
  "course.lesson.update": { lessonId: lesson, before: { title: "Bài 1", body: "(html)", url: null, sectionId: section }, after: { title: "Bài một", body: "(html)", url: null, sectionId: unitB } },
  "course.lesson.delete": { before: { lessonId: lesson, title: "Bài 1", kind: "FILE", sectionId: section, file: "courses/x/y.pdf" } },
  "quiz.markEssay": { userId: person, position: 2, before: { mark: null }, after: { mark: 7.5 } },
  "quiz.regrade": { questionId: lesson, version: 2, checked: 30, changed: 4 },
  "course.lesson.upload": { after: { lessonId: lesson, sectionId: section, title: "Video", kind: "VIDEO", fileId: file, originalName: "bai-giang.mp4", mimeType: "video/mp4", size: 52_428_800 } },
  "bank.create": { name: "Ngân hàng câu hỏi CCHC", unitId: unitA, courseId: null },
  "bank.rename": { before: { name: "Ngân hàng cũ" }, after: { name: "Ngân hàng câu hỏi CCHC" } },
  "bank.category.create": { bankId: item, parentId: null, name: "Một cửa" },
  "bank.category.rename": { before: { name: "Một cửa" }, after: { name: "Một cửa liên thông" } },
  "bank.category.move": { before: { parentCategory: "" }, after: { parentCategory: "Một cửa" } },
  "bank.category.delete": { name: "Một cửa", bankId: item },
  "bank.question.create": { bankId: item, categoryId: section, type: "SINGLE_CHOICE", name: "Thẩm quyền chứng thực" },
  "bank.question.update": { bankId: item, version: 2, name: "Thẩm quyền chứng thực" },
  "bank.question.archive": { bankId: item },
  "bank.question.restore": { bankId: item },
  "bank.question.move": { categoryId: section },
  "bank.import": { fileName: "ngan-hang.gift", format: "gift", sha256: "ab12", mode: "validOnly", imported: 12, skipped: 1, categoriesCreated: 2 },
  "bank.image.upload": { after: { fileId: file, originalName: "so-do.png", mimeType: "image/png", size: 20_480 } },
  "courseArea.create": { after: { code: "CCHC", name: "Cải cách hành chính", nameEn: "Administrative reform", position: 1 } },
  "courseArea.update": { before: { name: "A" }, after: { name: "B" } },
  "enrolment.complete": { courseId: course, before: { status: "ACTIVE" }, after: { status: "COMPLETED", completedAt: "2027-02-01T10:00:00.000Z" } },
  "enrolment.reenrol": { after: { courseId: course, status: "ACTIVE", unitId: unitA } },
  "enrolment.selfEnrol": { after: { courseId: course, status: "ACTIVE", unitId: unitA } },
  "enrolment.withdraw": { before: { status: "ACTIVE" }, after: { courseId: course, status: "WITHDRAWN" } },
  "attendance.checkIn": { classId: clazz, before: { status: "ABSENT", method: "ROSTER" }, after: "PRESENT" },
  "attendance.mark": { classId: clazz, changes: [{ userId: person, before: null, after: "EXCUSED" }, { userId: person, before: { status: "PRESENT", method: "QR" }, after: "LATE" }] },
  "calendar.feedRevoke": null,
  "calendar.feedRotate": { replaced: true },
  "plan.approve": { items: 12 },
  "plan.create": { after: { year: 2027, title: "Kế hoạch 2027" } },
  "plan.import": { fileName: "ke-hoach.xlsx", sha256: "cd".repeat(32), kind: "xlsx", items: 10, quotas: 40, amendmentId: amendment, reason: "Bổ sung" },
  "plan.rename": { action: "plan.rename", before: { title: "A" }, after: { title: "B" }, amendmentId: null, reason: null },
  "plan.item.create": { action: "plan.item.create", itemId: item, before: null, after: snapshot, amendmentId: amendment, reason: "Thêm lớp" },
  "plan.item.update": { action: "plan.item.update", itemId: item, position: 1, before: { budgetVnd: "1000", targetGroups: [] }, after: { budgetVnd: "2000", targetGroups: ["LEADERS"] }, amendmentId: null, reason: null },
  "plan.item.delete": { action: "plan.item.delete", itemId: item, before: snapshot, after: null, amendmentId: null, reason: null },
  "plan.item.move": { itemId: item, before: { position: 2 }, after: { position: 1 } },
  "plan.quota.set": { action: "plan.quota.set", itemId: item, position: 1, unitId: unitA, before: { seats: 0 }, after: { seats: 5 }, amendmentId: null, reason: null },
  "class.open": { after: { code: "K01", planItemId: item, courseId: course, ...classFields, selfUnitIds: [unitA] } },
  "class.update": { before: { ...classFields, selfUnitIds: [] }, after: { ...classFields, capacity: 40, selfUnitIds: [unitA, unitB] } },
  "class.cancel": { before: { status: "OPEN" }, after: { status: "CANCELLED", reason: "Thiếu người", withdrawn: 3 } },
  "class.session.add": { sessionId: session, after: session_ },
  "class.session.update": { sessionId: session, before: session_, after: { ...session_, place: "Phòng họp" } },
  "class.session.remove": { sessionId: session, before: session_ },
  "enrolment.nominate": { after: { classId: clazz, courseId: course, status: "PENDING", quotaUnitId: unitA } },
  "enrolment.promote": { before: { status: "WAITLISTED" }, after: { classId: clazz, status: "ACTIVE" } },
  "enrolment.approve": { before: { status: "PENDING" }, after: { classId: clazz, status: "ACTIVE" } },
  "enrolment.reject": { before: { status: "PENDING" }, after: { classId: clazz, status: "REJECTED", reason: "Không đúng đối tượng" } },
  "enrolment.joinClass": { after: { classId: clazz, courseId: course, status: "WAITLISTED" } },
  "enrolment.withdrawClass": { before: { status: "ACTIVE" }, after: { classId: clazz, status: "WITHDRAWN" } },
  "quiz.settings": {
    courseId: course,
    before: { title: "Kiểm tra", body: "(html)", opensAt: null, closesAt: null, timeLimitSeconds: null, attemptsAllowed: 1, grading: "HIGHEST", passPercent: null, shuffleQuestions: false, shuffleAnswers: true, reviewMarks: "AFTER_SUBMIT", reviewFeedback: "AFTER_SUBMIT", reviewCorrect: "AFTER_CLOSE" },
    after: { title: "Kiểm tra cuối khóa", body: "(html)", opensAt: "2027-03-15T01:00:00.000Z", closesAt: "2027-03-20T10:30:00.000Z", timeLimitSeconds: 600, attemptsAllowed: 0, grading: "AVERAGE", passPercent: 62.5, shuffleQuestions: true, shuffleAnswers: false, reviewMarks: "DURING", reviewFeedback: "NEVER", reviewCorrect: "NEVER" },
  },
  "quiz.slot.add": { courseId: course, after: { questions: ["Câu 1", "Câu 2"], mark: null, categoryName: "Chứng thực", randomCount: 3, includeSubcategories: true } },
  "quiz.slot.mark": { courseId: course, slot: 2, before: { mark: 1 }, after: { mark: 2.5 } },
  "quiz.slot.remove": { courseId: course, slot: 2, before: { mark: 1, randomCount: 1 } },
  "quiz.slot.move": { courseId: course, before: { slot: 3 }, after: { slot: 2 } },
  "quiz.override.set": { courseId: course, classId: clazz, before: null, after: { opensAt: "2027-04-01T00:30:00.000Z", closesAt: null } },
  "quiz.override.remove": { courseId: course, classId: clazz, before: { opensAt: "2027-04-01T00:30:00.000Z", closesAt: "2027-04-01T02:00:00.000Z" } },
};

const ACTIONS = Object.keys(vi)
  .filter((k) => k.startsWith("audit.action."))
  .map((k) => k.slice("audit.action.".length));

/** Every field name inside a sample (top level, before/after). */
function fieldsOf(data: unknown): string[] {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return [];
  const d = data as Record<string, unknown>;
  const inner = (o: unknown) => (typeof o === "object" && o !== null && !Array.isArray(o) ? Object.keys(o) : []);
  return [...Object.keys(d).filter((k) => k !== "before" && k !== "after"), ...inner(d.before), ...inner(d.after)];
}

describe("the audit log reads as sentences", () => {
  it("has a sample for every action it labels", () => {
    expect(ACTIONS.filter((a) => !(a in SAMPLES))).toEqual([]);
  });

  it("knows every field every action records", () => {
    const unknown = Object.entries(SAMPLES).flatMap(([action, data]) => fieldsOf(data).filter((f) => !fieldKind(f, action)).map((f) => `${action}.${f}`));
    expect(unknown).toEqual([]);
    // Every shown field has a label in the catalogue.
    const unlabelled = Object.entries(FIELDS)
      .filter(([, kind]) => kind.k !== "hidden")
      .map(([f]) => f)
      .filter((f) => !Object.hasOwn(vi, `audit.field.${f}`));
    expect(unlabelled).toEqual([]);
  });

  for (const locale of ["vi", "en"] as const satisfies Locale[]) {
    it(`renders every action's data in ${locale}: no raw key, no id, no JSON, no untranslated code`, () => {
      const t = translator(locale);
      const problems: string[] = [];
      for (const [action, data] of Object.entries(SAMPLES)) {
        const { changes, details } = describeData(data, { t, locale, names, action });
        const texts = [...changes.flatMap((c) => [c.field, c.before, c.after]), ...details.flatMap((d) => [d.field, d.value])];
        for (const text of texts) {
          const bad =
            /[{}[\]"]/.test(text) || // JSON
            /[0-9a-f]{8}-[0-9a-f]{4}-/i.test(text) || // an id
            /\b[a-z]+[A-Z][a-zA-Z]*\b/.test(text) || // a field's code (classId, byUnit)
            /\b[A-Z]{2,}_?[A-Z_]*\b/.test(text.replace(/\b(MB|KB|VND|CSV|UBND|CCHC|QR|IP|K01|CT01|X01|GIFT|XLSX)\b/g, "")) || // an enum's code (ACTIVE)
            /^(audit|classes|courses)\./.test(text) ||
            text === "[object Object]";
          if (bad) problems.push(`${action}: ${text}`);
        }
        // Nothing recorded is lost silently: every non-internal field appears.
        const shown = fieldsOf(data).filter((f) => fieldKind(f, action)?.k !== "hidden");
        if (shown.length > 0 && changes.length + details.length === 0) problems.push(`${action}: nothing shown`);
      }
      expect(problems).toEqual([]);
    });
  }

  it("says what changed in words: a status, a class, a unit count", () => {
    const t = translator("vi");
    const withdraw = describeData(SAMPLES["enrolment.withdrawClass"], { t, locale: "vi", names, action: "enrolment.withdrawClass" });
    expect(withdraw.changes).toContainEqual({ field: "Trạng thái", before: "Đã có chỗ", after: "Đã rút", kind: "changed" });
    expect(withdraw.details).toContainEqual({ field: "Lớp", value: "Kỹ năng số (K01)" });
    const imported = describeData(SAMPLES["person.import"], { t, locale: "vi", names, action: "person.import" });
    expect(imported.details).toContainEqual({ field: "Theo đơn vị", value: "Xã Hòa Thịnh: 100; Phường 1: 18" });
    const upload = describeData(SAMPLES["course.lesson.upload"], { t, locale: "vi", names, action: "course.lesson.upload" });
    expect(upload.changes.map((c) => c.field)).toContain("Loại bài học");
    expect(upload.changes.map((c) => c.field)).not.toContain("Loại đơn vị");
    // An id the page could not name (outside the viewer's scope) is said so, not shown.
    const outside = describeData({ after: { userId: U(99), role: "TRAINER", unitId: U(98) } }, { t, locale: "vi", names, action: "role.grant" });
    expect(outside.changes.map((c) => c.after)).toEqual(["(một người ngoài phạm vi của bạn hoặc đã xóa)", "Báo cáo viên", "(một đơn vị ngoài phạm vi của bạn hoặc đã xóa)"]);
  });

  it("lists the ids to name, by kind", () => {
    const refs = referencedIds(SAMPLES["person.import"], "person.import");
    expect([...refs.unit].sort()).toEqual([unitA, unitB].sort());
    expect([...referencedIds(SAMPLES["attendance.mark"], "attendance.mark").person]).toEqual([person]);
  });
});
