import type { Viewer } from "@/lib/auth/viewer";
import { courseAccess } from "@/lib/courses/access";
import { db, type Prisma } from "@/lib/db";
import type { AttemptState, EnrolmentStatus, QuestionType } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { quizGrade } from "@/lib/quizzes/marking";
import { essayData } from "@/lib/quizzes/question-types";
import { renderRich, renderText } from "@/lib/quizzes/render";
import type { TextFormat } from "@/lib/quizzes/question-types";
import { quizStaffAccess, type QuizStaff } from "./access";
import { showCorrect, showResponse, type Shown } from "./show";

// Reads for the staff's results pages (docs/decisions/085-quiz-results-and-item-analysis.md).
// Every function starts from quizStaffAccess: course staff only, everyone else NOT_FOUND.

const num = (d: { toString(): string } | null): number | null => (d === null ? null : Number(d.toString()));
const html = (text: string, format: string) => renderText(text, format as TextFormat);

/** Where a learner stands on the quiz. */
export type LearnerState = "notStarted" | "inProgress" | "needsMarking" | "finished";

export type ResultRow = {
  userId: string;
  fullName: string;
  /** The learner's unit when they enrolled (kept through merges and moves). */
  unitName: string;
  className: string | null;
  attempts: number;
  /** The quiz grade by the quiz's grading method (percent, 0–100); null before a finished attempt. */
  grade: number | null;
  lastFinishedAt: Date | null;
  state: LearnerState;
  /** Reached the pass mark (or finished, when the quiz has none); null while nothing is finished. */
  passed: boolean | null;
  /** The attempts, newest first, for the links to their detail. */
  attemptList: { id: string; number: number; state: AttemptState; score: number | null; maxScore: number; needsMarking: boolean }[];
};

export type QuizResults = QuizStaff & {
  classes: { id: string; code: string; title: string }[];
  classId: string | null;
  rows: ResultRow[];
  /** Essays waiting for a mark, in the whole quiz (whatever the class filter). */
  awaitingMarking: number;
};

const STUDYING: readonly EnrolmentStatus[] = ["ACTIVE", "COMPLETED"];

/**
 * The quiz's learners, one row each: every enrolment that is studying or completed, and anyone
 * who made an attempt (also when withdrawn since), optionally only those of one class of the course.
 * A class id of another course is simply an empty filter.
 */
export async function quizResults(viewer: Viewer, quizId: string, filter: { classId?: string | null } = {}): Promise<QuizResults> {
  const staff = await quizStaffAccess(viewer, quizId);
  const classId = filter.classId ?? null;
  const [classes, enrolments, awaitingMarking] = [
    await db().class.findMany({ where: { courseId: staff.quiz.courseId }, select: { id: true, code: true, title: true }, orderBy: { code: "asc" } }),
    await db().enrolment.findMany({
      where: {
        courseId: staff.quiz.courseId,
        OR: [{ status: { in: [...STUDYING] } }, { quizAttempts: { some: { quizId } } }],
        ...(classId ? { classId } : {}),
      },
      select: {
        userId: true,
        user: { select: { fullName: true } },
        unit: { select: { name: true } },
        class: { select: { code: true, title: true } },
        quizAttempts: {
          where: { quizId },
          orderBy: { number: "desc" },
          select: { id: true, number: true, state: true, score: true, maxScore: true, needsMarking: true, finishedAt: true },
        },
      },
    }),
    await db().attemptQuestion.count({ where: awaitingWhere({ quizId }) }),
  ];
  const rows = enrolments.map((e): ResultRow => {
    const attempts = e.quizAttempts.map((a) => ({ ...a, score: num(a.score), maxScore: Number(a.maxScore.toString()) }));
    const finished = attempts.filter((a) => a.state === "FINISHED");
    const grade = quizGrade(
      staff.quiz.grading,
      finished.map((a) => ({ number: a.number, score: a.score ?? 0, maxScore: a.maxScore })),
    );
    const state: LearnerState =
      attempts.length === 0 ? "notStarted"
      : attempts.some((a) => a.state === "IN_PROGRESS") ? "inProgress"
      : finished.some((a) => a.needsMarking) ? "needsMarking"
      : "finished";
    const pass = staff.quiz.passPercent;
    return {
      userId: e.userId,
      fullName: e.user.fullName,
      unitName: e.unit.name,
      className: e.class ? `${e.class.title} (${e.class.code})` : null,
      attempts: attempts.length,
      grade,
      lastFinishedAt: finished.reduce<Date | null>((latest, a) => (a.finishedAt && (!latest || a.finishedAt > latest) ? a.finishedAt : latest), null),
      state,
      passed: grade === null ? null : pass === null ? true : grade >= pass,
      attemptList: attempts.map(({ id, number, state, score, maxScore, needsMarking }) => ({ id, number, state, score, maxScore, needsMarking })),
    };
  });
  rows.sort((a, b) => a.fullName.localeCompare(b.fullName, "vi") || a.userId.localeCompare(b.userId));
  return { ...staff, classes, classId, rows, awaitingMarking };
}

