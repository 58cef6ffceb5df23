import { headers } from "next/headers";
import { getViewer } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { requestIp } from "@/lib/http/client-ip";
import { entityIdFromPath, recordAccessDenied } from "./denied";
import { PATH_HEADER } from "./path-header";

/** The requested path as proxy.ts saw it (no query string), or null outside a request. */
export async function requestPath(): Promise<string | null> {
  try {
    return (await headers()).get(PATH_HEADER);
  } catch {
    return null;
  }
}

/** Whether an error is a refusal worth logging: not found in the viewer's scope, or forbidden. */
export function isRefusal(error: unknown): error is AppError & { code: "NOT_FOUND" | "FORBIDDEN" } {
  return error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN");
}

/**
 * Logs a refusal met by a page (orNotFound) or a form (formAction) as `access.denied`, once per
 * minute per actor and target. Signed-out requests are not logged (there is no actor). Never throws:
 * a logging failure must not turn a 404 into a 500, nor reveal anything.
 */
export async function noteRefusal(
  error: unknown,
  context: { via: "page" | "action"; action?: string; entityId?: string | null; viewer?: Viewer | null },
): Promise<void> {
  if (!isRefusal(error)) return;
  try {
    const viewer = context.viewer !== undefined ? context.viewer : await getViewer();
    if (!viewer) return;
    const path = await requestPath();
    await recordAccessDenied(viewer, {
      via: context.via,
      target: context.via === "action" && context.action ? context.action : (path ?? "?"),
      path,
      entityId: context.entityId ?? entityIdFromPath(path),
      code: error.code,
      ip: await requestIp(),
    });
  } catch (e) {
    console.error("audit: could not record a refused access", e);
  }
}
