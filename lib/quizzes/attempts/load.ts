import { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import { courseAccess, type CourseAccess } from "@/lib/courses/access";
import { db, Prisma } from "@/lib/db";
import type { AttemptState, QuestionType, QuizGrading, ReviewWhen } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";

/** The job that finishes an attempt whose time is up (lib/jobs/queue.ts; registered in instrumentation.ts). */
export const QUIZ_FINISH_JOB = "quiz.finishAttempt";
/**
 * Seconds after the deadline during which saves and a submit are still taken: the last save of a
 * phone on a slow link, sent at the deadline, arrives late. After it the attempt is closed.
 */
export const QUIZ_GRACE_SECONDS = 60;

export const isId = (id: string) => z.uuid().safeParse(id).success;

/** The database's clock (decision 080: every deadline is computed and compared on it). */
export async function unsafeDbNow(): Promise<Date> {
  const [row] = await db().$queryRaw<{ now: Date }[]>`SELECT now() AS "now"`;
  return row!.now;
}

export const quizSelect = {
  id: true,
  courseId: true,
  lessonId: true,
  intro: true,
  opensAt: true,
  closesAt: true,
  timeLimitSeconds: true,
  attemptsAllowed: true,
  grading: true,
  passPercent: true,
  shuffleQuestions: true,
  shuffleAnswers: true,
  reviewMarks: true,
  reviewFeedback: true,
  reviewCorrect: true,
  lesson: { select: { title: true } },
} satisfies Prisma.QuizSelect;
export type QuizRow = Prisma.QuizGetPayload<{ select: typeof quizSelect }>;

export type Window = { opensAt: Date | null; closesAt: Date | null };

/**
 * The quiz's open and close times for a learner's class: a class override replaces each time it
 * sets (one it leaves empty keeps the quiz's).
 */
export async function unsafeEffectiveWindow(quiz: { id: string; opensAt: Date | null; closesAt: Date | null }, classId: string | null): Promise<Window> {
  const override = classId
    ? await db().quizClassOverride.findUnique({ where: { quizId_classId: { quizId: quiz.id, classId } }, select: { opensAt: true, closesAt: true } })
    : null;
  return { opensAt: override?.opensAt ?? quiz.opensAt, closesAt: override?.closesAt ?? quiz.closesAt };
}

/** A quiz as the viewer may see it: its course's access rule applied (NOT_FOUND when unseen). */
export async function viewerQuiz(viewer: Viewer, quizId: string): Promise<{ quiz: QuizRow; access: CourseAccess }> {
  if (!isId(quizId)) throw notFound();
  const quiz = await db().quiz.findUnique({ where: { id: quizId }, select: quizSelect });
  if (!quiz) throw notFound();
  const access = await courseAccess(viewer, quiz.courseId);
  // Seen in the catalogue only (open, not enrolled): the quiz is not theirs to see.
  if (!access.staff && !access.study) throw notFound();
  return { quiz, access };
}

export type OwnAttempt = {
  id: string;
  quizId: string;
  userId: string;
  classId: string | null;
  number: number;
  state: AttemptState;
  startedAt: Date;
  deadlineAt: Date | null;
  finishedAt: Date | null;
  lastSeq: number;
  score: Prisma.Decimal | null;
  maxScore: Prisma.Decimal;
  needsMarking: boolean;
  quiz: QuizRow;
};

/**
 * The viewer's own attempt, while they still study the course (enrolment ACTIVE or COMPLETED, the
 * course not a draft). Anyone else's attempt, a forged id, a withdrawn learner: NOT_FOUND.
 */
export async function viewerAttempt(viewer: Viewer, attemptId: string): Promise<OwnAttempt> {
  if (!isId(attemptId)) throw notFound();
  const attempt = await db().quizAttempt.findFirst({
    where: {
      id: attemptId,
      userId: viewer.userId,
      enrolment: { status: { in: ["ACTIVE", "COMPLETED"] }, course: { status: { not: "DRAFT" } } },
    },
    select: {
      id: true,
      quizId: true,
      userId: true,
      classId: true,
      number: true,
      state: true,
      startedAt: true,
      deadlineAt: true,
      finishedAt: true,
      lastSeq: true,
      score: true,
      maxScore: true,
      needsMarking: true,
      quiz: { select: quizSelect },
    },
  });
  if (!attempt) throw notFound();
  return attempt;
}

/** True when the attempt takes no more answers at `now`: its deadline plus the grace has passed. */
export function pastGrace(deadlineAt: Date | null, now: Date): boolean {
  return deadlineAt !== null && now.getTime() > deadlineAt.getTime() + QUIZ_GRACE_SECONDS * 1000;
}

/** One attempt question with its version, as marking and views need it. */
export type AttemptQuestionRow = {
  id: string;
  position: number;
  type: QuestionType;
  versionId: string;
  text: string;
  format: string;
  generalFeedback: string;
  data: unknown;
  maxMark: number;
  order: string[];
  response: unknown;
  responseSeq: number;
  checkedAt: Date | null;
  mark: number | null;
  fraction: number | null;
};

export async function unsafeAttemptQuestions(attemptId: string): Promise<AttemptQuestionRow[]> {
  const rows = await db().attemptQuestion.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      position: true,
      versionId: true,
      maxMark: true,
      order: true,
      response: true,
      responseSeq: true,
      checkedAt: true,
      mark: true,
      fraction: true,
      version: { select: { text: true, format: true, generalFeedback: true, data: true, question: { select: { type: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    type: r.version.question.type,
    versionId: r.versionId,
    text: r.version.text,
    format: r.version.format,
    generalFeedback: r.version.generalFeedback,
    data: r.version.data,
    maxMark: Number(r.maxMark),
    order: Array.isArray(r.order) ? r.order.map(String) : [],
    response: r.response,
    responseSeq: r.responseSeq,
    checkedAt: r.checkedAt,
    mark: r.mark === null ? null : Number(r.mark),
    fraction: r.fraction === null ? null : Number(r.fraction),
  }));
}

export type ReviewSettings = { reviewMarks: ReviewWhen; reviewFeedback: ReviewWhen; reviewCorrect: ReviewWhen };
export type { QuizGrading };
