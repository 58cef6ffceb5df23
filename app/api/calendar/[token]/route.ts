import { feedCalendar, ICS_CONTENT_TYPE, publicOrigin } from "@/lib/calendar/http";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

/**
 * GET → the private calendar feed (docs/decisions/072-attendance-and-calendar.md). No session:
 * the token in the URL is the credential, looked up by its SHA-256. Unknown token → 404, the same
 * answer as any unknown URL. A trailing ".ics" is accepted (some calendar apps want one).
 */
export async function GET(request: Request, { params }: Props): Promise<Response> {
  const token = (await params).token.replace(/\.ics$/, "");
  const body = await feedCalendar(token, publicOrigin(request));
  if (body === null) return new Response("Not Found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(body, {
    headers: {
      "Content-Type": ICS_CONTENT_TYPE,
      "Cache-Control": "private, max-age=300",
      "X-Content-Type-Options": "nosniff",
      // The URL is a secret: keep it out of other sites' Referer headers.
      "Referrer-Policy": "no-referrer",
    },
  });
}
