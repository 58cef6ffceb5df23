import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { E2eWorld } from "@/lib/testing/factories";
import { expect, signIn, test } from "./fixtures";

/**
 * A learner's quiz (docs/decisions/080-quizzes.md, 084-answers-never-lost.md): the landing, the
 * player through a dropped connection and reloads, the review; the job that finishes an attempt
 * whose time ran out with the tab closed; 360 px, axe and the keyboard.
 */

type QuizSetup = { courseId: string; courseTitle: string; quizId: string; lessonId: string; quizTitle: string };

async function support<T>(page: Page, input: Record<string, unknown>): Promise<T> {
  const res = await page.request.post("/api/test-support", {
    headers: { "x-e2e-token": process.env.TAPHUAN_E2E_TOKEN! },
    data: { action: "quizAttempt", input },
  });
  expect(res.status(), await res.text()).toBe(200);
  return res.json() as Promise<T>;
}

const setupQuiz = (page: Page, world: E2eWorld, timeLimitSeconds: number | null, reviewDuring = false) =>
  support<QuizSetup>(page, {
    step: "setup",
    ownerUnitId: world.units.agency.id,
    trainerId: world.users.trainer!.id,
    learnerIds: [world.users.learner!.id],
    timeLimitSeconds,
    reviewDuring,
  });

const question = (page: Page, position: number) => page.getByTestId(`question-${position}`);
const saveStatus = (page: Page) => page.getByTestId("save-status");
const attemptIdOf = (page: Page) => /\/attempts\/([0-9a-f-]{36})/.exec(page.url())![1]!;
const stored = (page: Page, attemptId: string) => page.evaluate((id) => localStorage.getItem(`taphuan.attempt.${id}`), attemptId);

/** The next save of answers the server acknowledges. */
const answersSaved = (page: Page) => page.waitForResponse((r) => /\/api\/attempts\/[^/]+\/answers$/.test(r.url()) && r.request().method() === "PUT" && r.status() === 200);

const ESSAY = "Kiểm tra kỹ thành phần hồ sơ.\nHẹn ngày trả kết quả rõ ràng.";

/** Every answer of the journey, as the player shows it. */
async function expectAllAnswers(page: Page) {
  await expect(question(page, 1).getByLabel("Bộ phận Một cửa")).toBeChecked();
  await expect(question(page, 2).getByLabel("Tờ khai đăng ký khai sinh")).toBeChecked();
  await expect(question(page, 2).getByLabel("Giấy chứng sinh")).toBeChecked();
  await expect(question(page, 2).getByLabel("Sổ hộ khẩu giấy")).not.toBeChecked();
  await expect(question(page, 3).getByLabel("Đúng")).toBeChecked();
  await expect(question(page, 4).getByLabel("Câu trả lời của bạn")).toHaveValue("Ha Noi");
  await expect(question(page, 5).getByLabel("Khai sinh")).toHaveValue("Trong ngày");
  await expect(question(page, 5).getByLabel("Chứng thực bản sao")).toHaveValue("Trong 2 giờ");
  await expect(question(page, 6).getByLabel("Câu trả lời (một số)")).toHaveValue("2,5");
  await expect(question(page, 7).getByLabel("Câu trả lời của bạn")).toHaveValue(ESSAY);
}

