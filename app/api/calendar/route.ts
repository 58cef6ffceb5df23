import { actingViewer } from "@/lib/auth/session";
import { rotateFeed, revokeFeed } from "@/lib/calendar/feed";
import { publicOrigin } from "@/lib/calendar/http";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { errorResponse, NO_STORE } from "../imports/http";

export const dynamic = "force-dynamic";

/**
 * POST → a new private calendar feed URL for the signed-in person (replacing any old one, which
 * stops working). The URL is in this answer only: only its token's SHA-256 is stored.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const viewer = await actingViewer();
    const { token } = await rotateFeed(viewer);
    const url = `${publicOrigin(request)}/api/calendar/${token}`;
    return Response.json({ url, webcal: url.replace(/^https?:/, "webcal:") }, { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e, "calendar.feedRotate");
  }
}

/** DELETE → turns the feed off. */
export async function DELETE(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const viewer = await actingViewer();
    return Response.json(await revokeFeed(viewer), { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e, "calendar.feedRevoke");
  }
}
