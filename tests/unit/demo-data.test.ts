import { describe, expect, it, vi } from "vitest";
import { UNIT_KINDS } from "@/lib/units/kinds";
import {
  DEMO_ACCOUNTS,
  DEMO_EMAIL_DOMAIN,
  DEMO_PASSWORD,
  DEMO_UNITS,
  DEMO_USERS,
  stripDiacritics,
} from "@/prisma/seed/demo-data";

const unitByCode = new Map(DEMO_UNITS.map((u) => [u.code, u]));
const userByEmail = new Map(DEMO_USERS.map((u) => [u.email, u]));
const grantKey = (g: { role: string; unitCode: string }) => `${g.role}@${g.unitCode}`;

describe("demo units", () => {
  it("has at least 25 units with unique short uppercase ASCII codes", () => {
    expect(DEMO_UNITS.length).toBeGreaterThanOrEqual(25);
    const codes = DEMO_UNITS.map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z0-9]+(\.[A-Z0-9]+)*$/);
  });

  it("uses known unit kinds and names with Vietnamese diacritics", () => {
    for (const u of DEMO_UNITS) {
      expect(UNIT_KINDS).toContain(u.kind);
      expect(u.name.trim()).toBe(u.name);
      expect(u.name.normalize("NFC")).toBe(u.name);
    }
    expect(DEMO_UNITS.map((u) => u.name)).toEqual(
      expect.arrayContaining(["UBND tỉnh Phú Yên", "Sở Nội vụ", "UBND xã Bình Kiến", "UBND Phường 8"]),
    );
  });

  it("forms one tree: a single root, every parent exists and comes first, no cycle", () => {
    const roots = DEMO_UNITS.filter((u) => u.parentCode === null);
    expect(roots.map((u) => u.code)).toEqual(["PY"]);
    const seen = new Set<string>();
    for (const u of DEMO_UNITS) {
      if (u.parentCode !== null) {
        expect(unitByCode.has(u.parentCode), `parent of ${u.code}`).toBe(true);
        expect(seen.has(u.parentCode), `${u.code} listed before its parent`).toBe(true);
      }
      seen.add(u.code);
    }
    for (const u of DEMO_UNITS) {
      const path = new Set<string>();
      let current: string | null = u.code;
      while (current !== null) {
        expect(path.has(current), `cycle through ${current}`).toBe(false);
        path.add(current);
        current = unitByCode.get(current)?.parentCode ?? null;
      }
      expect([...path].at(-1)).toBe("PY");
    }
  });
});

describe("demo users", () => {
  it("has at least 300 users, each in an existing unit", () => {
    expect(DEMO_USERS.length).toBeGreaterThanOrEqual(300);
    for (const u of DEMO_USERS) expect(unitByCode.has(u.unitCode), u.email).toBe(true);
  });

  it("has unique, valid, lowercase ASCII e-mails on the province domain", () => {
    const emails = DEMO_USERS.map((u) => u.email);
    expect(new Set(emails).size).toBe(emails.length);
    for (const email of emails) {
      expect(email).toMatch(/^[a-z0-9]+([._-][a-z0-9]+)*@([a-z0-9-]+\.)+[a-z]{2,}$/);
      expect(email.endsWith(DEMO_EMAIL_DOMAIN)).toBe(true);
    }
  });

  it("has unique 10-digit Vietnamese mobile numbers", () => {
    const phones = DEMO_USERS.map((u) => u.phone);
    expect(new Set(phones).size).toBe(phones.length);
    for (const phone of phones) expect(phone).toMatch(/^0[35789]\d{8}$/);
  });

  it("has Vietnamese names with diacritics", () => {
    const accented = DEMO_USERS.filter((u) => stripDiacritics(u.fullName) !== u.fullName);
    expect(accented.length / DEMO_USERS.length).toBeGreaterThanOrEqual(0.9);
    for (const u of DEMO_USERS) {
      expect(u.fullName.split(" ").length).toBeGreaterThanOrEqual(3);
      expect(u.fullName.normalize("NFC")).toBe(u.fullName);
    }
  });

  it("keeps category consistent with position", () => {
    for (const u of DEMO_USERS) {
      if (/^(Chủ tịch|Phó Chủ tịch) UBND$/.test(u.position)) expect(u.category, u.position).toBe("CAN_BO");
      if (u.position.startsWith("Công chức ")) expect(u.category, u.position).toBe("CONG_CHUC");
      if (u.position.startsWith("Viên chức ")) expect(u.category, u.position).toBe("VIEN_CHUC");
    }
    const categories = new Set(DEMO_USERS.map((u) => u.category));
    expect([...categories].sort()).toEqual(["CAN_BO", "CONG_CHUC", "VIEN_CHUC"]);
  });

  it("gives every active official LEARNER on their own unit, and inactive ones no grant", () => {
    for (const u of DEMO_USERS) {
      if (u.active) expect(u.grants.map(grantKey), u.email).toContain(`LEARNER@${u.unitCode}`);
      else expect(u.grants, u.email).toEqual([]);
      for (const g of u.grants) expect(unitByCode.has(g.unitCode)).toBe(true);
      expect(new Set(u.grants.map(grantKey)).size).toBe(u.grants.length);
    }
    const inactive = DEMO_USERS.filter((u) => !u.active).length;
    expect(inactive).toBeGreaterThanOrEqual(3);
    expect(inactive / DEMO_USERS.length).toBeLessThan(0.05);
  });

  it("has trainers beyond the demo accounts", () => {
    const demo = new Set(Object.values(DEMO_ACCOUNTS).map((a) => a.email));
    const trainers = DEMO_USERS.filter((u) => !demo.has(u.email) && u.grants.some((g) => g.role === "TRAINER"));
    expect(trainers.length).toBeGreaterThanOrEqual(5);
  });
});

