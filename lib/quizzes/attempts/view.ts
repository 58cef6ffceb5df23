import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { ReviewWhen } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { DEFAULT_LOCALE, translator, type MessageKey, type Translate } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";
import {
  bestNumericalAnswer,
  bestShortAnswer,
  markResponse,
  matchingItems,
  parseNumber,
  quizGrade,
  type MarkState,
} from "@/lib/quizzes/marking";
import {
  choiceData,
  matchingData,
  numericalData,
  questionResponse,
  shortAnswerData,
  TEXT_FORMATS,
  trueFalseData,
  type NumericalAnswer,
  type QuestionResponse,
  type RichText,
  type TextFormat,
} from "@/lib/quizzes/question-types";
import { renderRich, renderText } from "@/lib/quizzes/render";
import { unsafeFinishAttempt } from "./finish";
import {
  pastGrace,
  QUIZ_GRACE_SECONDS,
  unsafeAttemptQuestions,
  unsafeDbNow,
  unsafeEffectiveWindow,
  viewerAttempt,
  viewerQuiz,
  type AttemptQuestionRow,
  type OwnAttempt,
  type ReviewSettings,
  type Window,
} from "./load";
import type { AttemptReview, AttemptView, LearnerQuestionView, QuizLanding } from "./types";

/**
 * What a learner's pages receive (docs/decisions/080-quizzes.md, "Secrecy"). `questionView` is the
 * ONE function that turns a stored attempt question into what leaves the server: option texts in
 * the attempt's order and the learner's own response, and — only when the quiz's review settings
 * allow it at this moment — the mark, the feedback and the correct answer. Nothing else reaches a
 * page: no fraction, no option's mark, no `data`.
 *
 * When each setting allows (the phases are cumulative):
 * - DURING: a question the learner checked (it is then locked), and every question once finished;
 * - AFTER_SUBMIT: once the attempt is finished;
 * - AFTER_CLOSE: once finished and the quiz's effective close time (the class's override) has
 *   passed — a quiz without a close time never reaches it;
 * - NEVER: never.
 * Feedback and the correct answer are shown only together with the mark (each under its own
 * setting): a feedback "Chính xác." or a correct answer would give the mark away.
 */

export type ViewMoment = { finished: boolean; closed: boolean; checked: boolean };

export function reviewAllows(when: ReviewWhen, m: ViewMoment): boolean {
  switch (when) {
    case "DURING":
      return m.finished || m.checked;
    case "AFTER_SUBMIT":
      return m.finished;
    case "AFTER_CLOSE":
      return m.finished && m.closed;
    case "NEVER":
      return false;
  }
}

const formatOf = (format: string): TextFormat => ((TEXT_FORMATS as readonly string[]).includes(format) ? (format as TextFormat) : "html");
const plain = (text: string) => renderText(text, "plain");
const list = (items: string[]) => (items.length === 0 ? "" : `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>`);