/** Essay answers of finished attempts that no one has marked yet (an essay's fraction is null until marked). */
function awaitingWhere(attempt: Prisma.QuizAttemptWhereInput): Prisma.AttemptQuestionWhereInput {
  return { fraction: null, version: { question: { type: "ESSAY" } }, attempt: { ...attempt, state: "FINISHED" } };
}

export type MarkingItem = {
  attemptQuestionId: string;
  attemptId: string;
  attemptNumber: number;
  quizId: string;
  quizTitle: string;
  position: number;
  learnerName: string;
  finishedAt: Date | null;
  questionName: string;
  questionHtml: string;
  graderInfoHtml: string;
  /** What the learner wrote, escaped as plain text ("" when left empty). */
  answerHtml: string;
  maxMark: number;
};

async function markingItems(where: Prisma.AttemptQuestionWhereInput): Promise<MarkingItem[]> {
  const items = await db().attemptQuestion.findMany({
    where,
    orderBy: [{ attempt: { finishedAt: "asc" } }, { attempt: { id: "asc" } }, { position: "asc" }],
    take: 200,
    select: {
      id: true,
      position: true,
      response: true,
      maxMark: true,
      version: { select: { name: true, text: true, format: true, data: true } },
      attempt: {
        select: {
          id: true,
          number: true,
          finishedAt: true,
          user: { select: { fullName: true } },
          quiz: { select: { id: true, lesson: { select: { title: true } } } },
        },
      },
    },
  });
  return items.map((q) => ({
    attemptQuestionId: q.id,
    attemptId: q.attempt.id,
    attemptNumber: q.attempt.number,
    quizId: q.attempt.quiz.id,
    quizTitle: q.attempt.quiz.lesson.title,
    position: q.position,
    learnerName: q.attempt.user.fullName,
    finishedAt: q.attempt.finishedAt,
    questionName: q.version.name,
    questionHtml: html(q.version.text, q.version.format),
    graderInfoHtml: renderRich(essayData.safeParse(q.version.data).data?.graderInfo),
    answerHtml: showResponse("ESSAY", q.version.data, q.response).map((l) => ("html" in l ? l.html : "")).join(""),
    maxMark: Number(q.maxMark.toString()),
  }));
}

/** The quiz's essays awaiting a mark, oldest finished attempt first (at most 200 at a time). */
export async function markingQueue(viewer: Viewer, quizId: string): Promise<QuizStaff & { items: MarkingItem[] }> {
  const staff = await quizStaffAccess(viewer, quizId);
  return { ...staff, items: await markingItems(awaitingWhere({ quizId })) };
}

/** The essays awaiting a mark in every quiz of one course the viewer is staff of. */
export async function courseMarkingQueue(viewer: Viewer, courseId: string): Promise<MarkingItem[]> {
  const access = await courseAccess(viewer, courseId);
  if (!access.staff) throw notFound();
  return markingItems(awaitingWhere({ quiz: { courseId } }));
}

export type MarkHistoryEntry = {
  source: "AUTO" | "MANUAL" | "REGRADE";
  mark: number | null;
  fraction: number | null;
  version: number | null;
  comment: string | null;
  by: string | null;
  at: Date;
};

export type AttemptQuestionDetail = {
  id: string;
  position: number;
  type: QuestionType;
  name: string;
  questionHtml: string;
  version: number;
  markedVersion: number | null;
  /** The question's newest version, when it is newer than the one the mark comes from (a regrade may apply). */
  latestVersion: number;
  questionId: string;
  maxMark: number;
  mark: number | null;
  comment: string | null;
  response: Shown;
  correct: Shown;
  history: MarkHistoryEntry[];
};

export type AttemptDetail = QuizStaff & {
  attempt: {
    id: string;
    number: number;
    state: AttemptState;
    learnerName: string;
    unitName: string;
    className: string | null;
    startedAt: Date;
    finishedAt: Date | null;
    finishedBy: string | null;
    score: number | null;
    maxScore: number;
    needsMarking: boolean;
  };
  questions: AttemptQuestionDetail[];
};

