import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

type Account = { id: string; email: string; fullName: string; token?: string; password?: string };

/** An invited account (with its raw token) or one with an initial password, made in the server. */
async function makeAccount(request: APIRequestContext, kind: "invited" | "mustChange", unitId: string, fullName: string): Promise<Account> {
  const res = await request.post("/api/test-support", {
    headers: { "x-e2e-token": process.env.TAPHUAN_E2E_TOKEN! },
    data: { action: "account", kind, unitId, fullName },
  });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

/** The link in the newest outbox mail to `to`, as the admin sees it on the outbox page. */
async function linkInOutbox(page: Page, to: string, path: "invite" | "reset-password"): Promise<string> {
  await page.goto("/outbox");
  await expect(page.getByRole("heading", { level: 1, name: "Hộp thư đi" })).toBeVisible();
  const mail = page.getByRole("article").filter({ hasText: to }).first();
  await expect(mail).toBeVisible();
  const link = mail.getByRole("link", { name: new RegExp(`/${path}/`) });
  const href = await link.getAttribute("href");
  expect(href).toMatch(new RegExp(`/${path}/[A-Za-z0-9_-]{43}$`));
  return new URL(href!).pathname;
}

async function signOutEverywhere(page: Page) {
  await page.context().clearCookies();
}

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const NEW_PASSWORD = "mùa lúa chín ở Tuy An";

test("an invited official opens the link from the outbox, chooses a password and signs in", async ({ page, request, world }) => {
  test.slow(); // three argon2 hashes and three accessibility scans
  const invitee = await makeAccount(request, "invited", world.units.communeA.id, "Huỳnh Thị Kim Ngân");

  // The commune's admin sees the invitation in the outbox (demo mode: nothing is really sent).
  await signIn(page, world.users.unitAdminA!.email, world.password);
  const path = await linkInOutbox(page, invitee.email, "invite");
  await expect(page.getByRole("article").filter({ hasText: invitee.email }).getByTestId("mail-status")).toHaveText("Chưa gửi (chế độ trình diễn)");
  await signOutEverywhere(page);

  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Kích hoạt tài khoản" })).toBeVisible();
  await expect(page.getByText("Xin chào Huỳnh Thị Kim Ngân.")).toBeVisible();
  expect(await violations(page)).toEqual([]);

  // A common password and a mismatch are explained under their fields.
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("12345678");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("12345679");
  await page.getByRole("button", { name: "Đặt mật khẩu và kích hoạt" }).click();
  await expect(page.getByLabel("Nhập lại mật khẩu mới")).toHaveAccessibleDescription("Hai lần nhập mật khẩu không khớp.");
  // Password fields are never sent back: after an error both are typed again.
  await expect(page.getByLabel("Mật khẩu mới", { exact: true })).toHaveValue("");
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("12345678");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("12345678");
  await page.getByRole("button", { name: "Đặt mật khẩu và kích hoạt" }).click();
  await expect(page.getByLabel("Mật khẩu mới", { exact: true })).toHaveAccessibleDescription(/Mật khẩu này quá phổ biến/);
  expect(await violations(page)).toEqual([]);

  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Nhập lại mật khẩu mới").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Đặt mật khẩu và kích hoạt" }).click();
  await expect(page).toHaveURL(/\/login\?done=invite$/);
  await expect(page.getByRole("status")).toHaveText("Tài khoản đã được kích hoạt. Hãy đăng nhập bằng mật khẩu vừa đặt.");

  await signIn(page, invitee.email, NEW_PASSWORD);
  await expect(page.getByRole("heading", { name: "Xin chào, Huỳnh Thị Kim Ngân" })).toBeVisible();

  // The link works once.
  await signOutEverywhere(page);
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Liên kết không dùng được" })).toBeVisible();
});

