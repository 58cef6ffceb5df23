import { apiRoute, NO_STORE } from "@/lib/http/route";
import { startAttempt } from "@/lib/quizzes/attempts/engine";

export const dynamic = "force-dynamic";

/**
 * Starts an attempt at the quiz (docs/decisions/080-quizzes.md): 201 `{ attemptId }` for a new
 * one, 200 with the attempt already in progress (a second tab, a double click).
 */
export const POST = apiRoute<{ quizId: string }>({ name: "quiz.startAttempt" }, async ({ viewer, params }) => {
  const { attemptId, created } = await startAttempt(viewer, params.quizId);
  return Response.json({ attemptId }, { status: created ? 201 : 200, headers: NO_STORE });
});
