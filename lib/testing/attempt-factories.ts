// Test-only: finished quiz attempts written directly (see factories.ts), marked by the engine's own
// automatic mark (lib/quizzes/attempts/finish.ts autoMark): one AttemptQuestion per slot of the
// quiz (its fixed question's newest version), an AUTO mark for each, the score summed, essays
// left for a trainer (fraction null, needsMarking).
import { db, type Prisma } from "@/lib/db";
import { autoMark } from "@/lib/quizzes/attempts/finish";
import type { QuestionDraft, QuestionResponse } from "@/lib/quizzes/question-types";

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/**
 * A FINISHED attempt of `userId` at `quizId` with `responses[i]` for the quiz's i-th slot (null:
 * left unanswered). The learner's enrolment in the course is reused or made (ACTIVE, their unit,
 * `classId` when given). `number` defaults to the next one.
 */
export async function makeFinishedAttempt(input: {
  quizId: string;
  userId: string;
  responses: (QuestionResponse | null)[];
  number?: number;
  classId?: string | null;
  finishedAt?: Date;
}) {
  const quiz = await db().quiz.findUniqueOrThrow({
    where: { id: input.quizId },
    select: {
      courseId: true,
      slots: {
        orderBy: { position: "asc" },
        select: { id: true, position: true, mark: true, question: { select: { id: true, type: true, latestVersion: true } } },
      },
    },
  });
  const user = await db().user.findUniqueOrThrow({ where: { id: input.userId }, select: { unitId: true } });
  const enrolment =
    (await db().enrolment.findUnique({ where: { userId_courseId: { userId: input.userId, courseId: quiz.courseId } } })) ??
    (await db().enrolment.create({ data: { userId: input.userId, courseId: quiz.courseId, unitId: user.unitId, classId: input.classId ?? null, status: "ACTIVE" } }));
  const number = input.number ?? (await db().quizAttempt.count({ where: { quizId: input.quizId, userId: input.userId } })) + 1;
  const finishedAt = input.finishedAt ?? new Date();
  const questions: Prisma.AttemptQuestionCreateWithoutAttemptInput[] = [];
  let score = 0;
  let maxScore = 0;
  let needsMarking = false;
  for (const [i, slot] of quiz.slots.entries()) {
    const q = slot.question;
    if (!q) throw new Error("factory: makeFinishedAttempt takes fixed slots only");
    const version = await db().questionVersion.findUniqueOrThrow({ where: { questionId_version: { questionId: q.id, version: q.latestVersion } } });
    const response = input.responses[i] ?? null;
    const maxMark = Number(slot.mark.toString());
    const { fraction, mark, state } = autoMark({ type: q.type, data: version.data, response, maxMark });
    if (state === "needsMarking") needsMarking = true;
    score += mark ?? 0;
    maxScore += q.type === "DESCRIPTION" ? 0 : maxMark;
    questions.push({
      position: slot.position,
      slotId: slot.id,
      version: { connect: { id: version.id } },
      markedVersion: { connect: { id: version.id } },
      maxMark,
      response: response === null ? undefined : (response as Prisma.InputJsonValue),
      responseSeq: response === null ? 0 : 1,
      savedAt: response === null ? null : finishedAt,
      mark,
      fraction,
      marks: { create: [{ source: "AUTO", mark, fraction, versionId: version.id, createdAt: finishedAt }] },
    });
  }
  return db().quizAttempt.create({
    data: {
      quizId: input.quizId,
      userId: input.userId,
      enrolmentId: enrolment.id,
      classId: input.classId ?? enrolment.classId,
      unitId: enrolment.unitId,
      number,
      state: "FINISHED",
      startedAt: new Date(finishedAt.getTime() - 10 * 60 * 1000),
      finishedAt,
      finishedBy: "LEARNER",
      lastSeq: 1,
      score: round(score, 2),
      maxScore,
      needsMarking,
      questions: { create: questions },
    },
    include: { questions: { orderBy: { position: "asc" } } },
  });
}

/** A corrected version of a question, written as the editor's updateQuestion does: a new immutable version, latestVersion moved to it. */
export async function addQuestionVersion(questionId: string, draft: QuestionDraft) {
  const q = await db().question.findUniqueOrThrow({ where: { id: questionId }, select: { latestVersion: true } });
  const version = q.latestVersion + 1;
  const created = await db().questionVersion.create({
    data: {
      questionId,
      version,
      name: draft.name,
      text: draft.text,
      format: draft.format,
      generalFeedback: draft.generalFeedback?.text ?? "",
      defaultMark: draft.defaultMark,
      data: draft.data as Prisma.InputJsonValue,
    },
  });
  await db().question.update({ where: { id: questionId }, data: { latestVersion: version } });
  return created;
}
