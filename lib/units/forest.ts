import { db } from "@/lib/db";

export type ForestUnit = {
  id: string;
  parentId: string | null;
  name: string;
  code: string;
  active: boolean;
  mergedIntoId: string | null;
};

type Cached = { version: string; units: readonly ForestUnit[] };
let cached: Cached | null = null;
let loading: Promise<Cached> | null = null;

/**
 * Every unit of every province, sorted by name, cached in this process and reloaded when the
 * table changes. Not scoped ("unsafe"): callers narrow it to the viewer's scope (loadViewer
 * computes scopes from it; unit selects filter it by `unitIdsWith`).
 *
 * A province has ~1,000 units, read on every request (the viewer's scopes, the unit filters);
 * the check that the copy is current is one aggregate over the table (count, last change and a
 * checksum of the fields that decide scopes and labels), about a tenth of the cost of reading
 * and walking the rows again (docs/benchmarks.md). Each server process holds its own copy, so
 * several processes stay correct: every call checks.
 */
export async function unsafeUnitForest(): Promise<readonly ForestUnit[]> {
  const [row] = await db().$queryRaw<{ version: string }[]>`
    SELECT concat_ws(':', count(*), max("updatedAt"),
      sum(hashtext(concat_ws('|', "id", "parentId", "name", "code", "active", "mergedIntoId")))) AS "version"
    FROM "Unit"`;
  const version = row?.version ?? "";
  if (cached?.version === version) return cached.units;
  loading ??= readAll()
    .then((units) => ({ version, units }))
    .finally(() => {
      loading = null;
    });
  let fresh = await loading;
  // A load started by a caller that saw an older version may predate the change this caller saw.
  if (fresh.version !== version) fresh = { version, units: await readAll() };
  cached = fresh;
  return fresh.units;
}

function readAll(): Promise<ForestUnit[]> {
  return db().unit.findMany({
    select: { id: true, parentId: true, name: true, code: true, active: true, mergedIntoId: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
