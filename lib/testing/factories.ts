// Test-only: these factories write without a viewer. Used by tests/ and by the e2e
// support route (app/api/test-support), which exists only when TAPHUAN_E2E_TOKEN is set.
import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { personSearchText } from "@/lib/text";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { Role, StaffCategory } from "@/lib/db/generated/enums";

/**
 * Test factories. Every test builds its own small province (a separate tree with unique codes),
 * so tests run in parallel on one database without seeing each other's rows.
 */
export const TEST_PASSWORD = "mat-khau-thu-nghiem-2026";
let passwordHash: Promise<string> | undefined;

export const uniq = () => randomUUID().slice(0, 8).toUpperCase();

export async function makeUnit(input: { name: string; kind?: string; parentId?: string | null; code?: string; active?: boolean }) {
  return db().unit.create({
    data: {
      code: input.code ?? `T.${uniq()}`,
      name: input.name,
      kind: input.kind ?? "COMMUNE",
      parentId: input.parentId ?? null,
      active: input.active ?? true,
    },
  });
}

/**
 * A small province:            province
 *                     ┌───────────┼───────────┐
 *                  agency       city       district
 *                            ┌───┴───┐          │
 *                          ward   communeA   communeB
 */
export async function makeProvince() {
  const tag = uniq();
  const province = await makeUnit({ name: `Tỉnh thử ${tag}`, kind: "PROVINCE" });
  const agency = await makeUnit({ name: `Sở Nội vụ ${tag}`, kind: "AGENCY", parentId: province.id });
  const city = await makeUnit({ name: `UBND thành phố ${tag}`, kind: "CITY", parentId: province.id });
  const district = await makeUnit({ name: `UBND huyện ${tag}`, kind: "DISTRICT", parentId: province.id });
  const ward = await makeUnit({ name: `Phường 8 ${tag}`, kind: "WARD", parentId: city.id });
  const communeA = await makeUnit({ name: `Xã Bình Kiến ${tag}`, kind: "COMMUNE", parentId: city.id });
  const communeB = await makeUnit({ name: `Xã Sơn Thành ${tag}`, kind: "COMMUNE", parentId: district.id });
  return { tag, province, agency, city, district, ward, communeA, communeB };
}

export async function makeUser(input: {
  unitId: string;
  grants?: { role: Role; unitId: string }[];
  fullName?: string;
  email?: string;
  active?: boolean;
  category?: StaffCategory;
}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = (input.email ?? `u.${uniq()}@test.taphuan.vn`).toLowerCase();
  const fullName = input.fullName ?? "Nguyễn Văn Thử";
  return db().user.create({
    data: {
      email,
      fullName,
      searchText: personSearchText({ fullName, email }),
      passwordHash: await passwordHash,
      unitId: input.unitId,
      active: input.active ?? true,
      category: input.category ?? "CONG_CHUC",
      grants: { create: (input.grants ?? [{ role: "LEARNER", unitId: input.unitId }]).map((g) => ({ role: g.role, unitId: g.unitId })) },
    },
  });
}

/** A user with the given grants, returned as the viewer that data functions take. */
export async function makeViewer(unitId: string, grants: { role: Role; unitId: string }[]): Promise<Viewer> {
  const user = await makeUser({ unitId, grants });
  const viewer = await loadViewer(user.id);
  if (!viewer) throw new Error("factory: viewer did not load");
  return viewer;
}

/** The e2e world: one province with a person for each role. Returned to Playwright as plain data. */
export async function makeE2eWorld() {
  const p = await makeProvince();
  const person = async (key: string, unitId: string, fullName: string, grants: { role: Role; unitId: string }[], active = true) => {
    const user = await makeUser({ unitId, fullName, grants, active, email: `${key}.${p.tag.toLowerCase()}@e2e.taphuan.vn` });
    return [key, { id: user.id, email: user.email, fullName }] as const;
  };
  const users = Object.fromEntries(
    await Promise.all([
      person("provinceAdmin", p.agency.id, "Bùi Trọng Lân", [
        { role: "PROVINCE_ADMIN", unitId: p.province.id },
        { role: "LEARNER", unitId: p.agency.id },
      ]),
      person("unitAdminA", p.communeA.id, "Phạm Thị Hồng", [
        { role: "UNIT_ADMIN", unitId: p.communeA.id },
        { role: "LEARNER", unitId: p.communeA.id },
      ]),
      person("trainer", p.agency.id, "Trần Thanh Hưng", [{ role: "TRAINER", unitId: p.agency.id }]),
      person("learner", p.communeA.id, "Võ Thị Thanh Tuyền", [{ role: "LEARNER", unitId: p.communeA.id }]),
      person("learnerTrainer", p.ward.id, "Lê Thị Nỷ", [
        { role: "LEARNER", unitId: p.ward.id },
        { role: "TRAINER", unitId: p.ward.id },
      ]),
      person("learnerB", p.communeB.id, "Đặng Văn Trọng", [{ role: "LEARNER", unitId: p.communeB.id }]),
      person("inactive", p.communeA.id, "Huỳnh Văn Nghỉ", [], false),
    ]),
  );
  const unit = (u: { id: string; name: string; code: string }) => ({ id: u.id, name: u.name, code: u.code });
  return {
    password: TEST_PASSWORD,
    units: {
      province: unit(p.province),
      agency: unit(p.agency),
      city: unit(p.city),
      ward: unit(p.ward),
      communeA: unit(p.communeA),
      communeB: unit(p.communeB),
    },
    users,
  };
}
export type E2eWorld = Awaited<ReturnType<typeof makeE2eWorld>>;
