import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/prisma/seed/demo-data";

// Runs against `node scripts/demo.mjs` (README's first command) on a fresh embedded database.

test("the demo serves the sign-in page on the embedded database", async ({ page, request }) => {
  expect(await (await request.get("/api/health")).json()).toEqual({ ok: true, database: "embedded" });
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
});

const homes: Record<keyof typeof DEMO_ACCOUNTS, RegExp> = {
  provinceAdmin: /Quản trị cấp tỉnh/,
  unitAdmin: /Quản trị đơn vị/,
  unitAdminPhuong8: /Quản trị đơn vị/,
  trainer: /Báo cáo viên/,
  learner: /Học tập/,
  learnerTrainer: /Báo cáo viên/,
};

for (const [key, account] of Object.entries(DEMO_ACCOUNTS) as [keyof typeof DEMO_ACCOUNTS, (typeof DEMO_ACCOUNTS)[keyof typeof DEMO_ACCOUNTS]][]) {
  test(`demo account ${key} (${account.email}) signs in`, async ({ page }) => {
    await signIn(page, account.email, DEMO_PASSWORD);
    await expect(page.getByRole("heading", { name: `Xin chào, ${account.fullName}` })).toBeVisible();
    await expect(page.getByRole("heading", { name: homes[key] })).toBeVisible();
  });
}

test("the province admin sees the whole demo province", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.provinceAdmin.email, DEMO_PASSWORD);
  await page.goto("/units");
  const tree = page.getByRole("navigation", { name: "Cây đơn vị" });
  for (const name of ["Sở Nội vụ", "Sở Tư pháp", "Phường 8", "Xã Bình Kiến", "UBND huyện Tây Hòa", "UBND huyện Đồng Xuân"]) {
    await expect(tree.getByRole("link", { name, exact: false }).first()).toBeVisible();
  }
});

test("the demo learner has their course and a catalogue with one course per CCHC area", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.learner.email, DEMO_PASSWORD);
  await page.goto("/courses");
  const mine = page.getByRole("region", { name: "Khóa học của tôi" });
  await expect(mine.getByRole("link", { name: /Chứng thực bản sao điện tử trên Cổng Dịch vụ công quốc gia/ })).toBeVisible();
  const areas = ["Xây dựng kế hoạch CCHC", "Theo dõi, đánh giá CCHC", "Truyền thông, tuyên truyền về CCHC", "Ứng dụng CNTT trong giải quyết thủ tục hành chính"];
  for (const area of areas) {
    await page.getByLabel("Lĩnh vực").selectOption({ label: area });
    await page.getByRole("search").getByRole("button", { name: "Tìm" }).click();
    await expect(page.getByTestId("courses-count")).toHaveText("Tìm thấy 1 khóa học.");
  }
});

test("the demo has this year's approved plan, and the demo learner's class is on their schedule", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.provinceAdmin.email, DEMO_PASSWORD);
  await page.goto("/plans");
  await expect(page.getByRole("link", { name: /Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm \d{4}/ })).toBeVisible();
  await page.context().clearCookies();
  await signIn(page, DEMO_ACCOUNTS.learner.email, DEMO_PASSWORD);
  await page.goto("/classes");
  await expect(page.getByRole("region", { name: "Lớp của tôi" }).getByRole("link", { name: /Chỉ số CCHC — đợt 1/ })).toBeVisible();
  await page.goto("/schedule");
  await expect(page.getByText("Lớp bồi dưỡng theo dõi, đánh giá Chỉ số CCHC — đợt 1").first()).toBeVisible();
});
