import { renderSVG } from "uqr";
import { z } from "zod";
import { checkInToken } from "@/lib/attendance/commands";
import { actingViewer } from "@/lib/auth/session";
import { publicOrigin } from "@/lib/calendar/http";
import { notFound } from "@/lib/errors";
import { errorResponse, NO_STORE } from "../../../imports/http";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

/**
 * GET → the session's current check-in code for the trainer's screen: the token, the check-in URL
 * and that URL as a QR code (SVG). Only for those who may take the session's attendance, only
 * while it runs (docs/decisions/072). Never cached: the page asks again every 20 seconds.
 */
export async function GET(request: Request, { params }: Props): Promise<Response> {
  try {
    const parsed = z.uuid().safeParse((await params).id);
    if (!parsed.success) throw notFound();
    const viewer = await actingViewer();
    const code = await checkInToken(viewer, parsed.data);
    const url = `${publicOrigin(request)}${code.path}`;
    const svg = renderSVG(url, { ecc: "M", border: 2 });
    return Response.json(
      { token: code.token, url, svg, validUntil: code.validUntil.toISOString(), refreshSeconds: code.refreshSeconds },
      { headers: NO_STORE },
    );
  } catch (e) {
    return errorResponse(e, "attendance.qr");
  }
}
