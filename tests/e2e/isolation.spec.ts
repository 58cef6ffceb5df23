import { expect, signIn, test, storedUnit } from "./fixtures";

test.describe("a commune admin stays in their commune", () => {
  test("another commune's unit and people are not found by URL", async ({ page, world }) => {
    test.setTimeout(60_000);
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

test.describe("a course stays with its audience, trainers and enrolled learners", () => {
  test("learners and trainers outside its audience reach none of its pages or files by URL", async ({ page, world, browser, baseURL }) => {
    test.setTimeout(60_000);
    const res = await page.request.post("/api/test-support", {
      headers: { "x-e2e-token": process.env.TAPHUAN_E2E_TOKEN! },
      data: { action: "learningCourse", ownerUnitId: world.units.agency.id, trainerId: world.users.trainer!.id, learnerId: world.users.learner!.id },
    });
    expect(res.status(), await res.text()).toBe(200);
    const c = (await res.json()) as { courseId: string; courseTitle: string; textLessonId: string; videoLessonId: string; videoFileId: string };
    const urls = [
      `/courses/${c.courseId}`,
      `/courses/${c.courseId}/edit`,
      `/courses/${c.courseId}/content`,
      `/courses/${c.courseId}/lessons/${c.textLessonId}`,
      `/courses/${c.courseId}/lessons/${c.videoLessonId}`,
    ];
    // learnerB: another commune; learnerTrainer: learner and trainer of the ward, outside the audience.
    for (const who of [world.users.learnerB!, world.users.learnerTrainer!]) {
      const context = await browser.newContext({ baseURL, locale: "vi-VN" });
      const outsider = await context.newPage();
      await signIn(outsider, who.email, world.password);
      for (const url of urls) {
        const r = await outsider.goto(url);
        expect(r?.status(), `${who.email} ${url}`).toBe(404);
        await expect(outsider.locator("body")).not.toContainText(c.courseTitle);
      }
      const file = await outsider.request.get(`/api/files/${c.videoFileId}`, { headers: { range: "bytes=0-99" } });
      expect(file.status(), `${who.email} file`).toBe(404);
      await outsider.goto("/courses?q=tiep+nhan+ho+so");
      await expect(outsider.locator("body")).not.toContainText(c.courseTitle);
      await context.close();
    }
    // The enrolled learner opens all of it (the outsiders' 404s are about them, not the course).
    await signIn(page, world.users.learner!.email, world.password);
    for (const url of [urls[0]!, urls[3]!, urls[4]!]) expect((await page.goto(url))?.status(), url).toBe(200);
    expect((await page.request.get(`/api/files/${c.videoFileId}`, { headers: { range: "bytes=0-99" } })).status()).toBe(206);
  });
});
