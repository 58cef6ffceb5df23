import { z } from "zod";
import { AppError } from "@/lib/errors";
import { apiRoute, NO_STORE } from "@/lib/http/route";
import { importPeople, type ImportProgress, type ImportResult } from "@/lib/imports/commit";
import { fileNameParam, previewJson, readImportRequest } from "../http";

const query = z.object({
  name: fileNameParam,
  mode: z.enum(["all", "validOnly"]),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

type Event = { type: "progress"; progress: ImportProgress } | { type: "result"; result: ImportResult } | { type: "error"; error: unknown };

/** A tiny async queue: the import pushes events, the response stream pulls them. */
function eventQueue() {
  const items: Event[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  return {
    push(e: Event) {
      items.push(e);
      wake?.();
    },
    close() {
      closed = true;
      wake?.();
    },
    async next(): Promise<Event | null> {
      while (items.length === 0 && !closed) await new Promise<void>((r) => (wake = r));
      wake = null;
      return items.shift() ?? null;
    },
  };
}

/**
 * POST the file's bytes (application/octet-stream) with ?mode=all|validOnly&sha256=<of the preview>.
 *
 * Problems found before the first write (no permission, a bad file, rows with errors in mode
 * "all") are answered with their HTTP status and nothing is written. Once writing starts the answer
 * is 200 and NDJSON: `{"type":"progress","done":n,"total":m}` lines, then one
 * `{"type":"done",…}` or `{"type":"error","message":…}` line (the transaction is then rolled back).
 */
export const POST = apiRoute({ name: "imports.commit" }, async ({ request, viewer, t }) => {
  const { params, bytes } = await readImportRequest(request, query);
  const { name, mode, sha256 } = params;

  const events = eventQueue();
  void importPeople(viewer, { name, bytes }, { mode, expectSha256: sha256 }, (progress) => events.push({ type: "progress", progress }))
    .then(
      (result) => events.push({ type: "result", result }),
      (error: unknown) => events.push({ type: "error", error }),
    )
    .finally(() => events.close());

  const first = await events.next();
  if (!first) throw new Error("import ended without a result");
  // Refused before the first write: answered by the wrapper with its status.
  if (first.type === "error") throw first.error;
  if (first.type === "result" && first.result.status === "rejected") {
    return Response.json(
      {
        error: { code: "VALIDATION", message: t("imports.rejected") },
        preview: previewJson(first.result.preview, { fileName: name, sha256: first.result.sha256 }, t),
      },
      { status: 422, headers: NO_STORE },
    );
  }

  const encoder = new TextEncoder();
  const line = (value: unknown) => encoder.encode(`${JSON.stringify(value)}\n`);
  const toLine = (e: Event) => {
    if (e.type === "progress") return line({ type: "progress", ...e.progress });
    if (e.type === "result") return line(e.result.status === "done" ? { type: "done", ...e.result } : { type: "error", message: t("imports.rejected") });
    const message = e.error instanceof AppError ? t(e.error.messageKey, e.error.params) : t("errors.generic");
    if (!(e.error instanceof AppError)) console.error("import failed", e.error);
    return line({ type: "error", message });
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(toLine(first));
    },
    async pull(controller) {
      const next = await events.next();
      if (next) controller.enqueue(toLine(next));
      else controller.close();
    },
    // The person left: the import still finishes (or rolls back) on its own; nobody is told.
    cancel() {},
  });
  return new Response(body, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      // no-transform: no compression buffering the progress lines; X-Accel-Buffering: nor a proxy.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
});