describe("demo accounts", () => {
  it("uses the documented password", () => {
    expect(DEMO_PASSWORD).toBe("taphuan2026");
  });

  it("are all present, active, in their unit, with exactly the documented grants", () => {
    for (const account of Object.values(DEMO_ACCOUNTS)) {
      const user = userByEmail.get(account.email);
      expect(user, account.email).toBeDefined();
      if (!user) continue;
      expect(user.active).toBe(true);
      expect(user.fullName).toBe(account.fullName);
      expect(user.unitCode).toBe(account.unitCode);
      expect(user.position).toBe(account.position);
      expect(unitByCode.get(account.unitCode)?.name).toBe(account.unitName);
      expect(user.grants.map(grantKey).sort()).toEqual(account.grants.map(grantKey).sort());
    }
  });

  it("match the brief: who holds which role where", () => {
    const roles = (email: string) => userByEmail.get(email)?.grants.map(grantKey).sort();
    expect(DEMO_ACCOUNTS.provinceAdmin.email).toBe("admin@snv.phuyen.gov.vn");
    expect(roles("admin@snv.phuyen.gov.vn")).toEqual(["LEARNER@PY.SNV", "PROVINCE_ADMIN@PY"]);
    expect(roles("cchc.binhkien@phuyen.gov.vn")).toEqual(["LEARNER@PY.TH.BK", "UNIT_ADMIN@PY.TH.BK"]);
    expect(roles("cchc.phuong8@phuyen.gov.vn")).toEqual(["LEARNER@PY.TH.P8", "UNIT_ADMIN@PY.TH.P8"]);
    expect(roles("baocaovien@snv.phuyen.gov.vn")).toEqual(["LEARNER@PY.SNV", "TRAINER@PY.SNV"]);
    expect(roles("tuyen.vtt@phuyen.gov.vn")).toEqual(["LEARNER@PY.TH.BK"]);
    expect(roles("ny.lt@phuyen.gov.vn")).toEqual(["LEARNER@PY.TH.P8", "TRAINER@PY.TH.P8"]);
    expect(DEMO_ACCOUNTS.learner.fullName).toBe("Võ Thị Thanh Tuyền");
    expect(DEMO_ACCOUNTS.learner.position).toBe("Công chức Văn phòng - Thống kê");
    expect(DEMO_ACCOUNTS.learnerTrainer.fullName).toBe("Lê Thị Nỷ");
    expect(DEMO_ACCOUNTS.learnerTrainer.position).toBe("Phó Chủ tịch UBND");
    // The two unit admins govern sibling communes: neither unit is inside the other.
    expect(unitByCode.get("PY.TH.BK")?.parentCode).toBe("PY.TH");
    expect(unitByCode.get("PY.TH.P8")?.parentCode).toBe("PY.TH");
  });

  it("is deterministic: a fresh import builds the same data", async () => {
    vi.resetModules();
    const again = await import("@/prisma/seed/demo-data");
    expect(again.DEMO_USERS).not.toBe(DEMO_USERS);
    expect(again.DEMO_USERS).toEqual(DEMO_USERS);
    expect(again.DEMO_UNITS).toEqual(DEMO_UNITS);
  });
});
