import { actingViewer } from "@/lib/auth/session";
import { ICS_CONTENT_TYPE, myCalendar, publicOrigin } from "@/lib/calendar/http";
import { getLocale } from "@/lib/i18n/server";
import { errorResponse } from "../imports/http";

export const dynamic = "force-dynamic";

/** GET → the signed-in person's own sessions as an .ics download (docs/decisions/072). */
export async function GET(request: Request): Promise<Response> {
  try {
    const viewer = await actingViewer();
    const body = await myCalendar(viewer, await getLocale(), publicOrigin(request));
    return new Response(body, {
      headers: {
        "Content-Type": ICS_CONTENT_TYPE,
        "Content-Disposition": 'attachment; filename="lich-tap-huan.ics"',
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    return errorResponse(e, "schedule.ics");
  }
}
