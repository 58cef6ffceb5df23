import type { Viewer } from "@/lib/auth/viewer";
import { db, Prisma, transaction } from "@/lib/db";
import type { QuestionType } from "@/lib/db/generated/enums";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/queue";
import { DB_NOW } from "@/lib/learning/completion";
import type { QuestionResponse } from "@/lib/quizzes/question-types";
import { autoMark, unsafeFinishAttempt } from "./finish";
import {
  isId,
  pastGrace,
  QUIZ_FINISH_JOB,
  QUIZ_GRACE_SECONDS,
  unsafeDbNow,
  unsafeEffectiveWindow,
  viewerAttempt,
  viewerQuiz,
  type QuizRow,
} from "./load";
import { drawOrder, responseFits, saveInput, shuffled, type SaveInput } from "./responses";
import type { AttemptView, SaveReply } from "./types";
import { attemptForLearner, startRefusal, unsafeQuizQuestionCount } from "./view";

/**
 * The attempt engine's commands (docs/decisions/080-quizzes.md): start, save, submit, check. Each
 * acts only on the viewer's own attempt at a quiz of a course they study; deadlines are computed
 * and compared on the database's clock.
 */

const GRACE = Prisma.sql`make_interval(secs => ${QUIZ_GRACE_SECONDS}::float8)`;
const closedError = () => new AppError("ATTEMPT_CLOSED", "quizAttempt.attemptClosed");
const invalid = () => new AppError("VALIDATION", "quizAttempt.invalidAnswers");

type Drawn = { slotId: string; versionId: string; type: QuestionType; data: unknown; mark: number };

/** Fixed slots: the question's latest version. Random slots: distinct questions of the category. */
async function drawQuestions(quiz: QuizRow): Promise<Drawn[]> {
  const slots = await db().quizSlot.findMany({
    where: { quizId: quiz.id },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, questionId: true, categoryId: true, randomCount: true, includeSubcategories: true, mark: true },
  });
  const fixedIds = slots.flatMap((s) => (s.questionId ? [s.questionId] : []));
  const fixed = fixedIds.length
    ? await db().$queryRaw<{ questionId: string; versionId: string; type: QuestionType; data: unknown }[]>`
        SELECT q."id" AS "questionId", v."id" AS "versionId", q."type"::text AS "type", v."data"
        FROM "Question" q JOIN "QuestionVersion" v ON v."questionId" = q."id" AND v."version" = q."latestVersion"
        WHERE q."id" = ANY(${fixedIds}::uuid[])`
    : [];
  const byQuestion = new Map(fixed.map((f) => [f.questionId, f]));
  // A question placed by a fixed slot is never drawn again by a random one.
  const used = new Set(fixedIds);
  const drawn = new Map<string, Drawn[]>();
  for (const slot of slots.filter((s) => !s.questionId && s.categoryId)) {
    const candidates = await db().$queryRaw<{ questionId: string; versionId: string; type: QuestionType; data: unknown }[]>`
      WITH RECURSIVE cats AS (
        SELECT "id" FROM "QuestionCategory" WHERE "id" = ${slot.categoryId}::uuid
        UNION
        SELECT c."id" FROM "QuestionCategory" c JOIN cats ON c."parentId" = cats."id" WHERE ${slot.includeSubcategories}::boolean
      )
      SELECT q."id" AS "questionId", v."id" AS "versionId", q."type"::text AS "type", v."data"
      FROM "Question" q JOIN "QuestionVersion" v ON v."questionId" = q."id" AND v."version" = q."latestVersion"
      WHERE q."categoryId" IN (SELECT "id" FROM cats) AND q."archivedAt" IS NULL AND q."type" <> 'DESCRIPTION'`;
    const free = candidates.filter((c) => !used.has(c.questionId));
    if (free.length < slot.randomCount) throw new AppError("CONFLICT", "quizAttempt.notEnoughQuestions");
    const picked = shuffled(free).slice(0, slot.randomCount);
    for (const p of picked) used.add(p.questionId);
    drawn.set(slot.id, picked.map((p) => ({ slotId: slot.id, versionId: p.versionId, type: p.type, data: p.data, mark: Number(slot.mark) })));
  }
  const out: Drawn[] = [];
  for (const slot of slots) {
    if (slot.questionId) {
      const f = byQuestion.get(slot.questionId);
      if (f) out.push({ slotId: slot.id, versionId: f.versionId, type: f.type, data: f.data, mark: Number(slot.mark) });
    } else out.push(...(drawn.get(slot.id) ?? []));
  }
  return quiz.shuffleQuestions ? shuffled(out) : out;
}

