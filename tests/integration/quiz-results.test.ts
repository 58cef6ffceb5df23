import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { loadViewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { assertMarkQuiz, quizStaffAccess } from "@/lib/quizzes/results/access";
import { itemAnalysis } from "@/lib/quizzes/results/analysis";
import { markEssay, regradeQuestion } from "@/lib/quizzes/results/commands";
import { exportQuizResults } from "@/lib/quizzes/results/export";
import { attemptDetail, courseMarkingQueue, markingQueue, quizResults, regradeCandidates } from "@/lib/quizzes/results/queries";
import { markEssayInput } from "@/lib/quizzes/results/schemas";
import type { QuestionDraft } from "@/lib/quizzes/question-types";
import { addQuestionVersion, makeFinishedAttempt } from "@/lib/testing/attempt-factories";
import { makeClassWithSession } from "@/lib/testing/class-factories-attendance";
import { codeOf } from "@/lib/testing/errors";
import { makeProvince, makeUser, makeViewer, uniq } from "@/lib/testing/factories";
import { choiceDraft, makeQuiz } from "@/lib/testing/quiz-factories";

const FORGED = "00000000-0000-4000-8000-000000000000";

const essayDraft: QuestionDraft = {
  type: "ESSAY",
  name: "Nêu quy trình tiếp nhận hồ sơ",
  text: "<p>Trình bày các bước tiếp nhận hồ sơ tại bộ phận một cửa.</p>",
  format: "html",
  defaultMark: 10,
  category: [],
  tags: [],
  data: { graderInfo: { text: "Đủ 4 bước: 10 điểm.", format: "plain" } },
};

const multiDraft: QuestionDraft = {
  type: "MULTIPLE_CHOICE",
  name: "Chọn các giấy tờ bắt buộc",
  text: "<p>Giấy tờ nào bắt buộc?</p>",
  format: "html",
  defaultMark: 1,
  category: [],
  tags: [],
  data: {
    options: [
      { id: "o1", text: { text: "Tờ khai", format: "plain" }, fraction: 0.5 },
      { id: "o2", text: { text: "Bản sao CCCD", format: "plain" }, fraction: 0.5 },
      { id: "o3", text: { text: "Ảnh thẻ", format: "plain" }, fraction: 0 },
    ],
  },
};

/** A province, a class of the agency's course taught by the trainer, learners in it, a quiz (choice + essay). */
async function scene(drafts: QuestionDraft[] = [choiceDraft("Câu 1"), essayDraft]) {
  const p = await makeProvince();
  const other = await makeProvince();
  const trainerUser = await makeUser({ unitId: p.agency.id, fullName: "Trần Thanh Hưng", grants: [{ role: "TRAINER", unitId: p.agency.id }] });
  const names = ["An Văn Một", "Bùi Thị Hai", "Cao Văn Ba", "Đỗ Thị Bốn"];
  const learners = [];
  for (const fullName of names) learners.push(await makeUser({ unitId: p.communeA.id, fullName }));
  const { course, class: klass } = await makeClassWithSession({ organiserUnitId: p.agency.id, trainerId: trainerUser.id, learnerIds: learners.map((l) => l.id) });
  const made = await makeQuiz({ courseId: course.id, drafts, settings: { passPercent: 50 } });
  const trainer = (await loadViewer(trainerUser.id))!;
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  const learner = (await loadViewer(learners[0]!.id))!;
  const otherTrainer = await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.agency.id }]);
  const communeAdmin = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
  const outsider = await makeViewer(other.agency.id, [{ role: "PROVINCE_ADMIN", unitId: other.province.id }]);
  return { ...p, course, klass, ...made, trainer, admin, learner, learners, otherTrainer, communeAdmin, outsider };
}

async function essayOf(attemptId: string) {
  return db().attemptQuestion.findUniqueOrThrow({ where: { attemptId_position: { attemptId, position: 2 } }, include: { marks: { orderBy: { createdAt: "asc" } } } });
}

