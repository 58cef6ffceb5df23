import { db, dbTarget } from "@/lib/db";
import { apiRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * Liveness and database reachability, for load balancers and the demo smoke test. An unreachable
 * database is this route's answer (503 `{ ok: false }`), not an error of the request.
 */
export const GET = apiRoute({ name: "health", access: "public" }, async () => {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ ok: true, database: dbTarget().kind });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
});
