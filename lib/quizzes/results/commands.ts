import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { db, transaction } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { autoMark, unsafeRescoreAttempt } from "@/lib/quizzes/attempts/finish";
import { assertMarkQuiz } from "./access";

// Marking essays and regrading a corrected question (docs/decisions/085-quiz-results-and-item-analysis.md).
// Only those who manage the course; every mark given is a new AttemptMark row (the history), the
// attempt question holds the current one, and the engine's rescore recomputes the attempt's score,
// needsMarking and the learner's outcome (lesson done, course completion) in the same transaction.

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
const num = (d: { toString(): string } | null): number | null => (d === null ? null : Number(d.toString()));

/**
 * A trainer's mark for an essay of a finished attempt (0..the question's mark), with a comment.
 * Marking again adds another MANUAL row: the earlier marks stay in the history.
 */
export async function markEssay(viewer: Viewer, attemptQuestionId: string, input: { mark: number; comment?: string }): Promise<{ attemptId: string }> {
  const found = await db().attemptQuestion.findUnique({ where: { id: attemptQuestionId }, select: { attempt: { select: { quizId: true } } } });
  if (!found) throw notFound();
  const staff = await assertMarkQuiz(viewer, found.attempt.quizId);
  return transaction(async (tx) => {
    // The row locked: two trainers marking at once each add their mark, one after the other.
    await tx.$queryRaw`SELECT 1 FROM "AttemptQuestion" WHERE "id" = ${attemptQuestionId}::uuid FOR UPDATE`;
    const aq = await tx.attemptQuestion.findUniqueOrThrow({
      where: { id: attemptQuestionId },
      select: {
        id: true,
        position: true,
        maxMark: true,
        mark: true,
        versionId: true,
        markedVersionId: true,
        attempt: { select: { id: true, state: true, userId: true } },
        version: { select: { question: { select: { type: true } } } },
      },
    });
    if (aq.version.question.type !== "ESSAY") throw new AppError("CONFLICT", "quizResults.notEssay");
    if (aq.attempt.state !== "FINISHED") throw new AppError("CONFLICT", "quizResults.notFinished");
    const maxMark = Number(aq.maxMark.toString());
    if (input.mark < 0 || input.mark > maxMark) throw new AppError("VALIDATION", "quizResults.markTooHigh", { field: "mark", params: { max: maxMark } });
    const mark = round(input.mark, 2);
    const fraction = maxMark > 0 ? round(mark / maxMark, 5) : 0;
    const comment = input.comment?.trim() || null;
    await tx.attemptMark.create({
      data: { attemptQuestionId, source: "MANUAL", mark, fraction, versionId: aq.markedVersionId ?? aq.versionId, comment, byUserId: viewer.userId },
    });
    await tx.attemptQuestion.update({ where: { id: attemptQuestionId }, data: { mark, fraction, comment } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "quiz.markEssay",
      entity: "QuizAttempt",
      entityId: aq.attempt.id,
      unitId: staff.quiz.unitId,
      data: { userId: aq.attempt.userId, position: aq.position, before: { mark: num(aq.mark) }, after: { mark } },
    });
    await unsafeRescoreAttempt(aq.attempt.id);
    return { attemptId: aq.attempt.id };
  });
}

export type RegradeChange = {
  attemptQuestionId: string;
  attemptId: string;
  attemptNumber: number;
  learnerName: string;
  position: number;
  oldMark: number | null;
  newMark: number | null;
  maxMark: number;
};

export type RegradeResult = {
  question: { id: string; name: string; version: number };
  /** Finished attempts holding the question (essays marked by hand are never re-marked). */
  checked: number;
  changes: RegradeChange[];
  applied: boolean;
};

/**
 * Re-marks every finished attempt's stored response to `questionId` in this quiz with the
 * question's newest version (after a correction). A dry run only says what would change (attempt,
 * learner, old → new mark). Applying writes a REGRADE mark where the mark changes, moves every
 * re-marked answer to the newest version, and rescores each changed attempt. An answer a trainer
 * marked by hand (an essay) is left as it is.
 */
