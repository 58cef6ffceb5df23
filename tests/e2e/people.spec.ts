import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** A second browser, signed in as someone else (to look past the first user's permissions). */
async function signedIn(browser: Browser, baseURL: string | undefined, email: string, password: string) {
  const context = await browser.newContext({ baseURL, locale: "vi-VN" });
  const page = await context.newPage();
  await signIn(page, email, password);
  return { page, close: () => context.close() };
}

async function search(page: Page, q: string) {
  const form = page.getByRole("search", { name: "Tìm kiếm" });
  await form.getByLabel("Tìm kiếm").fill(q);
  await form.getByRole("button", { name: "Tìm" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(q).replace(/%20/g, "\\+")}`));
}

const results = (page: Page) => page.getByRole("list", { name: "Kết quả" }).getByRole("link");

test("a unit admin searches without diacritics, invites a new official, edits and deactivates someone", async ({ page, world, browser, baseURL }) => {
  test.setTimeout(60_000);
  const learner = world.users.learner!;
  await signIn(page, world.users.unitAdminA!.email, world.password);
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Cán bộ" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cán bộ, công chức, viên chức" })).toBeVisible();

  // Typed without diacritics, found with them; another commune's official is not found.
  await search(page, "vo thi thanh");
  await expect(results(page)).toHaveText([learner.fullName]);
  await search(page, "dang van trong");
  await expect(page.getByText("Không có ai phù hợp với điều kiện tìm kiếm.")).toBeVisible();

  // A new official, by invitation. An e-mail that already has an account is refused first.
  await page.getByRole("link", { name: "Thêm cán bộ" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Thêm cán bộ" })).toBeVisible();
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Thêm cán bộ" }) });
  await expect(form.getByLabel("Đơn vị công tác")).toHaveValue(world.units.communeA.id);
  await form.getByLabel("Họ và tên").fill("Nguyễn Văn An");
  await form.getByLabel("Thư điện tử").fill(learner.email.toUpperCase());
  await form.getByLabel("Chức vụ").fill("Công chức Tư pháp - Hộ tịch");
  await form.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(form.getByLabel("Thư điện tử")).toHaveAccessibleDescription("Địa chỉ thư điện tử này đã có tài khoản.");
  await expect(form.getByLabel("Chức vụ")).toHaveValue("Công chức Tư pháp - Hộ tịch");

  const email = `nguyen.van.an.${unique()}@phuyen.gov.vn`;
  await form.getByLabel("Thư điện tử").fill(email);
  await expect(form.getByLabel(/Gửi thư mời/)).toBeChecked();
  await form.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByRole("status")).toHaveText(`Đã tạo tài khoản cho Nguyễn Văn An. Thư mời đã được đưa vào hàng đợi gửi tới ${email}.`);
  await expect(page.getByTestId("initial-password")).toHaveCount(0);
  await page.getByRole("link", { name: "Xem hồ sơ Nguyễn Văn An" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nguyễn Văn An" })).toBeVisible();
  await expect(page.getByTestId("account-facts")).toContainText(/Đã gửi thư mời ngày .*chưa được dùng/);
  // The invitation can be sent again, but not twice in a row.
  await expect(page.getByText(`Gửi một liên kết mời mới đến ${email}`)).toBeVisible();
  await page.getByRole("button", { name: "Gửi lại thư mời" }).click();
  await expect(page.getByRole("region", { name: "Tài khoản" }).getByRole("alert")).toHaveText("Thư mời vừa được gửi. Vui lòng đợi 5 phút rồi gửi lại.");

  // The list finds them without diacritics too.
  await page.goto("/people");
  await search(page, "nguyen van an");
  await expect(results(page)).toHaveText(["Nguyễn Văn An"]);

  // Edit someone: the change shows at once.
  await page.goto("/people");
  await search(page, "tuyen");
  await results(page).first().click();
  await expect(page.getByRole("heading", { level: 1, name: learner.fullName })).toBeVisible();
  const edit = page.locator("form", { has: page.getByRole("heading", { name: "Sửa thông tin" }) });
  await edit.getByLabel("Số điện thoại").fill("12345");
  await edit.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(edit.getByLabel("Số điện thoại")).toHaveAccessibleDescription(/Số điện thoại không hợp lệ/);
  await edit.getByLabel("Số điện thoại").fill("0905 123 456");
  await edit.getByLabel("Chức vụ").fill("Phó Chủ tịch UBND xã");
  await edit.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(edit.getByRole("status")).toHaveText("Đã lưu thay đổi.");
  const details = page.getByRole("region", { name: "Thông tin" });
  await expect(details).toContainText("Phó Chủ tịch UBND xã");
  await expect(details).toContainText("0905123456");

  // Deactivate them: their open session ends at once.
  const learnerSession = await signedIn(browser, baseURL, learner.email, world.password);
  await page.getByRole("button", { name: "Vô hiệu hóa tài khoản" }).click();
  await page.getByRole("dialog", { name: /Vô hiệu hóa tài khoản của/ }).getByRole("button", { name: "Vô hiệu hóa tài khoản" }).click();
  await expect(page.getByTestId("announcer")).toContainText("Đã vô hiệu hóa tài khoản.");
  await expect(details).toContainText("Đã vô hiệu hóa");
  await expect(page.getByRole("button", { name: "Kích hoạt lại tài khoản" })).toBeVisible();
  await learnerSession.page.goto("/profile");
  await expect(learnerSession.page).toHaveURL(/\/login/);
  await learnerSession.close();

  // Gone from the default list, there under "deactivated".
  await page.goto("/people?q=tuyen");
  await expect(page.getByText("Không có ai phù hợp với điều kiện tìm kiếm.")).toBeVisible();
  await page.getByLabel("Trạng thái").selectOption("inactive");
  await page.getByRole("button", { name: "Tìm" }).click();
  await expect(results(page)).toHaveText([learner.fullName]);
});

test("an initial password is shown once, with a warning", async ({ page, world }) => {
  await signIn(page, world.users.provinceAdmin!.email, world.password);
  await page.goto(`/people/new?unitId=${world.units.ward.id}`);
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Thêm cán bộ" }) });
  await expect(form.getByLabel("Đơn vị công tác")).toHaveValue(world.units.ward.id);
  await form.getByLabel("Họ và tên").fill("Trần Thị Bình");
  await form.getByLabel("Thư điện tử").fill(`tran.binh.${unique()}@phuyen.gov.vn`);
  await form.getByLabel(/Tạo mật khẩu ban đầu/).check();
  await form.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã tạo tài khoản cho Trần Thị Bình.");
  await expect(page.getByTestId("initial-password")).toHaveText(/^[A-Za-z2-9]{16}$/);
  await expect(page.getByRole("note")).toContainText("chỉ hiển thị MỘT LẦN");
  await page.reload();
  await expect(page.getByTestId("initial-password")).toHaveCount(0);
});

test("a commune admin cannot open or change another commune's official, even with forged ids", async ({ page, world, browser, baseURL }) => {
  test.setTimeout(60_000);
  const other = world.users.learnerB!;
  await signIn(page, world.users.unitAdminA!.email, world.password);
  for (const url of [`/people/${other.id}`, `/people?unitId=${world.units.communeB.id}`]) {
    expect((await page.goto(url))?.status(), url).toBe(404);
    await expect(page.locator("body")).not.toContainText(other.fullName);
  }

  await page.goto(`/people/${world.users.learner!.id}`);
  const edit = page.locator("form", { has: page.getByRole("heading", { name: "Sửa thông tin" }) });
  const forge = (selector: string, value: string) =>
    edit.locator(selector).evaluate((el, v) => {
      const input = el as HTMLInputElement | HTMLSelectElement;
      if (input instanceof HTMLSelectElement) input.add(new Option("forged", v));
      input.value = v;
    }, value);

  // Another commune's person in the hidden id.
  await forge('input[name="id"]', other.id);
  await edit.getByLabel("Họ và tên").fill("Bị sửa trái phép");
  await edit.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(edit.getByRole("alert").filter({ hasText: "Không tìm thấy" })).toBeVisible();

  // Their own person moved into another commune.
  await page.reload();
  await forge('select[name="unitId"]', world.units.communeB.id);
  await edit.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(edit.getByRole("alert").filter({ hasText: "Không tìm thấy" })).toBeVisible();

  // Deactivating another commune's person.
  await page.reload();
  await page.getByRole("button", { name: "Vô hiệu hóa tài khoản" }).click();
  const active = page.getByRole("dialog");
  await active.locator('input[name="id"]').evaluate((el, v) => ((el as HTMLInputElement).value = v), other.id);
  await active.getByRole("button", { name: "Vô hiệu hóa tài khoản" }).click();
  await expect(active.getByRole("alert").filter({ hasText: "Không tìm thấy" })).toBeVisible();

  // Seen by the province admin: nothing changed.
  const admin = await signedIn(browser, baseURL, world.users.provinceAdmin!.email, world.password);
  await admin.page.goto(`/people/${other.id}`);
  await expect(admin.page.getByRole("heading", { level: 1, name: other.fullName })).toBeVisible();
  await expect(admin.page.getByRole("region", { name: "Thông tin" })).toContainText(world.units.communeB.name);
  await expect(admin.page.getByRole("region", { name: "Thông tin" })).toContainText("Đang hoạt động");
  await admin.page.goto(`/people/${world.users.learner!.id}`);
  await expect(admin.page.getByRole("heading", { level: 1, name: world.users.learner!.fullName })).toBeVisible();
  await expect(admin.page.getByRole("region", { name: "Thông tin" })).toContainText(world.units.communeA.name);
  await admin.close();
});

test("the people pages meet WCAG 2.1 AA and fit a 360 px screen", async ({ page, world }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, world.users.provinceAdmin!.email, world.password);
  for (const url of ["/people?q=thi", "/people/new", `/people/${world.users.learner!.id}`]) {
    await page.goto(url);
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), url).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(360);
  }
});
