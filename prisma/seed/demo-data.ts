// Demo data for taphuan: the units and officials of Phú Yên province, modelled on the
// project's seed article (baophuyen.vn, "Nâng cao năng lực, nghiệp vụ cho đội ngũ phụ trách cải cách hành chính").
//
// Pure and deterministic: no I/O, no Date, no Math.random — a seeded PRNG draws the names, so
// every run (and every test) sees the same people with the same e-mails. Ids are not assigned
// here; the seeder gives them at insert time, so nothing may depend on seed ids.
//
// Everyone except the people named in the brief/article is invented. Only type imports below:
// this module loads without the generated Prisma client.

import type { Role, StaffCategory } from "@/lib/db/generated/enums";
import type { UnitKind } from "@/lib/units/kinds";

/** The password of every demo account (documented in the README; never use outside a demo). */
export const DEMO_PASSWORD = "taphuan2026";

export const DEMO_EMAIL_DOMAIN = "phuyen.gov.vn";

export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
}

export interface DemoGrant {
  role: Role;
  unitCode: string;
}

export interface DemoUser {
  email: string;
  fullName: string;
  phone: string;
  position: string;
  rank: string | null;
  category: StaffCategory;
  unitCode: string;
  active: boolean;
  grants: readonly DemoGrant[];
}

export interface DemoAccount {
  email: string;
  fullName: string;
  position: string;
  unitCode: string;
  unitName: string;
  /** Every grant the account holds, LEARNER on its own unit included. */
  grants: readonly DemoGrant[];
  /** One Vietnamese line for the README: who this is and what to try with it. */
  note: string;
}

// ---------------------------------------------------------------------------------------------
// PRNG (mulberry32) and helpers

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  const last = items[items.length - 1];
  if (last === undefined) throw new Error("pick from an empty list");
  return last[0];
}

/** "Võ Thị Thanh Tuyền" → "Vo Thi Thanh Tuyen". */
export function stripDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
}

// ---------------------------------------------------------------------------------------------
// The unit tree

interface Slot {
  position: string;
  rank: string | null;
  category: StaffCategory;
}

interface AgencyProfile {
  /** Head and deputy titles. */
  head: string;
  deputy: string;
  /** Title of the office chief, if the agency has its own office (Văn phòng Sở). */
  office: string | null;
  inspectorate: boolean;
  departments: readonly string[];
  /** Positions held by viên chức of the agency's public service units. */
  publicService: readonly Slot[];
}

interface UnitSpec {
  code: string;
  name: string;
  kind: UnitKind;
  /** Used in generated e-mail addresses: given.initials.slug@phuyen.gov.vn */
  slug: string;
  staff: number;
  agency?: AgencyProfile;
  /** TRAINER grants given to this many of the unit's senior staff (besides the demo accounts). */
  trainers?: number;
  children?: readonly UnitSpec[];
}

const vc = (position: string, rank: string): Slot => ({ position, rank, category: "VIEN_CHUC" });

const SO = (departments: readonly string[], publicService: readonly Slot[]): AgencyProfile => ({
  head: "Giám đốc Sở",
  deputy: "Phó Giám đốc Sở",
  office: "Chánh Văn phòng Sở",
  inspectorate: true,
  departments,
  publicService,
});

const ward = (code: string, name: string, slug: string, staff: number): UnitSpec => ({
  code,
  name,
  kind: "WARD",
  slug,
  staff,
});
const commune = (code: string, name: string, slug: string, staff: number): UnitSpec => ({
  code,
  name,
  kind: "COMMUNE",
  slug,
  staff,
});
const township = (code: string, name: string, slug: string, staff: number): UnitSpec => ({
  code,
  name,
  kind: "TOWNSHIP",
  slug,
  staff,
});

