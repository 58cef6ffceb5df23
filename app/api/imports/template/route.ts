import { z } from "zod";
import { actingViewer } from "@/lib/auth/session";
import { importTemplate } from "@/lib/imports/template";
import { downloadResponse, errorResponse, parseQuery } from "../http";

export const dynamic = "force-dynamic";

const query = z.object({ format: z.enum(["xlsx", "csv"]).default("xlsx") });

/** GET → the import template (Vietnamese headers, one example row), as a download. */
export async function GET(request: Request) {
  try {
    const viewer = await actingViewer();
    const { format } = parseQuery(request, query);
    return downloadResponse(await importTemplate(viewer, format));
  } catch (e) {
    return errorResponse(e, "imports.template");
  }
}
