import { test as base, expect, type Page } from "@playwright/test";
import type { E2eWorld } from "@/lib/testing/factories";

/** Each test gets its own province and people, created in the server through /api/test-support. */
export const test = base.extend<{ world: E2eWorld }>({
  world: async ({ request }, use) => {
    const res = await request.post("/api/test-support", {
      headers: { "x-e2e-token": process.env.TAPHUAN_E2E_TOKEN! },
      data: { action: "world" },
    });
    expect(res.status(), await res.text()).toBe(200);
    await use((await res.json()) as E2eWorld);
  },
});
export { expect };

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Thư điện tử").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** A unit as stored, read past every permission check: to prove what did not change. */
export async function storedUnit(page: Page, id: string): Promise<{ name: string; children: { name: string }[] }> {
  const res = await page.request.post("/api/test-support", {
    headers: { "x-e2e-token": process.env.TAPHUAN_E2E_TOKEN! },
    data: { action: "unit", id },
  });
  return res.json();
}
