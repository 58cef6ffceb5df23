import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("a province admin merges a commune into another, confirming what will move, and sees the result", async ({ page, world }) => {
  test.setTimeout(45_000);
  const { communeA: A, communeB: B } = world.units;
  await page.setViewportSize({ width: 360, height: 800 });
  await signIn(page, world.users.provinceAdmin!.email, world.password);
  await page.goto(`/units/${A.id}`);

  const merge = page.getByRole("region", { name: "Sáp nhập đơn vị" });
  // The commune itself is not offered as a target.
  await expect(merge.getByLabel("Đơn vị nhận sáp nhập").locator(`option[value="${A.id}"]`)).toHaveCount(0);
  await merge.getByLabel("Đơn vị nhận sáp nhập").selectOption(B.id);
  await merge.getByRole("button", { name: "Xem trước khi sáp nhập" }).click();

  // The confirmation step says exactly what will happen; nothing has happened yet.
  const confirm = page.getByRole("region", { name: "Xác nhận sáp nhập" });
  await expect(confirm).toContainText(`Sáp nhập ${A.name} vào ${B.name}. Thao tác này không thể hoàn tác.`);
  const summary = confirm.getByTestId("merge-summary");
  await expect(summary).toContainText(`Cán bộ chuyển sang ${B.name}: 3 (đang hoạt động: 2)`);
  await expect(summary).toContainText(`Đơn vị trực thuộc chuyển sang ${B.name}: 0`);
  await expect(summary).toContainText("Vai trò quản trị bị thu hồi: 1");
  await expect(confirm.getByTestId("merge-revoked")).toHaveText(`${world.users.unitAdminA!.fullName} — Quản trị đơn vị`);
  expect(await violations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expect(page.getByTestId("unit-status")).toHaveText("Đang hoạt động");

  await confirm.getByRole("button", { name: "Xác nhận sáp nhập" }).click();

  // B's page: the announcement, A as a merged child, A's people among B's.
  await expect(page).toHaveURL(new RegExp(`/units/${B.id}\\?merged=${A.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: B.name })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`Đã sáp nhập ${A.name} vào ${B.name}.`);
  const children = page.getByRole("region", { name: "Đơn vị trực thuộc" });
  await expect(children.getByRole("listitem").filter({ hasText: A.name })).toContainText(`đã sáp nhập vào ${B.name}`);
  const members = page.getByRole("region", { name: /Cán bộ, công chức, viên chức/ });
  await expect(members.getByRole("link", { name: world.users.learner!.fullName })).toBeVisible();
  await expect(members.getByRole("link", { name: world.users.unitAdminA!.fullName })).toBeVisible();

  // A stays, read-only, in history.
  await children.getByRole("link", { name: A.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: A.name })).toBeVisible();
  await expect(page.getByTestId("merged-notice")).toContainText(`Đơn vị này đã sáp nhập vào ${B.name} ngày`);
  await expect(page.getByTestId("unit-status")).toContainText(`Đã sáp nhập · đã sáp nhập vào ${B.name}`);
  await expect(page.getByRole("heading", { name: "Đổi tên đơn vị" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Sáp nhập đơn vị" })).toHaveCount(0);
  expect(await violations(page)).toEqual([]);

  // The tree shows it under B.
  await page.goto("/units");
  const tree = page.getByRole("navigation", { name: "Cây đơn vị" });
  // The innermost list item holding A's link is A's own (ancestors come first in document order).
  const aItem = tree.getByRole("listitem").filter({ has: page.getByRole("link", { name: A.name, exact: true }) }).last();
  await expect(aItem).toContainText(`đã sáp nhập vào ${B.name}`);
  await expect(tree.getByRole("listitem").filter({ has: page.getByRole("link", { name: B.name, exact: true }) }).last()).toContainText(A.name);

  // The former admin of A signs in: no administration any more, A is not theirs to open.
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, world.users.unitAdminA!.email, world.password);
  await expect(page.getByTestId("roles")).toHaveText(`Học viên — ${B.name}`);
  expect((await page.goto(`/units/${A.id}`))?.status()).toBe(404);
});

test("moving a ward, refusing a move into itself and a deactivation while people remain", async ({ page, world }) => {
  const { ward, communeB } = world.units;
  await signIn(page, world.users.provinceAdmin!.email, world.password);
  await page.goto(`/units/${ward.id}`);
  const move = page.locator("form", { has: page.getByRole("heading", { name: "Chuyển đơn vị" }) });
  const select = move.getByLabel("Đơn vị cấp trên mới");
  // Neither the ward itself nor its current parent is offered.
  await expect(select.locator(`option[value="${ward.id}"]`)).toHaveCount(0);
  await expect(select.locator(`option[value="${world.units.city.id}"]`)).toHaveCount(0);

  // A forged choice (the ward itself) is refused with a clear message under the field.
  await select.evaluate((el, id) => {
    const option = document.createElement("option");
    option.value = id;
    option.textContent = "giả mạo";
    el.appendChild(option);
    (el as HTMLSelectElement).value = id;
  }, ward.id);
  await move.getByRole("button", { name: "Chuyển đơn vị" }).click();
  await expect(move.getByLabel("Đơn vị cấp trên mới")).toHaveAccessibleDescription(
    "Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó.",
  );

  await move.getByLabel("Đơn vị cấp trên mới").selectOption(communeB.id);
  await move.getByRole("button", { name: "Chuyển đơn vị" }).click();
  await expect(move.getByRole("status")).toHaveText(`Đã chuyển ${ward.name} về trực thuộc ${communeB.name}.`);
  await expect(page.getByRole("link", { name: communeB.name })).toBeVisible();

  // The ward still has an active official: deactivation is refused, saying how many.
  const status = page.locator("form", { has: page.getByRole("heading", { name: "Ngừng hoạt động đơn vị" }) });
  await status.getByRole("button", { name: "Ngừng hoạt động" }).click();
  await expect(status.getByRole("alert")).toHaveText(
    "Chưa thể ngừng hoạt động: còn 1 cán bộ đang hoạt động trong đơn vị này hoặc các đơn vị trực thuộc. Hãy chuyển họ sang đơn vị khác trước.",
  );
  await expect(page.getByTestId("unit-status")).toHaveText("Đang hoạt động");
});

test("a commune admin may not merge, and a forged merge is refused", async ({ page, world }) => {
  const { communeA, communeB } = world.units;
  await signIn(page, world.users.unitAdminA!.email, world.password);
  await page.goto(`/units/${communeA.id}`);
  await expect(page.getByRole("heading", { name: "Sáp nhập đơn vị" })).toHaveCount(0);
  // Even with a hand-made ?mergeInto= the page offers nothing to confirm.
  await page.goto(`/units/${communeA.id}?mergeInto=${communeB.id}`);
  await expect(page.getByRole("heading", { name: "Xác nhận sáp nhập" })).toHaveCount(0);
});