function storedResponse(raw: unknown): QuestionResponse | null {
  if (raw === null || raw === undefined) return null;
  const parsed = questionResponse.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The question's part a learner sees while answering: texts only, in this attempt's order. */
function parts(q: AttemptQuestionRow): Pick<LearnerQuestionView, "options" | "matching"> {
  if (q.type === "SINGLE_CHOICE" || q.type === "MULTIPLE_CHOICE") {
    const d = choiceData.safeParse(q.data);
    if (!d.success) return { options: [] };
    const byId = new Map(d.data.options.map((o) => [o.id, o]));
    const ids = [...q.order.filter((id) => byId.has(id)), ...d.data.options.map((o) => o.id).filter((id) => !q.order.includes(id))];
    return { options: ids.map((id) => ({ id, html: renderRich(byId.get(id)!.text) })) };
  }
  if (q.type === "MATCHING") {
    const d = matchingData.safeParse(q.data);
    if (!d.success) return { matching: { items: [], choices: [] } };
    // The items in the attempt's order; the choices in alphabetical order (as the editor's
    // preview): any order taken from the pairs, shuffled or not, would say which right goes with
    // which left.
    const items = new Map(matchingItems(d.data).map((p) => [p.id, p]));
    const ordered = [...q.order.filter((id) => items.has(id)), ...[...items.keys()].filter((id) => !q.order.includes(id))];
    const choices = [...new Set(d.data.pairs.map((p) => p.right))].sort((a, b) => a.localeCompare(b, "vi"));
    return { matching: { items: ordered.map((id) => ({ id, html: renderRich(items.get(id)!.left) })), choices } };
  }
  return {};
}

function feedbackOf(q: AttemptQuestionRow, response: QuestionResponse | null): string {
  const specific: (RichText | undefined)[] = [];
  if (response) {
    if (q.type === "SINGLE_CHOICE" || q.type === "MULTIPLE_CHOICE") {
      const d = choiceData.safeParse(q.data);
      const chosen = new Set("optionId" in response ? [response.optionId] : "optionIds" in response ? response.optionIds : []);
      if (d.success) specific.push(...d.data.options.filter((o) => chosen.has(o.id)).map((o) => o.feedback));
    } else if (q.type === "TRUE_FALSE" && "value" in response) {
      const d = trueFalseData.safeParse(q.data);
      if (d.success) specific.push(response.value ? d.data.feedbackTrue : d.data.feedbackFalse);
    } else if (q.type === "SHORT_ANSWER" && "text" in response) {
      const d = shortAnswerData.safeParse(q.data);
      if (d.success) specific.push(bestShortAnswer(d.data, response.text)?.feedback);
    } else if (q.type === "NUMERICAL" && "text" in response) {
      const d = numericalData.safeParse(q.data);
      const value = parseNumber(response.text);
      if (d.success && value !== null) specific.push(bestNumericalAnswer(d.data.answers, value)?.feedback);
    }
  }
  const general = q.generalFeedback.trim() ? renderText(q.generalFeedback, formatOf(q.format)) : "";
  return [...specific.map((f) => renderRich(f)), general].filter((h) => h !== "").join("");
}

function numericalText(a: NumericalAnswer): string {
  return a.kind === "tolerance" ? (a.tolerance > 0 ? `${a.value} ± ${a.tolerance}` : `${a.value}`) : `${a.min} – ${a.max}`;
}

function correctOf(q: AttemptQuestionRow, t: Translate): string {
  switch (q.type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE": {
      const d = choiceData.safeParse(q.data);
      if (!d.success) return "";
      const best = Math.max(...d.data.options.map((o) => o.fraction));
      const right = d.data.options.filter((o) => (q.type === "SINGLE_CHOICE" ? o.fraction === best && best > 0 : o.fraction > 0));
      return q.type === "SINGLE_CHOICE" ? right.map((o) => renderRich(o.text)).join("") : list(right.map((o) => renderRich(o.text)));
    }
    case "TRUE_FALSE": {
      const d = trueFalseData.safeParse(q.data);
      return d.success ? plain(t(d.data.answer ? "quizAttempt.true" : "quizAttempt.false")) : "";
    }
    case "SHORT_ANSWER": {
      const d = shortAnswerData.safeParse(q.data);
      if (!d.success) return "";
      const best = Math.max(...d.data.answers.map((a) => a.fraction));
      const answer = d.data.answers.find((a) => a.fraction === best && best > 0);
      return answer ? plain(answer.text) : "";
    }
    case "NUMERICAL": {
      const d = numericalData.safeParse(q.data);
      if (!d.success) return "";
      const best = Math.max(...d.data.answers.map((a) => a.fraction));
      const answer = d.data.answers.find((a) => a.fraction === best && best > 0);
      return answer ? plain(numericalText(answer)) : "";
    }
    case "MATCHING": {
      const d = matchingData.safeParse(q.data);
      return d.success ? list(matchingItems(d.data).map((p) => `${renderRich(p.left)} → ${plain(p.right)}`)) : "";
    }
    case "ESSAY":
    case "DESCRIPTION":
      return "";
  }
}

function stateOf(q: AttemptQuestionRow, response: QuestionResponse | null): MarkState {
  const auto = markResponse(q.type, q.data, response);
  if (q.fraction === null) return auto.state === "needsMarking" ? "needsMarking" : "unanswered";
  if (auto.state === "unanswered" && q.type !== "ESSAY") return "unanswered";
  if (q.fraction >= 0.99999) return "correct";
  if (q.fraction <= 0) return q.type === "ESSAY" && auto.state === "unanswered" ? "unanswered" : "wrong";
  return "partial";
}