/**
 * Starts an attempt, or gives back the one in progress (`created: false`). Only a learner who
 * studies the course (enrolment ACTIVE or COMPLETED) in a published course; staff without an
 * enrolment get FORBIDDEN (`quizAttempt.staffPreview`), everyone else NOT_FOUND. Refused with
 * CONFLICT before the effective opening, after the close, with no attempt left, without
 * questions. Two starts at once make one attempt (`openKey` is unique).
 */
export async function startAttempt(viewer: Viewer, quizId: string): Promise<{ attemptId: string; created: boolean }> {
  const { quiz, access } = await viewerQuiz(viewer, quizId);
  const enrolment = access.study ? access.enrolment : null;
  if (!enrolment) throw new AppError("FORBIDDEN", "quizAttempt.staffPreview");
  const openKey = `${quiz.id}:${viewer.userId}`;
  const now = await unsafeDbNow();
  const open = await db().quizAttempt.findUnique({ where: { openKey }, select: { id: true, deadlineAt: true } });
  if (open) {
    if (!pastGrace(open.deadlineAt, now)) return { attemptId: open.id, created: false };
    await unsafeFinishAttempt(open.id, "DEADLINE");
  }
  const window = await unsafeEffectiveWindow(quiz, enrolment.classId);
  const previous = await db().quizAttempt.aggregate({ where: { quizId: quiz.id, userId: viewer.userId }, _count: { _all: true }, _max: { number: true } });
  const refusal = startRefusal({
    courseStatus: access.course.status,
    window,
    now,
    attemptsAllowed: quiz.attemptsAllowed,
    attemptsUsed: previous._count._all,
    questionCount: await unsafeQuizQuestionCount(quiz.id),
  });
  if (refusal) throw new AppError(refusal.code, refusal.key);
  const drawn = await drawQuestions(quiz);
  if (drawn.length === 0) throw new AppError("CONFLICT", "quizAttempt.noQuestions");

  const limitEnd = quiz.timeLimitSeconds ? new Date(now.getTime() + quiz.timeLimitSeconds * 1000) : null;
  const ends = [limitEnd, window.closesAt].filter((d): d is Date => d !== null);
  const deadlineAt = ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : null;
  const questions = drawn.map((d, i) => ({
    position: i + 1,
    slotId: d.slotId,
    versionId: d.versionId,
    maxMark: d.type === "DESCRIPTION" ? 0 : d.mark,
    order: drawOrder(d.type, d.data, quiz.shuffleAnswers),
  }));
  try {
    const attemptId = await transaction(async (tx) => {
      const attempt = await tx.quizAttempt.create({
        data: {
          quizId: quiz.id,
          userId: viewer.userId,
          enrolmentId: enrolment.id,
          classId: enrolment.classId,
          unitId: viewer.unitId,
          number: (previous._max.number ?? 0) + 1,
          openKey,
          startedAt: now,
          deadlineAt,
          maxScore: questions.reduce((s, q) => s + q.maxMark, 0),
        },
        select: { id: true },
      });
      await tx.attemptQuestion.createMany({ data: questions.map((q) => ({ ...q, attemptId: attempt.id })) });
      if (deadlineAt) {
        await enqueueJob(tx, {
          kind: QUIZ_FINISH_JOB,
          payload: { attemptId: attempt.id },
          runAt: new Date(deadlineAt.getTime() + QUIZ_GRACE_SECONDS * 1000),
          dedupeKey: `${QUIZ_FINISH_JOB}:${attempt.id}`,
        });
      }
      return attempt.id;
    });
    return { attemptId, created: true };
  } catch (e) {
    // Another start (a second tab, a double click) won the race: its attempt is the one.
    if (!isUniqueViolation(e)) throw e;
    const existing = await db().quizAttempt.findUnique({ where: { openKey }, select: { id: true } });
    if (!existing) throw e;
    return { attemptId: existing.id, created: false };
  }
}

type SaveTarget = {
  state: string;
  open: boolean;
  now: Date;
  position: number | null;
  checked: boolean | null;
  type: QuestionType | null;
  data: unknown;
};