describe("marking essays", () => {
  it("the queue lists essays awaiting a mark, oldest first; a mark (decimal comma) rescored the attempt; re-marking keeps the history", async () => {
    const s = await scene();
    const late = await makeFinishedAttempt({ quizId: s.quiz.id, userId: s.learners[0]!.id, responses: [{ optionId: "o1" }, { text: "<b>Bước 1</b>: kiểm tra" }], finishedAt: new Date(Date.now() - 60_000) });
    const early = await makeFinishedAttempt({ quizId: s.quiz.id, userId: s.learners[1]!.id, responses: [{ optionId: "o2" }, { text: "Tiếp nhận, kiểm tra" }], finishedAt: new Date(Date.now() - 3_600_000) });
    expect(late.needsMarking).toBe(true);

    const queue = await markingQueue(s.trainer, s.quiz.id);
    expect(queue.items.map((i) => i.attemptId)).toEqual([early.id, late.id]);
    // The learner's answer is escaped, never rendered as markup; the grader information is shown.
    expect(queue.items[1]!.answerHtml).toBe("&lt;b&gt;Bước 1&lt;/b&gt;: kiểm tra");
    expect(queue.items[0]!.graderInfoHtml).toContain("Đủ 4 bước");
    expect(queue.items[0]!.maxMark).toBe(10);
    expect((await courseMarkingQueue(s.trainer, s.course.id)).map((i) => i.attemptId)).toEqual([early.id, late.id]);

    const parsed = markEssayInput.parse({ courseId: s.course.id, quizId: s.quiz.id, attemptQuestionId: queue.items[1]!.attemptQuestionId, mark: "7,5", comment: "Thiếu bước 3." });
    expect(parsed.mark).toBe(7.5);
    await markEssay(s.trainer, parsed.attemptQuestionId, parsed);
    let aq = await essayOf(late.id);
    expect(Number(aq.mark)).toBe(7.5);
    expect(Number(aq.fraction)).toBe(0.75);
    expect(aq.comment).toBe("Thiếu bước 3.");
    let attempt = await db().quizAttempt.findUniqueOrThrow({ where: { id: late.id } });
    expect(Number(attempt.score)).toBe(8.5);
    expect(attempt.needsMarking).toBe(false);
    expect((await markingQueue(s.trainer, s.quiz.id)).items.map((i) => i.attemptId)).toEqual([early.id]);

    // Marked again: two MANUAL rows after the AUTO one; the current mark is the last.
    await markEssay(s.trainer, aq.id, { mark: 9, comment: "" });
    aq = await essayOf(late.id);
    expect(aq.marks.map((m) => [m.source, m.mark === null ? null : Number(m.mark)])).toEqual([["AUTO", null], ["MANUAL", 7.5], ["MANUAL", 9]]);
    expect(aq.marks[1]!.byUserId).toBe(s.trainer.userId);
    attempt = await db().quizAttempt.findUniqueOrThrow({ where: { id: late.id } });
    expect(Number(attempt.score)).toBe(10);
    const detail = await attemptDetail(s.trainer, late.id);
    expect(detail.questions[1]!.history.map((h) => [h.source, h.mark, h.by])).toEqual([["AUTO", null, null], ["MANUAL", 7.5, "Trần Thanh Hưng"], ["MANUAL", 9, "Trần Thanh Hưng"]]);
    expect(detail.questions[0]!.correct).toEqual([{ html: "Đúng", percent: 100 }]);

    const audits = await db().auditEvent.findMany({ where: { action: "quiz.markEssay", entityId: late.id }, orderBy: { at: "asc" } });
    expect(audits.map((a) => (a.data as { after: { mark: number } }).after.mark)).toEqual([7.5, 9]);

    // The results table: 9 + 1 of 11 → 90.91 %, passed (50 %); the other learner still waits for marking.
    const results = await quizResults(s.trainer, s.quiz.id);
    const row = (name: string) => results.rows.find((r) => r.fullName === name)!;
    expect(row("An Văn Một")).toMatchObject({ grade: 90.91, state: "finished", passed: true, attempts: 1 });
    expect(row("Bùi Thị Hai")).toMatchObject({ grade: 0, state: "needsMarking", passed: false });
    expect(row("Cao Văn Ba")).toMatchObject({ grade: null, state: "notStarted", passed: null, attempts: 0 });
    expect(results.awaitingMarking).toBe(1);
  });

  it("refuses a mark above the question's, a non-essay and a malformed mark, writing nothing", async () => {
    const s = await scene();
    const a = await makeFinishedAttempt({ quizId: s.quiz.id, userId: s.learners[0]!.id, responses: [{ optionId: "o1" }, { text: "Trả lời" }] });
    const essay = await essayOf(a.id);
    expect(await codeOf(markEssay(s.trainer, essay.id, { mark: 10.5 }))).toBe("VALIDATION");
    const choice = await db().attemptQuestion.findUniqueOrThrow({ where: { attemptId_position: { attemptId: a.id, position: 1 } } });
    expect(await codeOf(markEssay(s.trainer, choice.id, { mark: 1 }))).toBe("CONFLICT");
    for (const mark of ["-1", "7,555", "bảy", "1.000,5"]) {
      expect(markEssayInput.safeParse({ courseId: s.course.id, quizId: s.quiz.id, attemptQuestionId: essay.id, mark }).success).toBe(false);
    }
    expect(await db().attemptMark.count({ where: { attemptQuestion: { attemptId: a.id }, source: "MANUAL" } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "quiz.markEssay", entityId: a.id } })).toBe(0);
  });
});

