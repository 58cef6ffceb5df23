import { describe, expect, it } from "vitest";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { deleteLesson, deleteSection } from "@/lib/courses/content";
import { getCourseOverview } from "@/lib/courses/queries";
import { db } from "@/lib/db";
import { addQuizQuestions, addRandomSlot, createQuiz, moveSlot, removeClassOverride, removeSlot, setClassOverride, setSlotMark, updateQuizSettings } from "@/lib/quizzes/setup/commands";
import { newQuizChoices, questionPicker, quizForEdit, quizForSetup } from "@/lib/quizzes/setup/queries";
import {
  addQuestionsInput,
  addRandomInput,
  overrideInput,
  parseDecimal,
  parsePickerQuery,
  quizSettingsInput,
  slotMarkInput,
} from "@/lib/quizzes/setup/schemas";
import { makePlanItem } from "@/lib/testing/class-factories";
import { makeClassWithSession } from "@/lib/testing/class-factories-attendance";
import { makeCourse, makeEnrolment, makeSection } from "@/lib/testing/course-factories";
import { appError, codeOf } from "@/lib/testing/errors";
import { makeProvince, makeUser, makeViewer, uniq } from "@/lib/testing/factories";
import { choiceDraft, makeBank, makeQuestion } from "@/lib/testing/quiz-factories";

const FORGED = "00000000-0000-4000-8000-000000000000";

async function classOf(courseId: string, ownerUnitId: string) {
  const { item } = await makePlanItem({ ownerUnitId, courseId, quotas: {} });
  return db().class.create({
    data: {
      code: `LOP.${uniq()}`,
      title: "Lớp bồi dưỡng chứng thực điện tử",
      planItemId: item.id,
      courseId,
      unitId: ownerUnitId,
      mode: "ONLINE",
      capacity: 30,
      enrolOpensAt: new Date(Date.now() - 86_400_000),
      enrolClosesAt: new Date(Date.now() + 86_400_000),
    },
  });
}

/**
 * A province with the agency's course (a section, its own bank with three questions in a category
 * and one in a subcategory), the province's bank (one question), another province's bank, and people
 * inside and outside.
 */
async function scene() {
  const p = await makeProvince();
  const other = await makeProvince();
  const trainerUser = await makeUser({ unitId: p.agency.id, grants: [{ role: "TRAINER", unitId: p.agency.id }] });
  const course = await makeCourse({ unitId: p.agency.id, trainerIds: [trainerUser.id], audience: [p.province.id] });
  const section = await makeSection(course.id, "Phần 1. Kiến thức chung");
  const { bank: courseBank, category } = await makeBank({ courseId: course.id, name: "Ngân hàng của khóa" });
  const sub = await db().questionCategory.create({ data: { bankId: courseBank.id, parentId: category.id, name: "Chứng thực" } });
  const q = [];
  for (const name of ["Thủ tục hành chính", "Một cửa liên thông", "Dịch vụ công trực tuyến"]) q.push(await makeQuestion({ bankId: courseBank.id, categoryId: category.id, draft: choiceDraft(name) }));
  const subQuestion = await makeQuestion({ bankId: courseBank.id, categoryId: sub.id, draft: { ...choiceDraft("Bản sao điện tử"), tags: ["chung-thuc"] } });
  const { bank: provinceBank, category: provinceCategory } = await makeBank({ unitId: p.province.id, name: "Ngân hàng của tỉnh" });
  const provinceQuestion = await makeQuestion({ bankId: provinceBank.id, categoryId: provinceCategory.id, draft: choiceDraft("Cải cách hành chính") });
  const { bank: otherBank, category: otherCategory } = await makeBank({ unitId: other.province.id });
  const otherQuestion = await makeQuestion({ bankId: otherBank.id, categoryId: otherCategory.id, draft: choiceDraft("Câu của tỉnh khác") });
  const trainer = (await loadViewer(trainerUser.id))!;
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  const otherTrainer = await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.agency.id }]);
  const unitAdmin = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
  const learnerUser = await makeUser({ unitId: p.communeA.id });
  const learner = (await loadViewer(learnerUser.id))!;
  const outsider = await makeViewer(other.agency.id, [{ role: "PROVINCE_ADMIN", unitId: other.province.id }]);
  return {
    ...p,
    course,
    section,
    courseBank,
    category,
    sub,
    q,
    subQuestion,
    provinceBank,
    provinceQuestion,
    otherBank,
    otherCategory,
    otherQuestion,
    trainer,
    admin,
    otherTrainer,
    unitAdmin,
    learner,
    learnerUser,
    outsider,
  };
}
type Scene = Awaited<ReturnType<typeof scene>>;

