import { db, transaction } from "@/lib/db";
import type { JobHandler } from "@/lib/jobs/queue";
import { DB_NOW, unsafeCompleteEnrolmentIfAllDone, unsafeMarkLessonDone } from "@/lib/learning/completion";
import { markResponse, quizGrade } from "@/lib/quizzes/marking";
import { questionResponse, type QuestionResponse } from "@/lib/quizzes/question-types";
import { unsafeAttemptQuestions, type AttemptQuestionRow } from "./load";

/**
 * Finishing an attempt, its score, and what a quiz's outcome does to the course (decision 080).
 * These are `unsafe`: they act on an attempt or a learner named by id, with no viewer. Callers are
 * the learner's own commands after `viewerAttempt` (lib/quizzes/attempts/engine.ts, view.ts), the
 * finishing job (queued by the start itself), and the trainers' marking (lib/quizzes/results).
 */

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

function parsedResponse(raw: unknown): QuestionResponse | null {
  if (raw === null || raw === undefined) return null;
  const r = questionResponse.safeParse(raw);
  return r.success ? r.data : null;
}

/** The automatic mark of one stored question: fraction (5 places) and mark (2 places), null when it waits for a trainer or carries none. */
export function autoMark(q: Pick<AttemptQuestionRow, "type" | "data" | "response" | "maxMark">) {
  const m = markResponse(q.type, q.data, parsedResponse(q.response));
  const fraction = m.fraction === null ? null : round(m.fraction, 5);
  const mark = fraction === null ? null : round(fraction * q.maxMark, 2);
  return { fraction, mark, state: m.state };
}

/**
 * Finishes an in-progress attempt with the responses saved: marks every question not already
 * marked by a check (AttemptQuestion.mark/fraction and an AUTO AttemptMark each), sets the score,
 * `needsMarking` (an essay waits), FINISHED, `openKey` null; then records the quiz's outcome.
 * Idempotent: a finished attempt (or an unknown id) is left as it is. The attempt row is locked
 * first, so a save or a check running at the same time either lands before or is refused.
 */
export async function unsafeFinishAttempt(attemptId: string, by: "DEADLINE" | "LEARNER" | "STAFF"): Promise<void> {
  const finished = await transaction(async (tx) => {
    const [attempt] = await tx.$queryRaw<{ state: string; userId: string; quizId: string }[]>`
      SELECT "state"::text AS "state", "userId", "quizId" FROM "QuizAttempt" WHERE "id" = ${attemptId}::uuid FOR UPDATE`;
    if (!attempt || attempt.state !== "IN_PROGRESS") return null;
    const questions = await unsafeAttemptQuestions(attemptId);
    const fresh = questions.filter((q) => q.checkedAt === null).map((q) => ({ q, ...autoMark(q) }));
    if (fresh.length > 0) {
      const rows = fresh.map((f) => ({ id: f.q.id, mark: f.mark, fraction: f.fraction }));
      await tx.$executeRaw`
        UPDATE "AttemptQuestion" aq SET "mark" = x."mark", "fraction" = x."fraction", "markedVersionId" = aq."versionId"
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("id" uuid, "mark" numeric, "fraction" numeric)
        WHERE aq."id" = x."id"`;
      await tx.attemptMark.createMany({
        data: fresh
          .filter((f) => f.q.type !== "DESCRIPTION")
          .map((f) => ({ attemptQuestionId: f.q.id, source: "AUTO", mark: f.mark, fraction: f.fraction, versionId: f.q.versionId })),
      });
    }
    const marks = new Map(fresh.map((f) => [f.q.id, f]));
    let score = 0;
    let needsMarking = false;
    for (const q of questions) {
      const m = marks.get(q.id) ?? { mark: q.mark, fraction: q.fraction };
      score += m.mark ?? 0;
      if (m.fraction === null && q.type !== "DESCRIPTION") needsMarking = true;
    }
    await tx.$executeRaw`
      UPDATE "QuizAttempt" SET "state" = 'FINISHED', "finishedAt" = ${DB_NOW}, "finishedBy" = ${by}, "openKey" = NULL,
        "score" = ${round(score, 2)}, "needsMarking" = ${needsMarking}, "updatedAt" = ${DB_NOW}
      WHERE "id" = ${attemptId}::uuid`;
    return attempt;
  });
  if (finished) await unsafeRecordQuizOutcome(finished.userId, finished.quizId);
}

