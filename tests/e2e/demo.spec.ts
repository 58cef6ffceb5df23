import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { addSessionNow, signIn } from "./fixtures";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/prisma/seed/demo-data";

// Runs against `node scripts/demo.mjs` (README's first command) on a fresh embedded database.

test("the demo serves the sign-in page on the embedded database", async ({ page, request }) => {
  expect(await (await request.get("/api/health")).json()).toEqual({ ok: true, database: "embedded" });
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
});

const homes: Record<keyof typeof DEMO_ACCOUNTS, RegExp> = {
  provinceAdmin: /Quản trị cấp tỉnh/,
  unitAdmin: /Quản trị đơn vị/,
  unitAdminPhuong8: /Quản trị đơn vị/,
  trainer: /Báo cáo viên/,
  learner: /Học tập/,
  learnerTrainer: /Báo cáo viên/,
};

for (const [key, account] of Object.entries(DEMO_ACCOUNTS) as [keyof typeof DEMO_ACCOUNTS, (typeof DEMO_ACCOUNTS)[keyof typeof DEMO_ACCOUNTS]][]) {
  test(`demo account ${key} (${account.email}) signs in`, async ({ page }) => {
    await signIn(page, account.email, DEMO_PASSWORD);
    await expect(page.getByRole("heading", { name: `Xin chào, ${account.fullName}` })).toBeVisible();
    await expect(page.getByRole("heading", { name: homes[key] })).toBeVisible();
  });
}

test("the province admin sees the whole demo province", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.provinceAdmin.email, DEMO_PASSWORD);
  await page.goto("/units");
  const tree = page.getByRole("navigation", { name: "Cây đơn vị" });
  for (const name of ["Sở Nội vụ", "Sở Tư pháp", "Phường 8", "Xã Bình Kiến", "UBND huyện Tây Hòa", "UBND huyện Đồng Xuân"]) {
    await expect(tree.getByRole("link", { name, exact: false }).first()).toBeVisible();
  }
});

test("the demo learner has their course and a catalogue with one course per CCHC area", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.learner.email, DEMO_PASSWORD);
  await page.goto("/courses");
  const mine = page.getByRole("region", { name: "Khóa học của tôi" });
  await expect(mine.getByRole("link", { name: /Chứng thực bản sao điện tử trên Cổng Dịch vụ công quốc gia/ })).toBeVisible();
  const areas = ["Xây dựng kế hoạch CCHC", "Theo dõi, đánh giá CCHC", "Truyền thông, tuyên truyền về CCHC", "Ứng dụng CNTT trong giải quyết thủ tục hành chính"];
  for (const area of areas) {
    await page.getByLabel("Lĩnh vực").selectOption({ label: area });
    await page.getByRole("search").getByRole("button", { name: "Tìm" }).click();
    await expect(page.getByTestId("courses-count")).toHaveText("Tìm thấy 1 khóa học.");
  }
});

test("the demo has this year's approved plan, and the demo learner's class is on their schedule", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.provinceAdmin.email, DEMO_PASSWORD);
  await page.goto("/plans");
  await expect(page.getByRole("link", { name: /Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm \d{4}/ })).toBeVisible();
  await page.context().clearCookies();
  await signIn(page, DEMO_ACCOUNTS.learner.email, DEMO_PASSWORD);
  await page.goto("/classes");
  await expect(page.getByRole("region", { name: "Lớp của tôi" }).getByRole("link", { name: /Chỉ số CCHC — đợt 1/ })).toBeVisible();
  await page.goto("/schedule");
  await expect(page.getByText("Lớp bồi dưỡng theo dõi, đánh giá Chỉ số CCHC — đợt 1").first()).toBeVisible();
});

// Real journeys on the embedded demo database (issue 9): the work each role does every day, through
// the pages, on the one-connection engine `npm run demo` uses. The demo data lives for the whole run,
// so each journey makes names of its own.

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const tag = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