const settingsForm = (quizId: string, over: Record<string, string> = {}) => ({
  quizId,
  title: "Kiểm tra cuối khóa",
  intro: "<p>Làm bài trong <strong>10 phút</strong>.</p><script>alert(1)</script>",
  opensAt: "2027-03-15T08:00",
  closesAt: "2027-03-20T17:30",
  timeLimit: "10",
  attemptsAllowed: "2",
  grading: "HIGHEST",
  passPercent: "62,5",
  shuffleQuestions: "on",
  reviewMarks: "AFTER_SUBMIT",
  reviewFeedback: "AFTER_CLOSE",
  reviewCorrect: "NEVER",
  ...over,
});

async function newQuiz(s: Scene, viewer: Viewer = s.trainer) {
  return createQuiz(viewer, s.course.id, { sectionId: s.section.id, title: "Kiểm tra cuối khóa" });
}

async function auditCount(quizId: string) {
  return db().auditEvent.count({ where: { entityId: quizId } });
}

describe("creating a quiz", () => {
  it("adds a QUIZ lesson at the end of the section with its quiz, in one audited step; the outline links it", async () => {
    const s = await scene();
    await db().lesson.create({ data: { courseId: s.course.id, sectionId: s.section.id, title: "Bài 1", kind: "TEXT", position: 1, body: "<p>x</p>" } });
    const { quizId, lessonId } = await newQuiz(s);
    const lesson = await db().lesson.findUniqueOrThrow({ where: { id: lessonId }, include: { quiz: true } });
    expect(lesson).toMatchObject({ kind: "QUIZ", position: 2, sectionId: s.section.id, title: "Kiểm tra cuối khóa" });
    expect(lesson.quiz?.id).toBe(quizId);
    expect(await db().auditEvent.count({ where: { entityId: s.course.id, action: "course.lesson.add" } })).toBe(1);
    const overview = await getCourseOverview(s.trainer, s.course.id);
    expect(overview.sections[0]!.lessons.map((l) => l.quiz?.id ?? null)).toEqual([null, quizId]);
    expect((await newQuizChoices(s.admin, s.course.id)).sections.map((x) => x.id)).toEqual([s.section.id]);
  });

  it("refuses a section of another course, and outsiders", async () => {
    const s = await scene();
    const elsewhere = await makeCourse({ unitId: s.agency.id, trainerIds: [s.trainer.userId] });
    const otherSection = await makeSection(elsewhere.id);
    expect(await codeOf(createQuiz(s.trainer, s.course.id, { sectionId: otherSection.id, title: "Kiểm tra" }))).toBe("NOT_FOUND");
    for (const v of [s.otherTrainer, s.unitAdmin, s.outsider]) {
      expect(await codeOf(createQuiz(v, s.course.id, { sectionId: s.section.id, title: "Kiểm tra" }))).toBe("NOT_FOUND");
      expect(await codeOf(newQuizChoices(v, s.course.id))).toBe("NOT_FOUND");
    }
    expect(await codeOf(createQuiz(s.learner, s.course.id, { sectionId: s.section.id, title: "Kiểm tra" }))).toBe("FORBIDDEN");
    expect(await db().lesson.count({ where: { courseId: s.course.id } })).toBe(0);
  });
});

