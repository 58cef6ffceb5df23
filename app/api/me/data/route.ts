import { apiRoute } from "@/lib/http/route";
import { exportOwnData } from "@/lib/privacy/export";
import { vnToday } from "@/lib/i18n/format";

export const dynamic = "force-dynamic";

/**
 * POST /api/me/data: everything the system keeps about the signed-in person, as a JSON download
 * (Law 91/2025/QH15, right of access). Only ever the viewer's own data: there is no id to forge.
 * A POST from our own page (the wrapper checks the origin): the download is audited and counted
 * against an hourly limit, so it is no GET (docs/decisions/052); GET answers 405. Signed in, and
 * not still on a password someone else chose (the wrapper's default).
 */
export const POST = apiRoute({ name: "privacy.export" }, async ({ viewer }) => {
  const data = await exportOwnData(viewer);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="taphuan-du-lieu-ca-nhan-${vnToday()}.json"`,
    },
  });
});
