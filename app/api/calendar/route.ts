import { rotateFeed, revokeFeed } from "@/lib/calendar/feed";
import { publicOrigin } from "@/lib/calendar/http";
import { apiRoute, NO_STORE } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * POST → a new private calendar feed URL for the signed-in person (replacing any old one, which
 * stops working). The URL is in this answer only: only its token's SHA-256 is stored.
 */
export const POST = apiRoute({ name: "calendar.feedRotate" }, async ({ request, viewer }) => {
  const { token } = await rotateFeed(viewer);
  const url = `${publicOrigin(request)}/api/calendar/${token}`;
  return Response.json({ url, webcal: url.replace(/^https?:/, "webcal:") }, { headers: NO_STORE });
});

/** DELETE → turns the feed off. */
export const DELETE = apiRoute({ name: "calendar.feedRevoke" }, async ({ viewer }) => Response.json(await revokeFeed(viewer), { headers: NO_STORE }));