async function signedIn(browser: Browser, baseURL: string | undefined, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const page = await context.newPage();
  await signIn(page, email, DEMO_PASSWORD);
  return page;
}

test("on the demo, the province admin creates a course, uploads a file, edits it unchanged and publishes it", async ({ page }) => {
  test.setTimeout(120_000);
  const t = tag();
  const title = `Quy trình ISO điện tử ${t}`;
  await signIn(page, DEMO_ACCOUNTS.provinceAdmin.email, DEMO_PASSWORD);
  await page.goto("/courses/new");
  await page.getByLabel("Tên khóa học").fill(title);
  await page.getByLabel("Mã khóa học").fill(`iso.${t}`);
  await page.getByLabel("Đơn vị chủ trì").selectOption({ label: "Sở Nội vụ" });
  await page.getByLabel("Lĩnh vực").selectOption({ label: "Ứng dụng CNTT trong giải quyết thủ tục hành chính" });
  await page.getByLabel("Giới thiệu ngắn").fill("Áp dụng hệ thống quản lý chất lượng ISO 9001:2015 trên môi trường điện tử.");
  await page.getByLabel("Thời lượng (tiết)").fill("6");
  await page.getByRole("checkbox", { name: "UBND thành phố Tuy Hòa", exact: true }).check();
  await page.getByRole("button", { name: "Tạo khóa học" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Soạn nội dung: ${title}` })).toBeVisible();
  const courseId = /\/courses\/([0-9a-f-]{36})\//.exec(page.url())![1]!;

  const addSection = page.getByRole("form", { name: "Thêm phần" });
  await addSection.getByLabel("Tên phần").fill("Phần 1. Tài liệu");
  await addSection.getByRole("button", { name: "Thêm phần" }).click();
  await expect(page.getByRole("heading", { name: "1. Phần 1. Tài liệu" })).toBeVisible();
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Kéo thả tệp vào đây hoặc bấm để chọn tệp" }).click();
  await (await chooser).setFiles(path.join(FIXTURES, "files/tai-lieu.pdf"));
  await expect(page.getByRole("list", { name: "Các tệp đang tải lên" }).getByRole("listitem").filter({ hasText: "tai-lieu.pdf" }).getByRole("status")).toHaveText("Đã thêm bài học");

  // Saving the course's information unchanged works (it hung the embedded database before).
  await page.goto(`/courses/${courseId}/edit`);
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Không có gì thay đổi." })).toBeVisible();
  await page.getByRole("button", { name: "Công bố" }).click();
  await expect(page.getByTestId("course-status")).toHaveText("Hiện tại: Đã công bố");
});

test("on the demo, the Bình Kiến focal point imports a new official and nominates her; the trainer takes attendance", async ({ page, browser, baseURL }) => {
  test.setTimeout(150_000);
  const t = tag();
  const name = `Đặng Thị Hồng Nhung ${t.toUpperCase()}`;
  const email = `nhung.${t}@phuyen.gov.vn`;

  // Import one official from a CSV file.
  await signIn(page, DEMO_ACCOUNTS.unitAdmin.email, DEMO_PASSWORD);
  await page.goto("/people/import");
  const header = "Họ và tên;Email;Số điện thoại;Đơn vị (mã);Chức vụ;Ngạch;Loại";
  await page.getByLabel("Tệp danh sách cán bộ").setInputFiles({
    name: "can-bo-moi.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`\uFEFF${header}\r\n${name};${email};0905 111 222;PY.TH.BK;Công chức Tư pháp - Hộ tịch;Chuyên viên;công chức\r\n`, "utf8"),
  });
  await expect(page.getByTestId("import-counts")).toContainText("1 dòng: 1 hợp lệ, 0 có lỗi.");
  await page.getByRole("button", { name: "Nhập tất cả" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã nhập 1 cán bộ." })).toBeVisible();

  // Nominate her into the demo class (the commune's quota has a seat left).
  await page.goto("/classes");
  await page.getByRole("link", { name: /Chỉ số CCHC — đợt 1/ }).first().click();
  await expect(page).toHaveURL(/\/classes\/[0-9a-f-]{36}$/);
  const classUrl = page.url();
  const nominate = page.getByRole("region", { name: "Cử cán bộ đi học" });
  await nominate.getByRole("checkbox", { name: new RegExp(name) }).check();
  await nominate.getByRole("button", { name: "Cử đi học" }).click();
  await expect(nominate.getByRole("status")).toHaveText("Đã cử 1 người: Đã có chỗ: 1");

  // The province admin adds a session running now; the trainer marks her present on the roster.
  const admin = await signedIn(browser, baseURL, DEMO_ACCOUNTS.provinceAdmin.email);
  await admin.goto(classUrl);
  await addSessionNow(admin, { place: `Phòng họp trực tuyến ${t}`, trainer: DEMO_ACCOUNTS.trainer.fullName });
  await admin.context().close();

  const trainer = await signedIn(browser, baseURL, DEMO_ACCOUNTS.trainer.email);
  await trainer.goto("/schedule");
  await trainer.getByTestId("schedule-upcoming").locator("li, article, tr").filter({ hasText: `Phòng họp trực tuyến ${t}` }).getByRole("link", { name: "Điểm danh" }).first().click();
  await expect(trainer).toHaveURL(/\/sessions\/[0-9a-f-]{36}\/attendance$/);
  const row = trainer.getByTestId("roster-row").filter({ has: trainer.getByRole("group", { name }) });
  await row.getByText("Có mặt", { exact: true }).click();
  await trainer.getByRole("button", { name: "Lưu điểm danh" }).click();
  await expect(trainer.getByText("Đã lưu điểm danh (1 thay đổi).")).toBeVisible();
  await trainer.reload();
  await expect(row).toHaveAttribute("data-status", "PRESENT");
  await trainer.context().close();
});

test("the demo learner has taken her course's quiz, takes it again, and the trainer sees her results", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO_ACCOUNTS.learner.email, DEMO_PASSWORD);
  await page.goto("/courses");
  await page.getByRole("region", { name: "Khóa học của tôi" }).getByRole("link", { name: /Chứng thực bản sao điện tử/ }).click();
  await page.getByRole("link", { name: /Bài kiểm tra cuối khóa/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Bài kiểm tra cuối khóa" })).toBeVisible();
  const quizUrl = page.url();
  // The seeded attempt: finished, marked (her essay by the trainer), passed.
  await expect(page.getByText("Lần làm bài 1", { exact: true })).toBeVisible();
  await expect(page.getByText("Đã làm 1/2 lần")).toBeVisible();
  await page.getByRole("link", { name: "Xem lại" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Xem lại lần làm bài 1" })).toBeVisible();
  await expect(page.getByText(/Giấy khai sinh bị hư hỏng/)).toBeVisible();

  // A second attempt: one answer saved, then submitted.
  await page.goto(quizUrl);
  await page.getByRole("button", { name: "Làm lại" }).click();
  await expect(page).toHaveURL(/\/attempts\/[0-9a-f-]{36}$/);
  await page.getByRole("radio").first().check();
  await expect(page.getByTestId("save-status")).toHaveText("Đã lưu");
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await page.getByRole("dialog", { name: "Nộp bài?" }).getByRole("button", { name: "Nộp bài" }).click();
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByRole("heading", { level: 1, name: "Xem lại lần làm bài 2" })).toBeVisible();

  // The trainer sees both attempts in the results.
  await page.context().clearCookies();
  await signIn(page, DEMO_ACCOUNTS.trainer.email, DEMO_PASSWORD);
  await page.goto(`${quizUrl}/results`);
  await expect(page.getByRole("row", { name: new RegExp(DEMO_ACCOUNTS.learner.fullName) })).toContainText("2");
});
