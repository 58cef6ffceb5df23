import { personSearchText } from "@/lib/text";
import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { Prisma } from "@/lib/db/generated/client";
import { type Db, transaction } from "@/lib/db";
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from "./demo-data";

export interface SeedResult {
  /** false when the database already had units: nothing was written. */
  created: boolean;
  units: number;
  users: number;
}

/**
 * Load the Phú Yên demo data (prisma/seed/demo-data.ts) into an empty database.
 *
 * Idempotent: if any unit exists, nothing is written and the existing counts are returned.
 * Everything goes in in one transaction, a handful of createMany statements (ids are generated
 * here so that children can point at parents). The demo password is hashed once and the hash is
 * shared by every account: argon2 is slow on purpose, 337 hashes would take a minute.
 */
export async function seedDemo(prisma: Db): Promise<SeedResult> {
  if (await prisma.unit.findFirst({ select: { id: true } })) {
    const [units, users] = await Promise.all([prisma.unit.count(), prisma.user.count()]);
    return { created: false, units, users };
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const unitId = new Map<string, string>(DEMO_UNITS.map((u) => [u.code, randomUUID()]));
  const idOf = (code: string): string => {
    const id = unitId.get(code);
    if (!id) throw new Error(`seedDemo: unknown unit code ${code}`);
    return id;
  };

  // Parents before children: one createMany per depth of the tree.
  const depth = new Map<string, number>();
  for (const u of DEMO_UNITS) {
    depth.set(u.code, u.parentCode === null ? 0 : (depth.get(u.parentCode) ?? NaN) + 1);
  }
  const unitLevels: Prisma.UnitCreateManyInput[][] = [];
  for (const u of DEMO_UNITS) {
    const d = depth.get(u.code);
    if (d === undefined || Number.isNaN(d)) throw new Error(`seedDemo: parent of ${u.code} comes after it`);
    (unitLevels[d] ??= []).push({
      id: idOf(u.code),
      code: u.code,
      name: u.name,
      kind: u.kind,
      parentId: u.parentCode === null ? null : idOf(u.parentCode),
    });
  }

  const users: Prisma.UserCreateManyInput[] = [];
  const grants: Prisma.RoleGrantCreateManyInput[] = [];
  for (const u of DEMO_USERS) {
    const id = randomUUID();
    users.push({
      id,
      email: u.email,
      passwordHash,
      fullName: u.fullName,
      phone: u.phone,
      position: u.position,
      rank: u.rank,
      category: u.category,
      unitId: idOf(u.unitCode),
      active: u.active,
      searchText: personSearchText(u),
    });
    for (const g of u.grants) {
      grants.push({ id: randomUUID(), userId: id, role: g.role, unitId: idOf(g.unitCode) });
    }
  }

  await transaction(
    async (tx) => {
      for (const level of unitLevels) await tx.unit.createMany({ data: level });
      await tx.user.createMany({ data: users });
      await tx.roleGrant.createMany({ data: grants });
    },
    { maxWait: 10_000, timeout: 60_000 },
  );

  return { created: true, units: DEMO_UNITS.length, users: DEMO_USERS.length };
}
