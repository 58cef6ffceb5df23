import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createArea, listAreasForAdmin, updateArea } from "@/lib/courses/areas";
import { addTrainer, createCourse, removeTrainer, setCourseStatus, updateCourse } from "@/lib/courses/commands";
import { addLesson, addSection, deleteLesson, deleteSection, getCourseContent, renameSection, reorderContent, updateLesson } from "@/lib/courses/content";
import { listMyCourses, selfEnrol, withdraw } from "@/lib/courses/enrolment";
import { getCourseOverview, listCatalogue, listManagedCourses } from "@/lib/courses/queries";
import { areaFields, createCourseInput, lessonInput, reorderInput } from "@/lib/courses/schemas";
import { makeCourse, makeEnrolment, makeLesson, makeSection, seededArea } from "@/lib/testing/course-factories";
import { codeOf } from "@/lib/testing/errors";
import { makeProvince, makeUser, makeViewer, uniq } from "@/lib/testing/factories";

async function auditCount(entityId: string) {
  return db().auditEvent.count({ where: { entityId } });
}

async function setup() {
  const p = await makeProvince();
  const trainer = await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.agency.id }]);
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  const learnerA = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
  const learnerB = await makeViewer(p.communeB.id, [{ role: "LEARNER", unitId: p.communeB.id }]);
  const area = await seededArea("CNTT-TTHC");
  return { ...p, trainer, admin, learnerA, learnerB, area };
}

const courseForm = (over: Record<string, string> = {}) =>
  createCourseInput.parse({
    title: "Chứng thực bản sao điện tử",
    code: `cctt.${uniq()}`,
    areaId: over.areaId,
    unitId: over.unitId,
    summary: "Quy trình chứng thực bản sao điện tử từ bản chính.",
    objectives: "Nắm quy trình.",
    targetGroups: "CONG_CHUC,CCHC_FOCAL",
    hours: "8",
    selfEnrol: "on",
    audience: "",
    ...over,
  });

