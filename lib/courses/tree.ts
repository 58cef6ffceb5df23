import { db, type Prisma } from "@/lib/db";

type Reader = Prisma.TransactionClient | ReturnType<typeof db>;

/**
 * The root (province) of each given unit, by walking up the tree. Courses stay inside their
 * province: audience units and trainers must share the owning unit's root. Unscoped (it returns
 * only unit ids): callers check the viewer's right on the course or unit first.
 */
export async function unsafeRootsOf(reader: Reader, unitIds: readonly string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await reader.$queryRaw<{ start: string; id: string }[]>`
    WITH RECURSIVE up AS (
      SELECT "id", "parentId", "id" AS "start" FROM "Unit" WHERE "id" = ANY(${[...new Set(unitIds)]}::uuid[])
      UNION
      SELECT p."id", p."parentId", up."start" FROM "Unit" p JOIN up ON p."id" = up."parentId"
    )
    SELECT "start"::text AS "start", "id"::text AS "id" FROM up WHERE "parentId" IS NULL`;
  return new Map(rows.map((r) => [r.start, r.id]));
}
