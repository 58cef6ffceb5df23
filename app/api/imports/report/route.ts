import { z } from "zod";
import { actingViewer } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { previewImport } from "@/lib/imports/commit";
import { errorReport } from "@/lib/imports/report";
import { assertSameOrigin, attachment, errorResponse, fileNameParam, NO_STORE, parseQuery, readUpload } from "../http";

const query = z.object({ name: fileNameParam });

/** POST the file's bytes → the rows with errors, with every error, as a file of the same kind to fix and import again. */
export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    const viewer = await actingViewer();
    const { name } = parseQuery(request, query);
    const bytes = await readUpload(request);
    const report = await errorReport(await previewImport(viewer, { name, bytes }), await getT());
    return new Response(Buffer.from(report.bytes), {
      headers: {
        ...NO_STORE,
        "Content-Type": report.contentType,
        "Content-Disposition": attachment(report.fileName),
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    return errorResponse(e, "imports.report");
  }
}
