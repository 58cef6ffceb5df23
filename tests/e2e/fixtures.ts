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

/** Vietnam's wall clock (UTC+7, no daylight saving) `minutes` from now: date and HH:MM. */
export function vnClock(minutes: number): { date: string; time: string } {
  const at = new Date(Date.now() + minutes * 60_000 + 7 * 3_600_000).toISOString();
  return { date: at.slice(0, 10), time: at.slice(11, 16) };
}

/**
 * Adds a session running now to the class open in `page` (today in Vietnam, from 10 minutes ago
 * or midnight to two hours on or 23:59), through the class page's form; returns its day and start.
 */
export async function addSessionNow(page: Page, { place, trainer }: { place: string; trainer: string }): Promise<{ today: string; start: string }> {
  const today = vnClock(0).date;
  const start = vnClock(-10).date === today ? vnClock(-10).time : "00:00";
  const end = vnClock(120).date === today ? vnClock(120).time : "23:59";
  const form = page.getByRole("region", { name: "Thêm buổi học" });
  await form.getByLabel("Ngày").fill(today);
  await form.getByLabel("Bắt đầu (giờ:phút)").fill(start);
  await form.getByLabel("Kết thúc (giờ:phút)").fill(end);
  await form.getByLabel("Địa điểm").fill(place);
  await form.getByLabel("Báo cáo viên").selectOption({ label: trainer });
  await form.getByRole("button", { name: "Thêm buổi học" }).click();
  await expect(form.getByRole("status")).toHaveText("Đã lưu buổi học.");
  return { today, start };
}
