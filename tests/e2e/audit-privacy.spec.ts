import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

async function failSignIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Thư điện tử").fill(email);
  await page.getByLabel("Mật khẩu").fill("mat-khau-sai-hoan-toan");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByLabel("Mật khẩu")).toHaveAccessibleDescription("Thư điện tử hoặc mật khẩu không đúng.");
}

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const rows = (page: Page) => page.getByTestId("audit-row");

test("an admin sees a failed sign-in and a refused cross-commune access in the log", async ({ page, world }) => {
  const learner = world.users.learner!;
  const unitAdminA = world.users.unitAdminA!;
  await failSignIn(page, learner.email);

  // A commune admin tries another commune's page, twice: refused, and logged once.
  await signIn(page, unitAdminA.email, world.password);
  for (let i = 0; i < 2; i++) expect((await page.goto(`/units/${world.units.communeB.id}`))?.status()).toBe(404);
  await page.context().clearCookies();

  await signIn(page, world.users.provinceAdmin!.email, world.password);
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Nhật ký" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nhật ký hệ thống" })).toBeVisible();

  const filters = page.getByRole("search");
  await filters.getByLabel("Loại sự kiện").fill("auth.signInFailed");
  await filters.getByLabel("Người thực hiện").fill(learner.email);
  await filters.getByRole("button", { name: "Lọc" }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText("Đăng nhập thất bại");
  await expect(rows(page)).toContainText(learner.email);
  await expect(rows(page).getByRole("link", { name: learner.fullName })).toHaveAttribute("href", `/people/${learner.id}`);

  await filters.getByLabel("Loại sự kiện").fill("access.denied");
  await filters.getByLabel("Người thực hiện").fill("pham thi hong"); // no diacritics needed
  await filters.getByRole("button", { name: "Lọc" }).click();
  await expect(rows(page)).toHaveCount(1);
  const row = rows(page).first();
  await expect(row).toContainText("Truy cập bị từ chối");
  // The path asked for, without the id (issue 9: the log showed ids and JSON).
  await expect(row).toContainText("/units/…");
  await expect(page.getByRole("table")).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-|[{}]/);
  await expect(row).toContainText("Ngoài phạm vi hoặc không tồn tại");
  // Each actor links to their person page.
  await expect(row.getByRole("link", { name: unitAdminA.fullName })).toHaveAttribute("href", `/people/${unitAdminA.id}`);
  await row.getByRole("link", { name: unitAdminA.fullName }).click();
  await expect(page.getByRole("heading", { level: 1, name: unitAdminA.fullName })).toBeVisible();
});

test("the log and the privacy pages meet WCAG 2.1 AA at 360 px", async ({ page, world }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 360, height: 740 });
  await failSignIn(page, world.users.learnerB!.email);
  await signIn(page, world.users.provinceAdmin!.email, world.password);
  for (const url of ["/audit", "/audit?from=2026-13-01", "/privacy", `/people/${world.users.learnerB!.id}/privacy`]) {
    await page.goto(url);
    expect(await violations(page), url).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(360);
  }
  await page.goto("/audit");
  await expect(rows(page).first()).toBeVisible();
  // A learner has no log: not found, and the refusal is itself logged.
  await page.context().clearCookies();
  await signIn(page, world.users.learner!.email, world.password);
  expect((await page.goto("/audit"))?.status()).toBe(404);
});

