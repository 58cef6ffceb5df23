import type { Permission } from "@/lib/auth/permissions";
import { assertCan, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { db, Prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { buildTree, type TreeNode } from "@/lib/units/tree";
import { NAME_ORDER_TABLE } from "./name-order";
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

const { from: FROM, letters: LETTERS, tones: TONES } = NAME_ORDER_TABLE;
/** The SQL twin of `nameSortKey` (lib/people/name-order.ts): given name = the last space-separated word. */
const given = (name: Prisma.Sql) => Prisma.sql`split_part(${name}, ' ', -1)`;
const letters = (text: Prisma.Sql) => Prisma.sql`translate(${text}, ${FROM}::text, ${LETTERS}::text) COLLATE "C"`;
const tones = (text: Prisma.Sql) => Prisma.sql`translate(${text}, ${FROM}::text, ${TONES}::text) COLLATE "C"`;

/**
 * The officials the viewer may read (person:read), filtered and sorted in Vietnamese name order,
 * one page at a time. Search is accent-insensitive: each word of `q`, folded, must start a word of
 * User.searchText (name, e-mail, position, phone). A unit filter outside the viewer's scope is
 * not found. One query for the page and one for the count, run together.
 *
 * The full sort key is costly to compute (four translate() calls per row: 600 ms for 50,000
 * rows), so the page query computes only its first part, letters(given name), for every
 * matching row; takes the rows up to the end of the page, ties included (FETCH … WITH TIES);
 * and computes the rest of the key only for the rows whose first part falls within the page
 * (docs/decisions/010). The result is exactly the page of the full order.
 */
export async function listPeople(viewer: Viewer, input: ListPeopleInput = {}): Promise<PeoplePage> {
  const { sql, page, pageSize } = peopleListSql(viewer, input);
  if (!sql) return { rows: [], total: 0, page, pageSize, pageCount: 0 };
  const [rows, counted] = await Promise.all([db().$queryRaw<PersonRow[]>(sql.rows), db().$queryRaw<{ total: number }[]>(sql.count)]);
  const total = counted[0]?.total ?? 0;
  return { rows, total, page, pageSize, pageCount: Math.ceil(total / pageSize) };
}

/** The two statements of `listPeople` (exported for the performance test's EXPLAIN ANALYZE); null when nothing is in scope. */
export function peopleListSql(viewer: Viewer, input: ListPeopleInput = {}) {
  const pageSize = Math.min(Math.max(1, Math.floor(input.pageSize ?? PEOPLE_PAGE_SIZE)), 100);
  const page = Math.max(1, Math.floor(input.page ?? 1));
  const offset = (page - 1) * pageSize;
  const status = input.status ?? "active";
  const scope = unitIdsWith(viewer, "person:read");
  if (input.unitId) assertCan(viewer, "person:read", input.unitId);
  if (scope.length === 0) return { sql: null, page, pageSize };

  const conditions: Prisma.Sql[] = [Prisma.sql`u."unitId" = ANY(${scope}::uuid[])`];
  let subtree = Prisma.empty;
  if (input.unitId && (input.includeSubunits ?? true)) {
    subtree = Prisma.sql`sub AS (
        SELECT "id" FROM "Unit" WHERE "id" = ${input.unitId}::uuid
        UNION
        SELECT c."id" FROM "Unit" c JOIN sub ON c."parentId" = sub."id"
      ),`;
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

  // Only the id, the name and its first key go through the big sort: narrow rows keep it in memory.
  const rows = Prisma.sql`
      WITH RECURSIVE ${subtree}
      upto AS (
        SELECT u."id", u."fullName", ${letters(given(Prisma.sql`u."fullName"`))} AS k1
        FROM "User" u
        WHERE ${where}
        ORDER BY k1
        FETCH FIRST (${offset + pageSize}::int) ROWS WITH TIES
      ),
      ranked AS (SELECT upto.*, rank() OVER (ORDER BY k1) AS r FROM upto),
      lo AS (SELECT max(r) AS r FROM ranked WHERE r <= ${offset + 1}::int),
      pageRows AS (
        SELECT p."id", p.k1, p."fullName"
        FROM ranked p
        WHERE p.r >= (SELECT r FROM lo)
        ORDER BY p.k1, ${tones(given(Prisma.sql`p."fullName"`))}, ${letters(Prisma.sql`p."fullName"`)}, ${tones(Prisma.sql`p."fullName"`)}, p."id"
        OFFSET (${offset + 1}::int - (SELECT r FROM lo)) LIMIT ${pageSize}::int
      )
      SELECT u."id", u."fullName", u."email", u."position", u."active", u."anonymisedAt", u."unitId", un."name" AS "unitName"
      FROM pageRows p JOIN "User" u ON u."id" = p."id" JOIN "Unit" un ON un."id" = u."unitId"
      ORDER BY p.k1, ${tones(given(Prisma.sql`p."fullName"`))}, ${letters(Prisma.sql`p."fullName"`)}, ${tones(Prisma.sql`p."fullName"`)}, p."id"`;
  const count = Prisma.sql`
      WITH RECURSIVE ${subtree} none AS (SELECT 1)
      SELECT count(*)::int AS "total" FROM "User" u WHERE ${where}`;
  return { sql: { rows, count }, page, pageSize };
}

export type UnitOption = { id: string; name: string; parentId: string | null; active: boolean; merged: boolean; depth: number };

/**
 * Units where the viewer holds `permission`, in tree order with their depth, for filters and
 * "which unit" selects.
 */
export async function unitOptions(viewer: Viewer, permission: Extract<Permission, `person:${string}`>): Promise<UnitOption[]> {
  const units = await db().unit.findMany({
    where: { id: { in: unitIdsWith(viewer, permission) } },
    select: { id: true, name: true, parentId: true, active: true, mergedIntoId: true },
    orderBy: { name: "asc" },
  });
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
