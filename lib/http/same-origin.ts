import { AppError, forbidden } from "@/lib/errors";
import type { MessageKey } from "@/lib/i18n/messages";

/**
 * State-changing route handlers answer our own pages only (ASVS 3.5.1–3.5.3): the Origin must be
 * this host. Where a browser leaves Origin out, its Sec-Fetch-Site must say same-origin; a request
 * with neither is refused. (Server actions get the same check from Next.js itself.)
 */
export function assertSameOrigin(request: Request): void {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const origin = request.headers.get("origin");
  if (origin !== null) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (!host || originHost !== host) throw forbidden();
    return;
  }
  if (request.headers.get("sec-fetch-site") !== "same-origin") throw forbidden();
}

/**
 * A file body must be sent as application/octet-stream, which a cross-site form cannot send and a
 * cross-site script cannot send without a CORS preflight we never answer.
 */
export function assertOctetStream(request: Request, messageKey: MessageKey): void {
  if (request.headers.get("content-type")?.split(";")[0]?.trim() !== "application/octet-stream") {
    throw new AppError("UNSUPPORTED_MEDIA", messageKey, { field: "file" });
  }
}
