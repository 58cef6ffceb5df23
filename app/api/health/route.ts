import { db, dbTarget } from "@/lib/db";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and the demo smoke test. */
export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ ok: true, database: dbTarget().kind });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
