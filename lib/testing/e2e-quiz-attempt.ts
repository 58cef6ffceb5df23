// Test-only (the guarded e2e support route): a quiz to take, and the attempt's clock moved on.
import { z } from "zod";
import { db } from "@/lib/db";
import { runDueJobs } from "@/lib/jobs/queue";
import { finishAttemptJob } from "@/lib/quizzes/attempts/finish";
import { QUIZ_FINISH_JOB, QUIZ_GRACE_SECONDS } from "@/lib/quizzes/attempts/load";
import type { QuestionDraft } from "@/lib/quizzes/question-types";
import { makeCourse, makeEnrolment } from "./course-factories";
import { SECRET_QUIZ_DRAFTS } from "./e2e-quiz-secrets";
import { choiceDraft, makeQuiz } from "./quiz-factories";

const reviewWhen = z.enum(["DURING", "AFTER_SUBMIT", "AFTER_CLOSE", "NEVER"]);

export const e2eQuizAttemptInput = z.discriminatedUnion("step", [
  // A published course open to the learners' units, the learners enrolled, and a quiz of every answerable type.
  z.object({
    step: z.literal("setup"),
    ownerUnitId: z.uuid(),
    trainerId: z.uuid(),
    learnerIds: z.array(z.uuid()).min(1).max(5),
    timeLimitSeconds: z.number().int().min(60).max(86_400).nullable(),
    /** Marks, feedback and the right answer shown while answering: the "Kiểm tra" button. */
    reviewDuring: z.boolean().default(false),
    /** The quiz of distinctive secrets (lib/testing/e2e-quiz-secrets.ts) instead of the one below. */
    secrets: z.boolean().default(false),
    /** When marks, feedback and the correct answers are shown (default: the quiz factory's). */
    review: z.object({ marks: reviewWhen, feedback: reviewWhen, correct: reviewWhen }).optional(),
  }),
  // Moves an attempt's deadline (and its finishing job, due at deadline + grace) to `seconds` from now.
  z.object({ step: z.literal("deadline"), attemptId: z.uuid(), seconds: z.number().int().min(-86_400).max(86_400) }),
  // Runs the attempt's due finishing job now (what the runner does once a minute), then reads the attempt.
  z.object({ step: z.literal("runDueJobs"), attemptId: z.uuid() }),
]);
export type E2eQuizAttemptInput = z.infer<typeof e2eQuizAttemptInput>;

const plain = (text: string) => ({ text, format: "plain" as const });
const base = { format: "html" as const, defaultMark: 1, category: [], tags: [] };

/** The quiz's questions, in order: single, multiple, true/false, short, matching, numerical, essay. */
export const E2E_QUIZ_DRAFTS: QuestionDraft[] = [
  choiceDraft("Cơ quan tiếp nhận hồ sơ", ["Bộ phận Một cửa", "Văn thư", "Phòng Tài chính"]),
  {
    ...base,
    type: "MULTIPLE_CHOICE",
    name: "Giấy tờ cần nộp",
    text: "<p>Hồ sơ đăng ký khai sinh gồm những giấy tờ nào?</p>",
    data: {
      options: [
        { id: "m1", text: plain("Tờ khai đăng ký khai sinh"), fraction: 0.5 },
        { id: "m2", text: plain("Giấy chứng sinh"), fraction: 0.5 },
        { id: "m3", text: plain("Sổ hộ khẩu giấy"), fraction: -1 },
      ],
    },
  },
  { ...base, type: "TRUE_FALSE", name: "Trả kết quả trực tuyến", text: "<p>Kết quả có thể trả qua Cổng Dịch vụ công.</p>", data: { answer: true } },
  {
    ...base,
    type: "SHORT_ANSWER",
    name: "Thủ đô",
    text: "<p>Thủ đô của Việt Nam là gì?</p>",
    data: { answers: [{ id: "s1", text: "Hà Nội", fraction: 1 }], caseSensitive: false, ignoreDiacritics: true },
  },
  {
    ...base,
    type: "MATCHING",
    name: "Ghép thời hạn",
    text: "<p>Ghép thủ tục với thời hạn giải quyết.</p>",
    data: {
      pairs: [
        { id: "p1", left: plain("Khai sinh"), right: "Trong ngày" },
        { id: "p2", left: plain("Chứng thực bản sao"), right: "Trong 2 giờ" },
        { id: "p3", left: plain(""), right: "Trong 30 ngày" },
      ],
    },
  },
  {
    ...base,
    type: "NUMERICAL",
    name: "Số ngày",
    text: "<p>Thời hạn giải quyết là bao nhiêu ngày làm việc?</p>",
    data: { answers: [{ kind: "tolerance", id: "n1", value: 2.5, tolerance: 0, fraction: 1 }] },
  },
  { ...base, type: "ESSAY", name: "Kinh nghiệm", text: "<p>Nêu một kinh nghiệm tiếp nhận hồ sơ của bạn.</p>", defaultMark: 2, data: {} },
];

export async function makeE2eQuizAttempt(input: E2eQuizAttemptInput) {
  if (input.step === "setup") {
    const units = await db().user.findMany({ where: { id: { in: input.learnerIds } }, select: { unitId: true } });
    const course = await makeCourse({
      unitId: input.ownerUnitId,
      title: "Kiểm tra nghiệp vụ một cửa",
      audience: [...new Set(units.map((u) => u.unitId))],
      trainerIds: [input.trainerId],
    });
    for (const userId of input.learnerIds) await makeEnrolment({ userId, courseId: course.id });
    const { quiz, lesson } = await makeQuiz({
      courseId: course.id,
      drafts: input.secrets ? SECRET_QUIZ_DRAFTS : E2E_QUIZ_DRAFTS,
      settings: {
        title: "Bài kiểm tra nghiệp vụ",
        timeLimitSeconds: input.timeLimitSeconds,
        attemptsAllowed: 2,
        passPercent: 50,
        ...(input.reviewDuring ? { reviewMarks: "DURING", reviewFeedback: "DURING", reviewCorrect: "DURING" } : {}),
        ...(input.review ? { reviewMarks: input.review.marks, reviewFeedback: input.review.feedback, reviewCorrect: input.review.correct } : {}),
      },
    });
    return { courseId: course.id, courseTitle: course.title, quizId: quiz.id, lessonId: lesson.id, quizTitle: lesson.title };
  }
  const jobs = await db().job.findMany({
    where: { kind: QUIZ_FINISH_JOB, payload: { path: ["attemptId"], equals: input.attemptId } },
    select: { id: true },
  });
  if (input.step === "deadline") {
    const deadlineAt = new Date(Date.now() + input.seconds * 1000);
    await db().quizAttempt.update({ where: { id: input.attemptId }, data: { deadlineAt } });
    await db().job.updateMany({
      where: { id: { in: jobs.map((j) => j.id) } },
      data: { runAt: new Date(deadlineAt.getTime() + QUIZ_GRACE_SECONDS * 1000) },
    });
    return { deadlineAt: deadlineAt.toISOString(), jobs: jobs.length };
  }
  // Only this attempt's job: parallel tests never run each other's.
  const run = jobs.length ? await runDueJobs({ handlers: { [QUIZ_FINISH_JOB]: finishAttemptJob }, onlyIds: jobs.map((j) => j.id) }) : { done: 0, failed: 0 };
  const attempt = await db().quizAttempt.findUniqueOrThrow({
    where: { id: input.attemptId },
    select: { state: true, finishedBy: true, questions: { orderBy: { position: "asc" }, select: { position: true, response: true } } },
  });
  return { ...run, state: attempt.state, finishedBy: attempt.finishedBy, answers: attempt.questions };
}