const TREE: UnitSpec = {
  code: "PY",
  name: "UBND tỉnh Phú Yên",
  kind: "PROVINCE",
  slug: "ubnd",
  staff: 0,
  children: [
    {
      code: "PY.VP",
      name: "Văn phòng UBND tỉnh",
      kind: "AGENCY",
      slug: "vpubnd",
      staff: 14,
      trainers: 1,
      agency: {
        head: "Chánh Văn phòng UBND tỉnh",
        deputy: "Phó Chánh Văn phòng UBND tỉnh",
        office: null,
        inspectorate: false,
        departments: ["Kiểm soát thủ tục hành chính", "Tổng hợp", "Hành chính - Tổ chức"],
        publicService: [vc("Viên chức Trung tâm Thông tin - Công báo", "Biên tập viên hạng III")],
      },
      children: [
        {
          code: "PY.VP.TTHCC",
          name: "Trung tâm Phục vụ hành chính công tỉnh",
          kind: "OTHER",
          slug: "tthcc",
          staff: 10,
          agency: {
            head: "Giám đốc Trung tâm",
            deputy: "Phó Giám đốc Trung tâm",
            office: null,
            inspectorate: false,
            departments: ["Tiếp nhận và Trả kết quả", "Hành chính - Tổng hợp"],
            publicService: [vc("Viên chức hỗ trợ kỹ thuật", "Kỹ sư hạng III")],
          },
        },
      ],
    },
    {
      code: "PY.SNV",
      name: "Sở Nội vụ",
      kind: "AGENCY",
      slug: "snv",
      staff: 18,
      trainers: 2,
      agency: SO(
        ["Cải cách hành chính", "Công chức, viên chức", "Tổ chức, biên chế và Tổ chức phi chính phủ"],
        [vc("Viên chức Trung tâm Lưu trữ lịch sử", "Lưu trữ viên hạng III")],
      ),
    },
    {
      code: "PY.STTTT",
      name: "Sở Thông tin và Truyền thông",
      kind: "AGENCY",
      slug: "stttt",
      staff: 14,
      trainers: 2,
      agency: SO(
        ["Công nghệ thông tin", "Bưu chính, Viễn thông", "Thông tin - Báo chí - Xuất bản"],
        [vc("Viên chức Trung tâm Công nghệ thông tin và Truyền thông", "Kỹ sư hạng III")],
      ),
    },
    {
      code: "PY.STP",
      name: "Sở Tư pháp",
      kind: "AGENCY",
      slug: "stp",
      staff: 14,
      trainers: 2,
      agency: SO(
        ["Hành chính tư pháp", "Xây dựng và Kiểm tra văn bản", "Phổ biến, giáo dục pháp luật"],
        [vc("Trợ giúp viên pháp lý", "Trợ giúp viên pháp lý hạng III")],
      ),
    },
    {
      code: "PY.STC",
      name: "Sở Tài chính",
      kind: "AGENCY",
      slug: "stc",
      staff: 12,
      agency: SO(["Quản lý ngân sách", "Tài chính hành chính sự nghiệp", "Quản lý giá và Công sản"], []),
    },
    {
      code: "PY.SKHDT",
      name: "Sở Kế hoạch và Đầu tư",
      kind: "AGENCY",
      slug: "skhdt",
      staff: 12,
      agency: SO(
        ["Tổng hợp, Quy hoạch", "Đăng ký kinh doanh", "Đấu thầu, Thẩm định và Giám sát đầu tư"],
        [vc("Viên chức Trung tâm Xúc tiến đầu tư", "Chuyên viên")],
      ),
    },
    {
      code: "PY.SGDDT",
      name: "Sở Giáo dục và Đào tạo",
      kind: "AGENCY",
      slug: "sgddt",
      staff: 10,
      agency: SO(
        ["Giáo dục trung học", "Tổ chức cán bộ"],
        [vc("Viên chức Trung tâm Giáo dục thường xuyên tỉnh", "Giáo viên trung học phổ thông hạng III")],
      ),
    },
    {
      code: "PY.SYT",
      name: "Sở Y tế",
      kind: "AGENCY",
      slug: "syt",
      staff: 10,
      agency: SO(
        ["Nghiệp vụ Y", "Tổ chức cán bộ"],
        [vc("Viên chức Trung tâm Kiểm soát bệnh tật tỉnh", "Bác sĩ (hạng III)")],
      ),
    },
    {
      code: "PY.SNNPTNT",
      name: "Sở Nông nghiệp và Phát triển nông thôn",
      kind: "AGENCY",
      slug: "snnptnt",
      staff: 10,
      agency: SO(
        ["Kế hoạch - Tài chính", "Tổ chức cán bộ"],
        [vc("Viên chức Trung tâm Khuyến nông", "Kỹ sư hạng III")],
      ),
    },
    {
      code: "PY.STNMT",
      name: "Sở Tài nguyên và Môi trường",
      kind: "AGENCY",
      slug: "stnmt",
      staff: 10,
      agency: SO(
        ["Quản lý đất đai", "Môi trường"],
        [vc("Viên chức Văn phòng Đăng ký đất đai", "Kỹ sư hạng III")],
      ),
    },
    {
      code: "PY.TH",
      name: "UBND thành phố Tuy Hòa",
      kind: "CITY",
      slug: "tuyhoa",
      staff: 16,
      trainers: 2,
      children: [
        ward("PY.TH.P1", "UBND Phường 1", "phuong1", 7),
        ward("PY.TH.P5", "UBND Phường 5", "phuong5", 6),
        ward("PY.TH.P7", "UBND Phường 7", "phuong7", 6),
        ward("PY.TH.P8", "UBND Phường 8", "phuong8", 8),
        ward("PY.TH.P9", "UBND Phường 9", "phuong9", 6),
        ward("PY.TH.PL", "UBND phường Phú Lâm", "phulam", 7),
        ward("PY.TH.PD", "UBND phường Phú Đông", "phudong", 6),
        commune("PY.TH.BK", "UBND xã Bình Kiến", "binhkien", 9),
        commune("PY.TH.AP", "UBND xã An Phú", "anphu", 7),
        commune("PY.TH.HK", "UBND xã Hòa Kiến", "hoakien", 6),
      ],
    },
    {
      code: "PY.TYH",
      name: "UBND huyện Tây Hòa",
      kind: "DISTRICT",
      slug: "tayhoa",
      staff: 13,
      trainers: 1,
      children: [
        township("PY.TYH.PT", "UBND thị trấn Phú Thứ", "phuthu", 7),
        commune("PY.TYH.HB1", "UBND xã Hòa Bình 1", "hoabinh1", 6),
        commune("PY.TYH.HP", "UBND xã Hòa Phong", "hoaphong", 5),
        commune("PY.TYH.STD", "UBND xã Sơn Thành Đông", "sonthanhdong", 6),
      ],
    },
    {
      code: "PY.DX",
      name: "UBND huyện Đồng Xuân",
      kind: "DISTRICT",
      slug: "dongxuan",
      staff: 12,
      trainers: 1,
      children: [
        township("PY.DX.LH", "UBND thị trấn La Hai", "lahai", 7),
        commune("PY.DX.XP", "UBND xã Xuân Phước", "xuanphuoc", 6),
        commune("PY.DX.XQ1", "UBND xã Xuân Quang 1", "xuanquang1", 5),
        commune("PY.DX.PM", "UBND xã Phú Mỡ", "phumo", 5),
      ],
    },
    {
      code: "PY.SC",
      name: "UBND thị xã Sông Cầu",
      kind: "DISTRICT",
      slug: "songcau",
      staff: 12,
      children: [
        ward("PY.SC.XPH", "UBND phường Xuân Phú", "xuanphu", 6),
        commune("PY.SC.XL", "UBND xã Xuân Lộc", "xuanloc", 6),
      ],
    },
    {
      code: "PY.DH",
      name: "UBND thị xã Đông Hòa",
      kind: "DISTRICT",
      slug: "donghoa",
      staff: 12,
      children: [
        ward("PY.DH.HV", "UBND phường Hòa Vinh", "hoavinh", 6),
        commune("PY.DH.HTD", "UBND xã Hòa Tân Đông", "hoatandong", 5),
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Positions (chức vụ), ranks (ngạch / hạng chức danh nghề nghiệp), categories

const cc = (position: string, rank: string | null): Slot => ({ position, rank, category: "CONG_CHUC" });
const cb = (position: string, rank: string | null): Slot => ({ position, rank, category: "CAN_BO" });

function agencySlots(n: number, p: AgencyProfile, rng: Rng): Slot[] {
  const slots: Slot[] = [cc(p.head, rng() < 0.35 ? "Chuyên viên cao cấp" : "Chuyên viên chính")];
  const deputies = n >= 12 ? 2 : 1;
  for (let i = 0; i < deputies; i++) slots.push(cc(p.deputy, "Chuyên viên chính"));
  if (p.office) slots.push(cc(p.office, "Chuyên viên chính"));
  if (p.inspectorate) slots.push(cc("Chánh Thanh tra Sở", "Thanh tra viên chính"));
  const heads = Math.min(p.departments.length, n >= 14 ? 3 : 2);
  for (let i = 0; i < heads; i++) slots.push(cc(`Trưởng phòng ${p.departments[i]}`, "Chuyên viên chính"));
  const vices = Math.min(p.departments.length, n >= 12 ? 2 : 1);
  for (let i = 0; i < vices; i++) {
    slots.push(cc(`Phó Trưởng phòng ${p.departments[i]}`, rng() < 0.5 ? "Chuyên viên chính" : "Chuyên viên"));
  }
  const fillers: (readonly [Slot, number])[] = [
    [cc("Chuyên viên", "Chuyên viên"), 45],
    [cc("Chuyên viên", "Chuyên viên chính"), 14],
    [cc("Kế toán", "Kế toán viên"), 6],
    [cc("Văn thư", "Cán sự"), 5],
  ];
  if (p.inspectorate) fillers.push([cc("Thanh tra viên", "Thanh tra viên"), 8]);
  for (const s of p.publicService) fillers.push([s, 20 / p.publicService.length]);
  while (slots.length < n) slots.push(pickWeighted(rng, fillers));
  return slots.slice(0, n);
}

function districtSlots(n: number, kind: UnitKind, rng: Rng): Slot[] {
  const slots: Slot[] = [
    cb("Chủ tịch UBND", "Chuyên viên chính"),
    cb("Phó Chủ tịch UBND", "Chuyên viên chính"),
    cb("Phó Chủ tịch UBND", "Chuyên viên chính"),
    cc("Chánh Văn phòng HĐND và UBND", "Chuyên viên chính"),
    cc("Trưởng phòng Nội vụ", "Chuyên viên chính"),
    cc("Phó Trưởng phòng Nội vụ", "Chuyên viên"),
    cc("Trưởng phòng Tư pháp", "Chuyên viên chính"),
  ];
  const economy = kind === "CITY" ? "Phòng Kinh tế" : "Phòng Nông nghiệp và Phát triển nông thôn";
  const fillers: (readonly [Slot, number])[] = [
    [cc("Chuyên viên Phòng Nội vụ", "Chuyên viên"), 14],
    [cc("Chuyên viên Văn phòng HĐND và UBND", "Chuyên viên"), 14],
    [cc("Chuyên viên Phòng Tư pháp", "Chuyên viên"), 10],
    [cc("Chuyên viên Phòng Tài chính - Kế hoạch", "Chuyên viên"), 10],
    [cc("Chuyên viên Phòng Văn hóa và Thông tin", "Chuyên viên"), 8],
    [cc("Chuyên viên Phòng Tài nguyên và Môi trường", "Chuyên viên"), 8],
    [cc(`Chuyên viên ${economy}`, "Chuyên viên"), 8],
    [cc("Chuyên viên Bộ phận Một cửa", "Cán sự"), 8],
    [vc("Viên chức Trung tâm Văn hóa - Thông tin và Thể thao", "Biên tập viên hạng III"), 5],
    [vc("Viên chức Trung tâm Dịch vụ nông nghiệp", "Kỹ sư hạng III"), 5],
  ];
  while (slots.length < n) slots.push(pickWeighted(rng, fillers));
  return slots.slice(0, n);
}

function communeSlots(n: number, kind: UnitKind, rng: Rng): Slot[] {
  const rank = () => (rng() < 0.7 ? "Chuyên viên" : "Cán sự");
  const landOffice =
    kind === "COMMUNE"
      ? "Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường"
      : "Công chức Địa chính - Xây dựng - Đô thị và Môi trường";
  const order: Slot[] = [
    cb("Chủ tịch UBND", null),
    cb("Phó Chủ tịch UBND", null),
    cc("Công chức Văn phòng - Thống kê", rank()),
    cc("Công chức Tư pháp - Hộ tịch", rank()),
    cc("Công chức Tài chính - Kế toán", rank()),
    cc(landOffice, rank()),
    cc("Công chức Văn hóa - Xã hội", rank()),
    cc("Công chức Văn phòng - Thống kê", rank()),
    cb("Phó Chủ tịch UBND", null),
    cc("Chỉ huy trưởng Ban Chỉ huy Quân sự", "Cán sự"),
    cc("Công chức Tư pháp - Hộ tịch", rank()),
    cc("Công chức Văn hóa - Xã hội", rank()),
  ];
  return order.slice(0, n);
}

// ---------------------------------------------------------------------------------------------
// Names

const FAMILY: readonly (readonly [string, number])[] = [
  ["Nguyễn", 30],
  ["Trần", 11],
  ["Lê", 9],
  ["Võ", 8],
  ["Phạm", 7],
  ["Huỳnh", 6],
  ["Phan", 5],
  ["Hồ", 4],
  ["Đặng", 3],
  ["Bùi", 3],
  ["Đỗ", 3],
  ["Ngô", 2],
  ["Dương", 2],
  ["Đoàn", 2],
  ["Trương", 2],
  ["Đinh", 2],
  ["Lương", 1],
  ["Lý", 1],
  ["Cao", 1],
  ["Tạ", 1],
  ["Châu", 1],
  ["Mai", 1],
];

const MALE_MIDDLE: readonly (readonly [string, number])[] = [
  ["Văn", 30],
  ["Minh", 8],
  ["Hữu", 6],
  ["Đức", 6],
  ["Quốc", 5],
  ["Thanh", 5],
  ["Ngọc", 4],
  ["Công", 4],
  ["Xuân", 4],
  ["Trọng", 3],
  ["Hoàng", 3],
  ["Tấn", 5],
  ["Đình", 3],
  ["Quang", 3],
  ["Anh", 2],
  ["Duy", 2],
  ["Thành", 2],
  ["Văn Minh", 2],
  ["Hữu Thanh", 1],
];

const FEMALE_MIDDLE: readonly (readonly [string, number])[] = [
  ["Thị", 40],
  ["Thị Thanh", 6],
  ["Thị Thu", 6],
  ["Thị Mỹ", 5],
  ["Thị Kim", 5],
  ["Thị Ngọc", 5],
  ["Thị Hồng", 4],
  ["Thị Bích", 3],
  ["Thị Diễm", 2],
  ["Ngọc", 5],
  ["Thu", 4],
  ["Thùy", 4],
  ["Hoàng", 3],
  ["Phương", 3],
  ["Minh", 2],
];

const MALE_GIVEN: readonly string[] = [
  "Hùng", "Dũng", "Tuấn", "Hải", "Long", "Nam", "Phúc", "Quân", "Thắng", "Trung", "Sơn", "Tài",
  "Tâm", "Thành", "Toàn", "Vinh", "Khoa", "Lộc", "Nhân", "Hiếu", "Bảo", "Cường", "Định", "Hưng",
  "Khánh", "Lợi", "Nghĩa", "Phong", "Quang", "Thịnh", "Tú", "Việt", "Kiên", "Tín", "Đạt", "Huy",
  "Sang", "Thuận", "Trí", "Hòa", "Hậu", "Chiến", "Lâm", "Luân", "Vũ", "Danh",
];

const FEMALE_GIVEN: readonly string[] = [
  "Hà", "Hằng", "Hạnh", "Hoa", "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "Nga", "Ngân",
  "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Trang", "Trinh", "Tuyết", "Vân", "Yến", "Diễm",
  "Hiền", "Hồng", "Huyền", "Kiều", "Ly", "My", "Nhi", "Nhàn", "Thủy", "Thư", "Duyên", "Giang",
  "Thúy", "Uyên", "Vy", "Xuân", "Lài", "Hậu", "Na",
];

function drawName(rng: Rng, maleShare: number): string {
  const family = pickWeighted(rng, FAMILY);
  const male = rng() < maleShare;
  const middle = pickWeighted(rng, male ? MALE_MIDDLE : FEMALE_MIDDLE);
  let given = pick(rng, male ? MALE_GIVEN : FEMALE_GIVEN);
  // "Thị Thu Thu", "Văn Minh Minh": draw again rather than repeat a syllable.
  while (middle.split(" ").includes(given)) given = pick(rng, male ? MALE_GIVEN : FEMALE_GIVEN);
  return `${family} ${middle} ${given}`;
}

// ---------------------------------------------------------------------------------------------
// Phones: Vietnamese mobile numbers, 10 digits (Viettel, MobiFone, VinaPhone, Vietnamobile).

const MOBILE_PREFIXES: readonly string[] = [
  "086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039",
  "089", "090", "093", "070", "076", "077", "078", "079",
  "088", "091", "094", "081", "082", "083", "084", "085",
  "092", "056", "058",
];

// ---------------------------------------------------------------------------------------------
// The demo accounts (fixed people; the article's two officials keep their real names and posts)

interface DemoPersonSpec {
  key: DemoAccountKey;
  email: string;
  fullName: string;
  unitCode: string;
  slot: Slot;
  extraGrants: readonly DemoGrant[];
  note: string;
}

export type DemoAccountKey =
  | "provinceAdmin"
  | "unitAdmin"
  | "unitAdminPhuong8"
  | "trainer"
  | "learner"
  | "learnerTrainer";

const DEMO_PEOPLE: readonly DemoPersonSpec[] = [
  {
    key: "provinceAdmin",
    email: "admin@snv.phuyen.gov.vn",
    fullName: "Nguyễn Thị Thu Hà",
    unitCode: "PY.SNV",
    slot: cc("Phó Trưởng phòng Cải cách hành chính", "Chuyên viên chính"),
    extraGrants: [{ role: "PROVINCE_ADMIN", unitCode: "PY" }],
    note: "Quản trị cấp tỉnh (Sở Nội vụ): kế hoạch năm, danh mục khóa học, toàn bộ đơn vị và báo cáo.",
  },
  {
    key: "unitAdmin",
    email: "cchc.binhkien@phuyen.gov.vn",
    fullName: "Trần Văn Phúc",
    unitCode: "PY.TH.BK",
    slot: cc("Công chức Văn phòng - Thống kê", "Chuyên viên"),
    extraGrants: [{ role: "UNIT_ADMIN", unitCode: "PY.TH.BK" }],
    note: "Quản trị đơn vị: cán bộ phụ trách CCHC xã Bình Kiến, chỉ thấy cán bộ, công chức của xã.",
  },
  {
    key: "unitAdminPhuong8",
    email: "cchc.phuong8@phuyen.gov.vn",
    fullName: "Huỳnh Thị Mỹ Linh",
    unitCode: "PY.TH.P8",
    slot: cc("Công chức Văn phòng - Thống kê", "Chuyên viên"),
    extraGrants: [{ role: "UNIT_ADMIN", unitCode: "PY.TH.P8" }],
    note: "Quản trị đơn vị Phường 8: không xem được dữ liệu của xã Bình Kiến (cách ly giữa các đơn vị).",
  },
  {
    key: "trainer",
    email: "baocaovien@snv.phuyen.gov.vn",
    fullName: "Phạm Minh Đức",
    unitCode: "PY.SNV",
    slot: cc("Trưởng phòng Cải cách hành chính", "Chuyên viên chính"),
    extraGrants: [{ role: "TRAINER", unitCode: "PY.SNV" }],
    note: "Báo cáo viên Sở Nội vụ: tải tài liệu, soạn bài kiểm tra, điểm danh, chấm điểm.",
  },
  {
    key: "learner",
    email: "tuyen.vtt@phuyen.gov.vn",
    fullName: "Võ Thị Thanh Tuyền",
    unitCode: "PY.TH.BK",
    slot: cc("Công chức Văn phòng - Thống kê", "Chuyên viên"),
    extraGrants: [],
    note: "Học viên: công chức Văn phòng - Thống kê UBND xã Bình Kiến (nhân vật trong bài báo).",
  },
  {
    key: "learnerTrainer",
    email: "ny.lt@phuyen.gov.vn",
    fullName: "Lê Thị Nỷ",
    unitCode: "PY.TH.P8",
    slot: cb("Phó Chủ tịch UBND", null),
    extraGrants: [{ role: "TRAINER", unitCode: "PY.TH.P8" }],
    note: "Vừa học viên vừa báo cáo viên: Phó Chủ tịch UBND Phường 8 (nhân vật trong bài báo).",
  },
];

// ---------------------------------------------------------------------------------------------
// Build

/** Heads, deputies and chiefs of divisions: never drawn as inactive accounts. */
const SENIOR_POSITION = /^(Giám đốc|Phó Giám đốc|Chánh|Phó Chánh|Trưởng phòng|Phó Trưởng phòng|Chủ tịch|Phó Chủ tịch)/;

/** Who in a unit becomes a trainer (báo cáo viên), most likely first. */
const TRAINER_PREFERENCE: readonly RegExp[] = [
  /^Trưởng phòng (Nội vụ|Cải cách hành chính|Kiểm soát thủ tục hành chính|Hành chính tư pháp|Công nghệ thông tin)/,
  /^(Phó Giám đốc|Phó Chánh Văn phòng)/,
  /^Trưởng phòng/,
  /^Phó Chủ tịch/,
  /^Phó Trưởng phòng/,
];

function buildDemoData(seed: number): { units: DemoUnit[]; users: DemoUser[] } {
  const rng = mulberry32(seed);
  const units: DemoUnit[] = [];
  const users: DemoUser[] = [];
  const emails = new Set<string>(DEMO_PEOPLE.map((p) => p.email));
  const phones = new Set<string>();
  const demoNames = new Set<string>(DEMO_PEOPLE.map((p) => p.fullName));
  let staffCount = 0;

  const drawPhone = (): string => {
    for (;;) {
      const phone = pick(rng, MOBILE_PREFIXES) + String(Math.floor(rng() * 1e7)).padStart(7, "0");
      if (!phones.has(phone)) {
        phones.add(phone);
        return phone;
      }
    }
  };

  const emailFor = (fullName: string, slug: string): string => {
    const parts = stripDiacritics(fullName).toLowerCase().split(" ");
    const given = parts[parts.length - 1] ?? "canbo";
    const initials = parts
      .slice(0, -1)
      .map((w) => w[0])
      .join("");
    for (let n = 1; ; n++) {
      const email = `${given}.${initials}${n === 1 ? "" : n}.${slug}@${DEMO_EMAIL_DOMAIN}`;
      if (!emails.has(email)) {
        emails.add(email);
        return email;
      }
    }
  };

  const visit = (spec: UnitSpec, parentCode: string | null): void => {
    units.push({ code: spec.code, name: spec.name, kind: spec.kind, parentCode });

    const slots =
      spec.staff === 0
        ? []
        : spec.agency
          ? agencySlots(spec.staff, spec.agency, rng)
          : spec.kind === "CITY" || spec.kind === "DISTRICT"
            ? districtSlots(spec.staff, spec.kind, rng)
            : communeSlots(spec.staff, spec.kind, rng);

    // Seat the demo people of this unit in the first free slot with their position.
    const seated = new Map<number, DemoPersonSpec>();
    for (const person of DEMO_PEOPLE.filter((p) => p.unitCode === spec.code)) {
      const index = slots.findIndex((s, i) => !seated.has(i) && s.position === person.slot.position);
      if (index >= 0) {
        slots[index] = person.slot;
        seated.set(index, person);
      } else {
        seated.set(slots.push(person.slot) - 1, person);
      }
    }

    const namesHere = new Set<string>();
    const generated: { user: DemoUser; grants: DemoGrant[] }[] = [];
    slots.forEach((slot, index) => {
      const person = seated.get(index);
      const phone = drawPhone();
      if (person) {
        users.push({
          email: person.email,
          fullName: person.fullName,
          phone,
          position: slot.position,
          rank: slot.rank,
          category: slot.category,
          unitCode: spec.code,
          active: true,
          grants: [{ role: "LEARNER", unitCode: spec.code }, ...person.extraGrants],
        });
        namesHere.add(person.fullName);
        return;
      }
      const senior = SENIOR_POSITION.test(slot.position);
      let fullName = drawName(rng, senior ? 0.65 : 0.45);
      while (namesHere.has(fullName) || demoNames.has(fullName)) fullName = drawName(rng, 0.5);
      namesHere.add(fullName);
      // A few staff accounts of people who retired or moved: kept for history, cannot sign in.
      const active = senior || ++staffCount % 37 !== 11;
      const grants: DemoGrant[] = active ? [{ role: "LEARNER", unitCode: spec.code }] : [];
      const user: DemoUser = {
        email: emailFor(fullName, spec.slug),
        fullName,
        phone,
        position: slot.position,
        rank: slot.rank,
        category: slot.category,
        unitCode: spec.code,
        active,
        grants,
      };
      users.push(user);
      generated.push({ user, grants });
    });

    // Báo cáo viên: the unit's senior staff closest to CCHC work teach.
    const preference = (position: string): number => {
      const i = TRAINER_PREFERENCE.findIndex((re) => re.test(position));
      return i < 0 ? Infinity : i;
    };
    generated
      .filter((g) => g.user.active && preference(g.user.position) < Infinity)
      .sort((a, b) => preference(a.user.position) - preference(b.user.position))
      .slice(0, spec.trainers ?? 0)
      .forEach((g) => g.grants.push({ role: "TRAINER", unitCode: spec.code }));

    for (const child of spec.children ?? []) visit(child, spec.code);
  };

  visit(TREE, null);
  return { units, users };
}

const DATA = buildDemoData(20260101);

/** The unit tree, parents before children (depth-first). */
export const DEMO_UNITS: readonly DemoUnit[] = DATA.units;

/** All officials, the demo accounts included, each with the role grants they hold. */
export const DEMO_USERS: readonly DemoUser[] = DATA.users;

function unitName(code: string): string {
  const unit = DEMO_UNITS.find((u) => u.code === code);
  if (!unit) throw new Error(`demo data: unknown unit ${code}`);
  return unit.name;
}

function account(key: DemoAccountKey): DemoAccount {
  const p = DEMO_PEOPLE.find((person) => person.key === key);
  if (!p) throw new Error(`demo data: no demo person ${key}`);
  return {
    email: p.email,
    fullName: p.fullName,
    position: p.slot.position,
    unitCode: p.unitCode,
    unitName: unitName(p.unitCode),
    grants: [{ role: "LEARNER", unitCode: p.unitCode }, ...p.extraGrants],
    note: p.note,
  };
}

/** The documented sign-ins (password DEMO_PASSWORD), by role, for the README and tests. */
export const DEMO_ACCOUNTS: Readonly<Record<DemoAccountKey, DemoAccount>> = {
  /** PROVINCE_ADMIN on UBND tỉnh Phú Yên; works at Sở Nội vụ. */
  provinceAdmin: account("provinceAdmin"),
  /** UNIT_ADMIN on UBND xã Bình Kiến (cán bộ phụ trách CCHC). */
  unitAdmin: account("unitAdmin"),
  /** UNIT_ADMIN on UBND Phường 8: a second tenant, to show isolation between communes. */
  unitAdminPhuong8: account("unitAdminPhuong8"),
  /** TRAINER on Sở Nội vụ (báo cáo viên). */
  trainer: account("trainer"),
  /** LEARNER only: Võ Thị Thanh Tuyền, xã Bình Kiến. */
  learner: account("learner"),
  /** LEARNER + TRAINER: Lê Thị Nỷ, Phó Chủ tịch UBND Phường 8. */
  learnerTrainer: account("learnerTrainer"),
};
