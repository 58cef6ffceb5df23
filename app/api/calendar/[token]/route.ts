import { feedCalendar, ICS_CONTENT_TYPE, publicOrigin } from "@/lib/calendar/http";
import { notFound } from "@/lib/errors";
import { apiRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * GET → the private calendar feed (docs/decisions/072-attendance-and-calendar.md). No session:
 * the token in the URL is the credential, looked up by its SHA-256. Unknown token → 404, the same
 * answer as any unknown URL. A trailing ".ics" is accepted (some calendar apps want one). Always in
 * Vietnamese, like the feed itself (a calendar app sends no language cookie).
 */
export const GET = apiRoute<{ token: string }, "public">({ name: "calendar.feed", access: "public" }, async ({ request, params }) => {
  const body = await feedCalendar(params.token.replace(/\.ics$/, ""), publicOrigin(request));
  if (body === null) throw notFound();
  return new Response(body, {
    headers: {
      "Content-Type": ICS_CONTENT_TYPE,
      "Cache-Control": "private, max-age=300",
      "X-Content-Type-Options": "nosniff",
      // The URL is a secret: keep it out of other sites' Referer headers.
      "Referrer-Policy": "no-referrer",
    },
  });
});
