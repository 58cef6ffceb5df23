import { expect, signIn, test } from "./fixtures";

test("a learner corrects their profile; bad input is explained and nothing is lost", async ({ page, world }) => {
  await signIn(page, world.users.learner!.email, world.password);
  await page.getByRole("link", { name: "Hồ sơ của tôi" }).click();
  await expect(page.getByRole("heading", { name: "Hồ sơ của tôi" })).toBeVisible();
  await expect(page.getByLabel("Đơn vị công tác")).toHaveValue(world.units.communeA.name);
  await expect(page.getByLabel("Đơn vị công tác")).toHaveAttribute("readonly", "");

  await page.getByLabel("Số điện thoại").fill("12345");
  await page.getByLabel("Chức vụ").fill("Công chức Văn phòng - Thống kê");
  await page.getByRole("button", { name: "Lưu hồ sơ" }).click();
  await expect(page.getByLabel("Số điện thoại")).toHaveAccessibleDescription(/Số điện thoại không hợp lệ/);
  // What was typed is still there.
  await expect(page.getByLabel("Chức vụ")).toHaveValue("Công chức Văn phòng - Thống kê");

  await page.getByLabel("Số điện thoại").fill("0905 123 456");
  await page.getByLabel("Loại").selectOption("CONG_CHUC");
  await page.getByRole("button", { name: "Lưu hồ sơ" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu hồ sơ.");

  await page.reload();
  await expect(page.getByLabel("Số điện thoại")).toHaveValue("0905123456");
  await expect(page.getByLabel("Chức vụ")).toHaveValue("Công chức Văn phòng - Thống kê");
  await expect(page.getByLabel("Loại")).toHaveValue("CONG_CHUC");
});
