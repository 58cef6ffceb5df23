import type { Permission } from "@/lib/auth/permissions";
import { assertCan, hasAnywhere, unitIdsWith, unitScopeSql, type Viewer } from "@/lib/auth/viewer";
import { db, Prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { unsafeUnitForest } from "@/lib/units/forest";
import { buildTree, type TreeNode } from "@/lib/units/tree";
import { likeEscape, searchWords, wordStartPattern } from "./search";
import { PEOPLE_PAGE_SIZE, type ListPeopleInput } from "./schemas";

const personSelect = {
  id: true,
  fullName: true,
  email: true,
  phone: true,
  position: true,
  rank: true,
  category: true,
  active: true,
  anonymisedAt: true,
  unit: { select: { id: true, name: true, code: true } },
  grants: { select: { role: true, unitId: true, unit: { select: { id: true, name: true } } } },
} as const;

/** A person the viewer may read: themselves, or anyone in a unit where they hold person:read. */
export async function getPerson(viewer: Viewer, id: string) {
  const person = await db().user.findFirst({
    where: { id, OR: [{ id: viewer.userId }, { unitId: { in: unitIdsWith(viewer, "person:read") } }] },
    select: personSelect,
  });
  if (!person) throw notFound();
  return person;
}

export async function getOwnProfile(viewer: Viewer) {
  return getPerson(viewer, viewer.userId);
}

export type PersonRow = {
  id: string;
  fullName: string;
  email: string;
  position: string | null;
  active: boolean;
  anonymisedAt: Date | null;
  unitId: string;
  unitName: string;
};

export type PeoplePage = { rows: PersonRow[]; total: number; page: number; pageSize: number; pageCount: number };

/**
 * The officials the viewer may read (person:read), filtered and sorted in Vietnamese name order,
 * one page at a time. Search is accent-insensitive: each word of `q`, folded, must start a word of
 * User.searchText (name, e-mail, position, phone). A unit filter outside the viewer's scope is
 * not found. One query for the page and one for the count, run together.
 *
 * The order is User.nameKey, which PostgreSQL generates from the name with the same table as
 * `nameSortKey` (lib/people/name-order.ts) and keeps in an index (docs/decisions/010).
 */
export async function listPeople(viewer: Viewer, input: ListPeopleInput = {}): Promise<PeoplePage> {
  const found = await listPeopleAsAsked(viewer, input);
  // A page past the end (an old link, `?page=99999`) shows the last page, never "page 99999 of 16".
  return found.rows.length === 0 && found.page > found.pageCount && found.pageCount > 0
    ? listPeopleAsAsked(viewer, { ...input, page: found.pageCount })
    : found;
}

async function listPeopleAsAsked(viewer: Viewer, input: ListPeopleInput): Promise<PeoplePage> {
  const { sql, page, pageSize } = peopleListSql(viewer, input);
  if (!sql) return { rows: [], total: 0, page, pageSize, pageCount: 0 };
  const pageOf = (rows: PersonRow[], total: number) => ({ rows, total, page, pageSize, pageCount: Math.ceil(total / pageSize) });
  if (searchWords(input.q ?? "").length === 0) {
    const [rows, total] = await Promise.all([db().$queryRaw<PersonRow[]>(sql.rows), countPeople(viewer, input, sql.count)]);
    return pageOf(rows, total);
  }
  // A search tests every person's searchText once: the page and its total come from that one
  // scan (half the database time of a second, counting query), unless the page is past the end.
  const rows = await db().$queryRaw<(PersonRow & { total: number })[]>(sql.rowsWithTotal);
  const withoutTotal = ({ total, ...row }: PersonRow & { total: number }): PersonRow => (void total, row);
  if (rows.length > 0) return pageOf(rows.map(withoutTotal), rows[0]!.total);
  return pageOf([], (await db().$queryRaw<{ total: number }[]>(sql.count))[0]?.total ?? 0);
}

const countCache = new Map<string, { version: string; total: number }>();
/** Totals below this are always counted: cheap, and what tests and small units see. */
const CACHE_TOTALS_FROM = 1_000;

/**
 * The total for a list page. Paging through a province's 50,000 people repeats one count that
 * scans every matching row (~10 ms a page); a browsing list (no search words) keeps its big total
 * in this process until a person or a unit changes (the newest `updatedAt` of either table moves,
 * checked with an index lookup per call; people are never deleted, only deactivated or anonymised).
 */
async function countPeople(viewer: Viewer, input: ListPeopleInput, count: Prisma.Sql): Promise<number> {
  const countNow = async () => (await db().$queryRaw<{ total: number }[]>(count))[0]?.total ?? 0;
  if (searchWords(input.q ?? "").length > 0) return countNow();
  const key = JSON.stringify([
    viewer.grants.map((g) => `${g.role}@${g.unitId}`).sort(),
    input.unitId ?? null,
    input.includeSubunits ?? true,
    input.status ?? "active",
  ]);
  const [row] = await db().$queryRaw<{ version: string }[]>`
    SELECT concat_ws(':', (SELECT max("updatedAt") FROM "User"), (SELECT max("updatedAt") FROM "Unit")) AS "version"`;
  const version = row?.version ?? "";
  const hit = countCache.get(key);
  if (hit?.version === version) return hit.total;
  const total = await countNow();
  if (total >= CACHE_TOTALS_FROM) {
    if (countCache.size > 500) countCache.clear();
    countCache.set(key, { version, total });
  }
  return total;
}

/** The two statements of `listPeople` (exported for the performance test's EXPLAIN ANALYZE); null when nothing is in scope. */
export function peopleListSql(viewer: Viewer, input: ListPeopleInput = {}) {
  const pageSize = Math.min(Math.max(1, Math.floor(input.pageSize ?? PEOPLE_PAGE_SIZE)), 100);
  const page = Math.max(1, Math.floor(input.page ?? 1));
  const offset = (page - 1) * pageSize;
  const status = input.status ?? "active";
  if (input.unitId) assertCan(viewer, "person:read", input.unitId);
  if (!hasAnywhere(viewer, "person:read")) return { sql: null, page, pageSize };

  const searching = searchWords(input.q ?? "").length > 0;
  const inScope = unitScopeSql(viewer, "person:read", Prisma.sql`u."unitId"`, searching ? "filtered" : "ordered-page");
  const ctes: Prisma.Sql[] = inScope.cte ? [inScope.cte] : [Prisma.sql`none AS (SELECT 1)`];
  const conditions: Prisma.Sql[] = [inScope.condition];
  if (input.unitId && (input.includeSubunits ?? true)) {
    ctes.push(Prisma.sql`sub AS (
        SELECT "id" FROM "Unit" WHERE "id" = ${input.unitId}::uuid
        UNION
        SELECT c."id" FROM "Unit" c JOIN sub ON c."parentId" = sub."id"
      )`);
    conditions.push(Prisma.sql`u."unitId" IN (SELECT "id" FROM sub)`);
  } else if (input.unitId) {
    conditions.push(Prisma.sql`u."unitId" = ${input.unitId}::uuid`);
  }
  if (status !== "all") conditions.push(Prisma.sql`u."active" = ${status === "active"}`);
  for (const word of searchWords(input.q ?? "")) {
    // Means `searchText ~ wordStartPattern(word)`; the LIKEs in front answer most rows at a
    // fraction of the regular expression's cost (75 → 40 ms for two words over 50,000 people).
    const like = likeEscape(word);
    conditions.push(
      Prisma.sql`(u."searchText" LIKE ${`%${like}%`} AND ((' ' || u."searchText") LIKE ${`% ${like}%`} OR u."searchText" ~ ${wordStartPattern(word)}))`,
    );
  }
  const where = Prisma.join(conditions, " AND ");

  // "nameKey" is the roster order, generated by PostgreSQL from fullName and indexed with id.
  const page_ = (extra: Prisma.Sql) => Prisma.sql`
      WITH RECURSIVE ${Prisma.join(ctes, ", ")}
      SELECT u."id", u."fullName", u."email", u."position", u."active", u."anonymisedAt", u."unitId", un."name" AS "unitName"${extra}
      FROM "User" u JOIN "Unit" un ON un."id" = u."unitId"
      WHERE ${where}
      ORDER BY u."nameKey", u."id"
      OFFSET ${offset}::int LIMIT ${pageSize}::int`;
  const rows = page_(Prisma.empty);
  const rowsWithTotal = page_(Prisma.sql`, count(*) OVER ()::int AS "total"`);
  const count = Prisma.sql`
      WITH RECURSIVE ${Prisma.join(ctes, ", ")}
      SELECT count(*)::int AS "total" FROM "User" u WHERE ${where}`;
  return { sql: { rows, rowsWithTotal, count }, page, pageSize };
}

export type UnitOption = { id: string; name: string; parentId: string | null; active: boolean; merged: boolean; depth: number };

/**
 * Units where the viewer holds `permission`, in tree order with their depth, for filters and
 * "which unit" selects.
 */
export async function unitOptions(viewer: Viewer, permission: Extract<Permission, `person:${string}`>): Promise<UnitOption[]> {
  const scope = viewer.scopes.get(permission);
  const units = scope?.size ? (await unsafeUnitForest()).filter((u) => scope.has(u.id)) : [];
  const out: UnitOption[] = [];
  const walk = (nodes: TreeNode<(typeof units)[number]>[], depth: number) => {
    for (const n of nodes) {
      out.push({ id: n.id, name: n.name, parentId: n.parentId, active: n.active, merged: n.mergedIntoId !== null, depth });
      walk(n.children, depth + 1);
    }
  };
  walk(buildTree(units), 0);
  return out;
}

/**
 * What an admin needs to know about an account beyond the profile: whether an invitation is
 * pending, whether the first password still has to be changed, the last sign-in. person:read only.
 */
export async function getPersonAccount(viewer: Viewer, id: string) {
  const user = await db().user.findFirst({
    where: { id, unitId: { in: unitIdsWith(viewer, "person:read") } },
    select: {
      mustChangePassword: true,
      lastSignInAt: true,
      anonymisedAt: true,
      createdAt: true,
      tokens: {
        where: { kind: "INVITE" },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { createdAt: true, expiresAt: true, usedAt: true },
      },
    },
  });
  if (!user) throw notFound();
  const { tokens, ...rest } = user;
  return { ...rest, invitation: tokens[0] ?? null };
}
