import { notFound } from "@/lib/errors";
import { courseFileResponse } from "@/lib/http/course-files";
import { apiRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * One course file, for a viewer who may study the course (lib/http/course-files.ts): PDF and
 * video inline, office files as downloads, Range requests for video. Everyone else, signed out
 * included, gets the same 404 as for a file that does not exist.
 */
const serve = apiRoute<{ id: string }, "optional">({ name: "files.serve", access: "optional" }, ({ viewer, params, request }) => {
  if (!viewer || viewer.mustChangePassword) throw notFound();
  return courseFileResponse(viewer, params.id, request);
});

export const GET = serve;
export const HEAD = serve;
