// The isolation suite for courses: every data function of lib/courses, called by outsiders (the
// admin of another unit, the trainer of another course, a learner of another unit, a learner of
// the audience who is not enrolled, the admin of another province) with forged ids, is refused as
// NOT_FOUND or FORBIDDEN, lists nothing of the other unit's courses, and changes nothing.
import { describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { assertManageCourse, assertStudyCourse, courseAccess } from "@/lib/courses/access";
import { createArea, listAreasForAdmin, updateArea } from "@/lib/courses/areas";
import { addTrainer, createCourse, removeTrainer, setCourseStatus, updateCourse } from "@/lib/courses/commands";
import { addLesson, addSection, deleteLesson, deleteSection, getCourseContent, renameSection, reorderContent, updateLesson } from "@/lib/courses/content";
import { listMyCourses, selfEnrol, withdraw } from "@/lib/courses/enrolment";
import { audienceOptions, getCourseForEdit, getCourseOverview, listCatalogue, listManagedCourses, owningUnitOptions } from "@/lib/courses/queries";
import { makeCourse, makeEnrolment, makeLesson, makeSection, seededArea } from "@/lib/testing/course-factories";
import { codeOf } from "@/lib/testing/errors";
import { makeProvince, makeUser, makeViewer, uniq } from "@/lib/testing/factories";

async function world() {
  const p = await makeProvince();
  const other = await makeProvince();
  const tag = uniq().toLowerCase();
  const trainerB = await makeUser({ unitId: p.communeB.id, grants: [{ role: "TRAINER", unitId: p.communeB.id }, { role: "LEARNER", unitId: p.communeB.id }] });
  const enrolledB = await makeUser({ unitId: p.communeB.id });
  // Commune B's courses: a published one open to commune B, and a draft.
  const pubB = await makeCourse({ unitId: p.communeB.id, audience: [p.communeB.id], trainerIds: [trainerB.id], title: `Khóa của xã B ${tag}` });
  const draftB = await makeCourse({ unitId: p.communeB.id, audience: [p.communeB.id], trainerIds: [trainerB.id], status: "DRAFT", title: `Nháp của xã B ${tag}` });
  const sectionB = await makeSection(pubB.id, "Phần của B");
  const lessonB = await makeLesson({ courseId: pubB.id, sectionId: sectionB.id, title: "Bài của B" });
  const fileLessonB = await makeLesson({ courseId: pubB.id, sectionId: sectionB.id, kind: "FILE", title: "Tệp của B", position: 2 });
  await makeEnrolment({ userId: enrolledB.id, courseId: pubB.id });

  // The outsiders' own course (the trainer of another course manages it).
  const ownTrainer = await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.agency.id }]);
  const ownCourse = await makeCourse({ unitId: p.agency.id, audience: [p.agency.id], trainerIds: [ownTrainer.userId], title: `Khóa khác ${tag}` });
  const ownSection = await makeSection(ownCourse.id, "Phần khác");

  const intruders: Record<string, Viewer> = {
    "unit admin of commune A": await makeViewer(p.communeA.id, [
      { role: "UNIT_ADMIN", unitId: p.communeA.id },
      { role: "LEARNER", unitId: p.communeA.id },
    ]),
    "unit admin of the city": await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]),
    "trainer of another course": ownTrainer,
    "learner of commune A": await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]),
    "learner of commune B, not enrolled": await makeViewer(p.communeB.id, [{ role: "LEARNER", unitId: p.communeB.id }]),
    "province admin of another province": await makeViewer(other.agency.id, [
      { role: "PROVINCE_ADMIN", unitId: other.province.id },
      { role: "LEARNER", unitId: other.agency.id },
    ]),
  };
  const provinceAdmin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  return { ...p, tag, trainerB, enrolledB, pubB, draftB, sectionB, lessonB, fileLessonB, ownCourse, ownSection, intruders, provinceAdmin };
}
type World = Awaited<ReturnType<typeof world>>;

