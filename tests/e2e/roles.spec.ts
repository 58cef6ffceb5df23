import { expect, signIn, test } from "./fixtures";

test("a commune admin grants TRAINER to one of their officials, cannot grant UNIT_ADMIN, and the new trainer sees the trainer home", async ({
  page,
  world,
}) => {
  const learner = world.users.learner!;
  const { communeA } = world.units;
  await signIn(page, world.users.unitAdminA!.email, world.password);
  await page.goto(`/people/${learner.id}/roles`);
  await expect(page.getByRole("heading", { level: 1, name: `Vai trò của ${learner.fullName}` })).toBeVisible();

  const form = page.locator("form", { has: page.getByRole("heading", { name: "Cấp vai trò" }) });
  const role = form.getByLabel("Vai trò");
  // Only what a commune admin may grant is offered.
  await expect(role.locator("option")).toHaveText(["Báo cáo viên", "Học viên"]);
  await expect(role.locator('option[value="UNIT_ADMIN"]')).toHaveCount(0);
  await expect(form.getByLabel("Đơn vị").locator("option:not([value=''])")).toHaveCount(1);

  // A forged POST for UNIT_ADMIN (the option added by hand) is refused and changes nothing.
  await role.evaluate((el) => {
    const option = document.createElement("option");
    option.value = "UNIT_ADMIN";
    option.textContent = "Quản trị đơn vị";
    el.appendChild(option);
    (el as HTMLSelectElement).value = "UNIT_ADMIN";
  });
  await form.getByLabel("Đơn vị").selectOption(communeA.id);
  await form.getByRole("button", { name: "Cấp vai trò" }).click();
  await expect(form.getByRole("alert")).toHaveText("Bạn không có quyền thực hiện thao tác này.");
  await page.reload();
  const grants = page.getByTestId("grants");
  await expect(grants).not.toContainText("Quản trị đơn vị");

  // The real grant.
  await form.getByLabel("Vai trò").selectOption("TRAINER");
  await form.getByLabel("Đơn vị").selectOption(communeA.id);
  await form.getByRole("button", { name: "Cấp vai trò" }).click();
  await expect(form.getByRole("status")).toHaveText(`Đã cấp vai trò Báo cáo viên tại ${communeA.name}.`);
  await expect(grants.getByRole("row").filter({ hasText: "Báo cáo viên" })).toContainText(communeA.name);
  // Granting it twice is refused.
  await form.getByLabel("Vai trò").selectOption("TRAINER");
  await form.getByLabel("Đơn vị").selectOption(communeA.id);
  await form.getByRole("button", { name: "Cấp vai trò" }).click();
  await expect(form.getByRole("alert")).toHaveText("Vui lòng sửa các lỗi được đánh dấu.");
  await expect(form.getByLabel("Vai trò")).toHaveAccessibleDescription("Người này đã có vai trò này tại đơn vị được chọn.");

  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, learner.email, world.password);
  await expect(page.getByRole("heading", { name: "Báo cáo viên" })).toBeVisible();
  await expect(page.getByTestId("roles")).toContainText(`Báo cáo viên — ${communeA.name}`);
});

test("a commune admin's role pages stop at their commune", async ({ page, world }) => {
  await signIn(page, world.users.unitAdminA!.email, world.password);
  expect((await page.goto(`/people/${world.users.learnerB!.id}/roles`))?.status()).toBe(404);
  await expect(page.locator("body")).not.toContainText(world.users.learnerB!.fullName);
  // Their own admin grant is listed without a revoke button.
  await page.goto(`/people/${world.users.unitAdminA!.id}/roles`);
  const grants = page.getByTestId("grants");
  await expect(grants.getByRole("row").filter({ hasText: "Quản trị đơn vị" }).getByRole("button")).toHaveCount(0);
  await expect(grants.getByRole("row").filter({ hasText: "Học viên" }).getByRole("button", { name: /Thu hồi/ })).toBeVisible();
});

test("the province admin grants and revokes UNIT_ADMIN, and cannot revoke the last province admin", async ({ page, world }) => {
  const { communeB, province } = world.units;
  const learnerB = world.users.learnerB!;
  await signIn(page, world.users.provinceAdmin!.email, world.password);

  await page.goto(`/people/${world.users.provinceAdmin!.id}/roles`);
  await page.getByRole("button", { name: `Thu hồi vai trò Quản trị cấp tỉnh tại ${province.name}` }).click();
  await page.getByRole("dialog", { name: `Thu hồi vai trò Quản trị cấp tỉnh tại ${province.name}?` }).getByRole("button", { name: "Thu hồi" }).click();
  await expect(page.getByTestId("grants").getByRole("alert")).toHaveText(
    "Không thể thu hồi: đây là vai trò quản trị cấp tỉnh cuối cùng. Hãy cấp vai trò này cho người khác trước.",
  );

  await page.goto(`/people/${learnerB.id}/roles`);
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Cấp vai trò" }) });
  await expect(form.getByLabel("Vai trò").locator("option")).toHaveText(["Báo cáo viên", "Học viên", "Quản trị đơn vị", "Quản trị cấp tỉnh"]);
  await form.getByLabel("Vai trò").selectOption("UNIT_ADMIN");
  await form.getByLabel("Đơn vị").selectOption(communeB.id);
  await form.getByRole("button", { name: "Cấp vai trò" }).click();
  await expect(form.getByRole("status")).toHaveText(`Đã cấp vai trò Quản trị đơn vị tại ${communeB.name}.`);
  const revoke = page.getByRole("button", { name: `Thu hồi vai trò Quản trị đơn vị tại ${communeB.name}` });
  await revoke.click();
  await page.getByRole("dialog").getByRole("button", { name: "Thu hồi" }).click();
  await expect(page.getByTestId("announcer")).toContainText(`Đã thu hồi vai trò Quản trị đơn vị tại ${communeB.name}.`);
  await expect(revoke).toHaveCount(0);
  await expect(page.getByTestId("grants")).not.toContainText("Quản trị đơn vị");
});
