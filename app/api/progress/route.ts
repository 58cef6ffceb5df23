import { AppError } from "@/lib/errors";
import { apiRoute, NO_STORE } from "@/lib/http/route";
import { recordProgress } from "@/lib/learning/progress";

export const dynamic = "force-dynamic";

/** A progress event is a few dozen bytes; anything much larger is not one. */
const MAX_BODY = 2048;

/**
 * Progress writes from the lesson page (docs/decisions/062-learning-progress.md): a JSON body
 * `{ lessonId, event: "complete" }` or `{ lessonId, event: "video", position, watchedDelta }`,
 * sent by `fetch` (application/json) or by `navigator.sendBeacon` on page hide (text/plain, which
 * a beacon sends without a preflight). 204 on success, else the wrapper's error body.
 */
export const POST = apiRoute({ name: "progress" }, async ({ request, viewer }) => {
  await recordProgress(viewer, await readJson(request));
  return new Response(null, { status: 204, headers: NO_STORE });
});

async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/json" && type !== "text/plain") throw new AppError("UNSUPPORTED_MEDIA", "learning.progress.invalid");
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_BODY) throw new AppError("TOO_LARGE", "learning.progress.invalid");
  // A beacon or keepalive request cut off as the page goes away is simply not a progress event.
  const text = await request.text().catch(() => {
    throw new AppError("INTERRUPTED", "learning.progress.invalid");
  });
  if (text.length > MAX_BODY) throw new AppError("TOO_LARGE", "learning.progress.invalid");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("VALIDATION", "learning.progress.invalid");
  }
}
