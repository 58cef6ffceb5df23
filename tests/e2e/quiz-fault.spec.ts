import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import type { E2eWorld } from "@/lib/testing/factories";
import { expect, signIn, test } from "./fixtures";

/**
 * The server dies mid-quiz (SIGKILL: no shutdown, no flush) and is started again
 * (docs/decisions/084-answers-never-lost.md). This test runs its own `next start` of the same build
 * on a free port — on the run's PostgreSQL database, or on an embedded database of its own — so that
 * it can kill it without disturbing the other tests. Every answer the page said was saved must be
 * there afterwards; an answer given while the server was down is kept by the page and saved once
 * the server is back.
 */

const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

type Server = { child: ChildProcess; log: string[] };

/** `next start` in its own process group (so that a kill reaches every process it started). */
function startServer(port: number, env: NodeJS.ProcessEnv): Server {
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port)], { env, detached: true, stdio: ["ignore", "ignore", "pipe"] });
  const log: string[] = [];
  child.stderr!.on("data", (b: Buffer) => {
    log.push(b.toString());
    if (log.length > 200) log.shift();
  });
  return { child, log };
}

async function waitHealthy(base: string, server: Server) {
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(`server exited:\n${server.log.join("")}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy:\n${server.log.join("")}`);
}

async function kill9(server: Server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((r) => server.child.once("exit", r));
  process.kill(-server.child.pid!, "SIGKILL");
  await exited;
}

async function support<T>(base: string, data: unknown): Promise<T> {
  const res = await fetch(`${base}/api/test-support`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-e2e-token": process.env.TAPHUAN_E2E_TOKEN! },
    body: JSON.stringify(data),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json() as Promise<T>;
}

const question = (page: Page, position: number) => page.getByTestId(`question-${position}`);
const saveStatus = (page: Page) => page.getByTestId("save-status");

test("the server is killed mid-quiz and started again: every acknowledged answer is there", async ({ browser }) => {
  test.setTimeout(300_000);
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const dir = mkdtempSync(path.join(tmpdir(), "taphuan-fault-"));
  const database: Record<string, string> = process.env.E2E_DATABASE_URL
    ? { DATABASE_URL: process.env.E2E_DATABASE_URL }
    : { DATABASE_URL: "", TAPHUAN_EMBEDDED: "1", TAPHUAN_DATA_DIR: path.join(dir, "db") };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...database,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    // The same secret across the restart: the learner's session outlives the crash, as in production.
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    NEXTAUTH_URL: base,
    TAPHUAN_FILES_DIR: path.join(dir, "files"),
    TAPHUAN_E2E_TOKEN: process.env.TAPHUAN_E2E_TOKEN,
    TAPHUAN_WARNINGS_FILE: "",
  };
  if (!process.env.E2E_DATABASE_URL) {
    const prepared = spawnSync(process.execPath, [path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs"), "scripts/prepare-db.ts"], { env, encoding: "utf8" });
    expect(prepared.status, prepared.stderr).toBe(0);
  }

  let server = startServer(port, env);
  try {
    await waitHealthy(base, server);
    const world = await support<E2eWorld>(base, { action: "world" });
    const q = await support<{ courseId: string; quizId: string }>(base, {
      action: "quizAttempt",
      input: { step: "setup", ownerUnitId: world.units.agency.id, trainerId: world.users.trainer!.id, learnerIds: [world.users.learner!.id], timeLimitSeconds: 3600 },
    });
    const context = await browser.newContext({ baseURL: base, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
    const page = await context.newPage();
    await signIn(page, world.users.learner!.email, world.password);
    await page.goto(`/courses/${q.courseId}/quizzes/${q.quizId}`);
    await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
    await expect(page).toHaveURL(/\/attempts\/[0-9a-f-]{36}$/);

    // Three answers the server acknowledges.
    const acknowledged = page.waitForResponse((r) => r.url().endsWith("/answers") && r.request().method() === "PUT" && r.status() === 200);
    await question(page, 1).getByLabel("Bộ phận Một cửa").check();
    await question(page, 3).getByLabel("Sai").check();
    await question(page, 6).getByLabel("Câu trả lời (một số)").fill("2,5");
    await question(page, 6).getByLabel("Câu trả lời (một số)").blur();
    await acknowledged;
    await expect(saveStatus(page)).toHaveText("Đã lưu");

    // The server dies at once: no shutdown handler runs.
    await kill9(server);
    // Meanwhile the learner answers one more: the page keeps it and says it is not saved yet.
    await question(page, 4).getByLabel("Câu trả lời của bạn").fill("Hà Nội");
    await question(page, 4).getByLabel("Câu trả lời của bạn").blur();
    await expect(saveStatus(page)).toHaveText("Mất kết nối — sẽ thử lại");

    // Started again: the page's next retry (backoff, at most 30 s apart) saves the waiting answer.
    server = startServer(port, env);
    await waitHealthy(base, server);
    await expect(saveStatus(page)).toHaveText("Đã lưu", { timeout: 45_000 });

    // From the server alone (the device's copy cleared): every acknowledged answer is there.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expect(question(page, 1).getByLabel("Bộ phận Một cửa")).toBeChecked();
    await expect(question(page, 3).getByLabel("Sai")).toBeChecked();
    await expect(question(page, 6).getByLabel("Câu trả lời (một số)")).toHaveValue("2,5");
    await expect(question(page, 4).getByLabel("Câu trả lời của bạn")).toHaveValue("Hà Nội");
    await context.close();
  } finally {
    await kill9(server);
  }
});
