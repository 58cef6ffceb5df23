import { apiRoute, NO_STORE } from "@/lib/http/route";
import { saveAnswers } from "@/lib/quizzes/attempts/engine";
import { readAttemptJson } from "@/lib/quizzes/attempts/http";

export const dynamic = "force-dynamic";

/**
 * Saves answers: body `{ seq, answers: [{ position, response }] }` → 200 SaveReply. 409
 * ATTEMPT_CLOSED once time (with the grace) is up or the attempt is finished: the player stops
 * retrying. Being an ordinary signed-in request, each save also keeps the session alive (the JWT
 * session is renewed on use, lib/auth/options.ts).
 */
export const PUT = apiRoute<{ attemptId: string }>({ name: "quiz.saveAnswers" }, async ({ viewer, params, request }) => {
  const reply = await saveAnswers(viewer, params.attemptId, await readAttemptJson(request));
  return Response.json(reply, { headers: NO_STORE });
});
