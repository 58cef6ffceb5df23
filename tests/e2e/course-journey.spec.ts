import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

// Issue 4's journey, all through the interface: a trainer builds a course from a PDF and a video,
// a learner opens both, seeks in the video, and the course progress bar moves.

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

async function newSignedInPage(browser: Browser, baseURL: string | undefined, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

test("a trainer makes a course of a PDF and a video; a learner opens both, seeks in the video, and the progress bar moves", async ({ page, world, browser, baseURL }) => {
  test.setTimeout(120_000);
  const tag = unique();
  const title = `Tiếp nhận hồ sơ trực tuyến ${tag}`;

  // The trainer creates the course, open to the city (commune A lies under it), for self-study.
  await signIn(page, world.users.trainer!.email, world.password);
  await page.goto("/courses/new");
  await page.getByLabel("Tên khóa học").fill(title);
  await page.getByLabel("Mã khóa học").fill(`hs.${tag}`);
  await page.getByLabel("Lĩnh vực").selectOption({ label: "Ứng dụng CNTT trong giải quyết thủ tục hành chính" });
  await page.getByLabel("Giới thiệu ngắn").fill("Tiếp nhận và trả kết quả hồ sơ trên Cổng Dịch vụ công.");
  await page.getByLabel("Thời lượng (tiết)").fill("4");
  await page.getByRole("checkbox", { name: world.units.city.name, exact: true }).check();
  await page.getByRole("button", { name: "Tạo khóa học" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Soạn nội dung: ${title}` })).toBeVisible();
  const courseId = /\/courses\/([0-9a-f-]{36})\//.exec(page.url())![1]!;

  const addSection = page.getByRole("form", { name: "Thêm phần" });
  await addSection.getByLabel("Tên phần").fill("Phần 1. Tài liệu và video");
  await addSection.getByRole("button", { name: "Thêm phần" }).click();
  await expect(page.getByRole("heading", { name: "1. Phần 1. Tài liệu và video" })).toBeVisible();

  // Both files at once through the upload zone's file picker.
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Kéo thả tệp vào đây hoặc bấm để chọn tệp" }).click();
  await (await chooser).setFiles([path.join(FIXTURES, "files/tai-lieu.pdf"), path.join(FIXTURES, "lesson-sample.webm")]);
  const uploads = page.getByRole("list", { name: "Các tệp đang tải lên" });
  for (const name of ["tai-lieu.pdf", "lesson-sample.webm"]) {
    await expect(uploads.getByRole("listitem").filter({ hasText: name }).getByRole("status")).toHaveText("Đã thêm bài học");
  }
  const outline = page.getByRole("list", { name: "Thứ tự" });
  await expect(outline.getByText("tai-lieu", { exact: true })).toBeVisible();
  await expect(outline.getByText("lesson-sample", { exact: true })).toBeVisible();

  await page.goto(`/courses/${courseId}/edit`);
  await page.getByRole("button", { name: "Công bố" }).click();
  await expect(page.getByTestId("course-status")).toHaveText("Hiện tại: Đã công bố");

  // The learner of commune A enrols and starts at 0 %.
  const learner = await newSignedInPage(browser, baseURL, world.users.learner!.email, world.password);
  await learner.goto(`/courses/${courseId}`);
  await learner.getByRole("button", { name: "Ghi danh" }).click();
  const bar = learner.getByRole("progressbar");
  await expect(bar).toHaveAttribute("aria-valuenow", "0");

  // The PDF opens inside the page, served to this enrolled learner; marking it done moves the bar.
  await learner.getByRole("link", { name: "tai-lieu" }).click();
  const pdf = learner.locator("iframe");
  await expect(pdf).toHaveAttribute("src", /^\/api\/files\/[0-9a-f-]{36}$/);
  const pdfResponse = await learner.request.get((await pdf.getAttribute("src"))!);
  expect(pdfResponse.status()).toBe(200);
  expect(pdfResponse.headers()["content-type"]).toBe("application/pdf");
  expect(pdfResponse.headers()["content-disposition"]).toMatch(/^inline;/);
  expect((await pdfResponse.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await learner.getByRole("button", { name: "Đánh dấu đã học xong" }).click();
  await expect(learner.getByTestId("lesson-done")).toBeVisible();
  await expect(learner.getByTestId("course-progress").getByRole("progressbar")).toHaveAttribute("aria-valuenow", "50");

  // The video: the browser streams it by ranges; a seek asks for a later range (206).
  const ranged: number[] = [];
  learner.on("response", (r) => {
    if (r.url().includes("/api/files/") && r.request().headers()["range"]) ranged.push(r.status());
  });
  // (The two uploads ran at once, so either may be the first lesson: open it from the course page.)
  await learner.goto(`/courses/${courseId}`);
  await learner.getByRole("link", { name: "lesson-sample" }).click();
  const video = learner.getByTestId("lesson-video");
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    v.currentTime = 14;
  });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(14);
  expect(ranged.length).toBeGreaterThan(0);
  expect(ranged.every((s) => s === 206)).toBe(true);

  // Watched from the start (at 2×, the fastest rate credited in full): done, and the bar reaches 100 %.
  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 0;
    v.playbackRate = 2;
    return v.play();
  });
  await expect(learner.getByTestId("lesson-done")).toBeVisible({ timeout: 30_000 });
  await expect(learner.getByTestId("course-progress").getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await learner.context().close();
});
