import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import type { Page } from "@playwright/test";
import type { E2eQuizResults } from "@/lib/testing/e2e-quiz-results";
import type { E2eWorld } from "@/lib/testing/factories";
import { expect, signIn, test } from "./fixtures";

/** The world's learner has finished the trainer's quiz; their essay waits for a mark (score 1 of 10). */
async function quizWithEssay(page: Page, world: E2eWorld): Promise<E2eQuizResults> {
  const res = await page.request.post("/api/test-support", {
    headers: { "x-e2e-token": process.env.TAPHUAN_E2E_TOKEN! },
    data: { action: "quizResults", ownerUnitId: world.units.agency.id, trainerId: world.users.trainer!.id, learnerId: world.users.learner!.id },
  });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("a trainer marks an essay from the queue, sees the learner's score change, and downloads the results", async ({ page, world }) => {
  test.setTimeout(90_000);
  const q = await quizWithEssay(page, world);
  const learner = world.users.learner!.fullName;
  await signIn(page, world.users.trainer!.email, world.password);

  const results = `/courses/${q.courseId}/quizzes/${q.quizId}/results`;
  await page.goto(results);
  await expect(page.getByRole("heading", { level: 1, name: "Kết quả: Kiểm tra cuối khóa" })).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(learner) });
  await expect(row.getByTestId("grade")).toHaveText("10 %");
  await expect(row).toContainText("Chờ chấm tự luận");
  await expect(row).toContainText("Chưa đạt");
  expect(await violations(page)).toEqual([]);

  // The queue: the question, the grader's information, the learner's answer shown as text.
  await page.getByRole("link", { name: "Chấm bài tự luận (1 câu đang chờ)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Chấm bài tự luận: Kiểm tra cuối khóa" })).toBeVisible();
  const item = page.getByRole("article", { name: `${learner} — lần 1, câu 2` });
  await expect(item).toContainText("Đủ 3 bước: 9 điểm; mỗi bước 3 điểm.");
  await expect(item.getByTestId("essay-answer")).toContainText("Bước 2: tiếp nhận <script>alert(1)</script>.");
  expect(await violations(page)).toEqual([]);

  // A mark above the question's is refused under the field; 7,5 (decimal comma) is taken.
  const form = item.getByRole("form", { name: `Chấm câu 2 của ${learner}` });
  await form.getByLabel("Điểm (từ 0 đến 9)").fill("9,5");
  await form.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(form.getByText("Điểm phải từ 0 đến 9.")).toBeVisible();
  await form.getByLabel("Điểm (từ 0 đến 9)").fill("7,5");
  await form.getByLabel("Nhận xét cho học viên (không bắt buộc)").fill("Thiếu bước 3.");
  await form.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(page.getByText("Không còn câu tự luận nào chờ chấm.")).toBeVisible();

  // The learner's score: (1 + 7,5) / 10 = 85 %, passed.
  await page.getByRole("link", { name: "Về bảng kết quả" }).click();
  await expect(row.getByTestId("grade")).toHaveText("85 %");
  await expect(row).toContainText("Đã nộp bài");
  await expect(row).toContainText("Đạt");
  await expect(page.getByRole("link", { name: "Chấm bài tự luận (0 câu đang chờ)" })).toBeVisible();

  // The attempt keeps the history: the automatic mark, then the trainer's.
  await row.getByRole("link", { name: `Lần 1 của ${learner}` }).click();
  await expect(page.getByTestId("attempt-score")).toHaveText("8,5 / 10");
  await page.getByText("Lịch sử chấm điểm (2)").click();
  await expect(page.getByText(/Chấm tay · Điểm: 7,5 \/ 9/)).toBeVisible();
  expect(await violations(page)).toEqual([]);

  // The item analysis and the regrade's dry run render for the trainer (nothing to change here).
  await page.goto(`${results}/analysis`);
  await expect(page.getByRole("heading", { level: 1, name: "Phân tích câu hỏi: Kiểm tra cuối khóa" })).toBeVisible();
  await expect(page.getByText("1 lần làm bài; điểm trung bình 85 %.")).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.goto(`${results}/regrade`);
  await page.getByRole("link", { name: "Cơ quan tiếp nhận hồ sơ" }).click();
  await expect(page.getByText("Đã xét 1 câu trả lời; 0 điểm sẽ thay đổi.")).toBeVisible();
  expect(await violations(page)).toEqual([]);

  // The workbook: Vietnamese headers, the grade as a number.
  await page.goto(results);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải bảng kết quả (XLSX)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const ws = wb.worksheets[0]!;
  expect(ws.getRow(1).getCell(2).value).toBe("Họ và tên");
  const line = ws.getRow(2);
  expect(line.getCell(2).value).toBe(learner);
  expect(line.getCell(6).value).toBe(85);
  expect(line.getCell(9).value).toBe("Đạt");

  // On a phone the table scrolls inside its own box; the page does not.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(results);
  await expect(row.getByTestId("grade")).toHaveText("85 %");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
