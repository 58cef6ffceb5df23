import { z } from "zod";
import { apiRoute, NO_STORE } from "@/lib/http/route";
import { IMPORT_FORMATS, stageQuestionImport } from "@/lib/quizzes/banks/import";
import { bankForImport } from "@/lib/quizzes/banks/queries";
import { fileNameParam, readImportRequest } from "../../../imports/http";
import { routeId } from "../../http";

const query = z.object({ format: z.enum(IMPORT_FORMATS), name: fileNameParam });

/**
 * POST a question file's bytes (application/octet-stream) → 201 `{ id }`: the file is read and
 * kept for its preview page (/banks/[bankId]/import/[id]); nothing enters the bank yet.
 */
export const POST = apiRoute<{ bankId: string }>({ name: "bank.importStage" }, async ({ request, params, viewer }) => {
  const bankId = routeId(params.bankId);
  await bankForImport(viewer, bankId); // refused before the body is read
  const { params: q, bytes } = await readImportRequest(request, query);
  const staged = await stageQuestionImport(viewer, bankId, { fileName: q.name, format: q.format, bytes });
  return Response.json(staged, { status: 201, headers: NO_STORE });
});
