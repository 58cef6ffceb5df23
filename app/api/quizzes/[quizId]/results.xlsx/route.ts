import { z } from "zod";
import { notFound } from "@/lib/errors";
import { contentDisposition } from "@/lib/http/download";
import { apiRoute, NO_STORE } from "@/lib/http/route";
import { exportQuizResults } from "@/lib/quizzes/results/export";
import { parseQuery } from "../../../imports/http";

export const dynamic = "force-dynamic";

type Params = { quizId: string };
const query = z.object({ class: z.union([z.uuid(), z.literal("")]).optional() });

/** GET ?class=<classId> → the quiz's results (one class, or all) as an XLSX, streamed; course staff only. */
export const GET = apiRoute<Params>({ name: "quizzes.resultsXlsx" }, async ({ viewer, params, request }) => {
  const quizId = z.uuid().safeParse(params.quizId);
  if (!quizId.success) throw notFound();
  const { class: classId } = parseQuery(request, query);
  const file = await exportQuizResults(viewer, quizId.data, { classId: classId || null });
  return new Response(file.stream, {
    headers: {
      ...NO_STORE,
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition("attachment", file.fileName),
      "X-Content-Type-Options": "nosniff",
    },
  });
});
