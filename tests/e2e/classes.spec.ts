import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { E2eClassSetup } from "@/lib/testing/class-factories";
import { expect, signIn, test } from "./fixtures";

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function fitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(360);
}

test("the province admin opens a class; a commune admin nominates within the quota; the learner sees the class and is told", async ({ page, world, request }) => {
  const res = await request.post("/api/test-support", {
    headers: { "x-e2e-token": process.env.TAPHUAN_E2E_TOKEN! },
    data: { action: "classSetup", provinceId: world.units.province.id, communeAId: world.units.communeA.id },
  });
  expect(res.status(), await res.text()).toBe(200);
  const setup = (await res.json()) as E2eClassSetup;
  test.slow(); // three people, seven pages with accessibility checks
  const learner = world.users.learner!;
  const [first, second] = setup.officials;
  await page.setViewportSize({ width: 360, height: 740 });

  // The province admin opens a class against the plan item, with one session.
  await signIn(page, world.users.provinceAdmin!.email, world.password);
  await page.goto(`/classes/new?planItemId=${setup.planItemId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Mở lớp" })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await fitsPhone(page);
  const code = `LOP-${Date.now().toString(36).toUpperCase()}`;
  await page.getByLabel("Mã lớp").fill(code);
  await page.getByLabel("Tên lớp").fill("Lớp chứng thực điện tử đợt 1");
  await page.getByLabel("Số chỗ").fill("0");
  await page.getByRole("button", { name: "Mở lớp" }).click();
  await expect(page.getByLabel("Số chỗ")).toHaveAccessibleDescription("Số chỗ phải là số nguyên từ 1 trở lên.");
  await page.getByLabel("Số chỗ").fill("30");
  await page.getByRole("button", { name: "Mở lớp" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lớp chứng thực điện tử đợt 1" })).toBeVisible();
  const classUrl = page.url();

  const sessionForm = page.getByRole("region", { name: "Thêm buổi học" });
  await sessionForm.getByLabel("Ngày").fill("2027-05-10");
  await sessionForm.getByLabel("Bắt đầu (giờ:phút)").fill("08:00");
  await sessionForm.getByLabel("Kết thúc (giờ:phút)").fill("11:30");
  await sessionForm.getByLabel("Địa điểm").fill("Hội trường UBND tỉnh");
  await sessionForm.getByRole("button", { name: "Thêm buổi học" }).click();
  await expect(sessionForm.getByRole("status")).toHaveText("Đã lưu buổi học.");
  await expect(page.getByRole("region", { name: "Lịch học" })).toContainText("10/05/2027 08:00–11:30");
  // A session added by mistake is removed after a question naming it, and the page says so.
  await sessionForm.getByLabel("Ngày").fill("2027-05-12");
  await sessionForm.getByLabel("Bắt đầu (giờ:phút)").fill("14:00");
  await sessionForm.getByLabel("Kết thúc (giờ:phút)").fill("16:00");
  await sessionForm.getByRole("button", { name: "Thêm buổi học" }).click();
  await expect(page.getByRole("region", { name: "Lịch học" })).toContainText("12/05/2027 14:00–16:00");
  await page.getByRole("region", { name: "Lịch học" }).getByRole("listitem").filter({ hasText: "12/05/2027 14:00–16:00" }).getByRole("button", { name: "Xóa buổi học" }).click();
  const ask = page.getByRole("dialog", { name: /^Xóa buổi học 12\/05\/2027 14:00–16:00\?/ });
  await expect(ask.getByRole("button", { name: "Quay lại" })).toBeFocused();
  await ask.getByRole("button", { name: "Xóa buổi học" }).click();
  await expect(page.getByTestId("announcer")).toContainText("Đã xóa buổi học.");
  await expect(page.getByRole("region", { name: "Lịch học" })).not.toContainText("12/05/2027");
  expect(await violations(page)).toEqual([]);
  await fitsPhone(page);

  // The commune A admin nominates two officials of commune A; a third is refused for the quota.
  await page.context().clearCookies();
  await signIn(page, world.users.unitAdminA!.email, world.password);
  await page.goto("/classes");
  await page.getByRole("link", { name: "Lớp chứng thực điện tử đợt 1" }).click();
  await expect(page).toHaveURL(classUrl);
  await expect(page.getByRole("region", { name: "Chỉ tiêu của đơn vị bạn" })).toContainText("đã dùng 0/2, còn 2");
  expect(await violations(page)).toEqual([]);
  await fitsPhone(page);
  const nominate = page.getByRole("region", { name: "Cử cán bộ đi học" });
  await nominate.getByRole("checkbox", { name: new RegExp(learner.fullName) }).check();
  await nominate.getByRole("checkbox", { name: new RegExp(first!.fullName) }).check();
  await nominate.getByRole("button", { name: "Cử đi học" }).click();
  await expect(nominate.getByRole("status")).toHaveText("Đã cử 2 người: Đã có chỗ: 2");
  const roster = page.getByRole("region", { name: "Danh sách học viên" });
  await expect(roster.getByRole("row").filter({ hasText: learner.fullName })).toContainText("Đã có chỗ");
  await expect(roster.getByRole("row").filter({ hasText: first!.fullName })).toContainText("Đã có chỗ");
  await expect(page.getByRole("region", { name: "Chỉ tiêu của đơn vị bạn" })).toContainText("đã dùng 2/2, còn 0");
  await nominate.getByRole("checkbox", { name: new RegExp(second!.fullName) }).check();
  await nominate.getByRole("button", { name: "Cử đi học" }).click();
  await expect(nominate).toContainText(`Vượt chỉ tiêu của ${world.units.communeA.name}: còn 0 chỗ, đề nghị cử 1 người.`);
  await expect(roster.getByRole("row").filter({ hasText: second!.fullName })).toHaveCount(0);
  // The picker says how many it shows, and finds a person typed without accents.
  await expect(page.getByTestId("candidates-shown")).toContainText("người phù hợp");
  await nominate.getByLabel(/Tìm người/).fill(second!.fullName.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase());
  await nominate.getByRole("button", { name: "Tìm", exact: true }).click();
  await expect(page).toHaveURL(/\?q=/);
  await expect(page.getByTestId("candidates-shown")).toHaveText(/^\d+ người phù hợp\.$/);
  await expect(nominate.getByRole("checkbox", { name: new RegExp(second!.fullName) })).toBeVisible();

  // The learner sees the class under «Lớp của tôi» and the notification.
  await page.context().clearCookies();
  await signIn(page, learner.email, world.password);
  await page.goto("/classes");
  const mine = page.getByRole("region", { name: "Lớp của tôi" });
  await expect(mine.getByRole("link", { name: "Lớp chứng thực điện tử đợt 1" })).toBeVisible();
  await expect(mine).toContainText("Trạng thái của bạn: Đã có chỗ");
  expect(await violations(page)).toEqual([]);
  await fitsPhone(page);
  await page.goto("/notifications");
  await expect(page.getByRole("heading", { level: 2, name: "Được cử tham gia Lớp chứng thực điện tử đợt 1" })).toBeVisible();
  await expect(page.getByText("10/05/2027 08:00–11:30, Hội trường UBND tỉnh", { exact: false })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await fitsPhone(page);
  await page.getByRole("button", { name: "Đánh dấu đã đọc" }).first().click();
  await expect(page.getByRole("button", { name: "Đánh dấu đã đọc" })).toHaveCount(0);
  await page.goto(classUrl);
  await expect(page.getByRole("region", { name: "Lớp của tôi" })).toContainText("Trạng thái của bạn: Đã có chỗ");
  expect(await violations(page)).toEqual([]);
});
