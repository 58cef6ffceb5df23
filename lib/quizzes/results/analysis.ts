import type { Viewer } from "@/lib/auth/viewer";
import { db, Prisma } from "@/lib/db";
import type { QuestionType } from "@/lib/db/generated/enums";
import { quizStaffAccess, type QuizStaff } from "./access";
import { optionLabels, type ShownLine } from "./show";

/**
 * Item analysis of a quiz (docs/decisions/085-quiz-results-and-item-analysis.md), computed by the
 * database over finished attempts, never by loading attempts into memory. Per place in the quiz
 * and question drawn there:
 * - attempts: how many finished attempts hold it; marked: how many of those have a mark (an essay
 *   waiting for a trainer has none and counts in no figure below);
 * - facility: the mean fraction of the mark obtained, × 100;
 * - sd: the sample standard deviation of that fraction, × 100;
 * - discrimination: Pearson's correlation (PostgreSQL `corr`) between the fraction and the rest of
 *   the attempt's score (the score without this question's mark), × 100; null when either does not vary;
 * - for single, multiple choice and true/false: how often each option was chosen (from the
 *   stored response, jsonb).
 * `first`: only each learner's first finished attempt; `all`: every finished attempt.
 */
export type AnalysisMode = "first" | "all";

export type ItemRow = {
  position: number;
  questionId: string;
  name: string;
  type: QuestionType;
  attempts: number;
  marked: number;
  facility: number | null;
  sd: number | null;
  discrimination: number | null;
  /** Choice questions only: each option (in the question's order, newest version) and how often it was chosen. */
  options: { id: string; line: ShownLine; count: number }[];
};

export type ItemAnalysis = QuizStaff & { mode: AnalysisMode; attempts: number; meanPercent: number | null; items: ItemRow[] };

type StatRow = { position: number; questionId: string; attempts: number; marked: number; facility: number | null; sd: number | null; discrimination: number | null };
type OptionRow = { position: number; questionId: string; choice: string; n: number };
type TotalRow = { attempts: number; mean: number | null };

/** The finished attempts analysed, as a common table expression `att` (id, score, maxScore). */
function attemptsCte(quizId: string, mode: AnalysisMode): Prisma.Sql {
  const firstOnly =
    mode === "first"
      ? Prisma.sql`AND a."number" = (SELECT min(b."number") FROM "QuizAttempt" b WHERE b."quizId" = a."quizId" AND b."userId" = a."userId" AND b."state" = 'FINISHED')`
      : Prisma.empty;
  return Prisma.sql`att AS (
    SELECT a."id", a."score"::float8 AS "score", a."maxScore"::float8 AS "maxScore"
    FROM "QuizAttempt" a
    WHERE a."quizId" = ${quizId}::uuid AND a."state" = 'FINISHED' ${firstOnly}
  )`;
}

const scaled = (x: number | null) => (x === null ? null : Math.round(Number(x) * 10000) / 100);

export async function itemAnalysis(viewer: Viewer, quizId: string, mode: AnalysisMode = "first"): Promise<ItemAnalysis> {
  const staff = await quizStaffAccess(viewer, quizId);
  const att = attemptsCte(quizId, mode);
  const totals = await db().$queryRaw<TotalRow[]>`WITH ${att}
    SELECT count(*)::int AS "attempts", avg(CASE WHEN "maxScore" > 0 THEN "score" / "maxScore" END) AS "mean" FROM att`;
  const stats = await db().$queryRaw<StatRow[]>`WITH ${att},
    items AS (
      SELECT aq."position", v."questionId", aq."fraction"::float8 AS f, (att."score" - coalesce(aq."mark", 0)::float8) AS rest
      FROM att
      JOIN "AttemptQuestion" aq ON aq."attemptId" = att."id"
      JOIN "QuestionVersion" v ON v."id" = aq."versionId"
    )
    SELECT "position", "questionId"::text AS "questionId", count(*)::int AS "attempts", count(f)::int AS "marked",
      avg(f) AS "facility", stddev_samp(f) AS "sd", corr(f, rest) AS "discrimination"
    FROM items
    GROUP BY "position", "questionId"
    ORDER BY "position", "questionId"`;
  const chosen = await db().$queryRaw<OptionRow[]>`WITH ${att}
    SELECT aq."position", v."questionId"::text AS "questionId", o."choice", count(*)::int AS "n"
    FROM att
    JOIN "AttemptQuestion" aq ON aq."attemptId" = att."id"
    JOIN "QuestionVersion" v ON v."id" = aq."versionId"
    CROSS JOIN LATERAL (
      SELECT aq."response"->>'optionId' AS "choice" WHERE jsonb_typeof(aq."response"->'optionId') = 'string'
      UNION ALL
      SELECT e FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(aq."response"->'optionIds') = 'array' THEN aq."response"->'optionIds' ELSE '[]'::jsonb END) AS e
      UNION ALL
      SELECT aq."response"->>'value' WHERE jsonb_typeof(aq."response"->'value') = 'boolean'
    ) o
    WHERE aq."response" IS NOT NULL
    GROUP BY aq."position", v."questionId", o."choice"`;
  const questions = await db().question.findMany({
    where: { id: { in: [...new Set(stats.map((s) => s.questionId))] } },
    select: { id: true, type: true, latestVersion: true, versions: { orderBy: { version: "desc" }, take: 1, select: { name: true, data: true } } },
  });
  const byId = new Map(questions.map((q) => [q.id, q]));
  const countOf = new Map(chosen.map((c) => [`${c.position}:${c.questionId}:${c.choice}`, c.n]));
  const items = stats.flatMap((s): ItemRow[] => {
    const q = byId.get(s.questionId);
    if (!q || q.type === "DESCRIPTION") return [];
    const latest = q.versions[0];
    return [
      {
        position: s.position,
        questionId: s.questionId,
        name: latest?.name ?? "",
        type: q.type,
        attempts: s.attempts,
        marked: s.marked,
        facility: scaled(s.facility),
        sd: scaled(s.sd),
        discrimination: scaled(s.discrimination),
        options: optionLabels(q.type, latest?.data).map((o) => ({ ...o, count: countOf.get(`${s.position}:${s.questionId}:${o.id}`) ?? 0 })),
      },
    ];
  });
  const total = totals[0] ?? { attempts: 0, mean: null };
  return { ...staff, mode, attempts: total.attempts, meanPercent: scaled(total.mean), items };
}
