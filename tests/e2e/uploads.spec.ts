import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { E2eWorld } from "@/lib/testing/factories";
import { expect, signIn, test } from "./fixtures";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/files");

/** A course with the world's trainer as its trainer and one section ("Phần 1. Quy trình"). */
async function trainersCourse(page: Page, world: E2eWorld): Promise<{ courseId: string }> {
  const res = await page.request.post("/api/test-support", {
    headers: { "x-e2e-token": process.env.TAPHUAN_E2E_TOKEN! },
    data: { action: "learningCourse", ownerUnitId: world.units.agency.id, trainerId: world.users.trainer!.id, learnerId: world.users.learner!.id },
  });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

const uploads = (page: Page) => page.getByRole("list", { name: "Các tệp đang tải lên" });
const row = (page: Page, name: string) => uploads(page).getByRole("listitem").filter({ hasText: name });

test("a trainer uploads a PDF and a WebM at once: both show progress and become lessons; a fake PDF is refused", async ({ page, world }) => {
  test.setTimeout(60_000);
  const { courseId } = await trainersCourse(page, world);
  await signIn(page, world.users.trainer!.email, world.password);
  await page.goto(`/courses/${courseId}/content`);

  // The drop zone is a button (keyboard: Tab, Enter) that opens the file picker, several files at once.
  const zone = page.getByRole("button", { name: "Kéo thả tệp vào đây hoặc bấm để chọn tệp" });
  await zone.focus();
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Enter");
  const picker = await chooser;
  expect(picker.isMultiple()).toBe(true);
  await picker.setFiles([path.join(FIXTURES, "tai-lieu.pdf"), path.join(FIXTURES, "bai-giang.webm")]);

  for (const name of ["tai-lieu.pdf", "bai-giang.webm"]) {
    await expect(row(page, name).getByRole("progressbar", { name: `Tiến độ tải lên ${name}` })).toBeVisible();
    await expect(row(page, name).getByRole("status")).toHaveText("Đã thêm bài học");
    await expect(row(page, name).getByRole("progressbar")).toHaveAttribute("value", "100");
  }
  // The page refreshed: both are lessons of the section, titled from the file names.
  const outline = page.getByRole("list", { name: "Thứ tự" });
  await expect(outline.getByText("tai-lieu", { exact: true })).toBeVisible();
  await expect(outline.getByText("bai-giang", { exact: true })).toBeVisible();

  // Dropped on the zone: a text file named .pdf is refused by its content.
  const dropped = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(["Đây không phải là tệp PDF."], "gia-mao.pdf", { type: "application/pdf" }));
    return dt;
  });
  await zone.dispatchEvent("drop", { dataTransfer: dropped });
  await expect(row(page, "gia-mao.pdf").getByRole("alert")).toContainText("Loại tệp không được hỗ trợ");

  // The zone with its rows (done, refused) meets WCAG 2.1 AA, at 360 px too.
  await page.setViewportSize({ width: 360, height: 800 });
  const axe = await new AxeBuilder({ page }).include("section[aria-labelledby='upload-heading']").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations).toEqual([]);

});

test("through the real server: a 12 MB upload is not cut by the proxy, and only the enrolled learner may stream it by range", async ({ page, browser, world, baseURL }) => {
  test.setTimeout(60_000);
  const { courseId } = await trainersCourse(page, world);
  await signIn(page, world.users.trainer!.email, world.password);
  await page.goto(`/courses/${courseId}/content`);
  const sectionId = await page.getByLabel("Thêm vào phần").inputValue();
  const bytes = Buffer.concat([readFileSync(path.join(FIXTURES, "bai-giang.webm")), randomBytes(12 * 1024 * 1024)]);
  const res = await page.request.post(`/api/courses/${courseId}/files?${new URLSearchParams({ sectionId, name: "Video dài.webm" })}`, {
    headers: { "content-type": "application/octet-stream", origin: baseURL! },
    data: bytes,
  });
  expect(res.status(), await res.text()).toBe(201);
  const { file } = (await res.json()) as { file: { id: string; size: number } };
  expect(file.size).toBe(bytes.length);

  const asLearner = async (email: string) => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await signIn(p, email, world.password);
    return { p, context };
  };
  const learner = await asLearner(world.users.learner!.email);
  const part = await learner.p.request.get(`/api/files/${file.id}`, { headers: { range: "bytes=1000000-1000999" } });
  expect(part.status()).toBe(206);
  expect(part.headers()["content-range"]).toBe(`bytes 1000000-1000999/${bytes.length}`);
  expect(part.headers()["x-content-type-options"]).toBe("nosniff");
  // Its own policy (next.config.ts): Chrome's PDF viewer needs object-src; the lesson page may frame it.
  expect(part.headers()["content-security-policy"]).toMatch(/^default-src 'none'; object-src 'self'/);
  expect(part.headers()["x-frame-options"]).toBe("SAMEORIGIN");
  expect(Buffer.from(await part.body()).equals(bytes.subarray(1_000_000, 1_001_000))).toBe(true);
  await learner.context.close();

  // learnerB (another commune, not enrolled) and a signed-out request: 404 like a missing file.
  const outsider = await asLearner(world.users.learnerB!.email);
  expect((await outsider.p.request.get(`/api/files/${file.id}`)).status()).toBe(404);
  await outsider.context.close();
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(`${baseURL}/api/files/${file.id}`)).status()).toBe(404);
  await anonymous.close();
});

test("cancelling an upload on a slow link stops it and adds no lesson", async ({ page, world }) => {
  test.setTimeout(60_000);
  const { courseId } = await trainersCourse(page, world);
  await signIn(page, world.users.trainer!.email, world.password);
  await page.goto(`/courses/${courseId}/content`);
  // A provincial link: 256 KB/s up, so the 4 MB file takes ~16 s.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 50, downloadThroughput: -1, uploadThroughput: 256 * 1024 });

  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Kéo thả tệp vào đây hoặc bấm để chọn tệp" }).click();
  const buffer = Buffer.concat([readFileSync(path.join(FIXTURES, "bai-giang.webm")), randomBytes(4 * 1024 * 1024)]);
  await (await chooser).setFiles({ name: "video-lon.webm", mimeType: "video/webm", buffer });
  await expect(row(page, "video-lon.webm").getByRole("status")).toContainText("Đang tải lên");
  // The run's TAPHUAN_FILES_DIR (playwright.config.ts): wait until the server is writing the file.
  const files = path.join(process.env.TAPHUAN_E2E_DIR!, "app-files");
  const partial = () => {
    try {
      return readdirSync(path.join(files, ".tmp")).length;
    } catch {
      return 0;
    }
  };
  await expect.poll(partial).toBeGreaterThan(0);
  await row(page, "video-lon.webm").getByRole("button", { name: "Hủy tải lên video-lon.webm" }).click();
  await expect(row(page, "video-lon.webm").getByRole("status")).toHaveText("Đã hủy");

  // The server removed its partial write; only the course's seeded video is in the course's folder.
  await expect.poll(partial).toBe(0);
  expect(readdirSync(path.join(files, "courses", courseId))).toHaveLength(1);

  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.reload();
  await expect(page.getByRole("list", { name: "Thứ tự" }).getByText("Bài 1. Các bước tiếp nhận")).toBeVisible();
  await expect(page.getByText("video-lon")).toHaveCount(0);
});