describe("creating and editing courses", () => {
  it("a trainer creates a draft in their unit, becomes its trainer, and the change is audited", async () => {
    const w = await setup();
    const input = courseForm({ areaId: w.area.id, unitId: w.agency.id, audience: `${w.city.id}` });
    expect(input.code).toMatch(/^CCTT\./);
    const course = await createCourse(w.trainer, input);
    const row = await db().course.findUniqueOrThrow({ where: { id: course.id }, include: { trainers: true, audience: true } });
    expect(row).toMatchObject({ status: "DRAFT", unitId: w.agency.id, hours: 8, selfEnrol: true, createdById: w.trainer.userId });
    expect(row.targetGroups.sort()).toEqual(["CCHC_FOCAL", "CONG_CHUC"]);
    expect(row.searchText).toContain("chung thuc ban sao dien tu");
    expect(row.trainers.map((t) => t.userId)).toEqual([w.trainer.userId]);
    expect(row.audience.map((a) => a.unitId)).toEqual([w.city.id]);
    expect(await db().auditEvent.count({ where: { entityId: course.id, action: "course.create" } })).toBe(1);
  });

  it("the audience defaults to the owning unit", async () => {
    const w = await setup();
    const course = await createCourse(w.trainer, courseForm({ areaId: w.area.id, unitId: w.agency.id }));
    expect((await db().courseAudience.findMany({ where: { courseId: course.id } })).map((a) => a.unitId)).toEqual([w.agency.id]);
  });

  it("refuses what is not allowed, writing nothing and auditing nothing", async () => {
    const w = await setup();
    const other = await makeProvince();
    // Not a unit where the trainer holds course:create.
    expect(await codeOf(createCourse(w.trainer, courseForm({ areaId: w.area.id, unitId: w.city.id })))).toBe("NOT_FOUND");
    // A learner cannot create courses at all.
    expect(await codeOf(createCourse(w.learnerA, courseForm({ areaId: w.area.id, unitId: w.communeA.id })))).toBe("NOT_FOUND");
    // An audience unit of another province.
    const e = await createCourse(w.trainer, courseForm({ areaId: w.area.id, unitId: w.agency.id, audience: other.communeA.id })).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: "VALIDATION", field: "audience" });
    // A taken code.
    const first = await createCourse(w.trainer, courseForm({ areaId: w.area.id, unitId: w.agency.id }));
    const dup = await createCourse(w.trainer, courseForm({ areaId: w.area.id, unitId: w.agency.id, code: first.code })).catch((x: unknown) => x);
    expect(dup).toMatchObject({ code: "CONFLICT", field: "code" });
    expect(await db().course.count({ where: { unitId: { in: [w.agency.id, w.city.id, w.communeA.id] } } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "course.create", actorId: { in: [w.trainer.userId, w.learnerA.userId] } } })).toBe(1);
  });

  it("validates hours 1–200, at least one target group, an area", () => {
    const bad = createCourseInput.safeParse({ title: "Khóa", code: "AB", areaId: "", unitId: "", targetGroups: "", hours: "201" });
    expect(bad.success).toBe(false);
    const fields = bad.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["hours", "targetGroups", "areaId", "unitId"]));
    expect(createCourseInput.safeParse({ ...courseForm({ areaId: crypto.randomUUID(), unitId: crypto.randomUUID() }), targetGroups: "CONG_CHUC", hours: "0" }).success).toBe(false);
    expect(createCourseInput.safeParse({ ...courseForm({ areaId: crypto.randomUUID(), unitId: crypto.randomUUID() }), targetGroups: "CONG_CHUC", hours: "2.5" }).success).toBe(false);
  });

  it("edits: the trainer and the owning unit's admin may, an unrelated trainer may not; audited with before/after", async () => {
    const w = await setup();
    const course = await createCourse(w.trainer, courseForm({ areaId: w.area.id, unitId: w.agency.id }));
    const edit = { ...courseForm({ areaId: w.area.id, unitId: w.agency.id, code: course.code, title: "Chứng thực điện tử (cập nhật)", audience: `${w.city.id},${w.district.id}` }) };
    const { unitId: _u, ...fields } = edit;
    void _u;
    expect((await updateCourse(w.trainer, course.id, fields)).changed).toEqual(expect.arrayContaining(["title", "audience"]));
    const row = await db().course.findUniqueOrThrow({ where: { id: course.id }, include: { audience: true } });
    expect(row.title).toBe("Chứng thực điện tử (cập nhật)");
    expect(row.searchText).toContain("cap nhat");
    expect(row.audience.map((a) => a.unitId).sort()).toEqual([w.city.id, w.district.id].sort());
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: course.id, action: "course.update" } });
    expect(audit.data).toMatchObject({ before: { title: "Chứng thực bản sao điện tử" }, after: { title: "Chứng thực điện tử (cập nhật)" } });
    // Saving the same again changes nothing and audits nothing.
    expect((await updateCourse(w.admin, course.id, fields)).changed).toEqual([]);
    expect(await db().auditEvent.count({ where: { entityId: course.id, action: "course.update" } })).toBe(1);
    const stranger = await makeViewer(w.ward.id, [{ role: "TRAINER", unitId: w.ward.id }]);
    expect(await codeOf(updateCourse(stranger, course.id, { ...fields, title: "Bị sửa" }))).toBe("NOT_FOUND");
    expect((await db().course.findUniqueOrThrow({ where: { id: course.id } })).title).toBe("Chứng thực điện tử (cập nhật)");
  });
});

