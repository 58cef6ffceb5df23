import { renderSVG } from "uqr";
import { z } from "zod";
import { checkInToken } from "@/lib/attendance/commands";
import { publicOrigin } from "@/lib/calendar/http";
import { notFound } from "@/lib/errors";
import { apiRoute, NO_STORE } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * GET → the session's current check-in code for the trainer's screen: the token, the check-in URL
 * and that URL as a QR code (SVG). Only for those who may take the session's attendance, only
 * while it runs (docs/decisions/072). Never cached: the page asks again every 20 seconds.
 */
export const GET = apiRoute<{ id: string }>({ name: "attendance.qr" }, async ({ request, params, viewer }) => {
  const parsed = z.uuid().safeParse(params.id);
  if (!parsed.success) throw notFound();
  const code = await checkInToken(viewer, parsed.data);
  const url = `${publicOrigin(request)}${code.path}`;
  const svg = renderSVG(url, { ecc: "M", border: 2 });
  return Response.json(
    { token: code.token, url, svg, validUntil: code.validUntil.toISOString(), refreshSeconds: code.refreshSeconds },
    { headers: NO_STORE },
  );
});
