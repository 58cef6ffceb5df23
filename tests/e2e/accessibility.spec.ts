import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("the sign-in page, with errors shown, meets WCAG 2.1 AA", async ({ page }) => {
  await page.goto("/login");
  expect(await violations(page)).toEqual([]);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByLabel("Thư điện tử")).toHaveAccessibleDescription(/Vui lòng/);
  expect(await violations(page)).toEqual([]);
});

test("the admin's pages meet WCAG 2.1 AA, on a phone-sized screen too", async ({ page, world }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, world.users.provinceAdmin!.email, world.password);
  for (const url of ["/", "/units", `/units/${world.units.city.id}`, `/people/${world.users.learner!.id}`, "/profile"]) {
    await page.goto(url);
    expect(await violations(page), url).toEqual([]);
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(360);
  }
});

test("the sign-in form works from the keyboard alone", async ({ page, world }) => {
  await page.goto("/login");
  await page.keyboard.press("Tab"); // language switch
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Thư điện tử")).toBeFocused();
  await page.keyboard.type(world.users.learner!.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(world.password);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: `Xin chào, ${world.users.learner!.fullName}` })).toBeVisible();
});

test("the e2e support route does not exist without the run's token", async ({ request }) => {
  const attempts: Record<string, string>[] = [{}, { "x-e2e-token": "x".repeat(48) }];
  for (const headers of attempts) {
    const res = await request.post("/api/test-support", { headers, data: { action: "world" } });
    expect(res.status()).toBe(404);
  }
});
