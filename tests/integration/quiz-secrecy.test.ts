import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { checkQuestion, saveAnswers, startAttempt, submitAttempt } from "@/lib/quizzes/attempts/engine";
import { attemptForLearner, quizForLearner, reviewForLearner } from "@/lib/quizzes/attempts/view";
import type { QuestionDraft } from "@/lib/quizzes/question-types";
import { makeCourse, makeEnrolment } from "@/lib/testing/course-factories";
import { makeProvince, makeViewer } from "@/lib/testing/factories";
import { makeQuiz, type QuizSettings } from "@/lib/testing/quiz-factories";

/*
 * Decision 080, "Secrecy": before the review settings allow it, no fraction, no feedback, no
 * correct answer and no option's mark leaves the server. Every view a learner's page receives is
 * serialised as the page would send it (JSON) and searched for the secrets.
 */

const plain = (text: string) => ({ text, format: "plain" as const });
const base = { format: "html" as const, defaultMark: 1, category: [], tags: [] };

const DRAFTS: QuestionDraft[] = [
  {
    ...base,
    type: "SINGLE_CHOICE",
    name: "Một lựa chọn",
    text: "<p>Cơ quan nào chứng thực bản sao?</p>",
    generalFeedback: plain("GENERALFB-1"),
    data: {
      options: [
        { id: "o1", text: plain("UBND cấp xã"), fraction: 1, feedback: plain("OPTFB-RIGHT") },
        { id: "o2", text: plain("Công an"), fraction: -0.5, feedback: plain("OPTFB-WRONG") },
      ],
    },
  },
  {
    ...base,
    type: "SHORT_ANSWER",
    name: "Trả lời ngắn",
    text: "<p>Viết tắt của Ủy ban nhân dân?</p>",
    data: { answers: [{ id: "a1", text: "SECRETANSWER", fraction: 1, feedback: plain("SAFB-RIGHT") }], caseSensitive: false, ignoreDiacritics: false },
  },
  {
    ...base,
    type: "NUMERICAL",
    name: "Số",
    text: "<p>Thời hạn giải quyết (ngày)?</p>",
    data: { answers: [{ kind: "tolerance", id: "n1", value: 31415, tolerance: 0, fraction: 1, feedback: plain("NUMFB") }] },
  },
  {
    ...base,
    type: "TRUE_FALSE",
    name: "Đúng sai",
    text: "<p>Hồ sơ được nộp trực tuyến.</p>",
    data: { answer: true, feedbackTrue: plain("TFFB-TRUE"), feedbackFalse: plain("TFFB-FALSE") },
  },
  {
    ...base,
    type: "MATCHING",
    name: "Ghép",
    text: "<p>Ghép thủ tục với cơ quan.</p>",
    data: {
      pairs: [
        { id: "p1", left: plain("Chứng thực"), right: "Xã" },
        { id: "p2", left: plain("Lý lịch tư pháp"), right: "Sở Tư pháp" },
      ],
    },
  },
  { ...base, type: "ESSAY", name: "Tự luận", text: "<p>Trình bày quy trình.</p>", data: { graderInfo: plain("GRADERINFO") } },
];

/** Secrets by kind: each may appear only when its setting allows. */
const FEEDBACK = ["GENERALFB-1", "OPTFB-RIGHT", "OPTFB-WRONG", "SAFB-RIGHT", "NUMFB", "TFFB-TRUE", "TFFB-FALSE"];
const CORRECT = ["SECRETANSWER", "31415"];
const NEVER_SHOWN = ["GRADERINFO", "fraction", "-0.5", "OPTFB-WRONG", "TFFB-FALSE"];

async function scene(settings: QuizSettings) {
  const p = await makeProvince();
  const course = await makeCourse({ unitId: p.agency.id, audience: [p.city.id] });
  const { quiz } = await makeQuiz({ courseId: course.id, drafts: DRAFTS, settings: { shuffleAnswers: true, attemptsAllowed: 0, ...settings } });
  const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
  await makeEnrolment({ userId: learner.userId, courseId: course.id });
  return { quiz, learner };
}

const ANSWERS = [
  { position: 1, response: { optionId: "o1" } },
  { position: 2, response: { text: "secretanswer" } },
  { position: 3, response: { text: "31415" } },
  { position: 4, response: { value: true } },
  { position: 5, response: { matches: { p1: "Xã", p2: "Sở Tư pháp" } } },
  { position: 6, response: { text: "<p>Bài làm</p>" } },
];
/** The learner's own answers contain two secrets' texts: leave those out of the attempt for the search. */
const ANSWERS_WITHOUT_SECRETS = ANSWERS.filter((a) => a.position !== 2 && a.position !== 3);

function found(payload: unknown, secrets: string[]): string[] {
  const json = JSON.stringify(payload);
  return secrets.filter((s) => json.includes(s));
}