describe("regrading a corrected question", () => {
  it("a dry run lists old → new marks and writes nothing; applying writes REGRADE rows where marks change and rescores", async () => {
    const s = await scene();
    const [q1, q2] = s.questions;
    const right = await makeFinishedAttempt({ quizId: s.quiz.id, userId: s.learners[0]!.id, responses: [{ optionId: "o1" }, { text: "Bài làm" }] });
    const wrong = await makeFinishedAttempt({ quizId: s.quiz.id, userId: s.learners[1]!.id, responses: [{ optionId: "o2" }, { text: "Bài làm" }] });
    const same = await makeFinishedAttempt({ quizId: s.quiz.id, userId: s.learners[2]!.id, responses: [{ optionId: "o3" }, null] });
    await markEssay(s.trainer, (await essayOf(right.id)).id, { mark: 6 });
    // The answer key was wrong: the second option is the right one.
    const corrected = choiceDraft("Câu 1");
    if (corrected.type !== "SINGLE_CHOICE") throw new Error("choice");
    corrected.data.options = corrected.data.options.map((o) => ({ ...o, fraction: o.id === "o2" ? 1 : 0 }));
    const v2 = await addQuestionVersion(q1!.id, corrected);

    expect((await regradeCandidates(s.trainer, s.quiz.id)).questions.map((q) => [q.id, q.latestVersion])).toEqual([[q1!.id, 2]]);
    const dry = await regradeQuestion(s.trainer, s.quiz.id, q1!.id, { dryRun: true });
    expect(dry.applied).toBe(false);
    expect(dry.checked).toBe(3);
    expect(dry.question.version).toBe(2);
    expect(dry.changes.map((c) => [c.learnerName, c.attemptId, c.oldMark, c.newMark])).toEqual(
      expect.arrayContaining([["An Văn Một", right.id, 1, 0], ["Bùi Thị Hai", wrong.id, 0, 1]]),
    );
    expect(dry.changes).toHaveLength(2);
    expect(await db().attemptMark.count({ where: { source: "REGRADE", attemptQuestion: { attempt: { quizId: s.quiz.id } } } })).toBe(0);
    expect(Number((await db().quizAttempt.findUniqueOrThrow({ where: { id: right.id } })).score)).toBe(7);

    const applied = await regradeQuestion(s.trainer, s.quiz.id, q1!.id, { dryRun: false });
    expect(applied.changes).toHaveLength(2);
    const regrades = await db().attemptMark.findMany({ where: { source: "REGRADE", attemptQuestion: { attempt: { quizId: s.quiz.id } } } });
    expect(regrades).toHaveLength(2);
    expect(regrades.every((r) => r.versionId === v2.id && r.byUserId === s.trainer.userId)).toBe(true);
    // Every re-marked answer now comes from version 2, also the unchanged one (no REGRADE row for it).
    const q1Answers = await db().attemptQuestion.findMany({ where: { attempt: { quizId: s.quiz.id }, position: 1 } });
    expect(q1Answers.every((a) => a.markedVersionId === v2.id)).toBe(true);
    expect(Number((await db().quizAttempt.findUniqueOrThrow({ where: { id: right.id } })).score)).toBe(6);
    expect(Number((await db().quizAttempt.findUniqueOrThrow({ where: { id: wrong.id } })).score)).toBe(1);
    expect(Number((await db().quizAttempt.findUniqueOrThrow({ where: { id: same.id } })).score)).toBe(0);
    const history = (await attemptDetail(s.trainer, wrong.id)).questions[0]!;
    expect(history.history.map((h) => [h.source, h.mark, h.version])).toEqual([["AUTO", 0, 1], ["REGRADE", 1, 2]]);
    expect(history.correct).toEqual([{ html: "Sai 1", percent: 100 }]);
    expect(await db().auditEvent.count({ where: { action: "quiz.regrade", entityId: s.quiz.id } })).toBe(1);

    // Applying again changes nothing; the essay a trainer marked is never re-marked.
    expect((await regradeQuestion(s.trainer, s.quiz.id, q1!.id, { dryRun: false })).changes).toEqual([]);
    expect((await regradeQuestion(s.trainer, s.quiz.id, q2!.id, { dryRun: false })).changes).toEqual([]);
    expect(Number((await essayOf(right.id)).mark)).toBe(6);
  });
});

