import { apiRoute, NO_STORE } from "@/lib/http/route";
import { submitAttempt } from "@/lib/quizzes/attempts/engine";
import { readAttemptJson } from "@/lib/quizzes/attempts/http";

export const dynamic = "force-dynamic";

/** Submits the attempt, with its last answers when the body has them (`{ seq, answers }`). Idempotent. */
export const POST = apiRoute<{ attemptId: string }>({ name: "quiz.submitAttempt" }, async ({ viewer, params, request }) => {
  const result = await submitAttempt(viewer, params.attemptId, await readAttemptJson(request, { optional: true }));
  return Response.json(result, { headers: NO_STORE });
});
