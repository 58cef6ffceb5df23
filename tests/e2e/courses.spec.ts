import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

async function signedIn(browser: Browser, baseURL: string | undefined, email: string, password: string) {
  const context = await browser.newContext({ baseURL, locale: "vi-VN" });
  const page = await context.newPage();
  await signIn(page, email, password);
  return { page, close: () => context.close() };
}

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function searchCatalogue(page: Page, q: string) {
  await page.goto("/courses");
  const form = page.getByRole("search", { name: "Tìm khóa học" });
  await form.getByLabel("Từ khóa").fill(q);
  await form.getByRole("button", { name: "Tìm" }).click();
  await expect(page).toHaveURL(/[?&]q=/);
}

test("a trainer creates, fills, reorders from the keyboard and publishes a course; a learner of the audience finds it without diacritics and enrols; another commune's learner does not see it", async ({ page, world, browser, baseURL }) => {
  test.setTimeout(90_000);
  const tag = unique();
  const title = `Chứng thực bản sao điện tử ${tag}`;
  await signIn(page, world.users.trainer!.email, world.password);
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Khóa học" }).click();
  await page.getByRole("link", { name: "Tạo khóa học" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Tạo khóa học" })).toBeVisible();

  // A bad length is refused with the message under the field, and what was typed is kept.
  await page.getByLabel("Tên khóa học").fill(title);
  await page.getByLabel("Mã khóa học").fill(`e2e.${tag}`);
  await page.getByLabel("Lĩnh vực").selectOption({ label: "Ứng dụng CNTT trong giải quyết thủ tục hành chính" });
  await page.getByLabel("Giới thiệu ngắn").fill("Quy trình chứng thực bản sao điện tử từ bản chính.");
  await page.getByLabel("Thời lượng (tiết)").fill("500");
  await page.getByRole("checkbox", { name: world.units.city.name, exact: true }).check();
  await page.getByRole("button", { name: "Tạo khóa học" }).click();
  await expect(page.getByLabel("Thời lượng (tiết)")).toHaveAccessibleDescription(/Thời lượng là số nguyên từ 1 đến 200 tiết/);
  await expect(page.getByLabel("Tên khóa học")).toHaveValue(title);
  await page.getByLabel("Thời lượng (tiết)").fill("8");
  await page.getByRole("button", { name: "Tạo khóa học" }).click();

  // The content editor: two sections and a text lesson.
  await expect(page.getByRole("heading", { level: 1, name: `Soạn nội dung: ${title}` })).toBeVisible();
  const addSection = page.getByRole("form", { name: "Thêm phần" });
  await addSection.getByLabel("Tên phần").fill("Phần 1. Căn cứ pháp lý");
  await addSection.getByRole("button", { name: "Thêm phần" }).click();
  await expect(page.getByRole("heading", { name: "1. Phần 1. Căn cứ pháp lý" })).toBeVisible();
  await addSection.getByLabel("Tên phần").fill("Phần 2. Quy trình");
  await addSection.getByRole("button", { name: "Thêm phần" }).click();
  await expect(page.getByRole("heading", { name: "2. Phần 2. Quy trình" })).toBeVisible();

  const addLesson = page.getByRole("form", { name: "Thêm bài học" });
  await addLesson.getByLabel("Thuộc phần").selectOption({ label: "Phần 2. Quy trình" });
  await addLesson.getByLabel("Tên bài học").fill("Bước 1. Tiếp nhận yêu cầu");
  const editor = addLesson.getByRole("textbox", { name: "Nội dung" });
  await editor.fill("Công chức kiểm tra hồ sơ trên Cổng Dịch vụ công quốc gia.");
  await editor.press("ControlOrMeta+a");
  await addLesson.getByRole("button", { name: "Đậm" }).click();
  await addLesson.getByRole("button", { name: "Thêm bài học" }).click();
  await expect(addLesson.getByRole("status")).toHaveText("Đã thêm bài học.");
  // Stored as sanitised HTML with the bold kept: the lesson's own editor shows it.
  await page.locator("summary", { hasText: "Bước 1. Tiếp nhận yêu cầu" }).click();
  const stored = page.getByRole("form", { name: "Sửa bài Bước 1. Tiếp nhận yêu cầu" }).getByRole("textbox", { name: "Nội dung" });
  await expect(stored.locator("strong")).toHaveText("Công chức kiểm tra hồ sơ trên Cổng Dịch vụ công quốc gia.");

  // Deleting a lesson asks first, naming it, then says it is done (issue 9: it ran on one click, silently).
  await addLesson.getByLabel("Thuộc phần").selectOption({ label: "Phần 1. Căn cứ pháp lý" });
  await addLesson.getByLabel("Tên bài học").fill("Bài nháp");
  await addLesson.getByRole("textbox", { name: "Nội dung" }).fill("Sẽ xóa.");
  await addLesson.getByRole("button", { name: "Thêm bài học" }).click();
  await expect(addLesson.getByRole("status")).toHaveText("Đã thêm bài học.");
  await page.locator("summary", { hasText: "Bài nháp" }).click();
  await page.getByRole("button", { name: "Xóa bài Bài nháp" }).click();
  const ask = page.getByRole("dialog", { name: "Xóa bài «Bài nháp»? Tiến độ học của học viên ở bài này cũng bị xóa; không hoàn tác được." });
  await ask.getByRole("button", { name: "Quay lại" }).click();
  await expect(page.locator("summary", { hasText: "Bài nháp" })).toBeVisible();
  await page.getByRole("button", { name: "Xóa bài Bài nháp" }).click();
  await ask.getByRole("button", { name: "Xóa bài Bài nháp" }).click();
  await expect(page.getByTestId("announcer")).toContainText("Đã xóa bài học.");
  await expect(page.locator("summary", { hasText: "Bài nháp" })).toHaveCount(0);

  // Reorder from the keyboard: lift "Phần 2" with Space, move it up, drop it.
  const order = page.getByRole("region", { name: "Thứ tự" });
  const sections = order.getByRole("list", { name: "Các phần" });
  await expect(sections.getByRole("listitem").first()).toContainText("Phần 1. Căn cứ pháp lý");
  await order.getByRole("button", { name: "Kéo để sắp xếp phần Phần 2. Quy trình" }).focus();
  // Each step is announced to screen readers (in Vietnamese); the next key waits for it, as a person would.
  // (dnd-kit's live region sits at the end of the page.)
  const announced = (text: RegExp) => expect(page.getByRole("status").filter({ hasText: text })).toHaveCount(1);
  await page.keyboard.press("Space");
  await announced(/Phần 2\. Quy trình.* vị trí 2\/2\./);
  await page.keyboard.press("ArrowUp");
  await announced(/Phần 2\. Quy trình đang ở vị trí 1\/2\./);
  await page.keyboard.press("Space");
  await announced(/Đã thả Phần 2\. Quy trình ở vị trí 1\/2\./);
  await expect(order.getByText("Đã lưu thứ tự.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "1. Phần 2. Quy trình" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "2. Phần 1. Căn cứ pháp lý" })).toBeVisible();

  // The Up/Down buttons do the same for people who prefer them.
  await page.getByRole("button", { name: "Chuyển phần Phần 1. Căn cứ pháp lý lên" }).click();
  await expect(order.getByText("Đã lưu thứ tự.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "1. Phần 1. Căn cứ pháp lý" })).toBeVisible();

  // Publish from the course's edit page.
  await page.getByRole("link", { name: "Về trang khóa học" }).click();
  await page.getByRole("link", { name: "Sửa thông tin, trạng thái, báo cáo viên" }).click();
  await page.getByRole("button", { name: "Công bố" }).click();
  await expect(page.getByRole("region", { name: "Trạng thái" }).getByRole("status")).toHaveText("Đã công bố khóa học.");
  await expect(page.getByTestId("course-status")).toHaveText("Hiện tại: Đã công bố");

  // The learner of commune A (under the city) finds it without diacritics and enrols.
  const learner = await signedIn(browser, baseURL, world.users.learner!.email, world.password);
  await searchCatalogue(learner.page, `chung thuc ban sao ${tag}`);
  const results = learner.page.getByRole("list", { name: "Danh mục khóa học" }).getByRole("link");
  await expect(results).toHaveText([title]);
  await results.first().click();
  await expect(learner.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(learner.page.getByRole("link", { name: "Bước 1. Tiếp nhận yêu cầu" })).toHaveCount(0);
  await learner.page.getByRole("button", { name: "Ghi danh" }).click();
  await expect(learner.page.getByRole("link", { name: "Bước 1. Tiếp nhận yêu cầu" })).toBeVisible();
  await expect(learner.page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "0");
  await learner.page.goto("/courses");
  await expect(learner.page.getByRole("list", { name: "Khóa học của tôi" })).toContainText(title);
  await expect(learner.page.getByRole("list", { name: "Khóa học của tôi" })).toContainText("Đang học");
  const courseUrl = `/courses/${new URL(await learner.page.getByRole("list", { name: "Khóa học của tôi" }).getByRole("link").first().getAttribute("href") ?? "", "http://x").pathname.split("/")[2]}`;
  await learner.close();

  // The learner of commune B (under the district) neither finds it nor opens it by address.
  const other = await signedIn(browser, baseURL, world.users.learnerB!.email, world.password);
  await searchCatalogue(other.page, `chung thuc ban sao ${tag}`);
  await expect(other.page.getByText("Không có khóa học nào phù hợp.")).toBeVisible();
  const res = await other.page.goto(courseUrl);
  expect(res?.status()).toBe(404);
  await other.close();
});

test("the course pages meet WCAG 2.1 AA, on a phone-sized screen too", async ({ page, world, browser, baseURL }) => {
  test.setTimeout(90_000);
  const tag = unique();
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, world.users.provinceAdmin!.email, world.password);
  await page.goto("/courses/new");
  await page.getByLabel("Tên khóa học").fill(`Xây dựng kế hoạch CCHC năm ${tag}`);
  await page.getByLabel("Mã khóa học").fill(`A11Y.${tag}`);
  await page.getByLabel("Đơn vị chủ trì").selectOption(world.units.province.id);
  await page.getByLabel("Lĩnh vực").selectOption({ label: "Xây dựng kế hoạch CCHC" });
  await page.getByRole("button", { name: "Tạo khóa học" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Soạn nội dung/ })).toBeVisible();
  const contentUrl = new URL(page.url()).pathname;
  const courseUrl = contentUrl.replace(/\/content$/, "");
  await page.getByRole("form", { name: "Thêm phần" }).getByLabel("Tên phần").fill("Phần 1. Căn cứ");
  await page.getByRole("form", { name: "Thêm phần" }).getByRole("button", { name: "Thêm phần" }).click();
  const addLesson = page.getByRole("form", { name: "Thêm bài học" });
  await addLesson.getByLabel("Tên bài học").fill("Căn cứ xây dựng kế hoạch");
  await addLesson.getByRole("textbox", { name: "Nội dung" }).fill("Nghị quyết số 76/NQ-CP của Chính phủ.");
  await addLesson.getByRole("button", { name: "Thêm bài học" }).click();
  await expect(addLesson.getByRole("status")).toHaveText("Đã thêm bài học.");

  for (const url of ["/courses", "/courses/manage", "/courses/new", "/courses/areas", courseUrl, `${courseUrl}/edit`, contentUrl]) {
    await page.goto(url);
    expect(await violations(page), url).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(360);
  }
  // The learner's view of the catalogue and of the course page.
  await page.goto(`${courseUrl}/edit`);
  await page.getByRole("button", { name: "Công bố" }).click();
  await expect(page.getByTestId("course-status")).toHaveText("Hiện tại: Đã công bố");
  const learner = await signedIn(browser, baseURL, world.users.learner!.email, world.password);
  await learner.page.setViewportSize({ width: 360, height: 740 });
  for (const url of ["/courses", courseUrl]) {
    await learner.page.goto(url);
    expect(await violations(learner.page), url).toEqual([]);
    expect(await learner.page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(360);
  }
  await learner.close();
});

test("a learner enrols once even when clicking twice, withdraws and enrols again", async ({ page, world, browser, baseURL }) => {
  const tag = unique();
  await signIn(page, world.users.provinceAdmin!.email, world.password);
  await page.goto("/courses/new");
  await page.getByLabel("Tên khóa học").fill(`Truyền thông CCHC ở cơ sở ${tag}`);
  await page.getByLabel("Mã khóa học").fill(`TT.${tag}`);
  await page.getByLabel("Đơn vị chủ trì").selectOption(world.units.province.id);
  await page.getByLabel("Lĩnh vực").selectOption({ label: "Truyền thông, tuyên truyền về CCHC" });
  await page.getByRole("button", { name: "Tạo khóa học" }).click();
  await page.getByRole("form", { name: "Thêm phần" }).getByLabel("Tên phần").fill("Phần 1");
  await page.getByRole("form", { name: "Thêm phần" }).getByRole("button", { name: "Thêm phần" }).click();
  const addLesson = page.getByRole("form", { name: "Thêm bài học" });
  await addLesson.getByRole("radio", { name: "Liên kết" }).check();
  await addLesson.getByLabel("Tên bài học").fill("Cổng Dịch vụ công quốc gia");
  await addLesson.getByLabel("Địa chỉ liên kết").fill("javascript:alert(1)");
  await addLesson.getByRole("button", { name: "Thêm bài học" }).click();
  await expect(addLesson.getByLabel("Địa chỉ liên kết")).toHaveAccessibleDescription("Địa chỉ phải bắt đầu bằng http:// hoặc https://.");
  await addLesson.getByLabel("Địa chỉ liên kết").fill("https://dichvucong.gov.vn/");
  await addLesson.getByRole("button", { name: "Thêm bài học" }).click();
  await expect(addLesson.getByRole("status")).toHaveText("Đã thêm bài học.");
  const courseUrl = new URL(page.url()).pathname.replace(/\/content$/, "");
  await page.goto(`${courseUrl}/edit`);
  await page.getByRole("button", { name: "Công bố" }).click();
  await expect(page.getByTestId("course-status")).toHaveText("Hiện tại: Đã công bố");

  const learner = await signedIn(browser, baseURL, world.users.learnerB!.email, world.password);
  await learner.page.goto(courseUrl);
  const enrol = learner.page.getByRole("button", { name: "Ghi danh" });
  await enrol.dblclick();
  await expect(learner.page.getByRole("link", { name: "Cổng Dịch vụ công quốc gia" })).toBeVisible();
  await learner.page.goto("/courses");
  await expect(learner.page.getByRole("list", { name: "Khóa học của tôi" }).getByRole("listitem")).toHaveCount(1);
  await learner.page.goto(courseUrl);
  // Withdrawing asks first (Escape keeps the enrolment), then says what happened.
  await learner.page.getByRole("button", { name: "Rút khỏi khóa học" }).click();
  const ask = learner.page.getByRole("dialog", { name: /Rút khỏi khóa học «/ });
  await expect(ask.getByRole("button", { name: "Quay lại" })).toBeFocused();
  await learner.page.keyboard.press("Escape");
  await expect(ask).toBeHidden();
  await expect(learner.page.getByRole("button", { name: "Rút khỏi khóa học" })).toBeFocused();
  await learner.page.getByRole("button", { name: "Rút khỏi khóa học" }).click();
  await ask.getByRole("button", { name: "Rút khỏi khóa học" }).click();
  await expect(learner.page.getByTestId("announcer")).toContainText("Bạn đã rút khỏi khóa học.");
  await expect(learner.page.getByRole("button", { name: "Ghi danh" })).toBeVisible();
  await learner.page.getByRole("button", { name: "Ghi danh" }).click();
  await expect(learner.page.getByRole("button", { name: "Rút khỏi khóa học" })).toBeVisible();
  await learner.close();
});
