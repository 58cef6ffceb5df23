import { expect, signIn, test, storedUnit } from "./fixtures";

test.describe("a commune admin stays in their commune", () => {
  test("another commune's unit and people are not found by URL", async ({ page, world }) => {
    await signIn(page, world.users.unitAdminA!.email, world.password);
    const person = world.users.learnerB!.id;
    for (const url of [
      `/units/${world.units.communeB.id}`,
      `/units/${world.units.city.id}`,
      `/units/${world.units.communeB.id}?mergeInto=${world.units.communeA.id}`,
      `/people/${person}`,
      `/people/${person}/roles`,
      `/people/${person}/privacy`,
    ]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { name: "Không tìm thấy" })).toBeVisible();
      await expect(page.locator("body")).not.toContainText(world.units.communeB.name);
      await expect(page.locator("body")).not.toContainText(world.users.learnerB!.fullName);
    }
    // Lists filtered by another commune's id show nothing of it.
    for (const url of [
      `/people?unitId=${world.units.communeB.id}&status=all`,
      `/people?q=${encodeURIComponent(world.users.learnerB!.fullName)}&status=all`,
      `/audit?entityId=${world.units.communeB.id}`,
      `/audit?actor=${world.users.learnerB!.id}`,
      "/outbox",
    ]) {
      const res = await page.goto(url);
      expect([200, 404], url).toContain(res?.status());
      await expect(page.locator("body"), url).not.toContainText(world.users.learnerB!.fullName);
      await expect(page.locator("body"), url).not.toContainText(world.users.learnerB!.email);
    }
    // Their own commune and its people open.
    expect((await page.goto(`/units/${world.units.communeA.id}`))?.status()).toBe(200);
    expect((await page.goto(`/people/${world.users.learner!.id}`))?.status()).toBe(200);
  });

  test("a forged unit id in the rename form changes nothing", async ({ page, world }) => {
    await signIn(page, world.users.unitAdminA!.email, world.password);
    await page.goto(`/units/${world.units.communeA.id}`);
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Đổi tên đơn vị" }) });
    await form.locator('input[name="id"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), world.units.communeB.id);
    await form.getByLabel("Tên đơn vị").fill("Bị đổi tên trái phép");
    await form.getByRole("button", { name: "Lưu tên mới" }).click();
    await expect(form.getByRole("alert").filter({ hasText: "Không tìm thấy" })).toBeVisible();
    expect((await storedUnit(page, world.units.communeB.id)).name).toBe(world.units.communeB.name);
    expect((await storedUnit(page, world.units.communeA.id)).name).toBe(world.units.communeA.name);
  });

  test("a forged parent id in the add-unit form creates nothing", async ({ page, world }) => {
    await signIn(page, world.users.unitAdminA!.email, world.password);
    await page.goto(`/units/${world.units.communeA.id}`);
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Thêm đơn vị trực thuộc" }) });
    await form.locator('input[name="parentId"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), world.units.communeB.id);
    await form.getByLabel("Tên đơn vị").fill("Thôn giả mạo");
    await form.getByLabel("Mã đơn vị").fill(`FAKE.${Date.now()}`);
    await form.getByRole("button", { name: "Thêm đơn vị" }).click();
    await expect(form.getByRole("alert").filter({ hasText: "Không tìm thấy" })).toBeVisible();
    expect((await storedUnit(page, world.units.communeB.id)).children.map((c) => c.name)).not.toContain("Thôn giả mạo");
    expect((await storedUnit(page, world.units.communeA.id)).children).toEqual([]);
  });
});
