import { z } from "zod";
import { AppError } from "@/lib/errors";
import { apiRoute, NO_STORE } from "@/lib/http/route";
import { checkQuestion } from "@/lib/quizzes/attempts/engine";
import { readAttemptJson } from "@/lib/quizzes/attempts/http";

export const dynamic = "force-dynamic";

const body = z.object({ position: z.number().int().min(1) });

/** Checks one question while answering (review DURING): body `{ position }` → 200 AttemptView. */
export const POST = apiRoute<{ attemptId: string }>({ name: "quiz.checkQuestion" }, async ({ viewer, params, request }) => {
  const parsed = body.safeParse(await readAttemptJson(request));
  if (!parsed.success) throw new AppError("VALIDATION", "quizAttempt.cannotCheck");
  const view = await checkQuestion(viewer, params.attemptId, parsed.data.position);
  return Response.json(view, { headers: NO_STORE });
});
