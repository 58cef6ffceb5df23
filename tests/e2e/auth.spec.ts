import { expect, signIn, test } from "./fixtures";

test.describe("sign in", () => {
  test("empty fields and a wrong password get messages under the right field", async ({ page, world }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByLabel("Thư điện tử")).toHaveAccessibleDescription("Vui lòng nhập thư điện tử.");
    await expect(page.getByLabel("Mật khẩu")).toHaveAccessibleDescription("Vui lòng nhập mật khẩu.");

    await page.getByLabel("Thư điện tử").fill(world.users.learner!.email);
    await page.getByLabel("Mật khẩu").fill("mat-khau-sai");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByLabel("Mật khẩu")).toHaveAccessibleDescription("Thư điện tử hoặc mật khẩu không đúng.");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("a deactivated account is told so", async ({ page, world }) => {
    await page.goto("/login");
    await page.getByLabel("Thư điện tử").fill(world.users.inactive!.email);
    await page.getByLabel("Mật khẩu").fill(world.password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByLabel("Thư điện tử")).toHaveAccessibleDescription(/đã bị vô hiệu hóa/);
  });

  test("English can be chosen before signing in", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Ngôn ngữ").selectOption("en");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByLabel("E-mail")).toHaveAccessibleDescription("Please enter your e-mail.");
  });

  test("signing out returns to the sign-in page and protects the pages", async ({ page, world }) => {
    await signIn(page, world.users.learner!.email, world.password);
    const signedIn = await page.context().cookies();
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/login/);
    // The session ended on the server: the old cookie, put back, opens nothing.
    await page.context().addCookies(signedIn);
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/login/);
  });
});

test("the site has an icon (no 404 for the favicon)", async ({ request }) => {
  for (const path of ["/favicon.ico", "/icon.svg"]) {
    const r = await request.get(path);
    expect(r.status(), path).toBe(200);
    expect(r.headers()["content-type"], path).toMatch(/^image\//);
  }
});

test.describe("each role has its own home", () => {
  test("province admin", async ({ page, world }) => {
    await signIn(page, world.users.provinceAdmin!.email, world.password);
    await expect(page.getByRole("heading", { name: "Quản trị cấp tỉnh" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Đơn vị" })).toBeVisible();
    await expect(page.getByTestId("roles")).toContainText(`Quản trị cấp tỉnh — ${world.units.province.name}`);
  });

  test("unit admin", async ({ page, world }) => {
    await signIn(page, world.users.unitAdminA!.email, world.password);
    await expect(page.getByRole("heading", { name: "Quản trị đơn vị" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Học tập" })).toBeVisible();
  });

  test("trainer", async ({ page, world }) => {
    await signIn(page, world.users.trainer!.email, world.password);
    await expect(page.getByRole("heading", { name: "Báo cáo viên" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Lớp tôi giảng dạy" })).toHaveAttribute("href", "/classes#taught");
    await expect(page.getByRole("heading", { name: /Quản trị/ })).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Đơn vị" })).toHaveCount(0);
  });

  test("learner who is also a trainer sees both", async ({ page, world }) => {
    await signIn(page, world.users.learnerTrainer!.email, world.password);
    await expect(page.getByRole("heading", { name: "Xin chào, Lê Thị Nỷ" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Học tập" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Báo cáo viên" })).toBeVisible();
  });
});

test("a signed-out visitor is brought back to the page they asked for, and never to another site", async ({ page, world }) => {
  const wanted = `/people?q=${encodeURIComponent("Võ Thị")}&status=all`;
  await page.goto(wanted);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel("Thư điện tử").fill(world.users.unitAdminA!.email);
  await page.getByLabel("Mật khẩu").fill(world.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/people" && url.searchParams.get("q") === "Võ Thị" && url.searchParams.get("status") === "all");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // A crafted link to the sign-in page cannot send anyone elsewhere.
  await page.context().clearCookies();
  await page.goto("/login?next=//evil.example/phish");
  await page.getByLabel("Thư điện tử").fill(world.users.unitAdminA!.email);
  await page.getByLabel("Mật khẩu").fill(world.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL((url) => url.hostname === "localhost" && url.pathname === "/");
});
