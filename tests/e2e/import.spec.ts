import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const HEADER = "Họ và tên;Email;Số điện thoại;Đơn vị (mã);Chức vụ;Ngạch;Loại";
const csv = (lines: string[]) => Buffer.from(`\uFEFF${[HEADER, ...lines].join("\r\n")}\r\n`, "utf8");

test("an admin previews a file with two bad rows, fixes it, imports it, and the people appear", async ({ page, world }) => {
  const tag = Date.now().toString(36);
  const a = world.units.communeA.code;
  const people = ["Nguyễn Thị Mai", "Trần Văn Tâm", "Lê Hoàng Phúc", "Phạm Thu Hà"];
  const mail = (i: number) => `nhap.${i}.${tag}@e2e.taphuan.vn`;
  const good = (i: number, unit = a) => `${people[i]};${mail(i)};0905 12${i} 456;${unit};Chuyên viên;Chuyên viên;công chức`;

  await page.setViewportSize({ width: 360, height: 740 }); // an official's phone
  await signIn(page, world.users.unitAdminA!.email, world.password);
  await page.goto("/people/import");
  await expect(page.getByRole("heading", { level: 1, name: "Nhập cán bộ từ tệp" })).toBeVisible();
  const input = page.getByLabel("Tệp danh sách cán bộ");

  // Row 3: a bad e-mail. Row 5: another commune, outside this admin's scope — reported as unknown.
  await input.setInputFiles({
    name: "danh-sach.csv",
    mimeType: "text/csv",
    buffer: csv([good(0), `${people[1]};khong-phai-thu;;${a};;;`, good(2), good(3, world.units.communeB.code)]),
  });
  await expect(page.getByTestId("import-counts")).toContainText("4 dòng: 2 hợp lệ, 2 có lỗi.");
  const table = page.getByRole("table", { name: "Các dòng trong tệp, kèm mọi lỗi của từng dòng" });
  const row = (line: number) => table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: String(line), exact: true }) });
  await expect(row(3)).toContainText("Thư điện tử: Thư điện tử không hợp lệ.");
  await expect(row(5)).toContainText(`Mã đơn vị: Không có đơn vị mã «${world.units.communeB.code}» trong phạm vi bạn được nhập cán bộ.`);
  await expect(page.locator("body")).not.toContainText(world.units.communeB.name);
  // Only the rows with errors are listed at first.
  await expect(row(2)).toHaveCount(0);
  expect(await violations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  const importAll = page.getByRole("button", { name: "Nhập tất cả" });
  await expect(importAll).toBeDisabled();
  await expect(importAll).toHaveAccessibleDescription(/Tệp còn dòng có lỗi/);
  // Choosing "only the valid rows" would allow it; the admin prefers to fix the file.
  const validOnly = page.getByLabel(/Chỉ nhập các dòng hợp lệ \(2 dòng\)/);
  await validOnly.check();
  await expect(page.getByRole("button", { name: "Nhập 2 dòng hợp lệ" })).toBeEnabled();
  await validOnly.uncheck();
  await expect(importAll).toBeDisabled();

  await input.setInputFiles({ name: "danh-sach.csv", mimeType: "text/csv", buffer: csv([good(0), good(1), good(2), good(3)]) });
  await expect(page.getByTestId("import-counts")).toContainText("4 dòng: 4 hợp lệ, 0 có lỗi.");
  await expect(row(5)).toContainText("Hợp lệ");
  await importAll.click();
  await expect(page.getByRole("status").filter({ hasText: "Đã nhập 4 cán bộ." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Xem danh sách cán bộ" })).toHaveAttribute("href", "/people");

  await page.goto(`/units/${world.units.communeA.id}`);
  const members = page.getByRole("region", { name: /Cán bộ, công chức, viên chức/ });
  for (const name of people) await expect(members.getByRole("link", { name })).toBeVisible();
});

test("the import refuses a file that is not a spreadsheet, whatever its name, and people without the permission", async ({ page, world }) => {
  await signIn(page, world.users.unitAdminA!.email, world.password);
  await page.goto("/people/import");
  await page.getByLabel("Tệp danh sách cán bộ").setInputFiles({
    name: "danh-sach.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  });
  await expect(page.getByRole("alert").filter({ hasText: "Chỉ nhận tệp Excel (.xlsx) hoặc CSV mã hóa UTF-8" })).toBeVisible();

  // The template downloads with the Vietnamese headers.
  const res = await page.request.get("/api/imports/template?format=csv");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toContain('attachment; filename="mau-nhap-can-bo.csv"');
  expect(await res.text()).toContain("Họ và tên,Email,Số điện thoại,Đơn vị (mã),Chức vụ,Ngạch,Loại (cán bộ/công chức/viên chức)");

  // A cross-site post is refused before anything is read.
  const forged = await page.request.post("/api/imports/commit?mode=all&name=x.csv", {
    headers: { origin: "https://evil.example", "content-type": "application/octet-stream" },
    data: csv([`Kẻ Lạ;la@e2e.taphuan.vn;;${world.units.communeA.code};;;`]),
  });
  expect(forged.status()).toBe(403);

  await page.context().clearCookies();
  await signIn(page, world.users.learner!.email, world.password);
  expect((await page.goto("/people/import"))?.status()).toBe(404);
  const denied = await page.request.post("/api/imports/preview?name=x.csv", {
    headers: { origin: new URL(page.url()).origin, "content-type": "application/octet-stream" },
    data: csv([`Kẻ Lạ;la@e2e.taphuan.vn;;${world.units.communeA.code};;;`]),
  });
  expect(denied.status()).toBe(403);
});
