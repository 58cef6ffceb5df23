import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The year after the current one in Vietnam: the plan the province prepares now. */
const nextYear = () => new Date(Date.now() + 7 * 3600_000).getUTCFullYear() + 1;

test("the province admin plans next year, gives quotas, approves, amends with a reason; a commune admin sees only their quota", async ({ page, world }) => {
  test.setTimeout(90_000);
  const year = nextYear();
  const { communeA, ward } = world.units;
  const title = "Bồi dưỡng kỹ năng xây dựng kế hoạch CCHC";

  await signIn(page, world.users.provinceAdmin!.email, world.password);
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Kế hoạch" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kế hoạch đào tạo, bồi dưỡng" })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.getByRole("button", { name: `Tạo kế hoạch năm ${year}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm ${year}` })).toBeVisible();
  await expect(page.getByTestId("plan-status")).toHaveText("Dự thảo");
  const planUrl = page.url();

  // Add an item; a budget that is not whole đồng is refused with a Vietnamese message under the field.
  await page.getByRole("link", { name: "Thêm nội dung" }).click();
  await page.getByLabel("Nội dung", { exact: true }).fill(title);
  await page.getByLabel("Lĩnh vực").selectOption({ label: "Xây dựng kế hoạch CCHC (KH-CCHC)" });
  await page.getByRole("checkbox", { name: "Công chức", exact: true }).check();
  await page.getByRole("checkbox", { name: "Lãnh đạo, quản lý" }).check();
  await page.getByLabel("Số lớp").fill("2");
  await page.getByLabel("Số học viên").fill("80");
  await page.getByLabel("Quý").selectOption("2");
  await page.getByLabel("Kinh phí (đồng)").fill("1,5 triệu");
  await page.getByLabel("Nguồn kinh phí").fill("Ngân sách tỉnh");
  await page.getByRole("button", { name: "Thêm nội dung" }).click();
  await expect(page.getByLabel("Kinh phí (đồng)")).toHaveAccessibleDescription(/Kinh phí phải là số đồng nguyên, không âm/);
  await page.getByLabel("Kinh phí (đồng)").fill("1.500.000");
  await page.getByRole("button", { name: "Thêm nội dung" }).click();
  await expect(page).toHaveURL(planUrl);
  const items = page.getByRole("table", { name: "Các nội dung của kế hoạch, kèm chỉ tiêu của từng đơn vị" });
  await expect(items.getByRole("row").filter({ hasText: title })).toContainText("1.500.000 đ");

  // Quotas for commune A and the ward; more than the item's participants is refused, naming both numbers.
  await items.getByRole("link", { name: `Sửa nội dung 1: ${title}` }).click();
  const quotas = page.getByRole("region", { name: "Chỉ tiêu theo đơn vị" });
  await quotas.getByLabel("Đơn vị").selectOption(communeA.id);
  await quotas.getByLabel("Số chỉ tiêu").fill("30");
  await quotas.getByRole("button", { name: "Lưu chỉ tiêu" }).click();
  await expect(quotas.getByRole("status")).toHaveText("Đã lưu chỉ tiêu.");
  await quotas.getByLabel("Đơn vị").selectOption(ward.id);
  await quotas.getByLabel("Số chỉ tiêu").fill("60");
  await quotas.getByRole("button", { name: "Lưu chỉ tiêu" }).click();
  await expect(quotas.getByLabel("Số chỉ tiêu")).toHaveAccessibleDescription("Tổng chỉ tiêu (90) vượt số học viên của nội dung (80).");
  await quotas.getByLabel("Số chỉ tiêu").fill("20");
  await quotas.getByRole("button", { name: "Lưu chỉ tiêu" }).click();
  await expect(quotas.getByRole("status")).toHaveText("Đã lưu chỉ tiêu.");
  await expect(page.getByTestId("quota-sum")).toHaveText("Đã giao 50/80 học viên");
  expect(await violations(page)).toEqual([]);

  // Approve, after confirming.
  await page.goto(planUrl);
  const approve = page.getByRole("region", { name: "Phê duyệt kế hoạch" });
  await approve.getByRole("button", { name: "Phê duyệt kế hoạch" }).click();
  await expect(approve.getByText("Hãy đánh dấu xác nhận trước khi phê duyệt.")).toBeVisible();
  await approve.getByLabel("Tôi đã rà soát và xác nhận phê duyệt kế hoạch này").check();
  await approve.getByRole("button", { name: "Phê duyệt kế hoạch" }).click();
  await expect(page.getByTestId("plan-status")).toHaveText("Đã phê duyệt");
  await expect(page.getByRole("region", { name: "Phê duyệt kế hoạch" })).toHaveCount(0);

  // A locked plan changes only with a reason, which the amendment history then shows.
  await items.getByRole("link", { name: `Sửa nội dung 1: ${title}` }).click();
  const itemForm = page.getByRole("form", { name: title });
  await itemForm.getByLabel("Số học viên").fill("90");
  await itemForm.getByRole("button", { name: "Lưu nội dung" }).click();
  await expect(itemForm.getByLabel("Lý do điều chỉnh")).toHaveAccessibleDescription(/hãy ghi lý do điều chỉnh \(ít nhất 10 ký tự\)/);
  await expect(itemForm.getByLabel("Số học viên")).toHaveValue("90");
  const reason = "Bổ sung học viên theo Công văn số 123/SNV-CCHC";
  await itemForm.getByLabel("Lý do điều chỉnh").fill(reason);
  await itemForm.getByRole("button", { name: "Lưu nội dung" }).click();
  await expect(itemForm.getByRole("status")).toHaveText("Đã lưu nội dung.");
  await page.goto(planUrl);
  const history = page.getByRole("region", { name: "Lịch sử điều chỉnh" });
  await expect(history).toContainText("Sửa nội dung 1");
  await expect(history).toContainText(`Lý do: ${reason}`);
  await expect(history).toContainText("Số học viên: 80 → 90");
  expect(await violations(page)).toEqual([]);

  // The export downloads as an attachment.
  const exported = await page.request.get(`${planUrl.replace(/\/plans\//, "/api/plans/")}/export`);
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-disposition"]).toContain("attachment;");

  // Commune A's admin: the approved plan, the item, commune A's quota only; read-only; on a phone.
  await page.context().clearCookies();
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, world.users.unitAdminA!.email, world.password);
  await page.goto("/plans");
  await page.getByRole("link", { name: `Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm ${year}` }).click();
  await expect(page).toHaveURL(planUrl);
  const card = page.getByRole("article", { name: `1. ${title}` });
  await expect(card).toContainText(`${communeA.name} (${communeA.code}): 30`);
  await expect(page.locator("body")).not.toContainText(ward.name);
  await expect(page.getByRole("link", { name: "Thêm nội dung" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Lịch sử điều chỉnh" })).toHaveCount(0);
  expect(await violations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect((await page.goto(`${planUrl}/import`))?.status()).toBe(404);
});

test("a draft plan is invisible to a commune admin and to a learner", async ({ page, world }) => {
  await signIn(page, world.users.provinceAdmin!.email, world.password);
  await page.goto("/plans");
  await page.getByRole("button", { name: /^Tạo kế hoạch năm/ }).click();
  await expect(page.getByTestId("plan-status")).toHaveText("Dự thảo");
  const planUrl = page.url();
  // One plan per year: a second one for the same year is refused, with the reason under the year.
  await page.goto("/plans");
  await page.getByRole("button", { name: /^Tạo kế hoạch năm/ }).click();
  await expect(page.getByLabel("Năm kế hoạch")).toHaveAccessibleDescription(/Đơn vị này đã có kế hoạch năm \d{4}\. Mỗi đơn vị chỉ có một kế hoạch cho mỗi năm/);
  await expect(page.getByTestId("plans").getByRole("listitem")).toHaveCount(1);

  for (const who of ["unitAdminA", "learner"] as const) {
    await page.context().clearCookies();
    await signIn(page, world.users[who]!.email, world.password);
    expect((await page.goto(planUrl))?.status(), who).toBe(404);
    if (who === "learner") {
      expect((await page.goto("/plans"))?.status()).toBe(404);
      await expect(page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Kế hoạch" })).toHaveCount(0);
    } else {
      await page.goto("/plans");
      await expect(page.getByText("Chưa có kế hoạch nào.")).toBeVisible();
    }
    expect((await page.request.get(`${planUrl.replace(/\/plans\//, "/api/plans/")}/export`)).status(), who).toBe(404);
  }
});

test("the province admin imports plan items from a spreadsheet: every error first, then all rows at once", async ({ page, world }) => {
  test.setTimeout(60_000);
  const ExcelJS = (await import("exceljs")).default;
  const { agency, communeA } = world.units;
  const sheet = async (rows: (string | number)[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Kế hoạch");
    ws.addRow(["STT", "Nội dung", "Lĩnh vực (mã)", "Mã khóa học", "Đối tượng", "Số lớp", "Số học viên", "Quý", "Cơ quan chủ trì (mã đơn vị)", "Kinh phí (đồng)", "Nguồn kinh phí", "Ghi chú", `Chỉ tiêu: ${communeA.code}`, "Chỉ tiêu: KHONG.CO"]);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const row = (title: string, quarter: number, budget: string, unknownQuota: number | "" = "") => [1, title, "TT-CCHC", "", "Cán bộ; Công chức", 1, 40, quarter, agency.code, budget, "Ngân sách tỉnh", "", 10, unknownQuota];

  await signIn(page, world.users.provinceAdmin!.email, world.password);
  await page.goto("/plans");
  await page.getByRole("button", { name: /^Tạo kế hoạch năm/ }).click();
  await expect(page.getByTestId("plan-status")).toHaveText("Dự thảo");
  const planUrl = page.url();
  await page.getByRole("link", { name: "Nhập nội dung và chỉ tiêu từ tệp Excel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nhập nội dung kế hoạch từ tệp" })).toBeVisible();
  const input = page.getByLabel("Tệp kế hoạch (.xlsx)");
  const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  await input.setInputFiles({
    name: "ke-hoach.xlsx",
    mimeType: xlsxType,
    buffer: await sheet([row("Tuyên truyền CCHC cho cán bộ xã", 1, "2.000.000"), row("Tập huấn dịch vụ công trực tuyến", 5, "abc"), row("Truyền thông trên mạng xã hội", 2, "0", 3)]),
  });
  await expect(page.getByTestId("plan-import-counts")).toHaveText("3 dòng: 1 hợp lệ, 2 có lỗi.");
  const table = page.getByRole("table", { name: "Các dòng trong tệp, kèm mọi lỗi của từng dòng" });
  const line = (n: number) => table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: String(n), exact: true }) });
  await expect(line(3)).toContainText("Quý: Quý phải là 1, 2, 3 hoặc 4.");
  await expect(line(3)).toContainText("Kinh phí (đồng): Kinh phí phải là số đồng nguyên, không âm");
  await expect(line(4)).toContainText("Chỉ tiêu: KHONG.CO: Không có đơn vị mã «KHONG.CO» trong phạm vi bạn quản lý kế hoạch.");
  await expect(page.getByRole("button", { name: "Nhập 1 nội dung" })).toBeDisabled();
  expect(await violations(page)).toEqual([]);

  await input.setInputFiles({ name: "ke-hoach.xlsx", mimeType: xlsxType, buffer: await sheet([row("Tuyên truyền CCHC cho cán bộ xã", 1, "2.000.000"), row("Tập huấn dịch vụ công trực tuyến", 3, "1500000")]) });
  await expect(page.getByTestId("plan-import-counts")).toHaveText("2 dòng: 2 hợp lệ, 0 có lỗi.");
  await page.getByRole("button", { name: "Nhập 2 nội dung" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã nhập 2 nội dung và 2 chỉ tiêu.");
  await page.getByRole("link", { name: "Về kế hoạch", exact: true }).click();
  await expect(page).toHaveURL(planUrl);
  await expect(page.getByTestId("total-budget")).toHaveText("3.500.000 đ");
  // The draft's page (order buttons, forms) meets WCAG 2.1 AA, on a phone too, as stacked cards.
  expect(await violations(page)).toEqual([]);
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(page.getByRole("article", { name: "2. Tập huấn dịch vụ công trực tuyến" })).toContainText("1.500.000 đ");
  await expect(page.getByRole("button", { name: "Chuyển nội dung 2 lên trên" })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByRole("button", { name: "Chuyển nội dung 2 lên trên" }).click();
  await expect(page.getByRole("article", { name: "1. Tập huấn dịch vụ công trực tuyến" })).toBeVisible();
});