/** THE view of one attempt question for its learner (see the comment at the top). */
export function questionView(
  q: AttemptQuestionRow,
  ctx: { settings: ReviewSettings; finished: boolean; closed: boolean; t: Translate },
): LearnerQuestionView {
  const response = storedResponse(q.response);
  const checked = q.checkedAt !== null;
  const view: LearnerQuestionView = {
    position: q.position,
    type: q.type,
    html: renderText(q.text, formatOf(q.format)),
    maxMark: q.maxMark,
    ...parts(q),
    response,
    responseSeq: q.responseSeq,
    checked,
  };
  const moment: ViewMoment = { finished: ctx.finished, closed: ctx.closed, checked };
  // A question is reviewed once it is marked: checked, or the attempt finished.
  if (q.type !== "DESCRIPTION" && (checked || ctx.finished) && reviewAllows(ctx.settings.reviewMarks, moment)) {
    const review: NonNullable<LearnerQuestionView["review"]> = { state: stateOf(q, response), mark: q.mark };
    if (reviewAllows(ctx.settings.reviewFeedback, moment)) {
      const html = feedbackOf(q, response);
      if (html) review.feedbackHtml = html;
    }
    if (reviewAllows(ctx.settings.reviewCorrect, moment)) {
      const html = correctOf(q, ctx.t);
      if (html) review.correctHtml = html;
    }
    view.review = review;
  }
  return view;
}

async function requestTranslator(): Promise<Translate> {
  // Outside a request (a job, a test) there is no cookie: the first language.
  return translator(await getLocale().catch(() => DEFAULT_LOCALE));
}

const isClosed = (w: Window, now: Date) => w.closesAt !== null && w.closesAt.getTime() <= now.getTime();

/** Finishes the attempt when its time (with the grace) is up, and gives it back as it now is. */
async function settled(viewer: Viewer, attempt: OwnAttempt, now: Date): Promise<OwnAttempt> {
  if (attempt.state !== "IN_PROGRESS" || !pastGrace(attempt.deadlineAt, now)) return attempt;
  await unsafeFinishAttempt(attempt.id, "DEADLINE");
  return viewerAttempt(viewer, attempt.id);
}

async function buildAttemptView(attempt: OwnAttempt, now: Date): Promise<{ view: AttemptView; closed: boolean }> {
  const window = await unsafeEffectiveWindow(attempt.quiz, attempt.classId);
  const closed = isClosed(window, now);
  const finished = attempt.state === "FINISHED";
  const t = await requestTranslator();
  const questions = await unsafeAttemptQuestions(attempt.id);
  const ctx = { settings: attempt.quiz, finished, closed, t };
  return {
    closed,
    view: {
      attemptId: attempt.id,
      quizId: attempt.quizId,
      courseId: attempt.quiz.courseId,
      quizTitle: attempt.quiz.lesson.title,
      number: attempt.number,
      state: attempt.state,
      startedAt: attempt.startedAt.toISOString(),
      deadlineAt: attempt.deadlineAt?.toISOString() ?? null,
      serverNow: now.toISOString(),
      graceSeconds: QUIZ_GRACE_SECONDS,
      lastSeq: attempt.lastSeq,
      canCheck: !finished && attempt.quiz.reviewMarks === "DURING",
      questions: questions.map((q) => questionView(q, ctx)),
    },
  };
}

/**
 * The viewer's own attempt, for the player. An attempt whose time is up is finished first (with
 * what was saved). Someone else's attempt, a forged id, a withdrawn learner: NOT_FOUND.
 */
export async function attemptForLearner(viewer: Viewer, attemptId: string): Promise<AttemptView> {
  const now = await unsafeDbNow();
  const attempt = await settled(viewer, await viewerAttempt(viewer, attemptId), now);
  return (await buildAttemptView(attempt, now)).view;
}

/** The viewer's own finished attempt with what review allows now; CONFLICT while it is in progress. */
export async function reviewForLearner(viewer: Viewer, attemptId: string): Promise<AttemptReview> {
  const now = await unsafeDbNow();
  const attempt = await settled(viewer, await viewerAttempt(viewer, attemptId), now);
  if (attempt.state !== "FINISHED") throw new AppError("CONFLICT", "quizAttempt.notFinished");
  const { view, closed } = await buildAttemptView(attempt, now);
  const marks = reviewAllows(attempt.quiz.reviewMarks, { finished: true, closed, checked: false });
  return {
    ...view,
    score: marks && attempt.score !== null ? Number(attempt.score) : null,
    maxScore: Number(attempt.maxScore),
    finishedAt: attempt.finishedAt?.toISOString() ?? null,
  };
}