test("a learner takes a timed quiz through a dropped connection and reloads; every answer is kept and reviewed", async ({ page, context, world }) => {
  test.setTimeout(120_000);
  const q = await setupQuiz(page, world, 600);
  await signIn(page, world.users.learner!.email, world.password);

  // The quiz lesson's address leads to the quiz: its rules and the start button.
  await page.goto(`/courses/${q.courseId}/lessons/${q.lessonId}`);
  await expect(page).toHaveURL(new RegExp(`/courses/${q.courseId}/quizzes/${q.quizId}$`));
  await expect(page.getByRole("heading", { level: 1, name: q.quizTitle })).toBeVisible();
  const rules = page.getByRole("region", { name: "Thông tin bài kiểm tra" });
  await expect(rules).toContainText("10 phút");
  await expect(rules).toContainText("Đã làm 0/2 lần");
  await expect(rules).toContainText("50 %");
  await expect(page.getByRole("link", { name: "Chỉnh sửa" })).toHaveCount(0);
  await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await expect(page).toHaveURL(/\/attempts\/[0-9a-f-]{36}$/);
  const attemptId = attemptIdOf(page);
  await expect(page.getByRole("heading", { level: 1, name: q.quizTitle })).toBeVisible();
  // The countdown runs from the server's deadline.
  await expect(page.getByRole("timer")).toHaveText(/^(10:00|9:[0-5]\d)$/);

  // Online: three answers, saved.
  const firstSave = answersSaved(page);
  await question(page, 1).getByLabel("Bộ phận Một cửa").check();
  await question(page, 2).getByLabel("Tờ khai đăng ký khai sinh").check();
  await question(page, 2).getByLabel("Giấy chứng sinh").check();
  await question(page, 3).getByLabel("Đúng").check();
  await firstSave;
  await expect(saveStatus(page)).toHaveText("Đã lưu");
  await expect(page.getByRole("link", { name: "Câu 3, đã trả lời" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Câu 4, chưa trả lời" })).toBeVisible();

  // The connection drops: the learner keeps answering; the page says so and keeps the answers on the device.
  await context.setOffline(true);
  await question(page, 4).getByLabel("Câu trả lời của bạn").fill("Ha Noi");
  await question(page, 5).getByLabel("Khai sinh").selectOption("Trong ngày");
  await question(page, 5).getByLabel("Chứng thực bản sao").selectOption("Trong 2 giờ");
  const number = question(page, 6).getByLabel("Câu trả lời (một số)");
  await expect(number).toHaveAttribute("inputmode", "decimal");
  await number.fill("2,5");
  await question(page, 7).getByLabel("Câu trả lời của bạn").fill(ESSAY);
  await question(page, 7).getByLabel("Câu trả lời của bạn").blur();
  await expect(saveStatus(page)).toHaveText("Mất kết nối — sẽ thử lại");
  expect(JSON.parse((await stored(page, attemptId))!).pending.map((p: { position: number }) => p.position).sort()).toEqual([4, 5, 6, 7]);

  // Back online: saved, and the device's copy is cleared.
  await context.setOffline(false);
  await expect(saveStatus(page)).toHaveText("Đã lưu");
  expect(await stored(page, attemptId)).toBeNull();

  // A reload shows every answer, from the server.
  await page.reload();
  await expectAllAnswers(page);
  await expect(saveStatus(page)).toHaveText("Đã lưu");

  // A save that never reaches the server, then the tab is reloaded: the answer comes back from the
  // device and is sent again; then it is on the server (a reload with the device's copy cleared shows it).
  await page.route("**/api/attempts/*/answers", (route) => route.abort("internetdisconnected"));
  await question(page, 4).getByLabel("Câu trả lời của bạn").fill("Hà Nội");
  await question(page, 4).getByLabel("Câu trả lời của bạn").blur();
  await expect(saveStatus(page)).toHaveText("Mất kết nối — sẽ thử lại");
  await page.reload();
  await expect(question(page, 4).getByLabel("Câu trả lời của bạn")).toHaveValue("Hà Nội");
  await page.unroute("**/api/attempts/*/answers");
  await expect(saveStatus(page)).toHaveText("Đã lưu", { timeout: 15_000 });
  expect(await stored(page, attemptId)).toBeNull();
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(question(page, 4).getByLabel("Câu trả lời của bạn")).toHaveValue("Hà Nội");

  // Submit: the confirmation says every question is answered.
  await page.getByRole("button", { name: "Nộp bài" }).click();
  const dialog = page.getByRole("dialog", { name: "Nộp bài?" });
  await expect(dialog).toContainText("Bạn đã trả lời tất cả các câu.");
  await dialog.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page).toHaveURL(new RegExp(`/attempts/${attemptId}/review$`));

  // The review shows every answer given; marks are shown after submitting (the essay awaits a trainer).
  await expect(page.getByRole("heading", { level: 1, name: "Xem lại lần làm bài 1" })).toBeVisible();
  await expect(question(page, 1).getByLabel("Bộ phận Một cửa")).toBeChecked();
  await expect(question(page, 2).getByLabel("Giấy chứng sinh")).toBeChecked();
  await expect(question(page, 3).getByLabel("Đúng")).toBeChecked();
  await expect(page.getByTestId("answer-4")).toHaveText("Hà Nội");
  await expect(question(page, 5).getByLabel("Khai sinh")).toHaveValue("Trong ngày");
  await expect(question(page, 5).getByLabel("Chứng thực bản sao")).toHaveValue("Trong 2 giờ");
  await expect(page.getByTestId("answer-6")).toHaveText("2,5");
  await expect(page.getByTestId("answer-7")).toHaveText(ESSAY);
  await expect(page.getByTestId("review-score")).toHaveText("Điểm: 6/8");
  await expect(question(page, 7).getByTestId("question-review")).toContainText("Chờ chấm");

  // The player's address of a finished attempt leads to its review; the landing lists it.
  await page.goto(`/courses/${q.courseId}/quizzes/${q.quizId}/attempts/${attemptId}`);
  await expect(page).toHaveURL(new RegExp(`/attempts/${attemptId}/review$`));
  await page.goto(`/courses/${q.courseId}/quizzes/${q.quizId}`);
  await expect(page.getByTestId("attempt-1")).toContainText("Điểm: 6/8");
  await expect(page.getByRole("button", { name: "Làm lại" })).toBeVisible();
});

test("time runs out with the tab closed: the job finishes the attempt with the answer saved", async ({ browser, page, world }) => {
  test.setTimeout(90_000);
  const q = await setupQuiz(page, world, 60);
  await signIn(page, world.users.learner!.email, world.password);
  await page.goto(`/courses/${q.courseId}/quizzes/${q.quizId}`);
  await expect(page.getByText("đồng hồ 1 phút bắt đầu chạy")).toBeVisible();
  await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await expect(page).toHaveURL(/\/attempts\/[0-9a-f-]{36}$/);
  const attemptId = attemptIdOf(page);
  await expect(page.getByRole("timer")).toHaveText(/^(1:00|0:[0-5]\d)$/);
  await expect(page.getByRole("alert").filter({ hasText: "Còn 1 phút" })).toBeVisible();
  const saved = answersSaved(page);
  await question(page, 1).getByLabel("Bộ phận Một cửa").check();
  await saved;
  await expect(saveStatus(page)).toHaveText("Đã lưu");
  await page.close();

  // The deadline passes (moved, rather than waited for) and the runner's job comes due: it finishes the attempt.
  await support(page, { step: "deadline", attemptId, seconds: -61 });
  const after = await support<{ state: string; finishedBy: string; answers: { position: number; response: unknown }[] }>(page, { step: "runDueJobs", attemptId });
  expect(after).toMatchObject({ state: "FINISHED", finishedBy: "DEADLINE" });
  expect(after.answers[0]).toEqual({ position: 1, response: { optionId: "o1" } });

  // The learner signs in again: the attempt is finished, with the saved answer.
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const again = await context.newPage();
  await signIn(again, world.users.learner!.email, world.password);
  await again.goto(`/courses/${q.courseId}/quizzes/${q.quizId}`);
  await expect(again.getByTestId("attempt-1")).toContainText("Nộp lúc");
  await again.getByTestId("attempt-1").getByRole("link", { name: /Xem lại/ }).click();
  await expect(again.getByRole("heading", { level: 1, name: "Xem lại lần làm bài 1" })).toBeVisible();
  await expect(question(again, 1).getByLabel("Bộ phận Một cửa")).toBeChecked();
  await expect(again.getByTestId("answer-4")).toHaveText("Không trả lời");
  await context.close();
});

test("the quiz pages meet WCAG 2.1 AA at 360 px, and a quiz can be answered and submitted with the keyboard", async ({ page, world }) => {
  test.setTimeout(90_000);
  const q = await setupQuiz(page, world, null);
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, world.users.learner!.email, world.password);
  const axe = async (what: string) => {
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), what).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(360);
    await expect(page.getByRole("heading", { level: 1 }), what).toHaveCount(1);
  };
  await page.goto(`/courses/${q.courseId}/quizzes/${q.quizId}`);
  await axe("landing");

  await page.getByRole("button", { name: "Bắt đầu làm bài" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/attempts\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Không giới hạn thời gian")).toBeVisible();
  await axe("player");

  // Keyboard only: the first option, then the arrow keys move the choice within the group.
  await question(page, 1).getByLabel("Bộ phận Một cửa").focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowDown");
  await expect(question(page, 1).getByLabel("Văn thư")).toBeChecked();
  await question(page, 4).getByLabel("Câu trả lời của bạn").focus();
  await page.keyboard.type("Hà Nội");
  await page.keyboard.press("Tab");
  await expect(saveStatus(page)).toHaveText("Đã lưu");

  // The confirmation lists what is unanswered; Escape goes back to the quiz.
  await page.getByRole("button", { name: "Nộp bài" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Nộp bài?" });
  await expect(dialog).toContainText("Bạn còn 5 câu chưa trả lời:");
  await expect(dialog.getByRole("list", { name: "Các câu chưa trả lời" }).getByRole("link")).toHaveText(["Câu 2", "Câu 3", "Câu 5", "Câu 6", "Câu 7"]);
  await axe("confirm");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Nộp bài" }).focus();
  await page.keyboard.press("Enter");
  await dialog.getByRole("button", { name: "Nộp bài" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/review$/);
  await expect(question(page, 1).getByLabel("Văn thư")).toBeChecked();
  await axe("review");
});

test("when the quiz allows it, an answer is checked while answering and then locked; staff see the quiz's tools", async ({ page, world }) => {
  test.setTimeout(60_000);
  const q = await setupQuiz(page, world, null, true);
  await signIn(page, world.users.learner!.email, world.password);
  await page.goto(`/courses/${q.courseId}/quizzes/${q.quizId}`);
  await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await expect(page).toHaveURL(/\/attempts\/[0-9a-f-]{36}$/);
  const first = question(page, 1);
  // Nothing to check before there is an answer.
  await expect(first.getByRole("button", { name: "Kiểm tra" })).toBeDisabled();
  await first.getByLabel("Văn thư").check();
  await first.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(first.getByTestId("question-review")).toContainText("Sai");
  await expect(first.getByTestId("question-review")).toContainText("Chưa đúng.");
  await expect(first.getByTestId("question-review")).toContainText("Bộ phận Một cửa");
  await expect(first.getByText("Đã kiểm tra: câu trả lời không sửa được nữa.")).toBeVisible();
  await expect(first.getByLabel("Văn thư")).toBeDisabled();
  await expect(first.getByRole("button", { name: "Kiểm tra" })).toHaveCount(0);
  // Still locked after a reload; the other questions can still be checked.
  await page.reload();
  await expect(question(page, 1).getByLabel("Văn thư")).toBeChecked();
  await expect(question(page, 1).getByLabel("Bộ phận Một cửa")).toBeDisabled();
  await expect(question(page, 3).getByRole("button", { name: "Kiểm tra" })).toBeVisible();

  // The course's trainer sees the quiz with links to edit it and to its results, and no start button.
  await page.context().clearCookies();
  await signIn(page, world.users.trainer!.email, world.password);
  await page.goto(`/courses/${q.courseId}/quizzes/${q.quizId}`);
  const tools = page.getByRole("navigation", { name: "Công cụ quản lý" });
  await expect(tools.getByRole("link", { name: "Chỉnh sửa" })).toHaveAttribute("href", `/courses/${q.courseId}/quizzes/${q.quizId}/edit`);
  await expect(tools.getByRole("link", { name: "Kết quả" })).toHaveAttribute("href", `/courses/${q.courseId}/quizzes/${q.quizId}/results`);
  await expect(page.getByRole("button", { name: "Bắt đầu làm bài" })).toHaveCount(0);
});
