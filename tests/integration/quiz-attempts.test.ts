import { describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { runDueJobs } from "@/lib/jobs/queue";
import { recordProgress } from "@/lib/learning/progress";
import { checkQuestion, saveAnswers, startAttempt, submitAttempt } from "@/lib/quizzes/attempts/engine";
import { finishAttemptJob, unsafeRecordQuizOutcome, unsafeRescoreAttempt } from "@/lib/quizzes/attempts/finish";
import { QUIZ_FINISH_JOB, QUIZ_GRACE_SECONDS, unsafeDbNow, viewerAttempt, viewerQuiz } from "@/lib/quizzes/attempts/load";
import { attemptForLearner, quizForLearner, reviewForLearner } from "@/lib/quizzes/attempts/view";
import type { QuestionDraft } from "@/lib/quizzes/question-types";
import { enrolInClass, makeClassWithSession } from "@/lib/testing/class-factories-attendance";
import { makeCourse, makeEnrolment, makeLesson, makeSection } from "@/lib/testing/course-factories";
import { appError, codeOf } from "@/lib/testing/errors";
import { makeProvince, makeViewer } from "@/lib/testing/factories";
import { choiceDraft, makeBank, makeQuestion, makeQuiz, type QuizSettings } from "@/lib/testing/quiz-factories";

const FAKE_ID = "00000000-0000-4000-8000-000000000000";

function tfDraft(name: string, answer: boolean): QuestionDraft {
  return { type: "TRUE_FALSE", name, text: `<p>${name}</p>`, format: "html", defaultMark: 1, category: [], tags: [], data: { answer } };
}
function essayDraft(name: string): QuestionDraft {
  return { type: "ESSAY", name, text: `<p>${name}</p>`, format: "html", defaultMark: 2, category: [], tags: [], data: {} };
}

/**
 * A published course of communeA's city with a text lesson and a quiz (two single-choice
 * questions unless told), a learner of communeA enrolled, an enrolled learner who withdrew, a
 * learner of the audience not enrolled, a learner of another province, and a province admin.
 */
async function scene(opts: { drafts?: QuestionDraft[]; settings?: QuizSettings } = {}) {
  const p = await makeProvince();
  const course = await makeCourse({ unitId: p.agency.id, audience: [p.city.id] });
  const section = await makeSection(course.id);
  const text = await makeLesson({ courseId: course.id, sectionId: section.id, kind: "TEXT", position: 1 });
  const made = await makeQuiz({ courseId: course.id, sectionId: section.id, drafts: opts.drafts, settings: opts.settings });
  const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
  const enrolment = await makeEnrolment({ userId: learner.userId, courseId: course.id });
  const withdrawn = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
  await makeEnrolment({ userId: withdrawn.userId, courseId: course.id, status: "WITHDRAWN" });
  const notEnrolled = await makeViewer(p.ward.id, [{ role: "LEARNER", unitId: p.ward.id }]);
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  const other = await makeProvince();
  const stranger = await makeViewer(other.communeA.id, [{ role: "LEARNER", unitId: other.communeA.id }]);
  const strangerAdmin = await makeViewer(other.agency.id, [{ role: "PROVINCE_ADMIN", unitId: other.province.id }]);
  return { ...p, course, section, text, ...made, learner, enrolment, withdrawn, notEnrolled, admin, stranger, strangerAdmin };
}

const questionsOf = (attemptId: string) => db().attemptQuestion.findMany({ where: { attemptId }, orderBy: { position: "asc" } });
const save = (v: Viewer, attemptId: string, seq: number, answers: { position: number; response: unknown }[]) => saveAnswers(v, attemptId, { seq, answers });

/** Moves the attempt's deadline `seconds` into the past (by the database's clock). */
async function deadlinePassed(attemptId: string, seconds: number) {
  await db().$executeRaw`
    UPDATE "QuizAttempt" SET "deadlineAt" = (now() AT TIME ZONE 'UTC') - make_interval(secs => ${seconds}::float8)
    WHERE "id" = ${attemptId}::uuid`;
}

describe("starting an attempt", () => {
  it("draws the questions, stores them with their versions and marks, and two concurrent starts make one attempt", async () => {
    const s = await scene();
    const [a, b] = await Promise.all([startAttempt(s.learner, s.quiz.id), startAttempt(s.learner, s.quiz.id)]);
    expect(a.attemptId).toBe(b.attemptId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const again = await startAttempt(s.learner, s.quiz.id);
    expect(again).toEqual({ attemptId: a.attemptId, created: false });
    const attempts = await db().quizAttempt.findMany({ where: { quizId: s.quiz.id } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ number: 1, state: "IN_PROGRESS", openKey: `${s.quiz.id}:${s.learner.userId}`, deadlineAt: null, lastSeq: 0 });
    expect(Number(attempts[0]!.maxScore)).toBe(2);
    const qs = await questionsOf(a.attemptId);
    expect(qs.map((q) => q.versionId)).toEqual(s.questions.map((q) => q.versions[0]!.id));
    expect(qs.map((q) => q.order)).toEqual([["o1", "o2", "o3"], ["o1", "o2", "o3"]]);
  });

  it("fixed slots get the latest version; random slots draw distinct, unarchived questions of the category and its subcategories", async () => {
    const s = await scene({ drafts: [choiceDraft("Cố định")] });
    const fixed = s.questions[0]!;
    await db().question.update({ where: { id: fixed.id }, data: { latestVersion: 2, versions: { create: { version: 2, name: "Cố định v2", text: "<p>v2</p>", format: "html", defaultMark: 1, data: fixed.versions[0]!.data! } } } });
    const { bank } = await makeBank({ courseId: s.course.id });
    const root = await db().questionCategory.create({ data: { bankId: bank.id, name: "Gốc" } });
    const child = await db().questionCategory.create({ data: { bankId: bank.id, parentId: root.id, name: "Con" } });
    const inRoot = await makeQuestion({ bankId: bank.id, categoryId: root.id, draft: choiceDraft("Gốc 1") });
    const inChild = await makeQuestion({ bankId: bank.id, categoryId: child.id, draft: choiceDraft("Con 1") });
    const archived = await makeQuestion({ bankId: bank.id, categoryId: child.id, draft: choiceDraft("Lưu trữ") });
    await db().question.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    await db().quizSlot.create({ data: { quizId: s.quiz.id, position: 2, categoryId: root.id, randomCount: 2, includeSubcategories: true, mark: 3 } });
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    const qs = await db().attemptQuestion.findMany({ where: { attemptId }, orderBy: { position: "asc" }, include: { version: true } });
    expect(qs).toHaveLength(3);
    expect(qs[0]!.version.version).toBe(2);
    expect(qs.slice(1).map((q) => q.version.questionId).sort()).toEqual([inRoot.id, inChild.id].sort());
    expect(qs.map((q) => Number(q.maxMark))).toEqual([1, 3, 3]);
    // Not enough questions for a second random slot of the same category: refused, nothing made.
    await submitAttempt(s.learner, attemptId);
    await db().quiz.update({ where: { id: s.quiz.id }, data: { attemptsAllowed: 0 } });
    await db().quizSlot.create({ data: { quizId: s.quiz.id, position: 3, categoryId: child.id, randomCount: 1, mark: 1 } });
    expect((await appError(startAttempt(s.learner, s.quiz.id))).messageKey).toBe("quizAttempt.notEnoughQuestions");
    expect(await db().quizAttempt.count({ where: { quizId: s.quiz.id } })).toBe(1);
  });

  it("shuffles questions and option orders when the quiz says so, keeping each question's own options", async () => {
    const options = Array.from({ length: 12 }, (_, i) => `Phương án ${i + 1}`);
    const drafts = Array.from({ length: 12 }, (_, i) => choiceDraft(`Câu ${i + 1}`, options));
    const s = await scene({ drafts, settings: { shuffleQuestions: true, shuffleAnswers: true } });
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    const qs = await db().attemptQuestion.findMany({ where: { attemptId }, orderBy: { position: "asc" }, include: { version: true } });
    const ids = options.map((_, i) => `o${i + 1}`);
    // 12! orders each: the chance that a shuffle leaves everything in place is negligible.
    expect(qs.map((q) => q.version.name)).not.toEqual(drafts.map((d) => d.name));
    expect(qs.map((q) => q.version.name).sort()).toEqual(drafts.map((d) => d.name).sort());
    expect(qs.some((q) => JSON.stringify(q.order) !== JSON.stringify(ids))).toBe(true);
    for (const q of qs) expect([...(q.order as string[])].sort()).toEqual([...ids].sort());
    const view = await attemptForLearner(s.learner, attemptId);
    expect(view.questions.map((q) => q.options!.map((o) => o.id))).toEqual(qs.map((q) => q.order));
  });

  it("refuses past the attempt limit, before the opening, after the close, without questions; the landing says why", async () => {
    const s = await scene({ settings: { attemptsAllowed: 1 } });
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    await submitAttempt(s.learner, attemptId);
    const limit = await appError(startAttempt(s.learner, s.quiz.id));
    expect([limit.code, limit.messageKey]).toEqual(["CONFLICT", "quizAttempt.noAttemptsLeft"]);
    expect(await quizForLearner(s.learner, s.quiz.id)).toMatchObject({ canStart: false, whyNot: "quizAttempt.noAttemptsLeft", inProgressId: null });

    const later = await scene({ settings: { opensAt: new Date(Date.now() + 3600_000) } });
    expect((await appError(startAttempt(later.learner, later.quiz.id))).messageKey).toBe("quizAttempt.notOpenYet");
    expect(await quizForLearner(later.learner, later.quiz.id)).toMatchObject({ canStart: false, whyNot: "quizAttempt.notOpenYet" });
    const closed = await scene({ settings: { closesAt: new Date(Date.now() - 60_000) } });
    expect((await appError(startAttempt(closed.learner, closed.quiz.id))).messageKey).toBe("quizAttempt.closed");
    const empty = await scene({ drafts: [] });
    expect((await appError(startAttempt(empty.learner, empty.quiz.id))).messageKey).toBe("quizAttempt.noQuestions");
    expect(await db().quizAttempt.count({ where: { quizId: { in: [later.quiz.id, closed.quiz.id, empty.quiz.id] } } })).toBe(0);
    const open = await scene();
    expect(await quizForLearner(open.learner, open.quiz.id)).toMatchObject({ canStart: true, whyNot: null, isStaff: false, quiz: { questionCount: 2 } });
  });

  it("the deadline is the time limit or the close, whichever is first, and a finishing job is queued for deadline + grace", async () => {
    const s = await scene({ settings: { timeLimitSeconds: 600, closesAt: new Date(Date.now() + 300_000) } });
    const before = await unsafeDbNow();
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    const attempt = await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt.deadlineAt!.getTime()).toBe(s.quiz.closesAt!.getTime());
    const job = await db().job.findUniqueOrThrow({ where: { dedupeKey: `${QUIZ_FINISH_JOB}:${attemptId}` } });
    expect(job.runAt.getTime()).toBe(attempt.deadlineAt!.getTime() + QUIZ_GRACE_SECONDS * 1000);

    const t = await scene({ settings: { timeLimitSeconds: 600 } });
    const started = await startAttempt(t.learner, t.quiz.id);
    const limited = await db().quizAttempt.findUniqueOrThrow({ where: { id: started.attemptId } });
    const offset = limited.deadlineAt!.getTime() - limited.startedAt.getTime();
    expect(offset).toBe(600_000);
    expect(limited.startedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });

  it("a class override opens a closed quiz for that class only", async () => {
    const p = await makeProvince();
    const inClass = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
    const otherClass = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
    const noClass = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
    const made = await makeClassWithSession({ organiserUnitId: p.agency.id, trainerId: null, learnerIds: [inClass.userId] });
    const { quiz } = await makeQuiz({ courseId: made.course.id, settings: { closesAt: new Date(Date.now() - 3600_000) } });
    const second = await makeClassWithSession({ organiserUnitId: p.agency.id, trainerId: null });
    // The second class is of another course; put it on this course for the test.
    await db().class.update({ where: { id: second.class.id }, data: { courseId: made.course.id } });
    await enrolInClass(second.class.id, otherClass.userId);
    await makeEnrolment({ userId: noClass.userId, courseId: made.course.id });
    const until = new Date(Date.now() + 3600_000);
    await db().quizClassOverride.create({ data: { quizId: quiz.id, classId: made.class.id, closesAt: until } });

    expect((await startAttempt(inClass, quiz.id)).created).toBe(true);
    expect((await quizForLearner(inClass, quiz.id)).quiz.closesAt).toBe(until.toISOString());
    expect((await appError(startAttempt(otherClass, quiz.id))).messageKey).toBe("quizAttempt.closed");
    expect((await appError(startAttempt(noClass, quiz.id))).messageKey).toBe("quizAttempt.closed");
    const attempt = await db().quizAttempt.findFirstOrThrow({ where: { quizId: quiz.id } });
    expect(attempt.classId).toBe(made.class.id);
    expect(attempt.deadlineAt!.getTime()).toBe(until.getTime());
  });

  it("outsiders: another province's learner or admin, not enrolled, withdrawn, forged ids → NOT_FOUND; staff without enrolment → FORBIDDEN", async () => {
    const s = await scene();
    for (const v of [s.stranger, s.strangerAdmin, s.notEnrolled, s.withdrawn]) {
      expect(await codeOf(startAttempt(v, s.quiz.id))).toBe("NOT_FOUND");
      expect(await codeOf(quizForLearner(v, s.quiz.id))).toBe("NOT_FOUND");
      expect(await codeOf(viewerQuiz(v, s.quiz.id))).toBe("NOT_FOUND");
    }
    expect(await codeOf(startAttempt(s.learner, FAKE_ID))).toBe("NOT_FOUND");
    expect(await codeOf(startAttempt(s.learner, "not-an-id"))).toBe("NOT_FOUND");
    expect(await codeOf(quizForLearner(s.learner, FAKE_ID))).toBe("NOT_FOUND");
    const staff = await appError(startAttempt(s.admin, s.quiz.id));
    expect([staff.code, staff.messageKey]).toEqual(["FORBIDDEN", "quizAttempt.staffPreview"]);
    expect(await quizForLearner(s.admin, s.quiz.id)).toMatchObject({ isStaff: true, canStart: false, whyNot: "quizAttempt.staffPreview", attempts: [] });
    expect(await db().quizAttempt.count({ where: { quizId: s.quiz.id } })).toBe(0);

    // The learner's attempt is theirs alone.
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    for (const v of [s.stranger, s.strangerAdmin, s.notEnrolled, s.withdrawn, s.admin]) {
      expect(await codeOf(attemptForLearner(v, attemptId))).toBe("NOT_FOUND");
      expect(await codeOf(reviewForLearner(v, attemptId))).toBe("NOT_FOUND");
      expect(await codeOf(viewerAttempt(v, attemptId))).toBe("NOT_FOUND");
      expect(await codeOf(save(v, attemptId, 1, [{ position: 1, response: { optionId: "o2" } }]))).toBe("NOT_FOUND");
      expect(await codeOf(submitAttempt(v, attemptId))).toBe("NOT_FOUND");
      expect(await codeOf(checkQuestion(v, attemptId, 1))).toBe("NOT_FOUND");
    }
    for (const forged of [FAKE_ID, "x"]) {
      expect(await codeOf(attemptForLearner(s.learner, forged))).toBe("NOT_FOUND");
      expect(await codeOf(save(s.learner, forged, 1, []))).toBe("NOT_FOUND");
      expect(await codeOf(submitAttempt(s.learner, forged))).toBe("NOT_FOUND");
    }
    // Withdrawn after starting: the attempt is no longer reachable.
    await db().enrolment.update({ where: { id: s.enrolment.id }, data: { status: "WITHDRAWN" } });
    expect(await codeOf(save(s.learner, attemptId, 1, [{ position: 1, response: { optionId: "o2" } }]))).toBe("NOT_FOUND");
    expect(await codeOf(attemptForLearner(s.learner, attemptId))).toBe("NOT_FOUND");
    expect((await questionsOf(attemptId)).every((q) => q.response === null)).toBe(true);
  });
});

describe("saving answers", () => {
  it("applies a save; a stale seq changes nothing; a repeated seq is acknowledged; another device's later save is reported", async () => {
    const s = await scene();
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    const first = await save(s.learner, attemptId, 5, [{ position: 1, response: { optionId: "o2" } }]);
    expect(first).toMatchObject({ lastSeq: 5, saved: [1], superseded: [], deadlineAt: null });
    expect(new Date(first.serverNow).getTime()).toBeGreaterThan(0);

    const stale = await save(s.learner, attemptId, 3, [{ position: 1, response: { optionId: "o3" } }]);
    expect(stale).toMatchObject({ lastSeq: 5, saved: [], superseded: [{ position: 1, response: { optionId: "o2" }, seq: 5 }] });
    const repeated = await save(s.learner, attemptId, 5, [{ position: 1, response: { optionId: "o2" } }]);
    expect(repeated).toMatchObject({ lastSeq: 5, saved: [1], superseded: [] });
    const [q1] = await questionsOf(attemptId);
    expect(q1).toMatchObject({ response: { optionId: "o2" }, responseSeq: 5 });
    expect((await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).lastSeq).toBe(5);

    // Out of order, different questions: both apply; lastSeq is the highest.
    expect(await save(s.learner, attemptId, 8, [{ position: 2, response: { optionId: "o1" } }])).toMatchObject({ lastSeq: 8, saved: [2] });
    expect(await save(s.learner, attemptId, 7, [{ position: 1, response: { optionId: "o1" } }])).toMatchObject({ lastSeq: 8, saved: [1] });
    expect((await questionsOf(attemptId)).map((q) => [q.response, q.responseSeq])).toEqual([
      [{ optionId: "o1" }, 7],
      [{ optionId: "o1" }, 8],
    ]);
    // A null response clears an answer.
    expect(await save(s.learner, attemptId, 9, [{ position: 2, response: null }])).toMatchObject({ saved: [2] });
    expect((await questionsOf(attemptId))[1]!.response).toBeNull();
    // The page gets lastSeq to continue from.
    expect((await attemptForLearner(s.learner, attemptId)).lastSeq).toBe(9);
  });

  it("many saves at once keep the highest seq of each question", async () => {
    const s = await scene();
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    const seqs = Array.from({ length: 12 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    await Promise.all(seqs.map((seq) => save(s.learner, attemptId, seq, [{ position: 1 + (seq % 2), response: { optionId: `o${1 + (seq % 3)}` } }])));
    const qs = await questionsOf(attemptId);
    // Even seqs write position 1 (the highest: 12), odd ones position 2 (11).
    expect(qs.map((q) => q.responseSeq)).toEqual([12, 11]);
    expect(qs.map((q) => q.response)).toEqual([{ optionId: `o${1 + (12 % 3)}` }, { optionId: `o${1 + (11 % 3)}` }]);
    expect((await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).lastSeq).toBe(12);
  });

  it("refuses a save that does not fit: bad shape, unknown position, an option the question does not have, another type's response — nothing written", async () => {
    const s = await scene();
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    const bad: unknown[] = [
      { seq: 0, answers: [] },
      { seq: 1.5, answers: [] },
      { answers: [] },
      { seq: 1, answers: [{ position: 3, response: { optionId: "o1" } }] },
      { seq: 1, answers: [{ position: 1, response: { optionId: "o9" } }] },
      { seq: 1, answers: [{ position: 1, response: { value: true } }] },
      { seq: 1, answers: [{ position: 1, response: { optionId: "o1" } }, { position: 1, response: { optionId: "o2" } }] },
      { seq: 1, answers: [{ position: 1, response: { optionId: "o1" } }, { position: 2, response: { optionIds: ["o1"] } }] },
    ];
    for (const body of bad) expect(await codeOf(saveAnswers(s.learner, attemptId, body))).toBe("VALIDATION");
    expect((await questionsOf(attemptId)).every((q) => q.response === null && q.responseSeq === 0)).toBe(true);
    expect((await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).lastSeq).toBe(0);
  });

  it("after deadline + grace: 409 ATTEMPT_CLOSED and nothing written; within the grace it still saves", async () => {
    const s = await scene({ settings: { timeLimitSeconds: 1200 } });
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    await save(s.learner, attemptId, 1, [{ position: 1, response: { optionId: "o2" } }]);
    await deadlinePassed(attemptId, QUIZ_GRACE_SECONDS - 20);
    expect(await save(s.learner, attemptId, 2, [{ position: 2, response: { optionId: "o1" } }])).toMatchObject({ saved: [2] });
    await deadlinePassed(attemptId, QUIZ_GRACE_SECONDS + 5);
    const late = await appError(save(s.learner, attemptId, 3, [{ position: 1, response: { optionId: "o1" } }]));
    expect([late.code, late.status, late.messageKey]).toEqual(["ATTEMPT_CLOSED", 409, "quizAttempt.attemptClosed"]);
    expect((await questionsOf(attemptId)).map((q) => [q.response, q.responseSeq])).toEqual([
      [{ optionId: "o2" }, 1],
      [{ optionId: "o1" }, 2],
    ]);
    expect((await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).lastSeq).toBe(2);
    // A finished attempt takes no answers either.
    const t = await scene();
    const started = await startAttempt(t.learner, t.quiz.id);
    await submitAttempt(t.learner, started.attemptId);
    expect(await codeOf(save(t.learner, started.attemptId, 1, [{ position: 1, response: { optionId: "o1" } }]))).toBe("ATTEMPT_CLOSED");
  });
});

describe("submitting and finishing", () => {
  it("marks every question, sets the score; submitting twice gives the same result", async () => {
    const s = await scene({ drafts: [choiceDraft("Câu 1"), choiceDraft("Câu 2"), tfDraft("Câu 3", true)], settings: { passPercent: 50 } });
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    await save(s.learner, attemptId, 1, [{ position: 1, response: { optionId: "o1" } }, { position: 2, response: { optionId: "o2" } }]);
    expect(await submitAttempt(s.learner, attemptId, { seq: 2, answers: [{ position: 3, response: { value: true } }] })).toEqual({ state: "FINISHED" });
    const attempt = await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt).toMatchObject({ state: "FINISHED", openKey: null, finishedBy: "LEARNER", needsMarking: false, lastSeq: 2 });
    expect(Number(attempt.score)).toBe(2);
    const qs = await questionsOf(attemptId);
    expect(qs.map((q) => [Number(q.fraction), Number(q.mark), q.markedVersionId === q.versionId])).toEqual([
      [1, 1, true],
      [0, 0, true],
      [1, 1, true],
    ]);
    const marks = await db().attemptMark.findMany({ where: { attemptQuestionId: { in: qs.map((q) => q.id) } } });
    expect(marks.map((m) => m.source)).toEqual(["AUTO", "AUTO", "AUTO"]);

    expect(await submitAttempt(s.learner, attemptId, { seq: 3, answers: [{ position: 2, response: { optionId: "o1" } }] })).toEqual({ state: "FINISHED" });
    expect(await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toEqual(attempt);
    expect(await db().attemptMark.count({ where: { attemptQuestionId: { in: qs.map((q) => q.id) } } })).toBe(3);
    const landing = await quizForLearner(s.learner, s.quiz.id);
    expect(landing).toMatchObject({ grade: 66.67, passed: true, inProgressId: null });
    expect(landing.attempts).toMatchObject([{ id: attemptId, number: 1, state: "FINISHED", score: 2, maxScore: 3 }]);
  });

  it("saves racing a submit either land before the finish (and are marked) or are refused", async () => {
    const s = await scene({ drafts: Array.from({ length: 6 }, (_, i) => choiceDraft(`Câu ${i + 1}`)) });
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    const saves = Array.from({ length: 6 }, (_, i) =>
      save(s.learner, attemptId, i + 1, [{ position: i + 1, response: { optionId: "o1" } }]).then(
        () => "saved",
        (e: unknown) => (e instanceof AppError ? e.code : "other"),
      ),
    );
    const [outcomes] = await Promise.all([Promise.all(saves), submitAttempt(s.learner, attemptId)]);
    expect(outcomes.every((o) => o === "saved" || o === "ATTEMPT_CLOSED")).toBe(true);
    const qs = await questionsOf(attemptId);
    // Every answer stored was marked with the finish: nothing was written after it.
    for (const q of qs) expect(Number(q.fraction)).toBe(q.response === null ? 0 : 1);
    const attempt = await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(Number(attempt.score)).toBe(qs.filter((q) => q.response !== null).length);
    expect(qs.filter((q) => q.response !== null)).toHaveLength(outcomes.filter((o) => o === "saved").length);
  });

  it("after deadline + grace a submit finishes with what was saved, without error", async () => {
    const s = await scene({ settings: { timeLimitSeconds: 600 } });
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    await save(s.learner, attemptId, 1, [{ position: 1, response: { optionId: "o1" } }]);
    await deadlinePassed(attemptId, QUIZ_GRACE_SECONDS + 1);
    expect(await submitAttempt(s.learner, attemptId, { seq: 2, answers: [{ position: 2, response: { optionId: "o1" } }] })).toEqual({ state: "FINISHED" });
    const attempt = await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect([attempt.state, Number(attempt.score), attempt.finishedBy]).toEqual(["FINISHED", 1, "DEADLINE"]);
    expect((await questionsOf(attemptId))[1]!.response).toBeNull();
  });

  it("the job finishes an overdue attempt with the saved answers; a second run changes nothing", async () => {
    const s = await scene({ settings: { timeLimitSeconds: 60 } });
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    await save(s.learner, attemptId, 1, [{ position: 2, response: { optionId: "o1" } }]);
    const job = await db().job.findUniqueOrThrow({ where: { dedupeKey: `${QUIZ_FINISH_JOB}:${attemptId}` } });
    await deadlinePassed(attemptId, QUIZ_GRACE_SECONDS + 1);
    const handlers = { [QUIZ_FINISH_JOB]: finishAttemptJob };
    const later = () => new Date(job.runAt.getTime() + 1000);
    expect(await runDueJobs({ handlers, onlyIds: [job.id], now: later })).toEqual({ done: 1, failed: 0 });
    const attempt = await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect([attempt.state, Number(attempt.score), attempt.finishedBy, attempt.openKey]).toEqual(["FINISHED", 1, "DEADLINE", null]);
    expect(await runDueJobs({ handlers, onlyIds: [job.id], now: later })).toEqual({ done: 0, failed: 0 });
    // The quiz has no pass mark: a finished attempt makes its lesson done.
    expect(await db().lessonProgress.findUnique({ where: { userId_lessonId: { userId: s.learner.userId, lessonId: s.lesson.id } } })).toMatchObject({ doneAt: expect.any(Date) });
  });

  it("reading an overdue attempt finishes it first", async () => {
    const s = await scene({ settings: { timeLimitSeconds: 600, attemptsAllowed: 2 } });
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    await save(s.learner, attemptId, 1, [{ position: 1, response: { optionId: "o1" } }]);
    await deadlinePassed(attemptId, QUIZ_GRACE_SECONDS + 1);
    const view = await attemptForLearner(s.learner, attemptId);
    expect(view.state).toBe("FINISHED");
    expect((await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).finishedBy).toBe("DEADLINE");
    // And a start after an overdue attempt finishes it and begins the next.
    const t = await scene({ settings: { timeLimitSeconds: 600, attemptsAllowed: 2 } });
    const first = await startAttempt(t.learner, t.quiz.id);
    await deadlinePassed(first.attemptId, QUIZ_GRACE_SECONDS + 1);
    const second = await startAttempt(t.learner, t.quiz.id);
    expect(second.created).toBe(true);
    expect(second.attemptId).not.toBe(first.attemptId);
    expect((await db().quizAttempt.findUniqueOrThrow({ where: { id: first.attemptId } })).state).toBe("FINISHED");
    const landingOverdue = await scene({ settings: { timeLimitSeconds: 600 } });
    const a = await startAttempt(landingOverdue.learner, landingOverdue.quiz.id);
    await deadlinePassed(a.attemptId, QUIZ_GRACE_SECONDS + 1);
    expect(await quizForLearner(landingOverdue.learner, landingOverdue.quiz.id)).toMatchObject({ inProgressId: null, attempts: [{ state: "FINISHED" }] });
  });
});

describe("the quiz's outcome", () => {
  it("passing marks the quiz lesson done and completes the enrolment when every lesson is done; failing does not", async () => {
    const s = await scene({ settings: { passPercent: 60, attemptsAllowed: 2 } });
    await recordProgress(s.learner, { event: "complete", lessonId: s.text.id });
    const lessonRow = () => db().lessonProgress.findUnique({ where: { userId_lessonId: { userId: s.learner.userId, lessonId: s.lesson.id } } });
    const first = await startAttempt(s.learner, s.quiz.id);
    await submitAttempt(s.learner, first.attemptId, { seq: 1, answers: [{ position: 1, response: { optionId: "o1" } }, { position: 2, response: { optionId: "o2" } }] });
    expect(await lessonRow()).toBeNull();
    expect((await db().enrolment.findUniqueOrThrow({ where: { id: s.enrolment.id } })).status).toBe("ACTIVE");
    expect(await quizForLearner(s.learner, s.quiz.id)).toMatchObject({ grade: 50, passed: false, canStart: true });

    const second = await startAttempt(s.learner, s.quiz.id);
    await submitAttempt(s.learner, second.attemptId, { seq: 1, answers: [{ position: 1, response: { optionId: "o1" } }, { position: 2, response: { optionId: "o1" } }] });
    const done = await lessonRow();
    expect(done?.doneAt).toBeInstanceOf(Date);
    const enrolment = await db().enrolment.findUniqueOrThrow({ where: { id: s.enrolment.id } });
    expect(enrolment.status).toBe("COMPLETED");
    expect(await db().auditEvent.count({ where: { action: "enrolment.complete", entityId: s.enrolment.id } })).toBe(1);
    // Recording again changes nothing (doneAt set once).
    await unsafeRecordQuizOutcome(s.learner.userId, s.quiz.id);
    expect(await lessonRow()).toEqual(done);
    expect(await quizForLearner(s.learner, s.quiz.id)).toMatchObject({ grade: 100, passed: true, canStart: false, whyNot: "quizAttempt.noAttemptsLeft" });
  });

  it("an essay waiting for marking holds the lesson back until a trainer's mark is rescored", async () => {
    const s = await scene({ drafts: [choiceDraft("Câu 1"), essayDraft("Tự luận")], settings: { passPercent: 50 } });
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    await submitAttempt(s.learner, attemptId, { seq: 1, answers: [{ position: 1, response: { optionId: "o1" } }, { position: 2, response: { text: "<p>Bài làm</p>" } }] });
    const attempt = await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect([Number(attempt.score), Number(attempt.maxScore), attempt.needsMarking]).toEqual([1, 3, true]);
    const essay = (await questionsOf(attemptId))[1]!;
    expect([essay.mark, essay.fraction]).toEqual([null, null]);
    expect(await db().lessonProgress.count({ where: { userId: s.learner.userId, lessonId: s.lesson.id } })).toBe(0);
    // A trainer marks the essay (lib/quizzes/results does this), then the attempt is rescored.
    await db().attemptQuestion.update({ where: { id: essay.id }, data: { mark: 1, fraction: 0.5 } });
    await unsafeRescoreAttempt(attemptId);
    const rescored = await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect([Number(rescored.score), rescored.needsMarking]).toEqual([2, false]);
    expect(await db().lessonProgress.count({ where: { userId: s.learner.userId, lessonId: s.lesson.id, doneAt: { not: null } } })).toBe(1);
  });

  it("a quiz lesson cannot be marked done by hand", async () => {
    const s = await scene();
    const e = await appError(recordProgress(s.learner, { event: "complete", lessonId: s.lesson.id }));
    expect([e.code, e.messageKey]).toEqual(["VALIDATION", "quizAttempt.lessonIsQuiz"]);
    expect(await db().lessonProgress.count({ where: { userId: s.learner.userId } })).toBe(0);
  });
});

describe("checking a question while answering (review DURING)", () => {
  it("marks and locks the question; later saves to it are reported as superseded; the finish keeps its mark", async () => {
    const s = await scene({ settings: { reviewMarks: "DURING", reviewFeedback: "DURING", reviewCorrect: "DURING" } });
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    expect((await attemptForLearner(s.learner, attemptId)).canCheck).toBe(true);
    expect((await appError(checkQuestion(s.learner, attemptId, 1))).messageKey).toBe("quizAttempt.cannotCheck");
    await save(s.learner, attemptId, 1, [{ position: 1, response: { optionId: "o2" } }]);
    const view = await checkQuestion(s.learner, attemptId, 1);
    expect(view.questions[0]).toMatchObject({ checked: true, review: { state: "wrong", mark: 0 } });
    expect(view.questions[0]!.review!.feedbackHtml).toContain("Chưa đúng.");
    expect(view.questions[0]!.review!.correctHtml).toContain("Đúng");
    expect(view.questions[1]!.review).toBeUndefined();
    // Checking again is the same; the locked answer does not change.
    expect((await checkQuestion(s.learner, attemptId, 1)).questions[0]).toEqual(view.questions[0]);
    const reply = await save(s.learner, attemptId, 2, [{ position: 1, response: { optionId: "o1" } }, { position: 2, response: { optionId: "o1" } }]);
    expect(reply).toMatchObject({ saved: [2], superseded: [{ position: 1, response: { optionId: "o2" }, seq: 1 }] });
    await submitAttempt(s.learner, attemptId);
    const qs = await questionsOf(attemptId);
    expect(qs.map((q) => Number(q.mark))).toEqual([0, 1]);
    expect(await db().attemptMark.count({ where: { attemptQuestionId: qs[0]!.id } })).toBe(1);
    expect(await codeOf(checkQuestion(s.learner, attemptId, 2))).toBe("ATTEMPT_CLOSED");
  });

  it("refused when the quiz does not allow it", async () => {
    const s = await scene();
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    await save(s.learner, attemptId, 1, [{ position: 1, response: { optionId: "o2" } }]);
    expect((await attemptForLearner(s.learner, attemptId)).canCheck).toBe(false);
    const e = await appError(checkQuestion(s.learner, attemptId, 1));
    expect([e.code, e.messageKey]).toEqual(["CONFLICT", "quizAttempt.checkNotAllowed"]);
    expect((await questionsOf(attemptId))[0]!.checkedAt).toBeNull();
  });
});

describe("errors", () => {
  it("ATTEMPT_CLOSED answers 409", () => {
    expect(new AppError("ATTEMPT_CLOSED", "quizAttempt.attemptClosed").status).toBe(409);
  });
});