test("forgotten password: the same answer for any address, a link by mail, the new password works and the old one not", async ({ page, world }) => {
  test.slow(); // two people sign in, one resets: several argon2 hashes
  const learner = world.users.learner!;
  await page.goto("/login");
  await page.getByRole("link", { name: "Quên mật khẩu?" }).click();
  await expect(page.getByRole("heading", { name: "Quên mật khẩu" })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  const sent = "Nếu địa chỉ này có tài khoản trong hệ thống, chúng tôi đã gửi liên kết đặt lại mật khẩu. Hãy kiểm tra hộp thư (cả thư mục thư rác).";
  await page.getByLabel("Thư điện tử").fill(`khong.co.ai.${Date.now()}@e2e.taphuan.vn`);
  await page.getByRole("button", { name: "Gửi liên kết" }).click();
  await expect(page.getByRole("status")).toHaveText(sent);
  await page.getByLabel("Thư điện tử").fill(learner.email);
  await page.getByRole("button", { name: "Gửi liên kết" }).click();
  await expect(page.getByRole("status")).toHaveText(sent);

  await signIn(page, world.users.unitAdminA!.email, world.password);
  const path = await linkInOutbox(page, learner.email, "reset-password");
  await signOutEverywhere(page);

  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Đặt lại mật khẩu" })).toBeVisible();
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Nhập lại mật khẩu mới").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Đặt lại mật khẩu" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã đặt lại mật khẩu. Hãy đăng nhập bằng mật khẩu mới.");

  await page.getByLabel("Thư điện tử").fill(learner.email);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(world.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByLabel("Mật khẩu", { exact: true })).toHaveAccessibleDescription("Thư điện tử hoặc mật khẩu không đúng.");
  await signIn(page, learner.email, NEW_PASSWORD);
  await expect(page.getByRole("heading", { name: `Xin chào, ${learner.fullName}` })).toBeVisible();
});

test("a person with a password handed over by an admin must choose their own before seeing anything", async ({ page, request, world }) => {
  test.setTimeout(45_000);
  const person = await makeAccount(request, "mustChange", world.units.communeA.id, "Nguyễn Văn Lộc");
  await page.goto("/login");
  await page.getByLabel("Thư điện tử").fill(person.email);
  await page.getByLabel("Mật khẩu").fill(person.password!);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByRole("alert").filter({ hasText: "Bạn đang dùng mật khẩu được cấp" })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  for (const url of ["/", "/profile", "/units", "/outbox"]) {
    await page.goto(url);
    await expect(page, url).toHaveURL(/\/change-password$/);
  }

  await page.getByLabel("Mật khẩu hiện tại").fill("khong-dung-mat-khau");
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Nhập lại mật khẩu mới").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page.getByLabel("Mật khẩu hiện tại")).toHaveAccessibleDescription("Mật khẩu hiện tại không đúng.");

  await page.getByLabel("Mật khẩu hiện tại").fill(person.password!);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Nhập lại mật khẩu mới").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  // Still signed in (the session was re-issued), and now free to go anywhere.
  await expect(page.getByRole("heading", { name: "Xin chào, Nguyễn Văn Lộc" })).toBeVisible();
  await page.goto("/profile");
  await expect(page.getByRole("heading", { name: "Hồ sơ của tôi" })).toBeVisible();
});

test("changing one's password from the profile keeps this session and ends the others", async ({ page, browser, world }) => {
  const learner = world.users.learnerB!;
  const elsewhere = await browser.newPage();
  try {
    await signIn(elsewhere, learner.email, world.password);
    await signIn(page, learner.email, world.password);
    await page.getByRole("link", { name: "Hồ sơ của tôi" }).click();
    await page.getByRole("link", { name: "Đổi mật khẩu" }).click();
    await expect(page.getByRole("heading", { name: "Đổi mật khẩu" })).toBeVisible();
    await page.getByLabel("Mật khẩu hiện tại").fill(world.password);
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill(world.password);
    await page.getByLabel("Nhập lại mật khẩu mới").fill(world.password);
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await expect(page.getByLabel("Mật khẩu mới", { exact: true })).toHaveAccessibleDescription(/Mật khẩu mới phải khác mật khẩu hiện tại\.$/);

    await page.getByLabel("Mật khẩu hiện tại").fill(world.password);
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Nhập lại mật khẩu mới").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await expect(page.getByRole("status")).toHaveText("Đã đổi mật khẩu.");

    await page.goto("/profile");
    await expect(page.getByRole("heading", { name: "Hồ sơ của tôi" })).toBeVisible();
    await elsewhere.goto("/profile");
    await expect(elsewhere).toHaveURL(/\/login/);
  } finally {
    await elsewhere.close();
  }
});

test("the outbox is only for admins, and shows only their units' mail", async ({ page, request, world }) => {
  const inA = await makeAccount(request, "invited", world.units.communeA.id, "Phan Văn Hải");
  const inB = await makeAccount(request, "invited", world.units.communeB.id, "Lưu Thị Bình");
  await signIn(page, world.users.unitAdminA!.email, world.password);
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Thư đã gửi" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hộp thư đi" })).toBeVisible();
  await expect(page.getByRole("article").filter({ hasText: inA.email })).toBeVisible();
  await expect(page.getByRole("article").filter({ hasText: inB.email })).toHaveCount(0);
  expect(await violations(page)).toEqual([]);

  await signOutEverywhere(page);
  await signIn(page, world.users.learner!.email, world.password);
  await expect(page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Thư đã gửi" })).toHaveCount(0);
  const res = await page.goto("/outbox");
  expect(res?.status()).toBe(404);
});
