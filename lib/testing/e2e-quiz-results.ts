// Test-only (the e2e support route): a quiz with an essay awaiting a trainer's mark.
import { db } from "@/lib/db";
import type { QuestionDraft } from "@/lib/quizzes/question-types";
import { makeFinishedAttempt } from "./attempt-factories";
import { makeCourse, makeEnrolment } from "./course-factories";
import { choiceDraft, makeQuiz } from "./quiz-factories";

const essay: QuestionDraft = {
  type: "ESSAY",
  name: "Quy trình tiếp nhận hồ sơ",
  text: "<p>Trình bày các bước tiếp nhận hồ sơ tại bộ phận một cửa.</p>",
  format: "html",
  defaultMark: 9,
  category: [],
  tags: [],
  data: { graderInfo: { text: "Đủ 3 bước: 9 điểm; mỗi bước 3 điểm.", format: "plain" } },
};

/**
 * E2E (tests/e2e/quiz-results.spec.ts): a published course of `ownerUnitId` taught by `trainerId`,
 * a quiz of a single choice (1 mark) and an essay (9 marks, pass mark 50 %), and `learnerId`'s
 * finished attempt: the choice right, the essay waiting for a mark (score 1 of 10).
 */
export async function makeE2eQuizResults(input: { ownerUnitId: string; trainerId: string; learnerId: string }) {
  const learner = await db().user.findUniqueOrThrow({ where: { id: input.learnerId }, select: { unitId: true, fullName: true } });
  const course = await makeCourse({ unitId: input.ownerUnitId, trainerIds: [input.trainerId], audience: [learner.unitId], title: "Tiếp nhận hồ sơ một cửa" });
  await makeEnrolment({ userId: input.learnerId, courseId: course.id });
  const { quiz } = await makeQuiz({
    courseId: course.id,
    drafts: [choiceDraft("Cơ quan tiếp nhận hồ sơ"), essay],
    settings: { title: "Kiểm tra cuối khóa", passPercent: 50 },
  });
  const attempt = await makeFinishedAttempt({
    quizId: quiz.id,
    userId: input.learnerId,
    responses: [{ optionId: "o1" }, { text: "Bước 1: kiểm tra hồ sơ.\nBước 2: tiếp nhận <script>alert(1)</script>." }],
  });
  return { courseId: course.id, quizId: quiz.id, attemptId: attempt.id, learnerName: learner.fullName };
}

export type E2eQuizResults = Awaited<ReturnType<typeof makeE2eQuizResults>>;
