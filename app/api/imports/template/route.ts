import { z } from "zod";
import { apiRoute } from "@/lib/http/route";
import { importTemplate } from "@/lib/imports/template";
import { downloadResponse, parseQuery } from "../http";

export const dynamic = "force-dynamic";

const query = z.object({ format: z.enum(["xlsx", "csv"]).default("xlsx") });

/** GET → the import template (Vietnamese headers, one example row), as a download. */
export const GET = apiRoute({ name: "imports.template" }, async ({ request, viewer }) => {
  const { format } = parseQuery(request, query);
  return downloadResponse(await importTemplate(viewer, format));
});