/** Why the learner may not start an attempt now, or null. Pure: the engine refuses with the same. */
export function startRefusal(input: {
  courseStatus: string;
  window: Window;
  now: Date;
  attemptsAllowed: number;
  attemptsUsed: number;
  questionCount: number;
}): { code: "CONFLICT"; key: MessageKey } | null {
  const refuse = (key: MessageKey) => ({ code: "CONFLICT" as const, key });
  if (input.courseStatus !== "PUBLISHED") return refuse("quizAttempt.courseNotOpen");
  if (input.window.opensAt && input.window.opensAt.getTime() > input.now.getTime()) return refuse("quizAttempt.notOpenYet");
  if (input.window.closesAt && input.window.closesAt.getTime() <= input.now.getTime()) return refuse("quizAttempt.closed");
  if (input.attemptsAllowed > 0 && input.attemptsUsed >= input.attemptsAllowed) return refuse("quizAttempt.noAttemptsLeft");
  if (input.questionCount === 0) return refuse("quizAttempt.noQuestions");
  return null;
}

/** How many questions an attempt gets: one per fixed slot, `randomCount` per random slot. */
export async function unsafeQuizQuestionCount(quizId: string): Promise<number> {
  const slots = await db().quizSlot.findMany({ where: { quizId }, select: { questionId: true, randomCount: true } });
  return slots.reduce((n, s) => n + (s.questionId ? 1 : Math.max(0, s.randomCount)), 0);
}

/**
 * The quiz's landing page for the viewer: settings (times as the viewer's class has them), the
 * viewer's attempts (scores only when review shows marks), grade, whether they may start. Staff
 * who see the course get it too (`isStaff`, never `canStart` unless also enrolled). An overdue
 * attempt of the viewer is finished first.
 */
export async function quizForLearner(viewer: Viewer, quizId: string): Promise<QuizLanding> {
  const { quiz, access } = await viewerQuiz(viewer, quizId);
  const now = await unsafeDbNow();
  const learner = access.study && access.enrolment ? access.enrolment : null;
  if (learner) {
    const open = await db().quizAttempt.findUnique({ where: { openKey: `${quiz.id}:${viewer.userId}` }, select: { id: true, deadlineAt: true } });
    if (open && pastGrace(open.deadlineAt, now)) await unsafeFinishAttempt(open.id, "DEADLINE");
  }
  const window = await unsafeEffectiveWindow(quiz, learner?.classId ?? null);
  const closed = isClosed(window, now);
  const attempts = await db().quizAttempt.findMany({
    where: { quizId: quiz.id, userId: viewer.userId },
    orderBy: { number: "asc" },
    select: { id: true, number: true, state: true, startedAt: true, finishedAt: true, score: true, maxScore: true, needsMarking: true },
  });
  const marks = reviewAllows(quiz.reviewMarks, { finished: true, closed, checked: false });
  const finished = attempts.filter((a) => a.state === "FINISHED" && a.score !== null);
  const grade = marks ? quizGrade(quiz.grading, finished.map((a) => ({ number: a.number, score: Number(a.score), maxScore: Number(a.maxScore) }))) : null;
  const passPercent = quiz.passPercent === null ? null : Number(quiz.passPercent);
  const inProgress = attempts.find((a) => a.state === "IN_PROGRESS") ?? null;
  const questionCount = await unsafeQuizQuestionCount(quiz.id);
  const refusal = learner
    ? startRefusal({ courseStatus: access.course.status, window, now, attemptsAllowed: quiz.attemptsAllowed, attemptsUsed: attempts.length, questionCount })
    : { code: "FORBIDDEN" as const, key: "quizAttempt.staffPreview" as MessageKey };
  return {
    quiz: {
      id: quiz.id,
      courseId: quiz.courseId,
      title: quiz.lesson.title,
      introHtml: quiz.intro ? renderText(quiz.intro, "html") : "",
      opensAt: window.opensAt?.toISOString() ?? null,
      closesAt: window.closesAt?.toISOString() ?? null,
      timeLimitSeconds: quiz.timeLimitSeconds,
      attemptsAllowed: quiz.attemptsAllowed,
      grading: quiz.grading,
      passPercent,
      questionCount,
    },
    attempts: attempts.map((a) => ({
      id: a.id,
      number: a.number,
      state: a.state,
      startedAt: a.startedAt.toISOString(),
      finishedAt: a.finishedAt?.toISOString() ?? null,
      score: marks && a.state === "FINISHED" && a.score !== null ? Number(a.score) : null,
      maxScore: Number(a.maxScore),
      needsMarking: a.needsMarking,
    })),
    grade,
    passed: grade === null ? null : passPercent === null ? true : grade >= passPercent,
    inProgressId: inProgress?.id ?? null,
    canStart: learner !== null && inProgress === null && refusal === null,
    whyNot: inProgress ? null : (refusal?.key ?? null),
    isStaff: access.staff,
  };
}
