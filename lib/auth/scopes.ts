import type { Role } from "@/lib/db/generated/enums";
import { PERMISSIONS, ROLE_PERMISSIONS, type Permission } from "./permissions";

export type UnitNode = { id: string; parentId: string | null };
export type Grant = { role: Role; unitId: string };

/** Children lists of a unit forest. */
function childrenIndex(units: readonly UnitNode[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentId === null) continue;
    const list = index.get(u.parentId);
    if (list) list.push(u.id);
    else index.set(u.parentId, [u.id]);
  }
  return index;
}

function walk(known: ReadonlySet<string>, children: ReadonlyMap<string, string[]>, roots: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots].filter((r) => known.has(r));
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const child of children.get(id) ?? []) stack.push(child);
  }
  return seen;
}

/** Every unit in the subtrees rooted at `roots` (roots included). Safe against cycles. */
export function subtreeIds(units: readonly UnitNode[], roots: Iterable<string>): Set<string> {
  return walk(new Set(units.map((u) => u.id)), childrenIndex(units), roots);
}

/**
 * The visibility rule: for each permission, the units where the viewer holds it — exactly the
 * union of the subtrees of the grants whose role carries that permission. The tree is indexed
 * once and each distinct set of roots walked once (a province admin's 17 permissions share one).
 */
export function computeScopes(
  units: readonly UnitNode[],
  grants: readonly Grant[],
): Map<Permission, ReadonlySet<string>> {
  const known = new Set(units.map((u) => u.id));
  const children = childrenIndex(units);
  const byRoots = new Map<string, ReadonlySet<string>>();
  const scopes = new Map<Permission, ReadonlySet<string>>();
  for (const permission of PERMISSIONS) {
    const roots = [...new Set(grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission)).map((g) => g.unitId))].sort();
    const key = roots.join(",");
    let set = byRoots.get(key);
    if (!set) {
      set = walk(known, children, roots);
      byRoots.set(key, set);
    }
    scopes.set(permission, set);
  }
  return scopes;
}