describe("status", () => {
  it("publishing needs a lesson; DRAFT → PUBLISHED → ARCHIVED → PUBLISHED; each audited", async () => {
    const w = await setup();
    const course = await createCourse(w.trainer, courseForm({ areaId: w.area.id, unitId: w.agency.id }));
    const refused = await setCourseStatus(w.trainer, course.id, "PUBLISHED").catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "CONFLICT", messageKey: "courses.publishNeedsLesson" });
    expect((await db().course.findUniqueOrThrow({ where: { id: course.id } })).status).toBe("DRAFT");
    expect(await db().auditEvent.count({ where: { entityId: course.id, action: "course.publish" } })).toBe(0);
    expect(await codeOf(setCourseStatus(w.trainer, course.id, "ARCHIVED"))).toBe("CONFLICT");

    const section = await addSection(w.trainer, course.id, "Phần 1");
    await addLesson(w.trainer, lessonInput.parse({ courseId: course.id, sectionId: section.id, kind: "TEXT", title: "Bài 1", body: "<p>Nội dung</p>" }));
    expect(await setCourseStatus(w.trainer, course.id, "PUBLISHED")).toEqual({ changed: true });
    expect(await setCourseStatus(w.trainer, course.id, "PUBLISHED")).toEqual({ changed: false });
    expect(await setCourseStatus(w.admin, course.id, "ARCHIVED")).toEqual({ changed: true });
    expect(await setCourseStatus(w.trainer, course.id, "PUBLISHED")).toEqual({ changed: true });
    const actions = (await db().auditEvent.findMany({ where: { entityId: course.id, action: { startsWith: "course.p" } }, orderBy: { at: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["course.publish", "course.publish"]);
    expect(await db().auditEvent.count({ where: { entityId: course.id, action: "course.archive" } })).toBe(1);
    // A learner who can see it may not publish or archive it.
    expect(await codeOf(setCourseStatus(w.learnerA, course.id, "ARCHIVED"))).toBe("NOT_FOUND");
  });
});

describe("trainers", () => {
  it("the owning unit's admin adds and removes province trainers; a trainer may not; outsiders are refused", async () => {
    const w = await setup();
    const course = await createCourse(w.trainer, courseForm({ areaId: w.area.id, unitId: w.agency.id }));
    const colleague = await makeUser({ unitId: w.ward.id, grants: [{ role: "TRAINER", unitId: w.ward.id }], fullName: "Lê Thị Nỷ" });
    const plain = await makeUser({ unitId: w.ward.id, fullName: "Không Phải Báo Cáo Viên" });
    const other = await makeProvince();
    const foreign = await makeUser({ unitId: other.agency.id, grants: [{ role: "TRAINER", unitId: other.agency.id }] });

    expect(await codeOf(addTrainer(w.trainer, course.id, colleague.id))).toBe("FORBIDDEN");
    expect(await addTrainer(w.admin, course.id, colleague.id)).toEqual({ changed: true });
    expect(await addTrainer(w.admin, course.id, colleague.id)).toEqual({ changed: false });
    expect(await addTrainer(w.admin, course.id, plain.id).catch((e: unknown) => e)).toMatchObject({ code: "VALIDATION", field: "userId" });
    expect(await codeOf(addTrainer(w.admin, course.id, foreign.id))).toBe("VALIDATION");
    expect((await db().courseTrainer.findMany({ where: { courseId: course.id } })).map((t) => t.userId).sort()).toEqual([w.trainer.userId, colleague.id].sort());
    expect(await removeTrainer(w.admin, course.id, colleague.id)).toEqual({ changed: true });
    expect(await db().auditEvent.count({ where: { entityId: course.id, action: { in: ["course.addTrainer", "course.removeTrainer"] } } })).toBe(2);
  });
});

describe("catalogue", () => {
  it("learners see published courses open to their unit only, searchable without diacritics, by area", async () => {
    const w = await setup();
    const tag = uniq().toLowerCase();
    const forCity = await makeCourse({ unitId: w.agency.id, audience: [w.city.id], title: `Chứng thực bản sao điện tử ${tag}`, areaCode: "CNTT-TTHC" });
    const forProvince = await makeCourse({ unitId: w.agency.id, audience: [w.province.id], title: `Xây dựng kế hoạch CCHC năm ${tag}`, areaCode: "KH-CCHC" });
    const draft = await makeCourse({ unitId: w.agency.id, audience: [w.province.id], status: "DRAFT", title: `Bản nháp ${tag}` });
    const archived = await makeCourse({ unitId: w.agency.id, audience: [w.province.id], status: "ARCHIVED", title: `Lưu trữ ${tag}` });
    const forB = await makeCourse({ unitId: w.agency.id, audience: [w.communeB.id], title: `Truyền thông CCHC ${tag}` });

    const idsFor = async (v: typeof w.learnerA, input = {}) => (await listCatalogue(v, { q: tag, ...input })).rows.map((r) => r.id);
    expect((await idsFor(w.learnerA)).sort()).toEqual([forCity.id, forProvince.id].sort());
    expect((await idsFor(w.learnerB)).sort()).toEqual([forProvince.id, forB.id].sort());
    for (const hidden of [draft.id, archived.id]) {
      expect(await idsFor(w.learnerA)).not.toContain(hidden);
      expect(await codeOf(getCourseOverview(w.learnerA, hidden))).toBe("NOT_FOUND");
    }
    expect(await codeOf(getCourseOverview(w.learnerB, forCity.id))).toBe("NOT_FOUND");
    // Without diacritics, in any case.
    expect(await idsFor(w.learnerA, { q: `chung thuc ${tag}` })).toEqual([forCity.id]);
    expect(await idsFor(w.learnerA, { q: `CHUNG THUC ${tag}` })).toEqual([forCity.id]);
    expect(await idsFor(w.learnerA, { q: `chứng thực ${tag}` })).toEqual([forCity.id]);
    // By area.
    const kh = await seededArea("KH-CCHC");
    expect(await idsFor(w.learnerA, { areaId: kh.id })).toEqual([forProvince.id]);
    // Someone without `learn` has no catalogue.
    expect((await listCatalogue(w.trainer, { q: tag })).rows).toEqual([]);
    // Paginated.
    const page1 = await listCatalogue(w.learnerA, { q: tag, pageSize: 1 });
    const page2 = await listCatalogue(w.learnerA, { q: tag, pageSize: 1, page: 2 });
    expect(page1.total).toBe(2);
    expect(page1.pageCount).toBe(2);
    expect(new Set([...page1.rows, ...page2.rows].map((r) => r.id))).toEqual(new Set([forCity.id, forProvince.id]));
    // A page past the end is the last page, not an empty "page 99999 of 2".
    const past = await listCatalogue(w.learnerA, { q: tag, pageSize: 1, page: 99999 });
    expect(past.page).toBe(2);
    expect(past.rows.map((r) => r.id)).toEqual(page2.rows.map((r) => r.id));
  });

  it("staff see drafts and archived courses of their scope and of the courses they train, filtered by status", async () => {
    const w = await setup();
    const tag = uniq().toLowerCase();
    const draft = await makeCourse({ unitId: w.agency.id, status: "DRAFT", title: `Nháp ${tag}` });
    const archived = await makeCourse({ unitId: w.agency.id, status: "ARCHIVED", title: `Lưu ${tag}`, trainerIds: [w.trainer.userId] });
    const cityAdmin = await makeViewer(w.city.id, [{ role: "UNIT_ADMIN", unitId: w.city.id }]);
    expect((await listManagedCourses(w.admin, { q: tag })).rows.map((r) => r.id).sort()).toEqual([draft.id, archived.id].sort());
    expect((await listManagedCourses(w.admin, { q: tag, status: "DRAFT" })).rows.map((r) => r.id)).toEqual([draft.id]);
    expect((await listManagedCourses(w.trainer, { q: tag })).rows.map((r) => r.id)).toEqual([archived.id]);
    expect((await listManagedCourses(cityAdmin, { q: tag })).rows).toEqual([]);
    expect((await getCourseOverview(w.admin, draft.id)).access.staff).toBe(true);
  });
});

describe("enrolment", () => {
  it("self-enrols once (a second click is no error and no duplicate), stores the unit, withdraws, re-enrols on the same row", async () => {
    const w = await setup();
    const course = await makeCourse({ unitId: w.agency.id, audience: [w.city.id] });
    const [a, b] = await Promise.all([selfEnrol(w.learnerA, course.id), selfEnrol(w.learnerA, course.id)]);
    expect(a.enrolmentId).toBe(b.enrolmentId);
    expect([a.changed, b.changed].filter(Boolean)).toHaveLength(1);
    const rows = await db().enrolment.findMany({ where: { courseId: course.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: w.learnerA.userId, unitId: w.communeA.id, status: "ACTIVE" });
    expect(await selfEnrol(w.learnerA, course.id)).toEqual({ changed: false, enrolmentId: a.enrolmentId });
    expect((await listMyCourses(w.learnerA)).map((c) => [c.courseId, c.status])).toEqual([[course.id, "ACTIVE"]]);

    expect(await withdraw(w.learnerA, course.id)).toEqual({ changed: true });
    expect(await withdraw(w.learnerA, course.id)).toEqual({ changed: false });
    expect(await listMyCourses(w.learnerA)).toEqual([]);
    expect((await getCourseOverview(w.learnerA, course.id)).access.canSelfEnrol).toBe(true);
    const again = await selfEnrol(w.learnerA, course.id);
    expect(again).toEqual({ changed: true, enrolmentId: a.enrolmentId });
    expect(await db().enrolment.findUniqueOrThrow({ where: { id: a.enrolmentId } })).toMatchObject({ status: "ACTIVE", withdrawnAt: null });
    const actions = (await db().auditEvent.findMany({ where: { entityId: a.enrolmentId }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["enrolment.selfEnrol", "enrolment.withdraw", "enrolment.reenrol"]);
  });

  it("refuses a course not open to the learner (NOT_FOUND), a draft, and a class-only course, writing nothing", async () => {
    const w = await setup();
    const forCity = await makeCourse({ unitId: w.agency.id, audience: [w.city.id] });
    const draft = await makeCourse({ unitId: w.agency.id, audience: [w.province.id], status: "DRAFT" });
    const classOnly = await makeCourse({ unitId: w.agency.id, audience: [w.province.id], selfEnrol: false });
    const archived = await makeCourse({ unitId: w.agency.id, audience: [w.province.id], status: "ARCHIVED" });
    expect(await codeOf(selfEnrol(w.learnerB, forCity.id))).toBe("NOT_FOUND");
    expect(await codeOf(selfEnrol(w.learnerA, draft.id))).toBe("NOT_FOUND");
    expect(await codeOf(selfEnrol(w.learnerA, archived.id))).toBe("NOT_FOUND");
    expect(await codeOf(selfEnrol(w.learnerA, classOnly.id))).toBe("FORBIDDEN");
    expect(await codeOf(selfEnrol(w.learnerA, crypto.randomUUID()))).toBe("NOT_FOUND");
    expect(await db().enrolment.count({ where: { courseId: { in: [forCity.id, draft.id, classOnly.id, archived.id] } } })).toBe(0);
  });

  it("a completed course cannot be withdrawn from", async () => {
    const w = await setup();
    const course = await makeCourse({ unitId: w.agency.id, audience: [w.city.id] });
    await makeEnrolment({ userId: w.learnerA.userId, courseId: course.id, status: "COMPLETED" });
    expect(await codeOf(withdraw(w.learnerA, course.id))).toBe("CONFLICT");
    expect(await codeOf(withdraw(w.learnerB, course.id))).toBe("NOT_FOUND");
  });
});

describe("content", () => {
  it("sections and lessons: add, rename, edit (sanitised), move, delete with confirmation; a LINK must be http(s)", async () => {
    const w = await setup();
    const course = await makeCourse({ unitId: w.agency.id, trainerIds: [w.trainer.userId], status: "DRAFT" });
    const s1 = await addSection(w.trainer, course.id, "Phần 1: Quy định chung");
    const s2 = await addSection(w.trainer, course.id, "Phần 2: Thực hành");
    expect([s1.position, s2.position]).toEqual([1, 2]);
    const text = await addLesson(w.trainer, lessonInput.parse({
      courseId: course.id, sectionId: s1.id, kind: "TEXT", title: "Khái niệm", body: '<p onclick="x()">Bản sao <script>alert(1)</script><a href="javascript:alert(1)">điện tử</a></p>',
    }));
    expect(text.body).toBe("<p>Bản sao <a>điện tử</a></p>");
    expect(lessonInput.safeParse({ courseId: course.id, sectionId: s1.id, kind: "LINK", title: "Cổng", url: "javascript:alert(1)" }).success).toBe(false);
    const link = await addLesson(w.trainer, lessonInput.parse({ courseId: course.id, sectionId: s1.id, kind: "LINK", title: "Cổng DVCQG", url: "https://dichvucong.gov.vn" }));
    expect(link.position).toBe(2);
    expect(await addLesson(w.trainer, lessonInput.parse({ courseId: course.id, sectionId: s1.id, kind: "TEXT", title: "Trống", body: "<script>x</script>" })).catch((e: unknown) => e)).toMatchObject({ code: "VALIDATION", field: "body" });

    await renameSection(w.trainer, course.id, s2.id, "Phần 2: Thực hành trên Cổng");
    await updateLesson(w.trainer, { courseId: course.id, lessonId: link.id, sectionId: s2.id, title: "Cổng Dịch vụ công quốc gia", url: "https://dichvucong.gov.vn/p/home" });
    expect(await db().lesson.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ sectionId: s2.id, position: 1, url: "https://dichvucong.gov.vn/p/home" });
    expect(await updateLesson(w.trainer, { courseId: course.id, lessonId: link.id, sectionId: s2.id, title: "x y", url: "data:text/html,hi" }).catch((e: unknown) => e)).toMatchObject({ code: "VALIDATION", field: "url" });

    // A section from another course is not found.
    const otherCourse = await makeCourse({ unitId: w.agency.id, trainerIds: [w.trainer.userId] });
    const foreignSection = await makeSection(otherCourse.id);
    expect(await codeOf(addLesson(w.trainer, lessonInput.parse({ courseId: course.id, sectionId: foreignSection.id, kind: "TEXT", title: "Lạc", body: "<p>x</p>" })))).toBe("NOT_FOUND");
    expect(await db().lesson.count({ where: { sectionId: foreignSection.id } })).toBe(0);

    // Deleting a section with lessons needs confirmation.
    expect(await codeOf(deleteSection(w.trainer, course.id, s1.id, false))).toBe("CONFLICT");
    expect(await db().lesson.count({ where: { sectionId: s1.id } })).toBe(1);
    await deleteSection(w.trainer, course.id, s1.id, true);
    expect(await db().courseSection.count({ where: { courseId: course.id } })).toBe(1);
    expect(await db().lesson.count({ where: { courseId: course.id } })).toBe(1);
    await deleteLesson(w.trainer, course.id, link.id);
    expect(await db().lesson.count({ where: { courseId: course.id } })).toBe(0);
    const actions = new Set((await db().auditEvent.findMany({ where: { entityId: course.id } })).map((a) => a.action));
    expect([...actions].sort()).toEqual(
      ["course.lesson.add", "course.lesson.delete", "course.lesson.update", "course.section.add", "course.section.delete", "course.section.rename"].sort(),
    );
  });

  it("deleting a FILE lesson removes its StoredFile row too", async () => {
    const w = await setup();
    const course = await makeCourse({ unitId: w.agency.id, trainerIds: [w.trainer.userId] });
    const section = await makeSection(course.id);
    const lesson = await makeLesson({ courseId: course.id, sectionId: section.id, kind: "FILE" });
    await deleteLesson(w.trainer, course.id, lesson.id);
    expect(await db().storedFile.count({ where: { id: lesson.fileId! } })).toBe(0);
  });

  it("reorders the whole outline in one go; a stale set is CONFLICT and changes nothing", async () => {
    const w = await setup();
    const course = await makeCourse({ unitId: w.agency.id, trainerIds: [w.trainer.userId] });
    const s1 = await makeSection(course.id, "Một", 1);
    const s2 = await makeSection(course.id, "Hai", 2);
    const a = await makeLesson({ courseId: course.id, sectionId: s1.id, title: "A", position: 1 });
    const b = await makeLesson({ courseId: course.id, sectionId: s1.id, title: "B", position: 2 });
    const c = await makeLesson({ courseId: course.id, sectionId: s2.id, title: "C", position: 1 });
    const layout = [
      { id: s2.id, lessonIds: [c.id, a.id] },
      { id: s1.id, lessonIds: [b.id] },
    ];
    const parsed = reorderInput.parse({ courseId: course.id, layout: JSON.stringify(layout) });
    expect(await reorderContent(w.trainer, course.id, parsed.layout)).toEqual({ changed: true });
    const { sections } = await getCourseContent(w.trainer, course.id);
    expect(sections.map((s) => [s.title, s.lessons.map((l) => l.title)])).toEqual([["Hai", ["C", "A"]], ["Một", ["B"]]]);
    expect(await auditCount(course.id)).toBe(1);

    const snapshot = JSON.stringify(await db().lesson.findMany({ where: { courseId: course.id }, orderBy: { id: "asc" } }));
    const stale = [
      // a lesson missing (someone added one since), a repeated id, a foreign id, a missing section
      [{ id: s2.id, lessonIds: [c.id] }, { id: s1.id, lessonIds: [b.id] }],
      [{ id: s2.id, lessonIds: [c.id, a.id, a.id] }, { id: s1.id, lessonIds: [b.id] }],
      [{ id: s2.id, lessonIds: [c.id, a.id, crypto.randomUUID()] }, { id: s1.id, lessonIds: [b.id] }],
      [{ id: s2.id, lessonIds: [c.id, a.id, b.id] }],
    ];
    for (const l of stale) {
      const e = await reorderContent(w.trainer, course.id, l).catch((x: unknown) => x);
      expect(e).toMatchObject({ code: "CONFLICT", messageKey: "courses.staleOrder" });
    }
    expect(JSON.stringify(await db().lesson.findMany({ where: { courseId: course.id }, orderBy: { id: "asc" } }))).toBe(snapshot);
    expect(await auditCount(course.id)).toBe(1);
  });
});

describe("areas", () => {
  it("province admins add and rename areas (audited); codes are unique; others are refused", async () => {
    const w = await setup();
    const code = `TEST-${uniq()}`;
    const area = await createArea(w.admin, areaFields.parse({ code, name: "Cải cách tài chính công", nameEn: "Public finance reform", position: "9" }));
    expect(await codeOf(createArea(w.admin, areaFields.parse({ code: code.toLowerCase(), name: "Trùng mã", nameEn: "", position: "1" })))).toBe("CONFLICT");
    expect(await updateArea(w.admin, area.id, { code, name: "Cải cách tài chính công (sửa)", nameEn: "Public finance reform", position: 9 })).toEqual({ changed: true });
    expect((await db().courseArea.findUniqueOrThrow({ where: { id: area.id } })).name).toBe("Cải cách tài chính công (sửa)");
    expect(await db().auditEvent.count({ where: { entityId: area.id } })).toBe(2);
    const unitAdmin = await makeViewer(w.city.id, [{ role: "UNIT_ADMIN", unitId: w.city.id }]);
    for (const v of [unitAdmin, w.trainer, w.learnerA]) {
      expect(await codeOf(updateArea(v, area.id, { code, name: "Bị sửa", nameEn: "", position: 1 }))).toBe("NOT_FOUND");
      expect(await codeOf(createArea(v, { code: `X-${uniq()}`, name: "Lạ", nameEn: "", position: 1 }))).toBe("NOT_FOUND");
      expect(await codeOf(listAreasForAdmin(v))).toBe("NOT_FOUND");
    }
    expect(await db().auditEvent.count({ where: { entityId: area.id } })).toBe(2);
  });
});

describe("self-study beside classes (one enrolment per person and course)", () => {
  it("a class seat is not given back from the course page, and a refused nomination can become self-study", async () => {
    const { makeClassWithSession, enrolInClass } = await import("@/lib/testing/class-factories-attendance");
    const p = await makeProvince();
    const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
    const made = await makeClassWithSession({ organiserUnitId: p.province.id, trainerId: null });
    await db().course.update({ where: { id: made.course.id }, data: { selfEnrol: true } });
    await db().courseAudience.create({ data: { courseId: made.course.id, unitId: p.communeA.id } });

    // In a class: withdrawing here is refused (the waiting list moves only on the class's page).
    const seat = await enrolInClass(made.class.id, learner.userId, "ACTIVE");
    expect(await codeOf(withdraw(learner, made.course.id))).toBe("CONFLICT");
    expect((await db().enrolment.findUniqueOrThrow({ where: { id: seat.id } })).status).toBe("ACTIVE");

    // A refused nomination ends; enrolling on one's own reuses the row, outside any class.
    await db().enrolment.update({ where: { id: seat.id }, data: { status: "REJECTED", quotaUnitId: p.communeA.id, decidedAt: new Date() } });
    expect(await selfEnrol(learner, made.course.id)).toEqual({ changed: true, enrolmentId: seat.id });
    expect(await db().enrolment.findUniqueOrThrow({ where: { id: seat.id } })).toMatchObject({
      status: "ACTIVE",
      classId: null,
      quotaUnitId: null,
      decidedAt: null,
    });
    expect(await withdraw(learner, made.course.id)).toEqual({ changed: true });
  });
});