/** One attempt as its staff see it: every question, the response, the correct answer and every mark given. */
export async function attemptDetail(viewer: Viewer, attemptId: string): Promise<AttemptDetail> {
  const head = await db().quizAttempt.findUnique({ where: { id: attemptId }, select: { quizId: true } });
  if (!head) throw notFound();
  const staff = await quizStaffAccess(viewer, head.quizId);
  const a = await db().quizAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: {
      id: true,
      number: true,
      state: true,
      startedAt: true,
      finishedAt: true,
      finishedBy: true,
      score: true,
      maxScore: true,
      needsMarking: true,
      unitId: true,
      user: { select: { fullName: true } },
      class: { select: { code: true, title: true } },
      questions: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          maxMark: true,
          mark: true,
          comment: true,
          response: true,
          version: { select: { version: true, name: true, text: true, format: true, data: true, question: { select: { id: true, type: true, latestVersion: true } } } },
          markedVersion: { select: { version: true, data: true } },
          marks: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { source: true, mark: true, fraction: true, versionId: true, comment: true, byUserId: true, createdAt: true } },
        },
      },
    },
  });
  const unit = await db().unit.findUnique({ where: { id: a.unitId }, select: { name: true } });
  const marks = a.questions.flatMap((q) => q.marks);
  const people = await db().user.findMany({ where: { id: { in: [...new Set(marks.flatMap((m) => (m.byUserId ? [m.byUserId] : [])))] } }, select: { id: true, fullName: true } });
  const versions = await db().questionVersion.findMany({ where: { id: { in: [...new Set(marks.flatMap((m) => (m.versionId ? [m.versionId] : [])))] } }, select: { id: true, version: true } });
  const nameOf = new Map(people.map((p) => [p.id, p.fullName]));
  const versionOf = new Map(versions.map((v) => [v.id, v.version]));
  return {
    ...staff,
    attempt: {
      id: a.id,
      number: a.number,
      state: a.state,
      learnerName: a.user.fullName,
      unitName: unit?.name ?? "",
      className: a.class ? `${a.class.title} (${a.class.code})` : null,
      startedAt: a.startedAt,
      finishedAt: a.finishedAt,
      finishedBy: a.finishedBy,
      score: num(a.score),
      maxScore: Number(a.maxScore.toString()),
      needsMarking: a.needsMarking,
    },
    questions: a.questions.map((q) => {
      const type = q.version.question.type;
      // The correct answer of the version the mark comes from (a regrade moves it to the corrected one).
      const data = q.markedVersion?.data ?? q.version.data;
      return {
        id: q.id,
        position: q.position,
        type,
        name: q.version.name,
        questionHtml: html(q.version.text, q.version.format),
        version: q.version.version,
        markedVersion: q.markedVersion?.version ?? null,
        latestVersion: q.version.question.latestVersion,
        questionId: q.version.question.id,
        maxMark: Number(q.maxMark.toString()),
        mark: num(q.mark),
        comment: q.comment,
        response: showResponse(type, q.version.data, q.response),
        correct: showCorrect(type, data),
        history: q.marks.map((m) => ({
          source: m.source as MarkHistoryEntry["source"],
          mark: num(m.mark),
          fraction: num(m.fraction),
          version: m.versionId ? (versionOf.get(m.versionId) ?? null) : null,
          comment: m.comment,
          by: m.byUserId ? (nameOf.get(m.byUserId) ?? null) : null,
          at: m.createdAt,
        })),
      };
    }),
  };
}

/** The questions of the quiz's finished attempts whose newest version is not the one their marks come from: what a regrade would re-mark. */
export async function regradeCandidates(viewer: Viewer, quizId: string): Promise<QuizStaff & { questions: { id: string; name: string; type: QuestionType; latestVersion: number }[] }> {
  const staff = await quizStaffAccess(viewer, quizId);
  const used = await db().question.findMany({
    where: { versions: { some: { attemptSlots: { some: { attempt: { quizId, state: "FINISHED" } } } } } },
    select: { id: true, type: true, latestVersion: true, versions: { orderBy: { version: "desc" }, take: 1, select: { name: true } } },
  });
  return {
    ...staff,
    questions: used
      .filter((q) => q.type !== "ESSAY" && q.type !== "DESCRIPTION")
      .map((q) => ({ id: q.id, name: q.versions[0]?.name ?? "", type: q.type, latestVersion: q.latestVersion }))
      .sort((a, b) => a.name.localeCompare(b.name, "vi")),
  };
}
