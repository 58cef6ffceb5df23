import type { Browser, Page } from "@playwright/test";
import { addSessionNow, expect, signIn, test, vnClock } from "./fixtures";

// Issue 5's journey through the interface: the province admin plans an item with quotas and opens
// a class against it; a commune admin nominates two officials; one of them checks in by the
// trainer's QR code; the trainer sees the attendance.

async function phone(browser: Browser, baseURL: string | undefined, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh", viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

test("plan item with quotas → class → two nominations → a QR check-in → the trainer's roster", async ({ page, world, browser, baseURL }) => {
  test.setTimeout(150_000);
  const { communeA } = world.units;
  const learner = world.users.learner!;
  const colleague = world.users.unitAdminA!; // an official of commune A too
  const tag = Date.now().toString(36).toUpperCase();
  const courseRes = await page.request.post("/api/test-support", {
    headers: { "x-e2e-token": process.env.TAPHUAN_E2E_TOKEN! },
    data: { action: "publishedCourse", ownerUnitId: world.units.province.id, trainerId: world.users.trainer!.id, title: `Số hóa hồ sơ một cửa ${tag}` },
  });
  expect(courseRes.status(), await courseRes.text()).toBe(200);
  const course = (await courseRes.json()) as { id: string; code: string; title: string };

  // The province admin: this year's plan, an item for the course, a quota of 2 for commune A, approved.
  await signIn(page, world.users.provinceAdmin!.email, world.password);
  await page.goto("/plans");
  await page.getByLabel("Năm kế hoạch").fill(vnClock(0).date.slice(0, 4));
  await page.getByRole("button", { name: /^Tạo kế hoạch năm/ }).click();
  await expect(page.getByTestId("plan-status")).toHaveText("Dự thảo");
  const planUrl = page.url();
  await page.getByRole("link", { name: "Thêm nội dung" }).click();
  await page.getByLabel("Nội dung", { exact: true }).fill("Bồi dưỡng số hóa hồ sơ tại bộ phận một cửa");
  await page.getByLabel("Khóa học").selectOption({ label: `${course.title} (${course.code})` });
  await page.getByRole("checkbox", { name: "Công chức", exact: true }).check();
  await page.getByLabel("Số lớp").fill("1");
  await page.getByLabel("Số học viên").fill("30");
  await page.getByLabel("Quý").selectOption(String(Math.floor((Number(vnClock(0).date.slice(5, 7)) - 1) / 3) + 1));
  await page.getByLabel("Kinh phí (đồng)").fill("12.000.000");
  await page.getByLabel("Nguồn kinh phí").fill("Ngân sách tỉnh");
  await page.getByRole("button", { name: "Thêm nội dung" }).click();
  await expect(page).toHaveURL(planUrl);
  await page.getByRole("link", { name: /^Sửa nội dung 1:/ }).click();
  const quotas = page.getByRole("region", { name: "Chỉ tiêu theo đơn vị" });
  await quotas.getByLabel("Đơn vị").selectOption(communeA.id);
  await quotas.getByLabel("Số chỉ tiêu").fill("2");
  await quotas.getByRole("button", { name: "Lưu chỉ tiêu" }).click();
  await expect(quotas.getByRole("status")).toHaveText("Đã lưu chỉ tiêu.");
  await page.goto(planUrl);
  const approve = page.getByRole("region", { name: "Phê duyệt kế hoạch" });
  await approve.getByLabel("Tôi đã rà soát và xác nhận phê duyệt kế hoạch này").check();
  await approve.getByRole("button", { name: "Phê duyệt kế hoạch" }).click();
  await expect(page.getByTestId("plan-status")).toHaveText("Đã phê duyệt");

  // …opens a class from the plan item, with a session running now, taught by the trainer.
  await page.getByRole("link", { name: "Mở lớp" }).first().click();
  await page.getByLabel("Mã lớp").fill(`LOP-${tag}`);
  await page.getByLabel("Tên lớp").fill(`Lớp số hóa hồ sơ ${tag}`);
  await page.getByLabel("Số chỗ").fill("30");
  await page.getByRole("button", { name: "Mở lớp" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Lớp số hóa hồ sơ ${tag}` })).toBeVisible();
  const classUrl = page.url();
  const { today, start } = await addSessionNow(page, { place: "Hội trường Sở Nội vụ", trainer: world.users.trainer!.fullName });

  // The commune A admin nominates two officials of the commune.
  const admin = await phone(browser, baseURL, colleague.email, world.password);
  await admin.goto(classUrl);
  const nominate = admin.getByRole("region", { name: "Cử cán bộ đi học" });
  await nominate.getByRole("checkbox", { name: new RegExp(learner.fullName) }).check();
  await nominate.getByRole("checkbox", { name: new RegExp(colleague.fullName) }).check();
  await nominate.getByRole("button", { name: "Cử đi học" }).click();
  await expect(nominate.getByRole("status")).toHaveText("Đã cử 2 người: Đã có chỗ: 2");
  await admin.context().close();

  // The province admin moves the session to another room: everyone enrolled is told.
  await page.goto(classUrl);
  await page.getByText("Sửa buổi học").click();
  const edit = page.getByRole("form", { name: `Sửa buổi học ${today} ${start}` });
  await edit.getByLabel("Địa điểm").fill("Phòng họp số 2, Sở Nội vụ");
  await edit.getByRole("button", { name: "Lưu buổi học" }).click();
  await expect(page.getByRole("region", { name: "Lịch học" })).toContainText("Phòng họp số 2, Sở Nội vụ");

  // The trainer shows the session's QR code; the learner scans it (opens its address).
  const trainer = await phone(browser, baseURL, world.users.trainer!.email, world.password);
  await trainer.goto("/schedule");
  await trainer.getByTestId("schedule-upcoming").getByRole("link", { name: "Điểm danh" }).first().click();
  await expect(trainer).toHaveURL(/\/sessions\/[0-9a-f-]{36}\/attendance$/);
  const rosterUrl = trainer.url();
  await trainer.getByRole("link", { name: "Hiện mã QR" }).click();
  await expect(trainer.getByRole("img", { name: "Mã QR điểm danh buổi học" })).toBeVisible();
  const checkinUrl = await trainer.getByTestId("qr-panel").getAttribute("data-checkin-url");
  expect(checkinUrl).toMatch(/\/checkin\/[0-9a-f-]{36}\?t=/);
  const learnerPhone = await phone(browser, baseURL, learner.email, world.password);
  await learnerPhone.goto(checkinUrl!);
  await learnerPhone.getByRole("button", { name: "Xác nhận có mặt" }).click();
  await expect(learnerPhone.getByRole("heading", { level: 1, name: "Đã điểm danh" })).toBeVisible();
  await learnerPhone.goto("/notifications");
  // The class is named once, not "Lớp Lớp …".
  await expect(learnerPhone.getByRole("heading", { level: 2, name: `Lớp số hóa hồ sơ ${tag} có thay đổi` })).toBeVisible();
  await learnerPhone.context().close();

  // The trainer's roster: the learner present by QR, the colleague not yet marked.
  await trainer.goto(rosterUrl);
  const row = (name: string) => trainer.getByTestId("roster-row").filter({ has: trainer.getByRole("group", { name }) });
  await expect(row(learner.fullName)).toHaveAttribute("data-status", "PRESENT");
  await expect(row(learner.fullName)).toContainText("qua mã QR");
  await expect(row(colleague.fullName)).toHaveAttribute("data-status", "");
  await expect(trainer.getByTestId("count-PRESENT")).toHaveText("Có mặt: 1");
  await trainer.context().close();
});
