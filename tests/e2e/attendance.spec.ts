import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { E2eAttendanceClass } from "@/lib/testing/class-factories-attendance";
import type { E2eWorld } from "@/lib/testing/factories";
import { expect, signIn, test } from "./fixtures";

// Issue 5, attendance: the trainer shows the session's QR code, a learner scans it (opens its URL)
// and is checked in; the roster shows it; the trainer marks a second learner by hand.

async function attendanceClass(page: Page, world: E2eWorld): Promise<E2eAttendanceClass> {
  const res = await page.request.post("/api/test-support", {
    headers: { "x-e2e-token": process.env.TAPHUAN_E2E_TOKEN! },
    data: {
      action: "attendanceSetup",
      organiserUnitId: world.units.province.id,
      trainerId: world.users.trainer!.id,
      learnerIds: [world.users.learner!.id, world.users.learnerB!.id],
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function expectAccessibleAt360(page: Page, what: string) {
  expect(await violations(page), what).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(360);
}

const row = (page: Page, name: string) => page.getByTestId("roster-row").filter({ has: page.getByRole("group", { name }) });

test("a learner checks in by the trainer's QR code; the trainer sees it and marks another learner", async ({ page, world, browser, baseURL }) => {
  test.setTimeout(90_000);
  const c = await attendanceClass(page, world);
  const learner = world.users.learner!;
  const learnerB = world.users.learnerB!;
  // The learner's phone is not signed in yet: scanning leads to the sign-in page and back.
  const learnerContext = await browser.newContext({ baseURL, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh", viewport: { width: 360, height: 740 } });
  const learnerPhone = await learnerContext.newPage();

  // The trainer's phone shows the QR code of the running session.
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, world.users.trainer!.email, world.password);
  await page.goto("/schedule");
  await expect(page.getByRole("heading", { level: 1, name: "Lịch của tôi" })).toBeVisible();
  await expect(page.getByTestId("schedule-upcoming").getByText(c.classTitle)).toBeVisible();
  await expectAccessibleAt360(page, "schedule");
  await page.getByRole("link", { name: "Điểm danh" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${c.sessionId}/attendance$`));
  await page.getByRole("link", { name: "Hiện mã QR" }).click();
  await expect(page.getByRole("img", { name: "Mã QR điểm danh buổi học" })).toBeVisible();
  await expectAccessibleAt360(page, "qr");
  const url = await page.getByTestId("qr-panel").getAttribute("data-checkin-url");
  expect(url).toMatch(new RegExp(`/checkin/${c.sessionId}\\?t=[A-Za-z0-9_-]{22}$`));

  // The learner "scans" it: opens the URL on their phone, signs in, and is brought back to it.
  await learnerPhone.goto(url!);
  await expect(learnerPhone).toHaveURL(/\/login\?next=/);
  await learnerPhone.getByLabel("Thư điện tử").fill(learner.email);
  await learnerPhone.getByLabel("Mật khẩu").fill(world.password);
  await learnerPhone.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(learnerPhone).toHaveURL(new RegExp(`/checkin/${c.sessionId}\\?t=`));
  // Opening the link records nothing (no state change on GET): the learner confirms.
  await expect(learnerPhone.getByRole("heading", { level: 1, name: "Điểm danh buổi học" })).toBeVisible();
  await expectAccessibleAt360(learnerPhone, "checkin-confirm");
  await learnerPhone.getByRole("button", { name: "Xác nhận có mặt" }).click();
  await expect(learnerPhone.getByRole("heading", { level: 1, name: "Đã điểm danh" })).toBeVisible();
  await expect(learnerPhone.getByTestId("checkin-result")).toHaveAttribute("data-status", "PRESENT");
  await expect(learnerPhone.getByText(c.classTitle)).toBeVisible();
  await expectAccessibleAt360(learnerPhone, "checkin");
  // A forged code is refused with a clear message once confirmed.
  await learnerPhone.goto(`/checkin/${c.sessionId}?t=AAAAAAAAAAAAAAAAAAAAAA`);
  await learnerPhone.getByRole("button", { name: "Xác nhận có mặt" }).click();
  await expect(learnerPhone.getByTestId("checkin-error")).toContainText("Mã điểm danh đã hết hạn hoặc không đúng");

  // The trainer's roster shows the learner present, by QR; the trainer marks learner B excused.
  await page.getByRole("link", { name: "Về danh sách điểm danh" }).click();
  await expect(row(page, learner.fullName)).toHaveAttribute("data-status", "PRESENT");
  await expect(row(page, learner.fullName)).toContainText("qua mã QR");
  await expect(row(page, learnerB.fullName)).toHaveAttribute("data-status", "");
  await expect(page.getByTestId("count-PRESENT")).toHaveText("Có mặt: 1");
  await expectAccessibleAt360(page, "roster");
  await row(page, learnerB.fullName).getByText("Vắng có phép").click();
  await expect(page.getByTestId("count-EXCUSED")).toHaveText("Vắng có phép: 1");
  await page.getByRole("button", { name: "Lưu điểm danh" }).click();
  await expect(page.getByText("Đã lưu điểm danh (1 thay đổi).")).toBeVisible();
  await page.reload();
  await expect(row(page, learnerB.fullName)).toHaveAttribute("data-status", "EXCUSED");
  await expect(row(page, learner.fullName)).toHaveAttribute("data-status", "PRESENT");
  await expect(page.getByTestId("count-UNMARKED")).toHaveText("Chưa điểm danh: 0");

  // The trainer reaches the class they teach: from "Lớp học" and from the roster's heading (issue 9: it was a 404).
  await page.goto("/classes");
  const taught = page.getByRole("region", { name: "Lớp tôi giảng dạy" });
  await taught.getByRole("link", { name: c.classTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: c.classTitle })).toBeVisible();
  await expect(page.getByRole("region", { name: "Danh sách học viên" })).toContainText(learnerB.fullName);
  await expect(page.getByRole("button", { name: /Rút/ })).toHaveCount(0);
  await page.getByRole("link", { name: "Điểm danh buổi này" }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${c.sessionId}/attendance$`));
  await page.getByRole("link", { name: c.classTitle }).click();
  await expect(page).toHaveURL(new RegExp(`/classes/[0-9a-f-]{36}$`));

  // The learner's own schedule has the class; their .ics download has the session's event.
  await learnerPhone.goto("/schedule");
  await expect(learnerPhone.getByText(c.classTitle)).toBeVisible();
  const ics = await learnerPhone.request.get("/api/schedule.ics");
  expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(await ics.text()).toContain(`UID:${c.sessionId}@taphuan`);
  // The learner may not open the roster.
  const refused = await learnerPhone.goto(`/sessions/${c.sessionId}/attendance`);
  expect(refused?.status()).toBe(404);
  await learnerPhone.context().close();
});

test("the private calendar URL is shown once, works without a session, and stops when replaced or turned off", async ({ page, world, browser, baseURL }) => {
  test.setTimeout(60_000);
  const c = await attendanceClass(page, world);
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, world.users.learner!.email, world.password);
  await page.goto("/schedule");
  await page.getByRole("button", { name: "Đăng ký lịch" }).click();
  const field = page.getByRole("textbox", { name: "Đường dẫn lịch riêng" });
  await expect(field).toHaveValue(/\/api\/calendar\/[A-Za-z0-9_-]{43}$/);
  const first = await field.inputValue();
  await expectAccessibleAt360(page, "schedule with feed");

  const anonymous = await browser.newContext({ baseURL });
  const feed = await anonymous.request.get(first);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(await feed.text()).toContain(`UID:${c.sessionId}@taphuan`);

  await page.reload();
  await expect(page.getByRole("textbox", { name: "Đường dẫn lịch riêng" })).toHaveCount(0); // shown once only
  // Replacing the link is asked first: going back changes nothing.
  await page.getByRole("button", { name: "Tạo đường dẫn mới" }).click();
  const rotate = page.getByRole("dialog", { name: /^Tạo đường dẫn lịch mới\?/ });
  await rotate.getByRole("button", { name: "Quay lại" }).click();
  await expect(rotate).toBeHidden();
  expect((await anonymous.request.get(first)).status()).toBe(200);
  await page.getByRole("button", { name: "Tạo đường dẫn mới" }).click();
  await rotate.getByRole("button", { name: "Tạo đường dẫn mới" }).click();
  await expect(page.getByRole("textbox", { name: "Đường dẫn lịch riêng" })).not.toHaveValue(first);
  const second = await page.getByRole("textbox", { name: "Đường dẫn lịch riêng" }).inputValue();
  expect((await anonymous.request.get(first)).status()).toBe(404);

  // Turning it off is asked too, and the page says it is done.
  await page.getByRole("button", { name: "Tắt đường dẫn lịch" }).click();
  await page.getByRole("dialog", { name: /^Tắt đường dẫn lịch riêng\?/ }).getByRole("button", { name: "Tắt đường dẫn lịch" }).click();
  await expect(page.getByTestId("announcer")).toContainText("Đã tắt đường dẫn lịch.");
  await expect(page.getByText("Bạn chưa có đường dẫn lịch riêng.")).toBeVisible();
  expect((await anonymous.request.get(second)).status()).toBe(404);
  await anonymous.close();
});
