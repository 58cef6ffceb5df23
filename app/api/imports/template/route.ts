import { z } from "zod";
import { actingViewer } from "@/lib/auth/session";
import { importTemplate } from "@/lib/imports/template";
import { attachment, errorResponse, NO_STORE, parseQuery } from "../http";

export const dynamic = "force-dynamic";

const query = z.object({ format: z.enum(["xlsx", "csv"]).default("xlsx") });

/** GET → the import template (Vietnamese headers, one example row), as a download. */
export async function GET(request: Request) {
  try {
    const viewer = await actingViewer();
    const { format } = parseQuery(request, query);
    const file = await importTemplate(viewer, format);
    return new Response(Buffer.from(file.bytes), {
      headers: {
        ...NO_STORE,
        "Content-Type": file.contentType,
        "Content-Disposition": attachment(file.fileName),
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    return errorResponse(e, "imports.template");
  }
}
