import { db, inTransaction } from "@/lib/db";

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
 *
 * Inside a transaction it reads through that transaction (db() is its client), so it sees the
 * transaction's own changes and never waits for a second connection; it then neither joins nor
 * starts the load shared with other requests, which runs on the global client (docs/decisions/006).
 */
export async function unsafeUnitForest(): Promise<readonly ForestUnit[]> {
  const [row] = await db().$queryRaw<{ version: string }[]>`
    SELECT concat_ws(':', count(*), max("updatedAt"),
      sum(hashtext(concat_ws('|', "id", "parentId", "name", "code", "active", "mergedIntoId")))) AS "version"
    FROM "Unit"`;
  const version = row?.version ?? "";
  if (cached?.version === version) return cached.units;
  if (inTransaction()) return readAll();
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

/** Each unit's parent, from the cached forest (read it before taking row locks). */
export async function unsafeParents(): Promise<ReadonlyMap<string, string | null>> {
  return new Map((await unsafeUnitForest()).map((u) => [u.id, u.parentId]));
}

/** A unit and its ancestors, closest first (the unit itself first; the province root last). */
export async function unsafeAncestorsOf(unitId: string, parents?: ReadonlyMap<string, string | null>): Promise<string[]> {
  const parent = parents ?? (await unsafeParents());
  const out: string[] = [];
  let id: string | null | undefined = unitId;
  while (id && parent.has(id) && !out.includes(id)) {
    out.push(id);
    id = parent.get(id);
  }
  return out;
}

/** The root (province) of each given unit; units that do not exist are left out. */
export async function unsafeRootsOf(unitIds: readonly string[]): Promise<Map<string, string>> {
  const parents = await unsafeParents();
  const roots = new Map<string, string>();
  for (const id of new Set(unitIds)) {
    const chain = await unsafeAncestorsOf(id, parents);
    if (chain.length > 0) roots.set(id, chain[chain.length - 1]!);
  }
  return roots;
}