/** Everything lib/courses can change about commune B's courses, as a comparable string. */
async function fingerprint(w: World): Promise<string> {
  const ids = [w.pubB.id, w.draftB.id];
  const [courses, sections, lessons, files, audience, trainers, enrolments, audit, areas] = await Promise.all([
    db().course.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } }),
    db().courseSection.findMany({ where: { courseId: { in: ids } }, orderBy: { id: "asc" } }),
    db().lesson.findMany({ where: { courseId: { in: ids } }, orderBy: { id: "asc" } }),
    db().storedFile.findMany({ where: { courseId: { in: ids } }, orderBy: { id: "asc" } }),
    db().courseAudience.findMany({ where: { courseId: { in: ids } }, orderBy: { unitId: "asc" } }),
    db().courseTrainer.findMany({ where: { courseId: { in: ids } }, orderBy: { userId: "asc" } }),
    db().enrolment.findMany({ where: { courseId: { in: ids } }, orderBy: { id: "asc" } }),
    db().auditEvent.findMany({ where: { OR: [{ entityId: { in: ids } }, { unitId: w.communeB.id }], NOT: { action: "access.denied" } }, select: { id: true, action: true } }),
    db().courseArea.findMany({ orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ courses, sections, lessons, files, audience, trainers, enrolments, audit, areas }, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/** Reads of commune B's courses by id. */
const READS: Record<string, (w: World, v: Viewer) => Promise<unknown>> = {
  "courseAccess (draft)": (w, v) => courseAccess(v, w.draftB.id),
  "getCourseOverview (draft)": (w, v) => getCourseOverview(v, w.draftB.id),
  getCourseForEdit: (w, v) => getCourseForEdit(v, w.pubB.id),
  getCourseContent: (w, v) => getCourseContent(v, w.pubB.id),
  assertManageCourse: (w, v) => assertManageCourse(v, w.pubB.id),
  assertStudyCourse: (w, v) => assertStudyCourse(v, w.pubB.id),
  audienceOptions: (w, v) => audienceOptions(v, w.communeB.id),
};

/** Reads that a learner of commune B may do on the course open to them. */
const OPEN_TO_B = new Set(["getCourseOverview (published)"]);

/** Changes aimed at commune B's courses, or at one's own course with B's ids. */
const COMMANDS: Record<string, (w: World, v: Viewer) => Promise<unknown>> = {
  createCourse: async (w, v) =>
    createCourse(v, {
      title: "Khóa lạ", code: `LA.${uniq()}`, areaId: (await seededArea()).id, unitId: w.communeB.id, summary: "", objectives: "",
      targetGroups: ["CONG_CHUC"], hours: 2, selfEnrol: true, audience: [],
    }),
  updateCourse: (w, v) =>
    updateCourse(v, w.pubB.id, {
      title: "Bị sửa", code: w.pubB.code, areaId: w.pubB.areaId, summary: "", objectives: "", targetGroups: ["CAN_BO"], hours: 3, selfEnrol: false, audience: [],
    }),
  "setCourseStatus (archive)": (w, v) => setCourseStatus(v, w.pubB.id, "ARCHIVED"),
  "setCourseStatus (publish draft)": (w, v) => setCourseStatus(v, w.draftB.id, "PUBLISHED"),
  "addTrainer (self)": (w, v) => addTrainer(v, w.pubB.id, v.userId),
  removeTrainer: (w, v) => removeTrainer(v, w.pubB.id, w.trainerB.id),
  addSection: (w, v) => addSection(v, w.pubB.id, "Phần lạ"),
  renameSection: (w, v) => renameSection(v, w.pubB.id, w.sectionB.id, "Bị đổi tên"),
  deleteSection: (w, v) => deleteSection(v, w.pubB.id, w.sectionB.id, true),
  addLesson: (w, v) => addLesson(v, { courseId: w.pubB.id, sectionId: w.sectionB.id, kind: "TEXT", title: "Bài lạ", body: "<p>x</p>" }),
  updateLesson: (w, v) => updateLesson(v, { courseId: w.pubB.id, lessonId: w.lessonB.id, sectionId: w.sectionB.id, title: "Bị sửa", body: "<p>y</p>" }),
  deleteLesson: (w, v) => deleteLesson(v, w.pubB.id, w.fileLessonB.id),
  reorderContent: (w, v) => reorderContent(v, w.pubB.id, [{ id: w.sectionB.id, lessonIds: [w.fileLessonB.id, w.lessonB.id] }]),
  "selfEnrol (draft)": (w, v) => selfEnrol(v, w.draftB.id),
  "withdraw (someone else's enrolment)": (w, v) => withdraw(v, w.pubB.id),
};

/**
 * Course areas are the catalogue's, not a unit's: one deployment serves one province, and its
 * province admins hold catalogue:manage (decision 060). Everyone else is refused.
 */
const AREA_CALLS: Record<string, (v: Viewer) => Promise<unknown>> = {
  listAreasForAdmin: (v) => listAreasForAdmin(v),
  updateArea: async (v) => {
    const area = await seededArea("TT-CCHC");
    return updateArea(v, area.id, { code: area.code, name: "Bị sửa", nameEn: "", position: area.position });
  },
  createArea: (v) => createArea(v, { code: `LA-${uniq()}`, name: "Lĩnh vực lạ", nameEn: "", position: 99 }),
};

/** With one's own course and commune B's ids: the forged id is not found in one's course. */
const FORGED_IN_OWN: Record<string, (w: World, v: Viewer) => Promise<unknown>> = {
  "addLesson (own course, B's section)": (w, v) => addLesson(v, { courseId: w.ownCourse.id, sectionId: w.sectionB.id, kind: "TEXT", title: "Lạc", body: "<p>x</p>" }),
  "updateLesson (own course, B's lesson)": (w, v) => updateLesson(v, { courseId: w.ownCourse.id, lessonId: w.lessonB.id, sectionId: w.ownSection.id, title: "Kéo sang" }),
  "deleteLesson (own course, B's lesson)": (w, v) => deleteLesson(v, w.ownCourse.id, w.lessonB.id),
  "renameSection (own course, B's section)": (w, v) => renameSection(v, w.ownCourse.id, w.sectionB.id, "Bị đổi"),
  "deleteSection (own course, B's section)": (w, v) => deleteSection(v, w.ownCourse.id, w.sectionB.id, true),
  "reorderContent (own course, B's ids)": (w, v) => reorderContent(v, w.ownCourse.id, [{ id: w.ownSection.id, lessonIds: [w.lessonB.id] }, { id: w.sectionB.id, lessonIds: [] }]),
};

const REFUSED = ["NOT_FOUND", "FORBIDDEN"];

describe("course isolation", () => {
  it("control: the province admin may do every read here, so the refusals below are about scope", async () => {
    const w = await world();
    for (const [name, read] of Object.entries(READS)) {
      if (name === "assertStudyCourse") continue; // staff, not a learner: allowed too, checked below
      expect(await codeOf(read(w, w.provinceAdmin)), name).toBe("OK");
    }
    expect(await codeOf(assertStudyCourse(w.provinceAdmin, w.pubB.id))).toBe("OK");
    const enrolled = (await import("@/lib/auth/viewer")).loadViewer;
    const learner = (await enrolled(w.enrolledB.id))!;
    expect((await listCatalogue(learner, { q: w.tag })).rows.map((r) => r.id)).toEqual([w.pubB.id]);
    expect((await listMyCourses(learner)).map((c) => c.courseId)).toEqual([w.pubB.id]);
    expect((await listManagedCourses(w.provinceAdmin, { q: w.tag })).rows.map((r) => r.id)).toEqual(expect.arrayContaining([w.pubB.id, w.draftB.id]));
  });

  it("reads of commune B's courses are refused for every outsider", async () => {
    const w = await world();
    for (const [who, viewer] of Object.entries(w.intruders)) {
      for (const [name, read] of Object.entries(READS)) {
        if (who === "learner of commune B, not enrolled" && name === "audienceOptions") continue; // checked below
        expect(REFUSED, `${who} → ${name}`).toContain(await codeOf(read(w, viewer)));
      }
    }
    // The learner of commune B sees the published course open to them (but not its content).
    const b = w.intruders["learner of commune B, not enrolled"]!;
    expect((await getCourseOverview(b, w.pubB.id)).access).toMatchObject({ open: true, manage: false, staff: false, study: false });
    expect(await codeOf(audienceOptions(b, w.communeB.id))).toBe("NOT_FOUND");
    for (const [who, viewer] of Object.entries(w.intruders)) {
      if (who === "learner of commune B, not enrolled") continue;
      expect(await codeOf(getCourseOverview(viewer, w.pubB.id)), who).toBe("NOT_FOUND");
    }
    expect(OPEN_TO_B.size).toBe(1);
  });

  it("lists never show commune B's courses to outsiders", async () => {
    const w = await world();
    for (const [who, viewer] of Object.entries(w.intruders)) {
      const catalogue = (await listCatalogue(viewer, { q: w.tag })).rows.map((r) => r.id);
      if (who === "learner of commune B, not enrolled") expect(catalogue).toEqual([w.pubB.id]);
      else expect(catalogue, who).not.toContain(w.pubB.id);
      expect(catalogue, who).not.toContain(w.draftB.id);
      const managed = JSON.stringify(await listManagedCourses(viewer, { q: w.tag }));
      expect(managed, who).not.toContain(w.pubB.id);
      expect(managed, who).not.toContain(w.draftB.id);
      expect(JSON.stringify(await listMyCourses(viewer)), who).not.toContain(w.pubB.id);
      expect((await owningUnitOptions(viewer)).map((u) => u.id), who).not.toContain(w.communeB.id);
    }
  });

  it("every change aimed at commune B's courses is refused and changes nothing", async () => {
    const w = await world();
    const before = await fingerprint(w);
    for (const [who, viewer] of Object.entries(w.intruders)) {
      for (const [name, command] of Object.entries(COMMANDS)) {
        expect(REFUSED, `${who} → ${name}`).toContain(await codeOf(command(w, viewer)));
      }
    }
    for (const [who, viewer] of Object.entries(w.intruders)) {
      if (who === "province admin of another province") continue; // areas are the deployment's (see AREA_CALLS)
      for (const [name, call] of Object.entries(AREA_CALLS)) expect(await codeOf(call(viewer)), `${who} → ${name}`).toBe("NOT_FOUND");
    }
    expect(await codeOf(listAreasForAdmin(w.provinceAdmin))).toBe("OK");
    const trainer = w.intruders["trainer of another course"]!;
    for (const [name, command] of Object.entries(FORGED_IN_OWN)) {
      expect(["NOT_FOUND", "CONFLICT"], name).toContain(await codeOf(command(w, trainer)));
    }
    expect(await fingerprint(w)).toBe(before);
    expect(await db().lesson.count({ where: { courseId: w.ownCourse.id } })).toBe(0);
  });
});