describe("what a learner's page receives", () => {
  it("AFTER_SUBMIT marks and feedback, AFTER_CLOSE correct answers: nothing while answering, feedback once submitted, answers once closed", async () => {
    const s = await scene({ reviewMarks: "AFTER_SUBMIT", reviewFeedback: "AFTER_SUBMIT", reviewCorrect: "AFTER_CLOSE", closesAt: new Date(Date.now() + 3600_000) });
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    const reply = await saveAnswers(s.learner, attemptId, { seq: 1, answers: ANSWERS_WITHOUT_SECRETS });
    const during = [await attemptForLearner(s.learner, attemptId), await quizForLearner(s.learner, s.quiz.id), reply];
    expect(found(during, [...FEEDBACK, ...CORRECT, ...NEVER_SHOWN, "review", "feedbackHtml", "correctHtml"])).toEqual([]);
    const view = during[0] as Awaited<ReturnType<typeof attemptForLearner>>;
    expect(view.questions.map((q) => q.type)).toEqual(["SINGLE_CHOICE", "SHORT_ANSWER", "NUMERICAL", "TRUE_FALSE", "MATCHING", "ESSAY"]);
    expect(view.questions[0]!.options!.map((o) => o.id).sort()).toEqual(["o1", "o2"]);
    // Alphabetical, never the pairs' order (Xã, Sở Tư pháp), which would say which goes with which.
    expect(view.questions[4]!.matching!.choices).toEqual(["Sở Tư pháp", "Xã"]);
    expect(await reviewForLearner(s.learner, attemptId).catch((e: Error) => e.message)).toContain("CONFLICT");

    await submitAttempt(s.learner, attemptId);
    const submitted = [await reviewForLearner(s.learner, attemptId), await attemptForLearner(s.learner, attemptId), await quizForLearner(s.learner, s.quiz.id)];
    expect(found(submitted, [...CORRECT, ...NEVER_SHOWN, "correctHtml"])).toEqual([]);
    expect(found(submitted, ["GENERALFB-1", "OPTFB-RIGHT", "TFFB-TRUE", "feedbackHtml"])).toEqual(["GENERALFB-1", "OPTFB-RIGHT", "TFFB-TRUE", "feedbackHtml"]);
    const review = submitted[0] as Awaited<ReturnType<typeof reviewForLearner>>;
    expect(review.score).toBe(3);
    expect(review.questions.map((q) => q.review?.state)).toEqual(["correct", "unanswered", "unanswered", "correct", "correct", "needsMarking"]);
    expect((submitted[2] as Awaited<ReturnType<typeof quizForLearner>>).attempts[0]!.score).toBe(3);

    await db().quiz.update({ where: { id: s.quiz.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    const closed = await reviewForLearner(s.learner, attemptId);
    expect(found(closed, [...CORRECT, "correctHtml"])).toEqual([...CORRECT, "correctHtml"]);
    expect(found(closed, NEVER_SHOWN)).toEqual([]);
    expect(closed.questions[3]!.review!.correctHtml).toBe("Đúng");
  });

  it("NEVER: nothing at any time, no score and no grade either", async () => {
    const s = await scene({ reviewMarks: "NEVER", reviewFeedback: "NEVER", reviewCorrect: "NEVER", closesAt: new Date(Date.now() + 3600_000) });
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    await submitAttempt(s.learner, attemptId, { seq: 1, answers: ANSWERS_WITHOUT_SECRETS });
    await db().quiz.update({ where: { id: s.quiz.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    const views = [await reviewForLearner(s.learner, attemptId), await attemptForLearner(s.learner, attemptId), await quizForLearner(s.learner, s.quiz.id)];
    expect(found(views, [...FEEDBACK, ...CORRECT, ...NEVER_SHOWN, "review", "feedbackHtml", "correctHtml"])).toEqual([]);
    expect((views[0] as Awaited<ReturnType<typeof reviewForLearner>>).score).toBeNull();
    expect(views[2]).toMatchObject({ grade: null, passed: null, attempts: [{ score: null }] });
  });

  it("AFTER_CLOSE marks: no score, grade or state until the quiz closes for the learner", async () => {
    const s = await scene({ reviewMarks: "AFTER_CLOSE", reviewFeedback: "AFTER_CLOSE", reviewCorrect: "AFTER_CLOSE", closesAt: new Date(Date.now() + 3600_000) });
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    await submitAttempt(s.learner, attemptId, { seq: 1, answers: ANSWERS_WITHOUT_SECRETS });
    const before = [await reviewForLearner(s.learner, attemptId), await quizForLearner(s.learner, s.quiz.id)];
    expect(found(before, [...FEEDBACK, ...CORRECT, ...NEVER_SHOWN, "review", "correctHtml"])).toEqual([]);
    expect(before[1]).toMatchObject({ grade: null, attempts: [{ score: null }] });
    await db().quiz.update({ where: { id: s.quiz.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    const after = [await reviewForLearner(s.learner, attemptId), await quizForLearner(s.learner, s.quiz.id)];
    expect(found(after, ["OPTFB-RIGHT", ...CORRECT])).toEqual(["OPTFB-RIGHT", ...CORRECT]);
    expect(after[1]).toMatchObject({ attempts: [{ score: 3 }] });
  });

  it("DURING: only a checked question shows its review, and the answer it locked", async () => {
    const s = await scene({ reviewMarks: "DURING", reviewFeedback: "DURING", reviewCorrect: "DURING" });
    const { attemptId } = await startAttempt(s.learner, s.quiz.id);
    await saveAnswers(s.learner, attemptId, { seq: 1, answers: [{ position: 1, response: { optionId: "o2" } }, { position: 4, response: { value: true } }] });
    const before = await attemptForLearner(s.learner, attemptId);
    expect(found(before, [...FEEDBACK, ...CORRECT, ...NEVER_SHOWN, "review", "feedbackHtml", "correctHtml"])).toEqual([]);
    const checked = await checkQuestion(s.learner, attemptId, 1);
    expect(checked.questions[0]!.review).toMatchObject({ state: "wrong", mark: -0.5 });
    expect(found(checked.questions[0], ["OPTFB-WRONG", "GENERALFB-1", "UBND cấp xã"])).toEqual(["OPTFB-WRONG", "GENERALFB-1", "UBND cấp xã"]);
    // The other questions still show nothing.
    expect(found(checked.questions.slice(1), [...FEEDBACK, ...CORRECT, "review", "fraction"])).toEqual([]);
  });
});