describe("item analysis", () => {
  // Four learners, three questions of 1 mark (single choice, multiple choice, true/false):
  //        Q1 Q2 Q3  score
  //   A     1  1  1   3
  //   B     1  0  1   2
  //   C     0  0  0   0
  //   D     0  1  0   1
  // Q1, Q3: facility 50, sd √(1/3) = 57.74, rest (score − own mark) = 2,1,0,1 → r = 1/√2 = 70.71.
  // Q2: facility 50, sd 57.74, rest = 2,2,0,0 → r = 0. Mean score (3+2+0+1)/12 = 50 %.
  it("computes facility, sd, discrimination and option counts in SQL, over first or all attempts", async () => {
    const tf: QuestionDraft = { type: "TRUE_FALSE", name: "Đúng hay sai", text: "Hồ sơ nộp trực tuyến?", format: "plain", defaultMark: 1, category: [], tags: [], data: { answer: true } };
    const s = await scene([choiceDraft("Câu 1"), multiDraft, tf]);
    const [a, b, c, d] = s.learners.map((l) => l.id);
    await makeFinishedAttempt({ quizId: s.quiz.id, userId: a!, responses: [{ optionId: "o1" }, { optionIds: ["o1", "o2"] }, { value: true }] });
    await makeFinishedAttempt({ quizId: s.quiz.id, userId: b!, responses: [{ optionId: "o1" }, { optionIds: ["o3"] }, { value: true }] });
    await makeFinishedAttempt({ quizId: s.quiz.id, userId: c!, responses: [{ optionId: "o2" }, null, { value: false }] });
    await makeFinishedAttempt({ quizId: s.quiz.id, userId: d!, responses: [{ optionId: "o3" }, { optionIds: ["o2", "o1"] }, null] });

    const first = await itemAnalysis(s.trainer, s.quiz.id, "first");
    expect(first.attempts).toBe(4);
    expect(first.meanPercent).toBe(50);
    expect(first.items.map((i) => [i.position, i.attempts, i.facility, i.sd, i.discrimination])).toEqual([
      [1, 4, 50, 57.74, 70.71],
      [2, 4, 50, 57.74, 0],
      [3, 4, 50, 57.74, 70.71],
    ]);
    const counts = (position: number) => Object.fromEntries(first.items[position - 1]!.options.map((o) => [o.id, o.count]));
    expect(counts(1)).toEqual({ o1: 2, o2: 1, o3: 1 });
    expect(counts(2)).toEqual({ o1: 2, o2: 2, o3: 1 });
    expect(counts(3)).toEqual({ true: 2, false: 1 });

    // B tries again and gets everything right: only "all attempts" counts it.
    await makeFinishedAttempt({ quizId: s.quiz.id, userId: b!, responses: [{ optionId: "o1" }, { optionIds: ["o1", "o2"] }, { value: true }] });
    expect((await itemAnalysis(s.trainer, s.quiz.id, "first")).items[1]!.facility).toBe(50);
    const all = await itemAnalysis(s.trainer, s.quiz.id, "all");
    expect(all.attempts).toBe(5);
    expect(all.items.map((i) => [i.attempts, i.facility])).toEqual([[5, 60], [5, 60], [5, 60]]);
    expect(Object.fromEntries(all.items[0]!.options.map((o) => [o.id, o.count]))).toEqual({ o1: 3, o2: 1, o3: 1 });
  });
});

