import type { BrowserContext, Page } from "@playwright/test";
import type { E2eWorld } from "@/lib/testing/factories";
import {
  GENERAL_FEEDBACK,
  GRADER_INFO,
  NUMERICAL_ANSWER,
  OPTION_FEEDBACK,
  OPTION_MARKS,
  PAIRS,
  SHORT_ANSWER,
} from "@/lib/testing/e2e-quiz-secrets";
import { expect, signIn, test } from "./fixtures";

/**
 * Answer secrecy end to end (docs/decisions/080-quizzes.md, "Secrecy"): the correct answers, the
 * options' own marks and the feedback never reach the learner's browser before the quiz's review
 * settings allow it. Every body the browser receives — documents, RSC payloads of client-side
 * navigations and prefetches, the attempt API's JSON — is recorded and searched for the quiz's
 * secrets, each a distinctive string (lib/testing/e2e-quiz-secrets.ts).
 */

type Review = { marks: string; feedback: string; correct: string };
type QuizSetup = { courseId: string; quizId: string; quizTitle: string };
type Body = { url: string; type: string; after: boolean; text: string };

async function setupQuiz(page: Page, world: E2eWorld, review: Review): Promise<QuizSetup> {
  const res = await page.request.post("/api/test-support", {
    headers: { "x-e2e-token": process.env.TAPHUAN_E2E_TOKEN! },
    data: {
      action: "quizAttempt",
      input: { step: "setup", ownerUnitId: world.units.agency.id, trainerId: world.users.trainer!.id, learnerIds: [world.users.learner!.id], timeLimitSeconds: null, secrets: true, review },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return res.json() as Promise<QuizSetup>;
}

/** Static assets carry no data: everything else (documents, fetches, RSC, JSON) is kept. */
const STATIC = new Set(["script", "stylesheet", "font", "image", "media", "manifest"]);

/**
 * Records the body of every response the context's pages receive from now on. The browser's own
 * copy of a streamed RSC body is not always readable afterwards (the DevTools protocol drops it),
 * so each request goes through the test: fetched from the server, recorded, then handed to the
 * page unchanged (redirects included: the page follows them itself). `phase.after` marks the
 * requests made once the learner has pressed the final "Nộp bài". `bodies()` waits for them all.
 */
async function recordBodies(context: BrowserContext) {
  const phase = { after: false };
  const pending: Promise<Body>[] = [];
  await context.route("**/*", async (route) => {
    const request = route.request();
    if (STATIC.has(request.resourceType())) return route.continue();
    const after = phase.after;
    const response = await route.fetch({ maxRedirects: 0 });
    const body = await response.body();
    const type = response.headers()["content-type"] ?? "";
    pending.push(Promise.resolve({ url: request.url(), type, after, text: body.toString("utf8") }));
    // The page may have gone on meanwhile (a prefetch dropped by a navigation): nothing to hand over.
    await route.fulfill({ response, body }).catch(() => undefined);
  });
  return { phase, bodies: () => Promise.all(pending) };
}

/** The text with JSON / JS string escapes and HTML character references undone, in NFC. */
function decoded(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", rarr: "→" };
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\"/g, '"')
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&(amp|lt|gt|quot|apos|rarr);/g, (_, n: string) => named[n]!)
    .normalize("NFC");
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
/** A mark as JSON writes it, or as Vietnamese writes it in full ("0,1875"). */
const mark = (value: string) => new RegExp(`(?<![\\d.,])(?:${escape(value)}|${escape(value.replace(".", ","))})(?![\\d])`);
/** A left of a matching question shown with its right (the correct answer's "left → right"). */
const paired = ([left, right]: [string, string]) => new RegExp(`${escape(left)}(?:(?!VẾ-TRÁI-)[\\s\\S]){0,300}?→(?:(?!VẾ-TRÁI-)[\\s\\S]){0,300}?${escape(right)}`);
/** A JSON key (in a JS string inside the HTML its quotes are escaped). */
const key = (...names: string[]) => new RegExp(`\\\\*"(?:${names.join("|")})\\\\*"\\s*:`);

/** "url: secret" for every body that holds one of the secrets, raw or decoded. */
function leaks(bodies: Body[], secrets: (string | RegExp)[]): string[] {
  const found: string[] = [];
  for (const body of bodies) {
    const texts = [body.text, decoded(body.text)];
    for (const secret of secrets) {
      const hit = texts.some((t) => (typeof secret === "string" ? t.includes(secret) : secret.test(t)));
      if (hit) found.push(`${body.url} (${body.type}): ${String(secret)}`);
    }
  }
  return found;
}

const question = (page: Page, position: number) => page.getByTestId(`question-${position}`);
const saveStatus = (page: Page) => page.getByTestId("save-status");
const answersSaved = (page: Page) => page.waitForResponse((r) => /\/api\/attempts\/[^/]+\/answers$/.test(r.url()) && r.request().method() === "PUT" && r.status() === 200);
const isRsc = (b: Body) => b.url.includes("_rsc=") || b.type.includes("text/x-component");

/** Chosen by the learner below: question 1's option B, question 2's option A, "Sai" in question 3. */
const CHOSEN_FEEDBACK = ["PHẢN-HỒI-BÍ-MẬT-1B", "PHẢN-HỒI-BÍ-MẬT-2A", "PHẢN-HỒI-BÍ-MẬT-3S"];
const UNCHOSEN_FEEDBACK = OPTION_FEEDBACK.filter((f) => !CHOSEN_FEEDBACK.includes(f));
const CHOSEN_MARKS = ["1B", "2A"];
const marksOf = (keys: string[]) => keys.filter((k) => OPTION_MARKS[k] !== "1").map((k) => mark(OPTION_MARKS[k]!));
/**
 * The matching choices listed in the order of their lefts (one right straight after the other):
 * the order would tell which goes with which. The rights are named so that no order made without
 * the pairs (alphabetical: HAI, MỘT, NHIỄU) puts them so.
 */
const RIGHTS_IN_PAIR_ORDER = new RegExp(`${escape(PAIRS[0]![1])}(?:(?!VẾ-PHẢI-)[\\s\\S]){0,300}?${escape(PAIRS[1]![1])}`);
const CORRECT = [SHORT_ANSWER, NUMERICAL_ANSWER, key("correctHtml"), ...PAIRS.map(paired), RIGHTS_IN_PAIR_ORDER];
/** Never shown to a learner, whatever the settings: the fractions, the grader's notes, the question's data. */
const ALWAYS_SECRET = [/fraction/i, GRADER_INFO, key("graderInfo", "pairs", "right", "feedbackTrue", "feedbackFalse", "generalFeedback")];

/**
 * The learner's journey: the landing, start, three answers, a reload, back to the landing and on
 * to the attempt by links (client-side: RSC payloads), two more answers, submit. Returns the
 * bodies received, each marked before or after the submit.
 */
async function takeQuiz(page: Page, world: E2eWorld, review: Review) {
  const q = await setupQuiz(page, world, review);
  await signIn(page, world.users.learner!.email, world.password);
  const recorder = await recordBodies(page.context());

  await page.goto(`/courses/${q.courseId}/quizzes/${q.quizId}`);
  await expect(page.getByRole("heading", { level: 1, name: q.quizTitle })).toBeVisible();
  await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await expect(page).toHaveURL(/\/attempts\/[0-9a-f-]{36}$/);

  let saved = answersSaved(page);
  await question(page, 1).getByLabel("Phòng Tư pháp cấp huyện").check();
  await question(page, 2).getByLabel("Tờ khai đăng ký khai sinh").check();
  await question(page, 3).getByLabel("Sai", { exact: true }).check();
  await saved;
  await expect(saveStatus(page)).toHaveText("Đã lưu");

  await page.reload();
  await expect(question(page, 3).getByLabel("Sai", { exact: true })).toBeChecked();

  // By links: the landing and the attempt again, fetched as RSC payloads.
  await page.getByRole("link", { name: "Về trang bài kiểm tra" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: q.quizTitle })).toBeVisible();
  await page.getByRole("link", { name: "Tiếp tục làm bài" }).click();
  await expect(page).toHaveURL(/\/attempts\/[0-9a-f-]{36}$/);
  await expect(question(page, 1).getByLabel("Phòng Tư pháp cấp huyện")).toBeChecked();

  saved = answersSaved(page);
  await question(page, 4).getByLabel("Câu trả lời của bạn").fill("MỘT-CỬA");
  await question(page, 5).getByLabel("VẾ-TRÁI-MỘT").selectOption("VẾ-PHẢI-HAI");
  await question(page, 5).getByLabel("VẾ-TRÁI-MỘT").blur();
  await saved;
  await expect(saveStatus(page)).toHaveText("Đã lưu");

  await page.getByRole("button", { name: "Nộp bài" }).click();
  const dialog = page.getByRole("dialog", { name: "Nộp bài?" });
  await expect(dialog).toContainText("Bạn còn 2 câu chưa trả lời:");
  recorder.phase.after = true;
  await dialog.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByRole("heading", { level: 1, name: "Xem lại lần làm bài 1" })).toBeVisible();
  // The review again as a document, and the landing by its link.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Xem lại lần làm bài 1" })).toBeVisible();
  const reviewUrl = page.url();
  await page.getByRole("link", { name: "Về trang bài kiểm tra" }).first().click();
  await expect(page.getByTestId("attempt-1")).toBeVisible();
  await page.getByTestId("attempt-1").getByRole("link", { name: /Xem lại/ }).click();
  await expect(page).toHaveURL(reviewUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Xem lại lần làm bài 1" })).toBeVisible();

  const bodies = await recorder.bodies();
  const before = bodies.filter((b) => !b.after);
  const after = bodies.filter((b) => b.after);

  // The recording saw what the player got: the attempt's page as HTML and as RSC, the saves' JSON.
  const attemptPage = /\/attempts\/[0-9a-f-]{36}(\?|$)/;
  expect(before.some((b) => attemptPage.test(b.url) && !isRsc(b) && b.text.includes("Mã bí mật của thủ tục"))).toBe(true);
  expect(before.some((b) => attemptPage.test(b.url) && isRsc(b) && b.text.includes("Mã bí mật của thủ tục"))).toBe(true);
  expect(before.some((b) => /\/api\/attempts\/[^/]+\/answers$/.test(b.url) && b.type.includes("application/json"))).toBe(true);
  expect(after.some((b) => /\/review(\?|$)/.test(b.url) && isRsc(b))).toBe(true);

  // Before the submit: no feedback, no correct answer, no option's mark, nothing of a review.
  const everySecret = [...OPTION_FEEDBACK, ...GENERAL_FEEDBACK, ...CORRECT, ...marksOf(Object.keys(OPTION_MARKS)), ...ALWAYS_SECRET];
  expect(leaks(before, [...everySecret, key("feedback", "feedbackHtml", "review")])).toEqual([]);
  return { before, after, everySecret };
}

test("before the submit nothing gives an answer away; after it, the review shows the feedback but not the correct answers", async ({ page, world }) => {
  test.setTimeout(60_000);
  const { after } = await takeQuiz(page, world, { marks: "AFTER_SUBMIT", feedback: "AFTER_SUBMIT", correct: "AFTER_CLOSE" });

  // Right after the submit: the marks and the feedback of the answers given, no correct answer
  // (the quiz has no close time, so "after close" never comes).
  await expect(page.getByTestId("review-score")).toBeVisible();
  for (const [position, feedback] of [
    [1, CHOSEN_FEEDBACK[0]!],
    [2, CHOSEN_FEEDBACK[1]!],
    [3, CHOSEN_FEEDBACK[2]!],
    [4, GENERAL_FEEDBACK[3]!],
  ] as const) {
    await expect(question(page, position).getByTestId("question-review")).toContainText(feedback);
  }
  await expect(question(page, 1).getByTestId("question-review")).toContainText(GENERAL_FEEDBACK[0]!);
  await expect(page.getByText("Đáp án đúng", { exact: true })).toHaveCount(0);
  expect(after.some((b) => b.text.includes(CHOSEN_FEEDBACK[0]!))).toBe(true);

  // Nor in any payload: no correct answer, no unchosen option's feedback or mark.
  expect(leaks(after, [...UNCHOSEN_FEEDBACK, ...CORRECT, ...marksOf(Object.keys(OPTION_MARKS).filter((k) => !CHOSEN_MARKS.includes(k))), ...ALWAYS_SECRET])).toEqual([]);
});

test("with review never allowed, the submit shows neither marks, feedback nor correct answers", async ({ page, world }) => {
  test.setTimeout(60_000);
  const { after, everySecret } = await takeQuiz(page, world, { marks: "NEVER", feedback: "NEVER", correct: "NEVER" });

  await expect(page.getByText("Điểm chưa được công bố.")).toBeVisible();
  await expect(page.getByTestId("review-score")).toHaveCount(0);
  await expect(page.getByTestId("question-review")).toHaveCount(0);
  await expect(question(page, 1).getByLabel("Phòng Tư pháp cấp huyện")).toBeChecked();
  expect(leaks(after, [...everySecret, key("feedback", "feedbackHtml", "review")])).toEqual([]);
});