test("a learner reads the notice and downloads all of their data", async ({ page, world, request, baseURL }) => {
  const learner = world.users.learner!;
  // The notice is public, linked from the sign-in page.
  await page.goto("/login");
  await page.getByRole("link", { name: "Bảo vệ dữ liệu cá nhân" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bảo vệ dữ liệu cá nhân" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Quyền của bạn" })).toBeVisible();
  await expect(page.getByText("91/2025/QH15").first()).toBeVisible();
  // Signed out, there is no data to download.
  const anonymous = await request.post("/api/me/data", { headers: { origin: baseURL! } });
  expect(anonymous.status()).toBe(401);
  // A GET changes nothing and is not served; a POST from another site is refused.
  expect((await request.get("/api/me/data")).status()).toBe(405);
  expect(anonymous.headers()["cache-control"]).toBe("no-store");

  await signIn(page, learner.email, world.password);
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Hồ sơ của tôi" }).click();
  await page.getByRole("link", { name: "Dữ liệu cá nhân và quyền của bạn" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải dữ liệu của tôi (JSON)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^taphuan-du-lieu-ca-nhan-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile((await download.path())!, "utf8");
  const data = JSON.parse(text);
  expect(data).toMatchObject({
    format: "taphuan.personal-data/1",
    subject: learner.id,
    profile: { id: learner.id, email: learner.email, fullName: learner.fullName },
    unit: { id: world.units.communeA.id, name: world.units.communeA.name },
    roles: [{ role: "LEARNER", unit: { id: world.units.communeA.id } }],
  });
  expect(data.signIns.some((s: { outcome: string }) => s.outcome === "success")).toBe(true);
  for (const [key, other] of Object.entries(world.users)) {
    if (key === "learner") continue;
    expect(text, key).not.toContain(other!.email);
    expect(text, key).not.toContain(other!.id);
  }

  expect((await page.request.post("/api/me/data", { headers: { origin: "https://evil.example" } })).status()).toBe(403);
  const res = await page.request.post("/api/me/data", { headers: { origin: baseURL! } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="taphuan-du-lieu-ca-nhan-/);
  expect(res.headers()["cache-control"]).toBe("no-store");
  expect(res.headers()["content-type"]).toBe("application/json; charset=utf-8");
});

test("a province admin anonymises a departed official, who then cannot sign in", async ({ page, browser, world, baseURL }) => {
  test.setTimeout(45_000);
  const departed = world.users.learnerB!;
  // The official is signed in elsewhere, and someone once mistyped their password.
  const elsewhere = await browser.newContext({ baseURL });
  const theirPage = await elsewhere.newPage();
  await signIn(theirPage, departed.email, world.password);
  await failSignIn(page, departed.email);

  await signIn(page, world.users.provinceAdmin!.email, world.password);
  await page.goto(`/people/${departed.id}/privacy`);
  await expect(page.getByRole("heading", { level: 1, name: departed.fullName })).toBeVisible();
  const form = page.locator("form", { has: page.getByRole("button", { name: "Ẩn danh vĩnh viễn" }) });
  const confirm = form.getByLabel(`Gõ lại họ tên “${departed.fullName}” để xác nhận`);

  // A forged id is refused, changes nothing, and is logged as a refused access.
  const forged = randomUUID();
  await form.locator('input[name="id"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), forged);
  await confirm.fill(departed.fullName);
  await form.getByRole("button", { name: "Ẩn danh vĩnh viễn" }).click();
  await expect(form.getByRole("alert").filter({ hasText: "Không tìm thấy" })).toBeVisible();
  await page.reload();

  // The name must be typed again exactly (letter case aside).
  await confirm.fill("Đặng Văn Trong");
  await form.getByRole("button", { name: "Ẩn danh vĩnh viễn" }).click();
  await expect(confirm).toHaveAccessibleDescription("Họ tên gõ lại không khớp với họ tên của người này.");
  await confirm.fill(departed.fullName.toLowerCase());
  await form.getByRole("button", { name: "Ẩn danh vĩnh viễn" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã ẩn danh tài khoản.");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Người dùng đã ẩn danh");
  await expect(page.getByText("Đã ẩn danh", { exact: true })).toBeVisible();

  // The log about them no longer names them.
  await page.goto(`/audit?entityId=${departed.id}`);
  await expect(rows(page).filter({ hasText: "Ẩn danh cán bộ" })).toHaveCount(1);
  await expect(rows(page).filter({ hasText: "Đăng nhập thất bại" })).toHaveCount(1);
  await expect(page.locator("main")).not.toContainText(departed.email);
  await expect(page.locator("main")).not.toContainText(departed.fullName);
  await page.goto(`/audit?action=access.denied&entityId=${forged}`);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText("person.anonymise");

  // Their open session has ended, and they cannot sign in again.
  await theirPage.reload();
  await expect(theirPage).toHaveURL(/\/login/);
  await elsewhere.close();
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Thư điện tử").fill(departed.email);
  await page.getByLabel("Mật khẩu").fill(world.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByLabel("Mật khẩu")).toHaveAccessibleDescription("Thư điện tử hoặc mật khẩu không đúng.");
});
