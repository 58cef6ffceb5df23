import { z } from "zod";
import { contentDisposition } from "@/lib/http/download";
import { apiRoute, NO_STORE } from "@/lib/http/route";
import { exportBankGift } from "@/lib/quizzes/banks/import";
import { parseQuery } from "../../../imports/http";
import { routeId } from "../../http";

export const dynamic = "force-dynamic";

const query = z.object({ category: z.uuid().optional() });

/** GET → the bank's questions (or one category's, with its subcategories) as a GIFT text file. */
export const GET = apiRoute<{ bankId: string }>({ name: "bank.export" }, async ({ request, params, viewer }) => {
  const { category } = parseQuery(request, query);
  const file = await exportBankGift(viewer, routeId(params.bankId), category ?? null);
  return new Response(file.text, {
    headers: {
      ...NO_STORE,
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": contentDisposition("attachment", file.fileName),
      "X-Content-Type-Options": "nosniff",
    },
  });
});
