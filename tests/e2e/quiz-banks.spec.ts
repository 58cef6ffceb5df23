import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Line 5 is broken: its answer braces are never closed. */
const GIFT = [
  "$CATEGORY: CCHC/Một cửa",
  "",
  "::Tiếp nhận hồ sơ::Bộ phận nào tiếp nhận hồ sơ của công dân? {=Bộ phận một cửa ~Văn thư ~Lãnh đạo}",
  "",
  "::Câu hỏi hỏng::Câu này thiếu dấu đóng ngoặc {=Đúng ~Sai",
  "",
  "::Thời hạn giải quyết::Thời hạn trả kết quả được ghi trên giấy tiếp nhận. {T}",
  "",
].join("\n");

test("a province admin creates a bank, imports a GIFT file with one broken question, imports the valid ones and exports the bank", async ({ page, world }) => {
  test.setTimeout(90_000); // sign-in, five pages, two accessibility scans, an upload and a download
  const name = `Ngân hàng CCHC ${Date.now().toString(36)}`;
  await signIn(page, world.users.provinceAdmin!.email, world.password);
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Ngân hàng câu hỏi" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ngân hàng câu hỏi" })).toBeVisible();

  const create = page.getByRole("form", { name: "Tạo ngân hàng mới" });
  await create.getByLabel("Tên ngân hàng").fill(name);
  await create.getByLabel("Thuộc về").selectOption({ label: world.units.province.name });
  await create.getByRole("button", { name: "Tạo ngân hàng" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Danh mục" }).getByRole("link", { name: "Mặc định" })).toBeVisible();

  await page.getByRole("link", { name: "Nhập câu hỏi từ tệp" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nhập câu hỏi từ tệp" })).toBeVisible();
  await page.getByLabel("GIFT (Moodle)").check();
  await page.getByLabel("Tệp câu hỏi").setInputFiles({ name: "cchc.gift.txt", mimeType: "text/plain", buffer: Buffer.from(GIFT, "utf8") });
  await page.getByRole("button", { name: "Đọc tệp và xem trước" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Xem trước câu hỏi sẽ nhập" })).toBeVisible();
  await expect(page.getByTestId("import-counts")).toHaveText("Tìm thấy 3 câu hỏi: 2 hợp lệ, 1 có lỗi.");
  const broken = page.getByTestId("import-item").filter({ hasText: "Câu hỏi hỏng" });
  await expect(broken).toContainText("Có lỗi");
  await expect(broken).toContainText("Dòng 5:");
  await expect(page.getByTestId("import-item").filter({ hasText: "Tiếp nhận hồ sơ" })).toContainText("CCHC / Một cửa");
  expect(await violations(page)).toEqual([]);

  // Without the tick nothing is imported.
  const decide = page.getByRole("form", { name: "Nhập vào ngân hàng" });
  await decide.getByRole("button", { name: "Nhập 2 câu hỏi" }).click();
  await expect(decide.getByText("Tệp có 1 câu hỏi bị lỗi nên chưa nhập gì.", { exact: false })).toBeVisible();
  await decide.getByLabel("Chỉ nhập 2 câu hỏi hợp lệ").check();
  await decide.getByRole("button", { name: "Nhập 2 câu hỏi" }).click();

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Đã nhập 2 câu hỏi." })).toBeVisible();
  const rows = page.getByTestId("question-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Tiếp nhận hồ sơ" })).toContainText("Một lựa chọn");
  await expect(rows.filter({ hasText: "Thời hạn giải quyết" })).toContainText("Đúng/Sai");
  await expect(page.getByRole("link", { name: "Tiếp nhận hồ sơ" })).toHaveAttribute("href", /\/banks\/[0-9a-f-]{36}\/questions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("navigation", { name: "Danh mục" }).getByRole("link", { name: "Một cửa" })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Xuất cả ngân hàng (GIFT)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${name}.gift.txt`);
  const text = await readFile((await download.path())!, "utf8");
  expect(text).toContain("$CATEGORY: CCHC/Một cửa");
  expect(text).toContain("::Tiếp nhận hồ sơ::");
  expect(text).toContain("::Thời hạn giải quyết::");
  expect(text).not.toContain("Câu hỏi hỏng");
});
