import type { QuizGrading } from "@/lib/db/generated/enums";
import type { MessageKey } from "@/lib/i18n/messages";
import type { MarkState } from "@/lib/quizzes/marking";
import type { QuestionResponse, QuestionType } from "@/lib/quizzes/question-types";

/**
 * What a learner's pages receive about a quiz and an attempt (docs/decisions/080-quizzes.md).
 * Built only by lib/quizzes/attempts/view.ts, which leaves out whatever the quiz's review settings
 * do not allow yet: fractions, feedback, correct answers, which options are right.
 */

export type { MarkState };

export type LearnerQuestionView = {
  position: number;
  type: QuestionType;
  html: string;
  maxMark: number;
  /** Choice types, in this attempt's order. */
  options?: { id: string; html: string }[];
  /** MATCHING: items in this attempt's order; choices (distractors included) in alphabetical order, never the pairs'. */
  matching?: { items: { id: string; html: string }[]; choices: string[] };
  response: QuestionResponse | null;
  responseSeq: number;
  checked: boolean;
  /** Only what the settings allow now. */
  review?: { state: MarkState; mark: number | null; feedbackHtml?: string; correctHtml?: string };
};

export type AttemptView = {
  attemptId: string;
  quizId: string;
  courseId: string;
  quizTitle: string;
  number: number;
  state: "IN_PROGRESS" | "FINISHED";
  startedAt: string;
  deadlineAt: string | null;
  serverNow: string;
  graceSeconds: number;
  lastSeq: number;
  canCheck: boolean;
  questions: LearnerQuestionView[];
};

export type SaveReply = {
  lastSeq: number;
  saved: number[];
  superseded: { position: number; response: QuestionResponse | null; seq: number }[];
  deadlineAt: string | null;
  serverNow: string;
};

export type QuizLanding = {
  quiz: {
    id: string;
    courseId: string;
    title: string;
    introHtml: string;
    /** Effective for the viewer's class (its override applied). ISO strings. */
    opensAt: string | null;
    closesAt: string | null;
    timeLimitSeconds: number | null;
    attemptsAllowed: number;
    grading: QuizGrading;
    passPercent: number | null;
    questionCount: number;
  };
  attempts: {
    id: string;
    number: number;
    state: "IN_PROGRESS" | "FINISHED";
    startedAt: string;
    finishedAt: string | null;
    /** Only when marks may be shown. */
    score: number | null;
    maxScore: number;
    needsMarking: boolean;
  }[];
  grade: number | null;
  passed: boolean | null;
  inProgressId: string | null;
  canStart: boolean;
  whyNot: MessageKey | null;
  isStaff: boolean;
};

export type AttemptReview = AttemptView & { score: number | null; maxScore: number; finishedAt: string | null };
