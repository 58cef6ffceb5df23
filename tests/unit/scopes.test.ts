import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { computeScopes, subtreeIds, type Grant, type UnitNode } from "@/lib/auth/scopes";
import type { Role } from "@/lib/db/generated/enums";

const ROLES: Role[] = ["PROVINCE_ADMIN", "UNIT_ADMIN", "TRAINER", "LEARNER"];

/** A random forest: unit i hangs under one of units 0..i-1 or is a root. */
const forest = fc
  .array(fc.nat(), { minLength: 1, maxLength: 60 })
  .map((picks) =>
    picks.map((p, i): UnitNode => {
      const parent = p % (i + 1);
      return { id: `u${i}`, parentId: parent === i ? null : `u${parent}` };
    }),
  );

const world = forest.chain((units) =>
  fc.record({
    units: fc.constant(units),
    grants: fc.array(
      fc.record({ role: fc.constantFrom(...ROLES), unitId: fc.constantFrom(...units.map((u) => u.id)) }),
      { maxLength: 6 },
    ),
  }),
);

/** Independent oracle: walk up from each unit and look for a granted ancestor. */
function oracle(units: UnitNode[], grants: Grant[], roles: Role[]): Set<string> {
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  const roots = new Set(grants.filter((g) => roles.includes(g.role)).map((g) => g.unitId));
  const visible = new Set<string>();
  for (const u of units) {
    for (let cur: string | null | undefined = u.id; cur; cur = parent.get(cur)) {
      if (roots.has(cur)) {
        visible.add(u.id);
        break;
      }
    }
  }
  return visible;
}

describe("visibility rule", () => {
  it("each permission holds exactly on the subtrees of the grants that carry it", () => {
    fc.assert(
      fc.property(world, ({ units, grants }) => {
        const scopes = computeScopes(units, grants);
        for (const permission of PERMISSIONS) {
          const roles = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
          expect([...scopes.get(permission)!].sort()).toEqual([...oracle(units, grants, roles)].sort());
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a viewer with no grants sees nothing", () => {
    fc.assert(
      fc.property(forest, (units) => {
        for (const set of computeScopes(units, []).values()) expect(set.size).toBe(0);
      }),
    );
  });

  it("ignores unknown roots and survives a cycle in bad data", () => {
    const cyclic: UnitNode[] = [
      { id: "a", parentId: "b" },
      { id: "b", parentId: "a" },
      { id: "c", parentId: "a" },
    ];
    expect([...subtreeIds(cyclic, ["a", "nope"])].sort()).toEqual(["a", "b", "c"]);
    expect(subtreeIds(cyclic, ["nope"]).size).toBe(0);
  });
});
