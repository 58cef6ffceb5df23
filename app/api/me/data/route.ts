import { actingViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { getT } from "@/lib/i18n/server";
import { exportOwnData } from "@/lib/privacy/export";
import { vnToday } from "@/lib/audit/time";

export const dynamic = "force-dynamic";

const PRIVATE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

/**
 * POST /api/me/data: everything the system keeps about the signed-in person, as a JSON download
 * (Law 91/2025/QH15, right of access). Only ever the viewer's own data: there is no id to forge.
 * A POST from our own page (the download is audited and counted against an hourly limit: no state
 * change on GET, docs/decisions/052); GET answers 405.
 */
export async function POST(request: Request) {
  const t = await getT();
  try {
    assertSameOrigin(request);
    // Signed in, and not still on a password someone else chose (lib/auth/session.ts).
    const viewer = await actingViewer();
    const data = await exportOwnData(viewer);
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        ...PRIVATE,
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="taphuan-du-lieu-ca-nhan-${vnToday()}.json"`,
      },
    });
  } catch (e) {
    if (e instanceof AppError) {
      const message = e.code === "UNAUTHENTICATED" ? t("privacy.export.signedOut") : t(e.messageKey, e.params);
      return new Response(message, {
        status: e.status,
        headers: { ...PRIVATE, "Content-Type": "text/plain; charset=utf-8", ...(e.code === "RATE_LIMITED" ? { "Retry-After": "3600" } : {}) },
      });
    }
    throw e;
  }
}
