import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { loadViewer, scopeCte } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { makeUnit, makeUser, uniq } from "@/lib/testing/factories";

const ROLES: Role[] = ["PROVINCE_ADMIN", "UNIT_ADMIN", "TRAINER", "LEARNER"];

describe("the viewer loaded from the database", () => {
  it("holds each permission exactly on the granted subtrees (random trees in PostgreSQL)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { minLength: 1, maxLength: 14 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...ROLES)), { minLength: 1, maxLength: 4 }),
        async (parents, grantPicks) => {
          // Unit i's parent is one of units 0..i-1 (or none): a random forest.
          const ids: string[] = [];
          const parentOf = new Map<string, string | null>();
          for (let i = 0; i < parents.length; i++) {
            const pick = parents[i]! % (i + 1);
            const parentId = pick === i ? null : ids[pick]!;
            const unit = await makeUnit({ name: `Đơn vị ${i}`, parentId, code: `P.${uniq()}` });
            ids.push(unit.id);
            parentOf.set(unit.id, parentId);
          }
          const grants = [
            ...new Map(
              grantPicks.map(([n, role]) => {
                const g = { role, unitId: ids[n % ids.length]! };
                return [`${g.role}:${g.unitId}`, g] as const;
              }),
            ).values(),
          ];
          const user = await makeUser({ unitId: ids[0]!, grants });
          const viewer = await loadViewer(user.id);
          // Oracle: a unit is in scope iff it or an ancestor holds a grant carrying the permission.
          const ancestry = (id: string) => {
            const chain: string[] = [];
            for (let cur: string | null = id; cur; cur = parentOf.get(cur) ?? null) chain.push(cur);
            return chain;
          };
          for (const permission of PERMISSIONS) {
            const expected = ids.filter((id) =>
              ancestry(id).some((a) => grants.some((g) => g.unitId === a && ROLE_PERMISSIONS[g.role].includes(permission))),
            );
            expect([...(viewer!.scopes.get(permission) ?? [])].sort()).toEqual(expected.sort());
            // The SQL form of the same scope walks the tree to the same units.
            const inSql = await db().$queryRaw<{ id: string }[]>`WITH RECURSIVE ${scopeCte(viewer!, permission, "scope")} SELECT "id" FROM "scope"`;
            expect(inSql.map((r) => r.id).sort(), `${permission} in SQL`).toEqual(expected.sort());
          }
          await db().user.delete({ where: { id: user.id } });
        },
      ),
      { numRuns: 15 },
    );
  });
});
