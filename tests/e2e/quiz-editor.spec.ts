import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

/** The editor's form (named by its submit button). */
const editor = (page: Page, submit: "Tạo câu hỏi" | "Lưu câu hỏi") => page.getByRole("form", { name: submit });

async function createBank(page: Page, provinceName: string): Promise<string> {
  const name = `Ngân hàng soạn câu hỏi ${Date.now().toString(36)}`;
  await page.goto("/banks");
  const create = page.getByRole("form", { name: "Tạo ngân hàng mới" });
  await create.getByLabel("Tên ngân hàng").fill(name);
  await create.getByLabel("Thuộc về").selectOption({ label: provinceName });
  await create.getByRole("button", { name: "Tạo ngân hàng" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url().split("/banks/")[1]!.split(/[?#]/)[0]!;
}

async function fillCommon(form: Locator, name: string, text: string) {
  await form.getByLabel("Tên câu hỏi").fill(name);
  await form.getByLabel("Nội dung câu hỏi").fill(text);
}

/** Creates the question, lands on its page with the first version. */
async function create(page: Page, name: string) {
  await editor(page, "Tạo câu hỏi").getByRole("button", { name: "Tạo câu hỏi" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Đã tạo câu hỏi." })).toBeVisible();
  await expect(page.getByTestId("versions").getByRole("row")).toHaveCount(2);
  await expect(page.getByTestId("versions")).toContainText("1 (hiện tại)");
}

test("a province admin writes questions of five types in a bank, with an image, and edits one into a second version", async ({ page, world }) => {
  test.setTimeout(150_000); // sign-in, a bank, five questions (a refusal and an upload among them), an edit, two accessibility scans
  await signIn(page, world.users.provinceAdmin!.email, world.password);
  const bankId = await createBank(page, world.units.province.name);

  // Single choice, from the bank's own list of types; first refused (no option worth 100 %), keeping what was typed.
  await page.getByText("Thêm câu hỏi", { exact: true }).click();
  await page.getByRole("link", { name: "Một lựa chọn", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Câu hỏi mới: Một lựa chọn" })).toBeVisible();
  let form = editor(page, "Tạo câu hỏi");
  await fillCommon(form, "Bộ phận một cửa", "<p>Bộ phận nào tiếp nhận hồ sơ?</p>");
  await form.getByLabel("Nội dung phương án 1").fill("Bộ phận một cửa");
  await form.getByLabel("Phản hồi cho phương án 1").fill("Chính xác: một cửa tiếp nhận.");
  await form.getByLabel("Nội dung phương án 2").fill("Văn thư");
  await form.getByLabel("Phản hồi cho phương án 2").fill("Văn thư chỉ nhận văn bản.");
  await form.getByLabel("Nội dung phương án 3").fill("Lãnh đạo");
  await form.getByRole("button", { name: "Xóa phương án 4" }).click();
  await expect(form.getByTestId("options-row")).toHaveCount(3);
  await expect(form.getByRole("button", { name: "Thêm phương án" })).toBeFocused();
  await form.getByLabel("Điểm mặc định").fill("0,5");
  await form.getByRole("button", { name: "Tạo câu hỏi" }).click();
  await expect(form.getByText("Ít nhất một phương án hoặc đáp án phải được 100%.")).toBeVisible();
  form = editor(page, "Tạo câu hỏi");
  await expect(form.getByLabel("Nội dung phương án 2")).toHaveValue("Văn thư");
  await expect(form.getByLabel("Điểm mặc định")).toHaveValue("0,5");
  await expect(form.getByTestId("options-row")).toHaveCount(3);
  await form.getByLabel("Điểm phương án 1").selectOption({ label: "100 %" });
  await form.getByLabel("Tệp hình").setInputFiles({ name: "so-do.png", mimeType: "image/png", buffer: PNG });
  await form.getByLabel("Mô tả hình (cho người không xem được hình)").fill("Sơ đồ bộ phận một cửa");
  await form.getByRole("button", { name: "Tải hình lên và chèn vào nội dung" }).click();
  await expect(form.getByTestId("image-tag")).toContainText('alt="Sơ đồ bộ phận một cửa"');
  await expect(form.getByLabel("Nội dung câu hỏi")).toHaveValue(/<img src="\/api\/question-files\/[0-9a-f-]{36}" alt="Sơ đồ bộ phận một cửa">/);
  expect(await violations(page)).toEqual([]);
  await create(page, "Bộ phận một cửa");
  const singleUrl = page.url();
  // The preview shows the question as a learner would, image loaded, and no feedback.
  const preview = page.getByTestId("question-preview");
  await expect(preview).toContainText("Bộ phận nào tiếp nhận hồ sơ?");
  await expect(preview.getByRole("radio")).toHaveCount(3);
  await expect(preview).not.toContainText("Chính xác");
  const image = preview.getByRole("img", { name: "Sơ đồ bộ phận một cửa" });
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  form = editor(page, "Lưu câu hỏi");
  await expect(form.getByLabel("Điểm phương án 1")).toHaveValue("1");
  await expect(form.getByLabel("Phản hồi cho phương án 2")).toHaveValue("Văn thư chỉ nhận văn bản.");
  await expect(form.getByLabel("Điểm mặc định")).toHaveValue("0,5");
  expect(await violations(page)).toEqual([]);

  // Multiple choice with a penalty, and a fourth option added from the keyboard.
  await page.goto(`/banks/${bankId}/questions/new?type=MULTIPLE_CHOICE`);
  form = editor(page, "Tạo câu hỏi");
  await fillCommon(form, "Thành phần hồ sơ", "Hồ sơ gồm những gì?");
  await form.getByRole("button", { name: "Xóa phương án 4" }).click();
  await form.getByRole("button", { name: "Thêm phương án" }).press("Enter");
  await expect(form.getByLabel("Nội dung phương án 4")).toBeFocused();
  await page.keyboard.type("Giấy khai sinh giả");
  for (const [n, text, grade] of [
    [1, "Đơn đề nghị", "50 %"],
    [2, "Bản sao giấy tờ", "50 %"],
    [3, "Ảnh cá nhân", "0 %"],
    [4, null, "-100 %"],
  ] as const) {
    if (text) await form.getByLabel(`Nội dung phương án ${n}`).fill(text);
    await form.getByLabel(`Điểm phương án ${n}`).selectOption({ label: grade });
  }
  await create(page, "Thành phần hồ sơ");
  form = editor(page, "Lưu câu hỏi");
  await expect(form.getByLabel("Nội dung phương án 4")).toHaveValue("Giấy khai sinh giả");
  await expect(form.getByLabel("Điểm phương án 4")).toHaveValue("-1");
  await expect(form.getByLabel("Điểm phương án 2")).toHaveValue("0.5");

  // Short answer that ignores Vietnamese diacritics.
  await page.goto(`/banks/${bankId}/questions/new?type=SHORT_ANSWER`);
  form = editor(page, "Tạo câu hỏi");
  await fillCommon(form, "Thủ đô", "Thủ đô của Việt Nam là gì?");
  await form.getByLabel("Nội dung đáp án 1").fill("Hà Nội");
  await form.getByLabel("Điểm đáp án 1").selectOption({ label: "100 %" });
  await form.getByLabel(/Chấp nhận câu trả lời không dấu/).check();
  await create(page, "Thủ đô");
  form = editor(page, "Lưu câu hỏi");
  await expect(form.getByLabel(/Chấp nhận câu trả lời không dấu/)).toBeChecked();
  await expect(form.getByLabel("Phân biệt chữ hoa và chữ thường")).not.toBeChecked();

  // Numerical: a value with a tolerance, typed with decimal commas.
  await page.goto(`/banks/${bankId}/questions/new?type=NUMERICAL`);
  form = editor(page, "Tạo câu hỏi");
  await fillCommon(form, "Lệ phí", "Lệ phí là bao nhiêu nghìn đồng?");
  await form.getByLabel("Giá trị đáp án 1").fill("2,5");
  await form.getByLabel("Sai số cho phép của đáp án 1").fill("0,1");
  await form.getByLabel("Điểm đáp án 1").selectOption({ label: "100 %" });
  await create(page, "Lệ phí");
  form = editor(page, "Lưu câu hỏi");
  await expect(form.getByLabel("Giá trị đáp án 1")).toHaveValue("2,5");
  await expect(form.getByLabel("Sai số cho phép của đáp án 1")).toHaveValue("0,1");

  // Matching: two pairs and a distractor.
  await page.goto(`/banks/${bankId}/questions/new?type=MATCHING`);
  form = editor(page, "Tạo câu hỏi");
  await fillCommon(form, "Cơ quan ban hành", "Ghép văn bản với cơ quan ban hành.");
  await form.getByLabel("Vế trái của cặp 1").fill("Luật");
  await form.getByLabel("Vế phải của cặp 1").fill("Quốc hội");
  await form.getByLabel("Vế trái của cặp 2").fill("Nghị định");
  await form.getByLabel("Vế phải của cặp 2").fill("Chính phủ");
  await form.getByLabel("Vế phải của cặp 3").fill("Bộ Nội vụ");
  await create(page, "Cơ quan ban hành");
  await expect(page.getByTestId("question-preview").getByRole("combobox")).toHaveCount(2);
  await expect(page.getByTestId("question-preview").getByRole("combobox", { name: "Luật" }).getByRole("option")).toHaveText(["Chọn…", "Bộ Nội vụ", "Chính phủ", "Quốc hội"]);

  // The single-choice question, edited: version 2 in the history, the preview shows the new text.
  await page.goto(singleUrl);
  form = editor(page, "Lưu câu hỏi");
  await form.getByLabel("Tên câu hỏi").fill("Bộ phận một cửa (sửa)");
  await form.getByLabel("Nội dung câu hỏi").fill("<p>Bộ phận nào tiếp nhận và trả kết quả?</p>");
  await form.getByRole("button", { name: "Lưu câu hỏi" }).click();
  await expect(page.getByText("Đã lưu phiên bản 2 của câu hỏi.")).toBeVisible();
  const versions = page.getByTestId("versions");
  await expect(versions.getByRole("row")).toHaveCount(3);
  await expect(versions.getByRole("row").nth(1)).toContainText("2 (hiện tại)");
  await expect(versions.getByRole("row").nth(1)).toContainText("Bộ phận một cửa (sửa)");
  await expect(versions.getByRole("row").nth(1)).toContainText(world.users.provinceAdmin!.fullName);
  await expect(versions.getByRole("row").nth(2)).toContainText("Bộ phận một cửa");
  await expect(page.getByTestId("question-preview")).toContainText("Bộ phận nào tiếp nhận và trả kết quả?");
  await expect(page.getByText("Phiên bản 2. Không đánh dấu đáp án đúng.")).toBeVisible();
});
