import { noteRefusal } from "@/lib/audit/request";
import { actingViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { getT } from "@/lib/i18n/server";
import { recordProgress } from "@/lib/learning/progress";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" } as const;
/** A progress event is a few dozen bytes; anything much larger is not one. */
const MAX_BODY = 2048;

/**
 * Progress writes from the lesson page (docs/decisions/062-learning-progress.md): a JSON body
 * `{ lessonId, event: "complete" }` or `{ lessonId, event: "video", position, watchedDelta,
 * duration? }`, sent by `fetch` (application/json) or by `navigator.sendBeacon` on page hide
 * (text/plain, which a beacon sends without a preflight). 204 on success, else
 * `{ error: { code, message } }` with 401/403/404/422, the message translated.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const viewer = await actingViewer();
    await recordProgress(viewer, await readJson(request));
    return new Response(null, { status: 204, headers: NO_STORE });
  } catch (e) {
    return errorResponse(e);
  }
}


async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/json" && type !== "text/plain") throw new AppError("VALIDATION", "learning.progress.invalid");
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_BODY) throw new AppError("VALIDATION", "learning.progress.invalid");
  // A beacon or keepalive request cut off as the page goes away is simply not a progress event.
  const text = await request.text().catch(() => {
    throw new AppError("VALIDATION", "learning.progress.invalid");
  });
  if (text.length > MAX_BODY) throw new AppError("VALIDATION", "learning.progress.invalid");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("VALIDATION", "learning.progress.invalid");
  }
}

async function errorResponse(e: unknown): Promise<Response> {
  await noteRefusal(e, { via: "action", action: "progress" });
  const t = await getT();
  if (e instanceof AppError) {
    return Response.json({ error: { code: e.code, message: t(e.messageKey, e.params) } }, { status: e.status, headers: NO_STORE });
  }
  console.error("progress route failed", e);
  return Response.json({ error: { code: "INTERNAL", message: t("errors.generic") } }, { status: 500, headers: NO_STORE });
}