describe("quiz settings", () => {
  it("stores what the form says, in Vietnam time, with the decimal comma, the intro sanitised, the title on the lesson", async () => {
    const s = await scene();
    const { quizId, lessonId } = await newQuiz(s);
    const input = quizSettingsInput.parse(settingsForm(quizId, { title: "Kiểm tra giữa khóa" }));
    expect(await updateQuizSettings(s.trainer, input)).toEqual({ changed: true });
    const quiz = await db().quiz.findUniqueOrThrow({ where: { id: quizId } });
    expect(quiz.opensAt?.toISOString()).toBe("2027-03-15T01:00:00.000Z");
    expect(quiz.closesAt?.toISOString()).toBe("2027-03-20T10:30:00.000Z");
    expect(quiz).toMatchObject({ timeLimitSeconds: 600, attemptsAllowed: 2, grading: "HIGHEST", shuffleQuestions: true, shuffleAnswers: false, reviewFeedback: "AFTER_CLOSE", reviewCorrect: "NEVER" });
    expect(Number(quiz.passPercent)).toBe(62.5);
    expect(quiz.intro).toContain("<strong>10 phút</strong>");
    expect(quiz.intro).not.toContain("script");
    expect((await db().lesson.findUniqueOrThrow({ where: { id: lessonId } })).title).toBe("Kiểm tra giữa khóa");
    expect(await db().auditEvent.count({ where: { entityId: quizId, action: "quiz.settings" } })).toBe(1);
    // The same again changes nothing and records nothing.
    expect(await updateQuizSettings(s.trainer, quizSettingsInput.parse(settingsForm(quizId, { title: "Kiểm tra giữa khóa" })))).toEqual({ changed: false });
    expect(await auditCount(quizId)).toBe(1);
    // Empty limits: no time limit, no pass mark, no times.
    await updateQuizSettings(s.admin, quizSettingsInput.parse(settingsForm(quizId, { timeLimit: "", passPercent: "", opensAt: "", closesAt: "", attemptsAllowed: "0" })));
    expect(await db().quiz.findUniqueOrThrow({ where: { id: quizId } })).toMatchObject({ timeLimitSeconds: null, passPercent: null, opensAt: null, closesAt: null, attemptsAllowed: 0 });
    const edit = await quizForEdit(s.trainer, quizId);
    expect(edit).toMatchObject({ title: "Kiểm tra cuối khóa", attemptsAllowed: 0, passPercent: null, questionCount: 0, totalMarks: 0 });
  });

  it("refuses bad values field by field with the setup's messages", async () => {
    const bad = quizSettingsInput.safeParse(
      settingsForm(FORGED, { opensAt: "2027-03-20T08:00", closesAt: "2027-03-20T08:00", timeLimit: "0", attemptsAllowed: "101", passPercent: "100,5", grading: "BEST" }),
    );
    expect(bad.success).toBe(false);
    const byField = Object.fromEntries(bad.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(byField).toMatchObject({
      closesAt: "quizSetup.closeBeforeOpen",
      timeLimit: "quizSetup.timeLimitRange",
      attemptsAllowed: "quizSetup.attemptsRange",
      passPercent: "quizSetup.passRange",
      grading: "validation.invalid",
    });
    const times = quizSettingsInput.safeParse(settingsForm(FORGED, { opensAt: "2027-02-30T08:00", closesAt: "ngày mai" }));
    expect(times.error!.issues.map((i) => i.message).sort()).toEqual(["quizSetup.closeInvalid", "quizSetup.openInvalid"]);
    expect(quizSettingsInput.safeParse(settingsForm(FORGED, { timeLimit: "1441" })).success).toBe(false);
    expect(parseDecimal("2,5")).toBe(2.5);
    expect(parseDecimal("2.25")).toBe(2.25);
    expect(parseDecimal("1.000")).toBeNull();
    expect(parseDecimal("-1")).toBeNull();
    expect(slotMarkInput.safeParse({ quizId: FORGED, slotId: FORGED, mark: "0" }).success).toBe(false);
    expect(slotMarkInput.parse({ quizId: FORGED, slotId: FORGED, mark: "0,5" }).mark).toBe(0.5);
  });

  it("may change settings of a quiz that has attempts", async () => {
    const s = await scene();
    const { quizId } = await newQuiz(s);
    await attempt(s, quizId);
    await updateQuizSettings(s.trainer, quizSettingsInput.parse(settingsForm(quizId, { timeLimit: "30" })));
    expect((await db().quiz.findUniqueOrThrow({ where: { id: quizId } })).timeLimitSeconds).toBe(1800);
    expect((await quizForEdit(s.trainer, quizId)).attemptCount).toBe(1);
  });
});

/** A finished attempt row, written directly. */
async function attempt(s: Scene, quizId: string) {
  const enrolment = await makeEnrolment({ userId: s.learnerUser.id, courseId: s.course.id });
  return db().quizAttempt.create({
    data: { quizId, userId: s.learnerUser.id, enrolmentId: enrolment.id, unitId: s.communeA.id, number: 1, state: "FINISHED", finishedAt: new Date(), score: 1, maxScore: 2 },
  });
}

describe("slots", () => {
  it("adds fixed questions from the course's and the province's banks, a random slot, marks, totals and reorders", async () => {
    const s = await scene();
    const { quizId } = await newQuiz(s);
    await addQuizQuestions(s.trainer, addQuestionsInput.parse({ quizId, questionIds: `${s.q[0]!.id},${s.q[1]!.id}` }));
    await addQuizQuestions(s.admin, addQuestionsInput.parse({ quizId, questionIds: s.provinceQuestion.id, mark: "2,5" }));
    await addRandomSlot(s.trainer, addRandomInput.parse({ quizId, categoryId: s.category.id, count: "4", includeSubcategories: "on", mark: "0,5" }));
    let edit = await quizForEdit(s.trainer, quizId);
    expect(edit.slots.map((x) => x.question?.name ?? `random ${x.random!.count} ${x.random!.path}`)).toEqual([
      "Thủ tục hành chính",
      "Một cửa liên thông",
      "Cải cách hành chính",
      "random 4 Mặc định",
    ]);
    expect(edit.slots.map((x) => x.mark)).toEqual([1, 1, 2.5, 0.5]);
    expect(edit.questionCount).toBe(7);
    expect(edit.totalMarks).toBe(6.5);

    await setSlotMark(s.trainer, { quizId, slotId: edit.slots[0]!.id, mark: 1.5 });
    // Move the random slot to the top, one step at a time; the others close up.
    const random = edit.slots[3]!.id;
    for (let i = 0; i < 3; i++) expect(await moveSlot(s.trainer, { quizId, slotId: random, direction: "up" })).toEqual({ changed: true, position: 3 - i });
    expect(await moveSlot(s.trainer, { quizId, slotId: random, direction: "up" })).toEqual({ changed: false, position: 1 });
    // The province's question is now last: it cannot go further down.
    expect(await moveSlot(s.trainer, { quizId, slotId: edit.slots[2]!.id, direction: "down" })).toEqual({ changed: false, position: 4 });
    edit = await quizForEdit(s.trainer, quizId);
    expect(edit.slots.map((x) => x.question?.name ?? "random")).toEqual(["random", "Thủ tục hành chính", "Một cửa liên thông", "Cải cách hành chính"]);
    expect(edit.slots.map((x) => x.position)).toEqual([1, 2, 3, 4]);
    expect(edit.totalMarks).toBe(7);

    await removeSlot(s.trainer, { quizId, slotId: edit.slots[1]!.id });
    edit = await quizForEdit(s.trainer, quizId);
    expect(edit.slots.map((x) => [x.position, x.question?.name ?? "random"])).toEqual([
      [1, "random"],
      [2, "Một cửa liên thông"],
      [3, "Cải cách hành chính"],
    ]);
    expect(await db().auditEvent.count({ where: { entityId: quizId, action: { startsWith: "quiz.slot." } } })).toBe(3 + 1 + 3 + 1);
  });

  it("refuses a question or category of another province's bank, an archived question, a repeat, and a random slot larger than its category", async () => {
    const s = await scene();
    const { quizId } = await newQuiz(s);
    const forged = (questionIds: string) => addQuizQuestions(s.trainer, addQuestionsInput.parse({ quizId, questionIds }));
    expect(await codeOf(forged(s.otherQuestion.id))).toBe("NOT_FOUND");
    expect(await codeOf(forged(`${s.q[0]!.id},${s.otherQuestion.id}`))).toBe("NOT_FOUND");
    expect(await codeOf(forged(FORGED))).toBe("NOT_FOUND");
    await db().question.update({ where: { id: s.q[2]!.id }, data: { archivedAt: new Date() } });
    expect(await codeOf(forged(s.q[2]!.id))).toBe("NOT_FOUND");
    const random = (categoryId: string, count: string, sub = false) =>
      addRandomSlot(s.trainer, addRandomInput.parse({ quizId, categoryId, count, mark: "1", ...(sub ? { includeSubcategories: "on" } : {}) }));
    expect(await codeOf(random(s.otherCategory.id, "1"))).toBe("NOT_FOUND");
    // Two usable questions directly in the category (one archived), three with the subcategory.
    const tooMany = await appError(random(s.category.id, "3"));
    expect(tooMany).toMatchObject({ code: "VALIDATION", messageKey: "quizSetup.randomTooMany", field: "count", params: { count: 2 } });
    expect(await codeOf(random(s.category.id, "4", true))).toBe("VALIDATION");
    expect(await db().quizSlot.count({ where: { quizId } })).toBe(0);
    expect(await auditCount(quizId)).toBe(0);
    await random(s.category.id, "3", true);
    await forged(s.q[0]!.id);
    expect(await appError(forged(`${s.q[1]!.id},${s.q[0]!.id}`))).toMatchObject({ code: "CONFLICT", messageKey: "quizSetup.questionAlreadyIn" });
    expect(await db().quizSlot.count({ where: { quizId } })).toBe(2);
    // A slot of another quiz is not this quiz's.
    const second = await newQuiz(s);
    const slot = (await db().quizSlot.findFirstOrThrow({ where: { quizId } })).id;
    expect(await codeOf(removeSlot(s.trainer, { quizId: second.quizId, slotId: slot }))).toBe("NOT_FOUND");
    expect(await codeOf(setSlotMark(s.trainer, { quizId: second.quizId, slotId: slot, mark: 2 }))).toBe("NOT_FOUND");
    expect(await codeOf(moveSlot(s.trainer, { quizId: second.quizId, slotId: slot, direction: "down" }))).toBe("NOT_FOUND");
  });

  it("the picker lists usable banks, filters by category, subcategories, tag and words without diacritics, and hides archived questions", async () => {
    const s = await scene();
    const { quizId } = await newQuiz(s);
    await addQuizQuestions(s.trainer, addQuestionsInput.parse({ quizId, questionIds: s.q[1]!.id }));
    await db().question.update({ where: { id: s.q[2]!.id }, data: { archivedAt: new Date() } });
    const pick = (params: Record<string, string>) => questionPicker(s.trainer, quizId, parsePickerQuery(params));
    const all = await pick({});
    expect(all.banks.map((b) => b.id)).toEqual([s.courseBank.id, s.provinceBank.id]);
    expect(all.bank?.id).toBe(s.courseBank.id);
    expect(all.questions.map((q) => [q.name, q.inQuiz])).toEqual([
      ["Thủ tục hành chính", false],
      ["Một cửa liên thông", true],
      ["Bản sao điện tử", false],
    ]);
    expect(all.categories.map((c) => [c.path, c.depth, c.count, c.countWithSub])).toEqual([
      ["Mặc định", 0, 2, 3],
      ["Mặc định / Chứng thực", 1, 1, 1],
    ]);
    expect(all.tags).toEqual(["chung-thuc"]);
    expect((await pick({ category: s.category.id })).total).toBe(2);
    expect((await pick({ category: s.category.id, sub: "1" })).total).toBe(3);
    expect((await pick({ tag: "chung-thuc" })).questions.map((q) => q.name)).toEqual(["Bản sao điện tử"]);
    expect((await pick({ q: "mot cua" })).questions.map((q) => q.name)).toEqual(["Một cửa liên thông"]);
    expect((await pick({ q: "THỦ TỤC" })).questions.map((q) => q.name)).toEqual(["Thủ tục hành chính"]);
    expect((await pick({ bank: s.provinceBank.id })).questions.map((q) => q.name)).toEqual(["Cải cách hành chính"]);
    expect(await codeOf(pick({ bank: s.otherBank.id }))).toBe("NOT_FOUND");
    // A category outside the bank shown (another province's) filters nothing and shows nothing of it.
    const ignored = await pick({ category: s.otherCategory.id });
    expect([ignored.filter.category, ignored.total]).toEqual([undefined, 3]);
  });
});

describe("class overrides", () => {
  it("a class of the course gets its own times; a class of another course is refused; removing brings back the common times", async () => {
    const s = await scene();
    const { quizId } = await newQuiz(s);
    const klass = await classOf(s.course.id, s.agency.id);
    const foreign = (await makeClassWithSession({ organiserUnitId: s.agency.id, trainerId: s.trainer.userId })).class;
    await setClassOverride(s.trainer, overrideInput.parse({ quizId, classId: klass.id, opensAt: "2027-04-01T07:30", closesAt: "" }));
    await setClassOverride(s.trainer, overrideInput.parse({ quizId, classId: klass.id, opensAt: "2027-04-01T07:30", closesAt: "2027-04-01T09:00" }));
    const edit = await quizForEdit(s.trainer, quizId);
    expect(edit.classes.map((c) => c.id)).toEqual([klass.id]);
    expect(edit.overrides.map((o) => [o.classId, o.opensAt?.toISOString(), o.closesAt?.toISOString()])).toEqual([
      [klass.id, "2027-04-01T00:30:00.000Z", "2027-04-01T02:00:00.000Z"],
    ]);
    expect(await codeOf(setClassOverride(s.trainer, overrideInput.parse({ quizId, classId: foreign.id, opensAt: "2027-04-01T07:30" })))).toBe("NOT_FOUND");
    expect(await codeOf(removeClassOverride(s.trainer, { quizId, classId: foreign.id }))).toBe("NOT_FOUND");
    expect(overrideInput.safeParse({ quizId, classId: klass.id, opensAt: "", closesAt: "" }).error?.issues[0]?.message).toBe("quizSetup.overrideEmpty");
    expect(overrideInput.safeParse({ quizId, classId: klass.id, opensAt: "2027-04-01T09:00", closesAt: "2027-04-01T08:00" }).error?.issues[0]?.message).toBe("quizSetup.closeBeforeOpen");
    await removeClassOverride(s.trainer, { quizId, classId: klass.id });
    expect(await db().quizClassOverride.count({ where: { quizId } })).toBe(0);
    expect(await db().auditEvent.count({ where: { entityId: quizId, action: { startsWith: "quiz.override." } } })).toBe(3);
  });
});

describe("deleting a quiz lesson", () => {
  it("without attempts removes the quiz, its slots and overrides with the lesson; with attempts it is refused and nothing changes", async () => {
    const s = await scene();
    const a = await newQuiz(s);
    await addQuizQuestions(s.trainer, addQuestionsInput.parse({ quizId: a.quizId, questionIds: s.q[0]!.id }));
    await setClassOverride(s.trainer, overrideInput.parse({ quizId: a.quizId, classId: (await classOf(s.course.id, s.agency.id)).id, closesAt: "2027-05-01T17:00" }));
    await deleteLesson(s.trainer, s.course.id, a.lessonId);
    expect(await db().quiz.count({ where: { id: a.quizId } })).toBe(0);
    expect(await db().quizSlot.count({ where: { quizId: a.quizId } })).toBe(0);
    expect(await db().lesson.count({ where: { id: a.lessonId } })).toBe(0);

    const b = await newQuiz(s);
    await attempt(s, b.quizId);
    expect(await appError(deleteLesson(s.trainer, s.course.id, b.lessonId))).toMatchObject({ code: "CONFLICT", messageKey: "quizSetup.deleteHasAttempts", params: { count: 1 } });
    expect(await codeOf(deleteSection(s.trainer, s.course.id, s.section.id, true))).toBe("CONFLICT");
    expect(await db().lesson.count({ where: { id: b.lessonId } })).toBe(1);
    expect(await db().quiz.count({ where: { id: b.quizId } })).toBe(1);
    expect(await db().courseSection.count({ where: { id: s.section.id } })).toBe(1);
  });

  it("deleting a section takes its quizzes without attempts with it", async () => {
    const s = await scene();
    const a = await newQuiz(s);
    await addQuizQuestions(s.trainer, addQuestionsInput.parse({ quizId: a.quizId, questionIds: s.q[0]!.id }));
    await deleteSection(s.trainer, s.course.id, s.section.id, true);
    expect(await db().quiz.count({ where: { id: a.quizId } })).toBe(0);
  });
});

describe("outsiders", () => {
  it("a trainer of another course, a commune's admin, a learner and another province get FORBIDDEN or NOT_FOUND and change nothing", async () => {
    const s = await scene();
    const { quizId } = await newQuiz(s);
    await addQuizQuestions(s.trainer, addQuestionsInput.parse({ quizId, questionIds: s.q[0]!.id }));
    const slotId = (await db().quizSlot.findFirstOrThrow({ where: { quizId } })).id;
    const klass = await classOf(s.course.id, s.agency.id);
    await setClassOverride(s.trainer, overrideInput.parse({ quizId, classId: klass.id, closesAt: "2027-05-01T17:00" }));
    const before = await auditCount(quizId);
    const calls = (v: Viewer, id: string): (() => Promise<unknown>)[] => [
      () => quizForSetup(v, id),
      () => quizForEdit(v, id),
      () => questionPicker(v, id, parsePickerQuery({})),
      () => updateQuizSettings(v, quizSettingsInput.parse(settingsForm(id))),
      () => addQuizQuestions(v, addQuestionsInput.parse({ quizId: id, questionIds: s.q[1]!.id })),
      () => addRandomSlot(v, addRandomInput.parse({ quizId: id, categoryId: s.category.id, count: "1", mark: "1" })),
      () => setSlotMark(v, { quizId: id, slotId, mark: 3 }),
      () => moveSlot(v, { quizId: id, slotId, direction: "down" }),
      () => removeSlot(v, { quizId: id, slotId }),
      () => setClassOverride(v, overrideInput.parse({ quizId: id, classId: klass.id, opensAt: "2027-04-01T07:30" })),
      () => removeClassOverride(v, { quizId: id, classId: klass.id }),
    ];
    // Seen (a learner of the published course open to them) but not managed: FORBIDDEN.
    for (const call of calls(s.learner, quizId)) expect(await codeOf(call())).toBe("FORBIDDEN");
    // Not seen at all (a trainer of another course, another unit's admin, another province), or a forged quiz id: NOT_FOUND.
    for (const v of [s.otherTrainer, s.unitAdmin, s.outsider]) {
      for (const call of calls(v, quizId)) expect(await codeOf(call())).toBe("NOT_FOUND");
    }
    for (const call of calls(s.trainer, FORGED)) expect(await codeOf(call())).toBe("NOT_FOUND");
    expect(await auditCount(quizId)).toBe(before);
    expect(await db().quizSlot.count({ where: { quizId } })).toBe(1);
    expect(await db().quizClassOverride.count({ where: { quizId } })).toBe(1);
  });
});
