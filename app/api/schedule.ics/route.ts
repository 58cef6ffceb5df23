import { ICS_CONTENT_TYPE, myCalendar, publicOrigin } from "@/lib/calendar/http";
import { apiRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** GET → the signed-in person's own sessions as an .ics download (docs/decisions/072). */
export const GET = apiRoute({ name: "schedule.ics" }, async ({ request, viewer, locale }) => {
  const body = await myCalendar(viewer, locale, publicOrigin(request));
  return new Response(body, {
    headers: {
      "Content-Type": ICS_CONTENT_TYPE,
      "Content-Disposition": 'attachment; filename="lich-tap-huan.ics"',
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
