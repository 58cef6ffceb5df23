import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { E2eLearningCourse } from "@/lib/testing/course-factories";
import type { E2eWorld } from "@/lib/testing/factories";
import { expect, signIn, test } from "./fixtures";

/** The world's learner enrolled in a course with a text lesson and a 20 s video (the committed WebM). */
async function learningCourse(page: Page, world: E2eWorld): Promise<E2eLearningCourse> {
  const res = await page.request.post("/api/test-support", {
    headers: { "x-e2e-token": process.env.TAPHUAN_E2E_TOKEN! },
    data: { action: "learningCourse", ownerUnitId: world.units.agency.id, trainerId: world.users.trainer!.id, learnerId: world.users.learner!.id },
  });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

const courseBar = (page: Page) => page.getByTestId("course-progress").getByRole("progressbar");
const videoTime = (page: Page) => page.getByTestId("lesson-video").evaluate((v: HTMLVideoElement) => v.currentTime);

/** Waits for the player's next progress write to be answered. */
const progressSaved = (page: Page) =>
  page.waitForResponse((r) => r.url().endsWith("/api/progress") && r.request().method() === "POST" && r.status() === 204);

test("a learner reads a lesson, marks it done, watches the video to 90 % and completes the course", async ({ page, world }) => {
  test.setTimeout(60_000);
  const c = await learningCourse(page, world);
  await signIn(page, world.users.learner!.email, world.password);

  // The text lesson: content, breadcrumbs back to the course, the course bar at 0 %.
  await page.goto(`/courses/${c.courseId}/lessons/${c.textLessonId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Bài 1. Các bước tiếp nhận" })).toBeVisible();
  await expect(page.getByTestId("lesson-body").getByRole("heading", { name: "Các bước" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Đường dẫn" }).getByRole("link", { name: c.courseTitle })).toHaveAttribute("href", `/courses/${c.courseId}`);
  await expect(courseBar(page)).toHaveAttribute("aria-valuenow", "0");

  // The hint names the very button there is to press.
  await expect(page.getByText("bấm nút «Đánh dấu đã học xong» dưới đây")).toBeVisible();
  await page.getByRole("button", { name: "Đánh dấu đã học xong" }).click();
  await expect(page.getByTestId("lesson-done")).toBeVisible();
  await expect(page.getByText("Bạn đã học xong bài này.")).toBeVisible();
  await expect(courseBar(page)).toHaveAttribute("aria-valuenow", "50");
  await expect(page.getByText("Tiến độ khóa học: 1/2 bài")).toBeVisible();

  // The video lesson, by the "next" link; no hand-marking for videos.
  await page.getByRole("link", { name: /Bài tiếp theo/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bài 2. Video hướng dẫn" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Đánh dấu đã học xong" })).toHaveCount(0);
  const video = page.getByTestId("lesson-video");
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("video-watched")).toHaveText("Đã xem 0 %");

  // Play a little, jump ahead (a seek counts as no watching), pause: the position is saved.
  let saved = progressSaved(page);
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await saved; // the write that starts the play clock
  await expect.poll(() => videoTime(page)).toBeGreaterThan(2);
  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 12;
  });
  await expect.poll(() => videoTime(page)).toBeGreaterThan(13);
  saved = progressSaved(page);
  await video.evaluate((v: HTMLVideoElement) => v.pause());
  await saved;
  const left = await videoTime(page);
  const watchedText = await page.getByTestId("video-watched").textContent();
  const watchedBefore = Number(/(\d+)/.exec(watchedText ?? "")![1]);
  // About 3–4 s played: not the 12 s skipped.
  expect(watchedBefore).toBeGreaterThanOrEqual(5);
  expect(watchedBefore).toBeLessThan(40);

  // Reload: the player resumes where the learner left off.
  await page.reload();
  await expect.poll(() => videoTime(page)).toBeGreaterThanOrEqual(Math.round(left) - 1);
  expect(await videoTime(page)).toBeLessThanOrEqual(left + 1);
  await expect(page.getByText(/^Tiếp tục từ 0:1\d\.$/)).toBeVisible();
  await expect(page.getByTestId("video-watched")).toHaveText(`Đã xem ${watchedBefore} %`);

  // Watch it from the start at 2× (the fastest rate credited in full): done at ≥ 90 %.
  await page.getByTestId("lesson-video").evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    v.currentTime = 0;
    v.playbackRate = 2;
    return v.play();
  });
  await expect(page.getByTestId("lesson-done")).toBeVisible({ timeout: 25_000 });
  await expect(courseBar(page)).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByText("Chúc mừng! Bạn đã hoàn thành khóa học.")).toBeVisible();

  // And it stays so.
  await page.reload();
  await expect(page.getByTestId("lesson-done")).toBeVisible();
  await expect(page.getByTestId("video-watched")).toHaveText(/Đã xem (9\d|100) %/);
  await expect(courseBar(page)).toHaveAttribute("aria-valuenow", "100");

  // The finished course stays on the learner's home, under "Đã hoàn thành" (issue 9: it disappeared).
  await page.goto("/");
  await expect(page.getByRole("list", { name: "Đã hoàn thành" }).getByRole("link", { name: c.courseTitle })).toBeVisible();
});

test("the trainer previews without recording; a learner of another unit gets 404", async ({ page, world }) => {
  const c = await learningCourse(page, world);
  const origin = new URL(page.url() === "about:blank" ? test.info().project.use.baseURL! : page.url()).origin;
  const post = (data: unknown, headers: Record<string, string> = { Origin: origin }) => page.request.post("/api/progress", { headers, data });
  // Signed out: 401, with the message translated.
  const signedOut = await post({ event: "complete", lessonId: c.textLessonId });
  expect(signedOut.status()).toBe(401);
  expect((await signedOut.json()).error.message).toMatch(/Phiên đăng nhập đã hết/);

  await signIn(page, world.users.trainer!.email, world.password);
  await page.goto(`/courses/${c.courseId}/lessons/${c.textLessonId}`);
  await expect(page.getByTestId("preview-notice")).toHaveText(/tiến độ học không được ghi lại/);
  await expect(page.getByRole("button", { name: "Đánh dấu đã học xong" })).toHaveCount(0);
  await expect(page.getByTestId("course-progress")).toHaveCount(0);
  // The progress route refuses the preview too.
  const res = await post({ event: "complete", lessonId: c.textLessonId });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.message).toMatch(/xem trước/);
  // A malformed event is 422; another site's page cannot post at all.
  expect((await post({ event: "video", lessonId: c.videoLessonId, position: "x" })).status()).toBe(422);
  expect((await post({ event: "complete", lessonId: c.textLessonId }, { Origin: "https://evil.example" })).status()).toBe(403);

  await page.context().clearCookies();
  await signIn(page, world.users.learnerB!.email, world.password);
  const other = await page.goto(`/courses/${c.courseId}/lessons/${c.textLessonId}`);
  expect(other?.status()).toBe(404);
});

test("lesson pages meet WCAG 2.1 AA at 360 px, and marking done works from the keyboard", async ({ page, world }) => {
  test.setTimeout(60_000);
  const c = await learningCourse(page, world);
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, world.users.learner!.email, world.password);
  for (const id of [c.textLessonId, c.videoLessonId]) {
    await page.goto(`/courses/${c.courseId}/lessons/${id}`);
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), id).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), id).toBeLessThanOrEqual(360);
  }
  await page.goto(`/courses/${c.courseId}/lessons/${c.textLessonId}`);
  await page.getByRole("button", { name: "Đánh dấu đã học xong" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("lesson-done")).toBeVisible();
  await expect(courseBar(page)).toHaveAttribute("aria-valuenow", "50");
});

test("a position the server never acknowledged is kept on the device, resumed and sent again", async ({ page, world }) => {
  test.setTimeout(60_000);
  const c = await learningCourse(page, world);
  await signIn(page, world.users.learner!.email, world.password);
  await page.goto(`/courses/${c.courseId}/lessons/${c.videoLessonId}`);
  const video = page.getByTestId("lesson-video");
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);

  // The link drops: every progress write fails from here on.
  await page.route("**/api/progress", (route) => route.abort("internetdisconnected"));
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    v.currentTime = 9;
    return v.play();
  });
  await expect.poll(() => videoTime(page)).toBeGreaterThan(10);
  await video.evaluate((v: HTMLVideoElement) => v.pause());
  await expect(page.getByText("Chưa lưu được tiến độ", { exact: false })).toBeVisible();
  const left = await videoTime(page);

  // Back online, the learner comes back later: the player resumes where they were, and the write is
  // sent again and acknowledged (it is then on the server: a second reload on a clean device resumes too).
  await page.unroute("**/api/progress");
  const resent = page.waitForResponse((r) => r.url().endsWith("/api/progress") && r.request().method() === "POST");
  await page.reload();
  expect((await resent).status()).toBe(204);
  await expect.poll(() => videoTime(page)).toBeGreaterThanOrEqual(Math.round(left) - 1);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect.poll(() => videoTime(page)).toBeGreaterThanOrEqual(Math.round(left) - 1);
});
