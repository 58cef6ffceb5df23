import { expect, signIn, test } from "./fixtures";

test("a province admin browses the tree, adds a unit and renames it", async ({ page, world }) => {
  await signIn(page, world.users.provinceAdmin!.email, world.password);
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Đơn vị" }).click();
  const tree = page.getByRole("navigation", { name: "Cây đơn vị" });
  await expect(tree.getByRole("link", { name: world.units.communeB.name })).toBeVisible();
  await tree.getByRole("link", { name: world.units.city.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: world.units.city.name })).toBeVisible();

  // Bad input: every field's problem shown under it, nothing created.
  const add = page.locator("form", { has: page.getByRole("heading", { name: "Thêm đơn vị trực thuộc" }) });
  await add.getByLabel("Mã đơn vị").fill("mã sai");
  await add.getByRole("button", { name: "Thêm đơn vị" }).click();
  await expect(add.getByLabel("Tên đơn vị")).toHaveAccessibleDescription("Trường này là bắt buộc.");
  await expect(add.getByLabel("Mã đơn vị")).toHaveAccessibleDescription(/Mã chỉ gồm chữ in hoa/);

  // A code already in use is refused under the code field.
  await add.getByLabel("Tên đơn vị").fill("Phường Trùng Mã");
  await add.getByLabel("Mã đơn vị").fill(world.units.ward.code);
  await add.getByRole("button", { name: "Thêm đơn vị" }).click();
  await expect(add.getByLabel("Mã đơn vị")).toHaveAccessibleDescription(/Mã đơn vị này đã được dùng/);

  const code = `E2E.${Date.now().toString(36).toUpperCase()}`;
  await add.getByLabel("Tên đơn vị").fill("Phường 9");
  await add.getByLabel("Mã đơn vị").fill(code);
  await add.getByLabel("Loại đơn vị").selectOption("WARD");
  await add.getByRole("button", { name: "Thêm đơn vị" }).click();
  await expect(add.getByRole("status")).toHaveText("Đã thêm đơn vị Phường 9.");
  await page.getByRole("region", { name: "Đơn vị trực thuộc" }).getByRole("link", { name: "Phường 9" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Phường 9" })).toBeVisible();
  await expect(page.getByText(code)).toBeVisible();
  const rename = page.locator("form", { has: page.getByRole("heading", { name: "Đổi tên đơn vị" }) });
  await rename.getByLabel("Tên đơn vị").fill("Phường Chín");
  await rename.getByRole("button", { name: "Lưu tên mới" }).click();
  await expect(rename.getByRole("status")).toHaveText("Đã đổi tên đơn vị.");
  await expect(page.getByRole("heading", { level: 1, name: "Phường Chín" })).toBeVisible();
});

test("a unit admin sees only their own subtree in the tree", async ({ page, world }) => {
  await signIn(page, world.users.unitAdminA!.email, world.password);
  await page.goto("/units");
  const tree = page.getByRole("navigation", { name: "Cây đơn vị" });
  await expect(tree.getByRole("link")).toHaveText([world.units.communeA.name]);
});