export async function regradeQuestion(viewer: Viewer, quizId: string, questionId: string, options: { dryRun: boolean }): Promise<RegradeResult> {
  const staff = await assertMarkQuiz(viewer, quizId);
  const question = await db().question.findUnique({ where: { id: questionId }, select: { id: true, type: true, latestVersion: true } });
  if (!question) throw notFound();
  const latest = await db().questionVersion.findUniqueOrThrow({
    where: { questionId_version: { questionId, version: question.latestVersion } },
    select: { id: true, name: true, version: true, data: true },
  });
  const run = async (): Promise<RegradeResult> => {
    const answers = await db().attemptQuestion.findMany({
      where: { attempt: { quizId, state: "FINISHED" }, version: { questionId }, marks: { none: { source: "MANUAL" } } },
      orderBy: [{ attempt: { finishedAt: "asc" } }, { attemptId: "asc" }, { position: "asc" }],
      select: {
        id: true,
        position: true,
        maxMark: true,
        mark: true,
        response: true,
        markedVersionId: true,
        attempt: { select: { id: true, number: true, user: { select: { fullName: true } } } },
      },
    });
    if (answers.length === 0 && !(await questionInQuiz(quizId, questionId))) throw notFound();
    const changes: RegradeChange[] = [];
    const regraded: { id: string; attemptId: string; mark: number | null; fraction: number | null; changed: boolean; moved: boolean }[] = [];
    for (const a of answers) {
      if (question.type === "ESSAY" || question.type === "DESCRIPTION") continue;
      const maxMark = Number(a.maxMark.toString());
      // The engine's own automatic mark (lib/quizzes/attempts/finish.ts), with the corrected version's data.
      const { fraction: f, mark } = autoMark({ type: question.type, data: latest.data, response: a.response, maxMark });
      const oldMark = num(a.mark);
      const changed = mark !== oldMark;
      regraded.push({ id: a.id, attemptId: a.attempt.id, mark, fraction: f, changed, moved: a.markedVersionId !== latest.id });
      if (changed) {
        changes.push({
          attemptQuestionId: a.id,
          attemptId: a.attempt.id,
          attemptNumber: a.attempt.number,
          learnerName: a.attempt.user.fullName,
          position: a.position,
          oldMark,
          newMark: mark,
          maxMark,
        });
      }
    }
    const result = { question: { id: question.id, name: latest.name, version: latest.version }, checked: answers.length, changes, applied: !options.dryRun };
    if (options.dryRun) return result;
    for (const r of regraded) {
      if (r.changed) {
        await db().attemptMark.create({
          data: { attemptQuestionId: r.id, source: "REGRADE", mark: r.mark, fraction: r.fraction, versionId: latest.id, byUserId: viewer.userId },
        });
        await db().attemptQuestion.update({ where: { id: r.id }, data: { mark: r.mark, fraction: r.fraction, markedVersionId: latest.id } });
      } else if (r.moved) {
        await db().attemptQuestion.update({ where: { id: r.id }, data: { markedVersionId: latest.id } });
      }
    }
    for (const attemptId of new Set(regraded.filter((r) => r.changed).map((r) => r.attemptId))) await unsafeRescoreAttempt(attemptId);
    await recordAudit(db(), {
      actorId: viewer.userId,
      action: "quiz.regrade",
      entity: "Quiz",
      entityId: quizId,
      unitId: staff.quiz.unitId,
      data: { questionId, version: latest.version, checked: answers.length, changed: changes.length },
    });
    return result;
  };
  if (options.dryRun) return run();
  return transaction(async (tx) => {
    // One regrade of a quiz at a time; marking of the same attempts waits for it.
    await tx.$queryRaw`SELECT 1 FROM "Quiz" WHERE "id" = ${quizId}::uuid FOR UPDATE`;
    return run();
  });
}

/** True when the quiz places the question (a fixed slot) or an attempt of it was given the question. */
async function questionInQuiz(quizId: string, questionId: string): Promise<boolean> {
  const slot = await db().quizSlot.findFirst({ where: { quizId, questionId }, select: { id: true } });
  if (slot) return true;
  const given = await db().attemptQuestion.findFirst({ where: { attempt: { quizId }, version: { questionId } }, select: { id: true } });
  return given !== null;
}