/** Parses a save and checks every response against its question; throws NOT_FOUND / ATTEMPT_CLOSED / VALIDATION. */
async function checkedSave(viewer: Viewer, attemptId: string, raw: unknown): Promise<SaveInput> {
  const parsed = saveInput.safeParse(raw);
  if (!parsed.success) throw invalid();
  if (!isId(attemptId)) throw notFound();
  const input = parsed.data;
  const positions = input.answers.map((a) => a.position);
  // One read: the attempt (the viewer's, while they study the course) and the questions answered.
  const rows = await db().$queryRaw<SaveTarget[]>`
    SELECT a."state"::text AS "state",
           (a."deadlineAt" IS NULL OR ${DB_NOW} <= a."deadlineAt" + ${GRACE}) AS "open",
           now() AS "now",
           aq."position", aq."checkedAt" IS NOT NULL AS "checked", q."type"::text AS "type", v."data"
    FROM "QuizAttempt" a
    JOIN "Enrolment" e ON e."id" = a."enrolmentId" AND e."status" IN ('ACTIVE', 'COMPLETED')
    LEFT JOIN "AttemptQuestion" aq ON aq."attemptId" = a."id" AND aq."position" = ANY(${positions}::int[])
    LEFT JOIN "QuestionVersion" v ON v."id" = aq."versionId"
    LEFT JOIN "Question" q ON q."id" = v."questionId"
    WHERE a."id" = ${attemptId}::uuid AND a."userId" = ${viewer.userId}::uuid`;
  const head = rows[0];
  if (!head) throw notFound();
  if (head.state !== "IN_PROGRESS" || !head.open) throw closedError();
  const byPosition = new Map(rows.filter((r) => r.position !== null).map((r) => [r.position!, r]));
  for (const answer of input.answers) {
    const q = byPosition.get(answer.position);
    if (!q || !q.type) throw invalid();
    if (answer.response !== null && !responseFits(q.type, q.data, answer.response)) throw invalid();
  }
  return input;
}

/**
 * Saves answers of the viewer's attempt (decision 080, "Save"). One transaction: the attempt row is
 * updated first (`lastSeq`), only while in progress and before deadline + grace — else 409
 * ATTEMPT_CLOSED and nothing is written; then every answer in one statement, each only
 * `WHERE responseSeq < seq` and not checked (locked). The reply: `saved` — positions that hold this
 * seq (applied now or by the same save before); `superseded` — positions that hold a later save
 * (another device) or are locked, with what the server holds.
 */
export async function saveAnswers(viewer: Viewer, attemptId: string, raw: unknown): Promise<SaveReply> {
  const input = await checkedSave(viewer, attemptId, raw);
  const positions = input.answers.map((a) => a.position);
  return transaction(async (tx) => {
    const [attempt] = await tx.$queryRaw<{ lastSeq: number; deadlineAt: Date | null; now: Date }[]>`
      UPDATE "QuizAttempt" SET "lastSeq" = GREATEST("lastSeq", ${input.seq}::int), "updatedAt" = ${DB_NOW}
      WHERE "id" = ${attemptId}::uuid AND "userId" = ${viewer.userId}::uuid AND "state" = 'IN_PROGRESS'
        AND ("deadlineAt" IS NULL OR ${DB_NOW} <= "deadlineAt" + ${GRACE})
      RETURNING "lastSeq", "deadlineAt", now() AS "now"`;
    if (!attempt) throw closedError();
    if (input.answers.length === 0) {
      return { lastSeq: attempt.lastSeq, saved: [], superseded: [], deadlineAt: attempt.deadlineAt?.toISOString() ?? null, serverNow: attempt.now.toISOString() };
    }
    const answers = JSON.stringify(input.answers.map((a) => ({ position: a.position, response: a.response })));
    const stored = await tx.$queryRaw<{ position: number; response: QuestionResponse | null; responseSeq: number; checked: boolean }[]>`
      WITH applied AS (
        UPDATE "AttemptQuestion" aq SET "response" = x."response", "responseSeq" = ${input.seq}::int, "savedAt" = ${DB_NOW}
        FROM jsonb_to_recordset(${answers}::jsonb) AS x("position" int, "response" jsonb)
        WHERE aq."attemptId" = ${attemptId}::uuid AND aq."position" = x."position"
          AND aq."responseSeq" < ${input.seq}::int AND aq."checkedAt" IS NULL
        RETURNING aq."position"
      )
      SELECT aq."position", aq."response", aq."responseSeq", aq."checkedAt" IS NOT NULL AS "checked"
      FROM "AttemptQuestion" aq
      WHERE aq."attemptId" = ${attemptId}::uuid AND aq."position" = ANY(${positions}::int[])
        AND aq."position" NOT IN (SELECT "position" FROM applied)`;
    // Rows not returned were applied by this statement (the CTE's writes are not visible to its SELECT).
    const saved = positions.filter((p) => !stored.some((s) => s.position === p));
    const superseded: SaveReply["superseded"] = [];
    for (const s of stored) {
      if (s.responseSeq === input.seq) saved.push(s.position);
      else superseded.push({ position: s.position, response: s.response, seq: s.responseSeq });
    }
    saved.sort((a, b) => a - b);
    superseded.sort((a, b) => a.position - b.position);
    return { lastSeq: attempt.lastSeq, saved, superseded, deadlineAt: attempt.deadlineAt?.toISOString() ?? null, serverNow: attempt.now.toISOString() };
  });
}

