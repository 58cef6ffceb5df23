import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { E2eQuizSetup } from "@/lib/testing/e2e-quiz-setup";
import { expect, signIn, test } from "./fixtures";

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The quiz's items in order, as the page lists them ("1. Câu…"). */
async function items(page: Page) {
  return page.getByRole("list", { name: "Câu hỏi của bài" }).locator(":scope > li > p:first-child").allInnerTexts();
}

test("a trainer adds a quiz to a section, sets a 10-minute limit and pass mark 50, picks two questions and a random slot, reorders from the keyboard, and sees it all on the edit page", async ({ page, world, request }) => {
  test.setTimeout(120_000); // one person, about twenty form submissions, two accessibility scans
  const res = await request.post("/api/test-support", {
    headers: { "x-e2e-token": process.env.TAPHUAN_E2E_TOKEN! },
    data: { action: "quizSetup", ownerUnitId: world.units.agency.id, trainerId: world.users.trainer!.id },
  });
  expect(res.status(), await res.text()).toBe(200);
  const setup = (await res.json()) as E2eQuizSetup;
  const [first, , third] = setup.questions as [string, string, string];

  await signIn(page, world.users.trainer!.email, world.password);
  await page.goto(`/courses/${setup.courseId}/content`);
  await page.getByRole("link", { name: `Thêm bài kiểm tra vào phần ${setup.sectionTitle}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Thêm bài kiểm tra" })).toBeVisible();
  await expect(page.getByLabel("Thuộc phần")).toHaveValue(/.+/);
  await page.getByLabel("Tên bài kiểm tra").fill("Kiểm tra cuối phần 1");
  await page.getByRole("button", { name: "Tạo bài kiểm tra" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Thiết lập bài kiểm tra: Kiểm tra cuối phần 1" })).toBeVisible();
  const editUrl = page.url();
  expect(await violations(page)).toEqual([]);

  // Settings: a refusal keeps what was typed and says why under the field.
  const settings = page.getByRole("form", { name: "Cài đặt" });
  await settings.getByLabel("Thời gian làm bài (phút)").fill("10");
  await settings.getByLabel("Điểm đạt (%)").fill("150");
  await settings.getByRole("button", { name: "Lưu cài đặt" }).click();
  await expect(settings.getByLabel("Điểm đạt (%)")).toHaveAccessibleDescription(/Điểm đạt là số phần trăm từ 0 đến 100/);
  await expect(settings.getByLabel("Thời gian làm bài (phút)")).toHaveValue("10");
  await settings.getByLabel("Điểm đạt (%)").fill("50");
  await settings.getByRole("button", { name: "Lưu cài đặt" }).click();
  await expect(settings.getByRole("status")).toHaveText("Đã lưu cài đặt bài kiểm tra.");

  // Two questions from the course's bank, found without diacritics among others.
  const picker = page.getByRole("region", { name: "Chọn câu hỏi từ ngân hàng" });
  await expect(picker.getByLabel("Ngân hàng", { exact: true })).toHaveValue(/.+/);
  await picker.getByLabel("Từ khóa (có dấu hoặc không dấu)").fill("ho so truc tuyen");
  await picker.getByRole("button", { name: "Lọc" }).click();
  await expect(picker.getByRole("status")).toHaveText("1 câu hỏi");
  const list = picker.getByRole("form", { name: "Câu hỏi tìm được" });
  await expect(list.getByRole("checkbox")).toHaveCount(1);
  await picker.getByLabel("Từ khóa (có dấu hoặc không dấu)").fill("");
  await picker.getByRole("button", { name: "Lọc" }).click();
  await expect(picker.getByRole("status")).toHaveText("4 câu hỏi");
  await expect(list.getByRole("checkbox")).toHaveCount(4);
  await list.getByRole("checkbox", { name: new RegExp(first) }).check();
  await list.getByRole("checkbox", { name: new RegExp(third) }).check();
  await list.getByRole("button", { name: "Thêm các câu đã chọn" }).click();
  await expect(list.getByRole("status")).toHaveText("Đã thêm 2 câu hỏi.");
  await expect(list.getByRole("checkbox", { name: new RegExp(first) })).toBeDisabled();

  // A random slot: asking for more than the category holds is refused, then two of three.
  const random = page.getByRole("form", { name: "Thêm câu hỏi ngẫu nhiên" });
  await random.getByLabel("Danh mục", { exact: true }).selectOption({ label: `${setup.categoryName} (3 câu; cả danh mục con: 4)` });
  await random.getByLabel("Số câu").fill("5");
  await random.getByRole("button", { name: "Thêm câu ngẫu nhiên" }).click();
  await expect(random.getByLabel("Số câu")).toHaveAccessibleDescription("Danh mục này chỉ có 3 câu hỏi dùng được.");
  await random.getByLabel("Số câu").fill("2");
  await random.getByLabel("Điểm mỗi câu").fill("0,5");
  await random.getByRole("button", { name: "Thêm câu ngẫu nhiên" }).click();
  await expect(random.getByRole("status")).toHaveText("Đã thêm mục câu hỏi ngẫu nhiên.");

  const questions = page.getByRole("region", { name: "Câu hỏi của bài" });
  await expect(questions.getByText("4 câu hỏi, tổng 3 điểm")).toBeVisible();
  await expect.poll(() => items(page)).toEqual([`1. ${first}`, `2. ${third}`, `3. Ngẫu nhiên 2 câu từ danh mục «${setup.categoryName}»`]);

  // Reorder from the keyboard: the random slot goes up twice; focus stays on its button.
  await questions.getByRole("button", { name: "Chuyển mục 3 lên" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => items(page)).toEqual([`1. ${first}`, `2. Ngẫu nhiên 2 câu từ danh mục «${setup.categoryName}»`, `3. ${third}`]);
  await expect(questions.getByRole("button", { name: "Chuyển mục 2 lên" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => items(page)).toEqual([`1. Ngẫu nhiên 2 câu từ danh mục «${setup.categoryName}»`, `2. ${first}`, `3. ${third}`]);
  // At the top "up" is disabled: focus moves to "down" of the same item.
  await expect(questions.getByRole("button", { name: "Chuyển mục 1 xuống" })).toBeFocused();

  // Everything is kept: a fresh load of the edit page shows it.
  await page.goto(editUrl);
  await expect(page.getByLabel("Thời gian làm bài (phút)")).toHaveValue("10");
  await expect(page.getByLabel("Điểm đạt (%)")).toHaveValue("50");
  await expect.poll(() => items(page)).toEqual([`1. Ngẫu nhiên 2 câu từ danh mục «${setup.categoryName}»`, `2. ${first}`, `3. ${third}`]);
  await expect(page.getByText("4 câu hỏi, tổng 3 điểm")).toBeVisible();
  expect(await violations(page)).toEqual([]);

  // The outline links the quiz: the content page to its setup, the course page to its landing page.
  await page.goto(`/courses/${setup.courseId}/content`);
  await page.locator("summary", { hasText: "Kiểm tra cuối phần 1" }).click();
  await expect(page.getByRole("link", { name: "Thiết lập bài kiểm tra Kiểm tra cuối phần 1" })).toHaveAttribute("href", new URL(editUrl).pathname);
  await page.goto(`/courses/${setup.courseId}`);
  const quizId = new URL(editUrl).pathname.split("/")[4];
  await expect(page.getByRole("region", { name: "Nội dung khóa học" }).getByRole("link", { name: "Kiểm tra cuối phần 1" })).toHaveAttribute("href", `/courses/${setup.courseId}/quizzes/${quizId}`);
});