describe("the results workbook", () => {
  it("has Vietnamese headers, numbers and dates as such, and a learner named like a formula stays text", async () => {
    const s = await scene();
    const evil = await makeUser({ unitId: s.communeA.id, fullName: '=HYPERLINK("http://evil.example","Bấm")' });
    const finishedAt = new Date("2027-03-05T02:30:00.000Z"); // 09:30 in Vietnam
    await makeFinishedAttempt({ quizId: s.quiz.id, userId: evil.id, classId: s.klass.id, responses: [{ optionId: "o1" }, { text: "Bài" }], finishedAt });
    await markEssay(s.trainer, (await essayOf((await db().quizAttempt.findFirstOrThrow({ where: { userId: evil.id } })).id)).id, { mark: 4 });
    const file = await exportQuizResults(s.trainer, s.quiz.id, { classId: s.klass.id });
    expect(file.fileName).toMatch(/\.xlsx$/);
    const bytes = Buffer.from(await new Response(file.stream).arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(["STT", "Họ và tên", "Đơn vị (khi ghi danh)", "Lớp", "Số lần làm bài", "Điểm (%)", "Nộp bài lần cuối", "Trạng thái", "Kết quả"]);
    const rows = [];
    for (let r = 2; r <= ws.rowCount; r++) rows.push(ws.getRow(r));
    // The class's four learners and the one added: sorted by name, the formula-like name first.
    expect(rows).toHaveLength(5);
    const row = rows.find((r) => String(r.getCell(2).value).includes("HYPERLINK"))!;
    expect(row.getCell(2).value).toBe(`'=HYPERLINK("http://evil.example","Bấm")`);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(5).value).toBe(1);
    expect(row.getCell(6).value).toBe(45.45); // (1 + 4) / 11
    expect(row.getCell(6).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(7).type).toBe(ExcelJS.ValueType.Date);
    expect((row.getCell(7).value as Date).toISOString()).toBe("2027-03-05T09:30:00.000Z");
    expect(row.getCell(8).value).toBe("Đã nộp bài");
    expect(row.getCell(9).value).toBe("Chưa đạt");
    const notStarted = rows.find((r) => r.getCell(2).value === "Cao Văn Ba")!;
    expect(notStarted.getCell(5).value).toBe(0);
    expect(notStarted.getCell(6).value).toBeNull();
    expect(String(notStarted.getCell(4).value)).toContain(s.klass.code);

    // Another class of the course: nobody in it.
    const empty = await db().class.create({
      data: { title: "Lớp thứ hai", planItemId: s.klass.planItemId, courseId: s.course.id, unitId: s.klass.unitId, mode: "ONLINE", capacity: 30, enrolOpensAt: s.klass.enrolOpensAt, enrolClosesAt: s.klass.enrolClosesAt, code: `LOP.${uniq()}` },
    });
    const none = await exportQuizResults(s.trainer, s.quiz.id, { classId: empty.id });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(await new Response(none.stream).arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(wb2.worksheets[0]!.rowCount).toBe(1);
  });
});

describe("who sees and marks results", () => {
  it("course staff see results; learners, other trainers, other units and provinces get NOT_FOUND, forged ids too", async () => {
    const s = await scene();
    const a = await makeFinishedAttempt({ quizId: s.quiz.id, userId: s.learners[0]!.id, responses: [{ optionId: "o1" }, { text: "Bài" }] });
    const essay = await essayOf(a.id);
    const [q1] = s.questions;
    // The province admin holds course:manage on the course's unit: sees and marks.
    expect((await quizStaffAccess(s.admin, s.quiz.id)).manage).toBe(true);
    expect((await quizResults(s.admin, s.quiz.id)).rows).toHaveLength(4);
    expect(await codeOf(assertMarkQuiz(s.admin, s.quiz.id))).toBe("OK");

    for (const viewer of [s.learner, s.otherTrainer, s.communeAdmin, s.outsider]) {
      expect(await codeOf(quizStaffAccess(viewer, s.quiz.id))).toBe("NOT_FOUND");
      expect(await codeOf(assertMarkQuiz(viewer, s.quiz.id))).toBe("NOT_FOUND");
      expect(await codeOf(quizResults(viewer, s.quiz.id))).toBe("NOT_FOUND");
      expect(await codeOf(markingQueue(viewer, s.quiz.id))).toBe("NOT_FOUND");
      expect(await codeOf(courseMarkingQueue(viewer, s.course.id))).toBe("NOT_FOUND");
      expect(await codeOf(attemptDetail(viewer, a.id))).toBe("NOT_FOUND");
      expect(await codeOf(itemAnalysis(viewer, s.quiz.id, "all"))).toBe("NOT_FOUND");
      expect(await codeOf(regradeCandidates(viewer, s.quiz.id))).toBe("NOT_FOUND");
      expect(await codeOf(regradeQuestion(viewer, s.quiz.id, q1!.id, { dryRun: true }))).toBe("NOT_FOUND");
      expect(await codeOf(exportQuizResults(viewer, s.quiz.id))).toBe("NOT_FOUND");
      // The learner cannot mark, not even their own essay.
      expect(await codeOf(markEssay(viewer, essay.id, { mark: 10 }))).toBe("NOT_FOUND");
    }
    expect(await db().attemptMark.count({ where: { attemptQuestionId: essay.id, source: "MANUAL" } })).toBe(0);

    for (const call of [
      () => quizStaffAccess(s.trainer, FORGED),
      () => assertMarkQuiz(s.trainer, FORGED),
      () => quizResults(s.trainer, FORGED),
      () => markingQueue(s.trainer, FORGED),
      () => courseMarkingQueue(s.trainer, FORGED),
      () => attemptDetail(s.trainer, FORGED),
      () => itemAnalysis(s.trainer, FORGED),
      () => regradeCandidates(s.trainer, FORGED),
      () => regradeQuestion(s.trainer, FORGED, q1!.id, { dryRun: true }),
      () => regradeQuestion(s.trainer, s.quiz.id, FORGED, { dryRun: true }),
      () => exportQuizResults(s.trainer, FORGED),
      () => markEssay(s.trainer, FORGED, { mark: 1 }),
    ]) {
      expect(await codeOf(call())).toBe("NOT_FOUND");
    }
    // A question of another quiz (another course) is not this quiz's to regrade.
    const elsewhere = await makeQuiz({ courseId: s.course.id });
    expect(await codeOf(regradeQuestion(s.trainer, s.quiz.id, elsewhere.questions[0]!.id, { dryRun: true }))).toBe("NOT_FOUND");
  });
});