/**
 * Submits the viewer's attempt: applies the last answers when given (same rules as a save; after
 * deadline + grace they are ignored) and finishes it with what is saved. Idempotent: a finished
 * attempt is returned as it is.
 */
export async function submitAttempt(viewer: Viewer, attemptId: string, raw?: unknown): Promise<{ state: "FINISHED" }> {
  const attempt = await viewerAttempt(viewer, attemptId);
  if (attempt.state === "FINISHED") return { state: "FINISHED" };
  if (raw !== undefined && raw !== null) {
    try {
      await saveAnswers(viewer, attemptId, raw);
    } catch (e) {
      // Time is up or another request finished it: what was saved is what counts.
      if (!(e instanceof AppError && e.code === "ATTEMPT_CLOSED")) throw e;
    }
  }
  const now = await unsafeDbNow();
  await unsafeFinishAttempt(attempt.id, pastGrace(attempt.deadlineAt, now) ? "DEADLINE" : "LEARNER");
  return { state: "FINISHED" };
}

/**
 * Checks one answered question while answering (review DURING): marks it, locks it (`checkedAt`;
 * saves no longer change it) and returns the attempt's view, which now shows what review allows
 * for that question. CONFLICT when the quiz does not allow checking; ATTEMPT_CLOSED after the time.
 */
export async function checkQuestion(viewer: Viewer, attemptId: string, position: number): Promise<AttemptView> {
  const attempt = await viewerAttempt(viewer, attemptId);
  if (attempt.quiz.reviewMarks !== "DURING") throw new AppError("CONFLICT", "quizAttempt.checkNotAllowed");
  if (!Number.isInteger(position) || position < 1) throw new AppError("VALIDATION", "quizAttempt.cannotCheck");
  await transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ open: boolean; now: Date }[]>`
      SELECT ("state" = 'IN_PROGRESS' AND ("deadlineAt" IS NULL OR ${DB_NOW} <= "deadlineAt" + ${GRACE})) AS "open", now() AS "now"
      FROM "QuizAttempt" WHERE "id" = ${attempt.id}::uuid FOR UPDATE`;
    if (!locked?.open) throw closedError();
    const q = await tx.attemptQuestion.findUnique({
      where: { attemptId_position: { attemptId: attempt.id, position } },
      select: { id: true, versionId: true, maxMark: true, response: true, checkedAt: true, version: { select: { data: true, question: { select: { type: true } } } } },
    });
    if (!q) throw new AppError("VALIDATION", "quizAttempt.cannotCheck");
    if (q.checkedAt) return;
    const type = q.version.question.type;
    if (type === "ESSAY" || type === "DESCRIPTION" || q.response === null) throw new AppError("VALIDATION", "quizAttempt.cannotCheck");
    const m = autoMark({ type, data: q.version.data, response: q.response, maxMark: Number(q.maxMark) });
    await tx.attemptQuestion.update({
      where: { id: q.id },
      data: { checkedAt: locked.now, mark: m.mark, fraction: m.fraction, markedVersionId: q.versionId },
    });
    await tx.attemptMark.create({ data: { attemptQuestionId: q.id, source: "AUTO", mark: m.mark, fraction: m.fraction, versionId: q.versionId } });
  });
  return attemptForLearner(viewer, attempt.id);
}