/**
 * Recomputes a finished attempt's score and `needsMarking` from its questions' current marks (after
 * a trainer's mark or a regrade), then records the quiz's outcome.
 */
export async function unsafeRescoreAttempt(attemptId: string): Promise<void> {
  const rows = await db().$queryRaw<{ userId: string; quizId: string }[]>`
    UPDATE "QuizAttempt" a SET
      "score" = s."score", "needsMarking" = s."pending", "updatedAt" = ${DB_NOW}
    FROM (
      SELECT COALESCE(sum(aq."mark"), 0) AS "score",
             bool_or(aq."fraction" IS NULL AND q."type" <> 'DESCRIPTION') IS TRUE AS "pending"
      FROM "AttemptQuestion" aq
      JOIN "QuestionVersion" v ON v."id" = aq."versionId"
      JOIN "Question" q ON q."id" = v."questionId"
      WHERE aq."attemptId" = ${attemptId}::uuid
    ) s
    WHERE a."id" = ${attemptId}::uuid AND a."state" = 'FINISHED'
    RETURNING a."userId", a."quizId"`;
  const row = rows[0];
  if (row) await unsafeRecordQuizOutcome(row.userId, row.quizId);
}

/**
 * The quiz's outcome for a learner: their grade (the quiz's grading over FINISHED attempts). When
 * it reaches the pass mark (or, without one, an attempt is finished) and no essay of theirs waits
 * for marking, the quiz's lesson is done (LessonProgress.doneAt, set once, never undone) and the
 * enrolment is completed when every lesson is — the same rule as any lesson (lib/learning/completion.ts).
 * Only while the learner studies the course (enrolment ACTIVE or COMPLETED).
 */
export async function unsafeRecordQuizOutcome(userId: string, quizId: string): Promise<void> {
  const quiz = await db().quiz.findUnique({ where: { id: quizId }, select: { lessonId: true, courseId: true, grading: true, passPercent: true } });
  if (!quiz) return;
  const attempts = await db().quizAttempt.findMany({
    where: { quizId, userId, state: "FINISHED" },
    select: { number: true, score: true, maxScore: true, needsMarking: true },
  });
  if (attempts.length === 0 || attempts.some((a) => a.needsMarking)) return;
  const grade = quizGrade(
    quiz.grading,
    attempts.map((a) => ({ number: a.number, score: Number(a.score ?? 0), maxScore: Number(a.maxScore) })),
  );
  const passed = quiz.passPercent === null || (grade !== null && grade >= Number(quiz.passPercent));
  if (!passed) return;
  const enrolment = await db().enrolment.findFirst({
    where: { userId, courseId: quiz.courseId, status: { in: ["ACTIVE", "COMPLETED"] } },
    select: { status: true },
  });
  if (!enrolment) return;
  const row = await unsafeMarkLessonDone(userId, { id: quiz.lessonId, courseId: quiz.courseId });
  // Like recordProgress: checked after the progress row is written, and again while ACTIVE (it heals).
  if (row.justDone || enrolment.status === "ACTIVE") await unsafeCompleteEnrolmentIfAllDone(userId, quiz.courseId);
}

/**
 * The job queued at the start for deadline + grace: finishes the attempt with what was saved.
 * A server job, authorised by the start that queued it (decisions 073, 003).
 */
export const finishAttemptJob: JobHandler = async (payload) => {
  const attemptId = (payload as { attemptId?: unknown } | null)?.attemptId;
  if (typeof attemptId !== "string") return;
  await unsafeFinishAttempt(attemptId, "DEADLINE");
};
