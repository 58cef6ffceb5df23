import { notFound } from "@/lib/errors";
import { questionFileResponse } from "@/lib/http/question-files";
import { apiRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * One image of a question bank (lib/quizzes/question-files.ts): to whoever may see the bank, and to
 * a learner whose own attempt shows it. Everyone else, signed out included, gets the same 404 as
 * for a file that does not exist.
 */
const serve = apiRoute<{ id: string }, "optional">({ name: "bank.image.serve", access: "optional" }, ({ viewer, params, request }) => {
  if (!viewer || viewer.mustChangePassword) throw notFound();
  return questionFileResponse(viewer, params.id, request);
});

export const GET = serve;
export const HEAD = serve;
