// Generates a large province for benchmarks (not tests): 1,000 units and 50,000 people by default.
//   DATABASE_URL=postgresql://…/taphuan_bench npx tsx bench/generate-province.ts [units] [people]
// Adds a separate tree (code prefix BENCH-<tag>) with a province admin and one unit admin whose
// e-mails are printed; all share BENCH_PASSWORD.
import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { closeDb, db } from "@/lib/db";
import { personSearchText } from "@/lib/text";

export const BENCH_PASSWORD = "bench-mat-khau-2026";

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
const MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Thanh", "Minh", "Ngọc", "Quốc", "Thu", "Xuân", "Hoài", "Anh"];
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Tuyền", "Việt", "Yến"];
const POSITIONS = ["Chuyên viên", "Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch", "Phó Chủ tịch UBND", "Trưởng phòng", "Phó Trưởng phòng"];

let seed = 20261128;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

export async function generateProvince(unitCount = 1000, peopleCount = 50_000) {
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const started = performance.now();
  type U = { id: string; code: string; name: string; kind: string; parentId: string | null };
  const units: U[] = [];
  const add = (name: string, kind: string, parentId: string | null) => {
    const u = { id: randomUUID(), code: `BENCH-${tag}.${units.length}`, name, kind, parentId };
    units.push(u);
    return u;
  };
  const root = add(`Tỉnh thử tải ${tag}`, "PROVINCE", null);
  const agencies = Array.from({ length: 50 }, (_, i) => add(`Sở số ${i + 1}`, "AGENCY", root.id));
  const districts = Array.from({ length: 20 }, (_, i) => add(`UBND huyện số ${i + 1}`, "DISTRICT", root.id));
  for (let i = 0; units.length < unitCount; i++) add(`UBND xã số ${i + 1}`, "COMMUNE", districts[i % districts.length]!.id);

  const hash = await hashPassword(BENCH_PASSWORD);
  const leaves = units.slice(1);
  const people = Array.from({ length: peopleCount }, (_, i) => {
    const unit = i < agencies.length * 100 ? agencies[i % agencies.length]! : pick(leaves);
    const fullName = `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
    const email = `bench${i}.${tag.toLowerCase()}@bench.taphuan.vn`;
    const position = pick(POSITIONS);
    return {
      id: randomUUID(),
      email,
      fullName,
      position,
      passwordHash: hash,
      unitId: unit.id,
      category: pick(["CAN_BO", "CONG_CHUC", "VIEN_CHUC"] as const),
      searchText: personSearchText({ fullName, email, position }),
    };
  });
  const provinceAdmin = people[0]!;
  const communeAdmin = people.find((p) => p.unitId === units[units.length - 1]!.id) ?? people[people.length - 1]!;

  for (let depth = 0; depth < 3; depth++) {
    const level = units.filter((u) => (depth === 0 ? u.parentId === null : depth === 1 ? u.parentId === root.id : u.parentId !== null && u.parentId !== root.id));
    await db().unit.createMany({ data: level });
  }
  for (let i = 0; i < people.length; i += 5000) await db().user.createMany({ data: people.slice(i, i + 5000) });
  const grants = [
    { userId: provinceAdmin.id, role: "PROVINCE_ADMIN" as const, unitId: root.id },
    { userId: communeAdmin.id, role: "UNIT_ADMIN" as const, unitId: communeAdmin.unitId },
    ...people.map((p) => ({ userId: p.id, role: "LEARNER" as const, unitId: p.unitId })),
  ];
  for (let i = 0; i < grants.length; i += 5000) await db().roleGrant.createMany({ data: grants.slice(i, i + 5000) });
  // A production database has planner statistics; a freshly loaded one gets them now, not whenever autovacuum wakes.
  await db().$executeRawUnsafe("ANALYZE");
  return {
    tag,
    rootId: root.id,
    units: units.length,
    people: people.length,
    provinceAdmin: provinceAdmin.email,
    communeAdmin: communeAdmin.email,
    communeId: communeAdmin.unitId,
    seconds: (performance.now() - started) / 1000,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [units, people] = process.argv.slice(2).map(Number);
  const result = await generateProvince(units || undefined, people || undefined);
  console.log(JSON.stringify(result, null, 2));
  await closeDb();
}
