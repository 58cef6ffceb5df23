import { describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { translator } from "@/lib/i18n/messages";

// The routes as Next.js calls them, with the session the wrapper would find.
const session: { viewer: Viewer | null } = { viewer: null };
vi.mock("@/lib/auth/session", async (original) => ({ ...(await original<object>()), getViewer: async () => session.viewer }));
vi.mock("@/lib/i18n/server", () => ({ getT: async () => translator("vi"), getLocale: async () => "vi" }));

const { db } = await import("@/lib/db");
const { POST: start } = await import("@/app/api/quizzes/[quizId]/attempts/route");
const { PUT: answers } = await import("@/app/api/attempts/[attemptId]/answers/route");
const { POST: submit } = await import("@/app/api/attempts/[attemptId]/submit/route");
const { POST: check } = await import("@/app/api/attempts/[attemptId]/check/route");
const { QUIZ_GRACE_SECONDS } = await import("@/lib/quizzes/attempts/load");
const { makeCourse, makeEnrolment } = await import("@/lib/testing/course-factories");
const { makeProvince, makeViewer } = await import("@/lib/testing/factories");
const { makeQuiz } = await import("@/lib/testing/quiz-factories");

const HOST = "taphuan.test";
function request(method: string, body?: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://${HOST}/api/x`, {
    method,
    headers: { host: HOST, origin: `http://${HOST}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}
const ctx = <P,>(params: P) => ({ params: Promise.resolve(params) });

describe("quiz attempt routes", () => {
  it("start 201 then 200; save; time up → 409 ATTEMPT_CLOSED; submit with an empty body, twice; check refused; cross-site and signed-out refused", async () => {
    const p = await makeProvince();
    const course = await makeCourse({ unitId: p.agency.id, audience: [p.city.id] });
    const { quiz } = await makeQuiz({ courseId: course.id, settings: { timeLimitSeconds: 900 } });
    const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
    await makeEnrolment({ userId: learner.userId, courseId: course.id });

    session.viewer = null;
    expect((await start(request("POST"), ctx({ quizId: quiz.id }))).status).toBe(401);
    session.viewer = learner;
    expect((await start(request("POST", undefined, { origin: "https://evil.example" }), ctx({ quizId: quiz.id }))).status).toBe(403);

    const first = await start(request("POST"), ctx({ quizId: quiz.id }));
    expect(first.status).toBe(201);
    const { attemptId } = (await first.json()) as { attemptId: string };
    const again = await start(request("POST"), ctx({ quizId: quiz.id }));
    expect([again.status, await again.json()]).toEqual([200, { attemptId }]);

    const saved = await answers(request("PUT", { seq: 1, answers: [{ position: 1, response: { optionId: "o1" } }] }), ctx({ attemptId }));
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ lastSeq: 1, saved: [1], superseded: [] });
    expect((await answers(request("PUT", "{nope"), ctx({ attemptId }))).status).toBe(422);
    expect((await answers(request("PUT", "{}", { "content-type": "text/html" }), ctx({ attemptId }))).status).toBe(415);
    const refused = await check(request("POST", { position: 1 }), ctx({ attemptId }));
    expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([409, "CONFLICT"]);

    await db().$executeRaw`
      UPDATE "QuizAttempt" SET "deadlineAt" = (now() AT TIME ZONE 'UTC') - make_interval(secs => ${QUIZ_GRACE_SECONDS + 1}::float8)
      WHERE "id" = ${attemptId}::uuid`;
    const late = await answers(request("PUT", { seq: 2, answers: [{ position: 2, response: { optionId: "o1" } }] }), ctx({ attemptId }));
    expect(late.status).toBe(409);
    expect(await late.json()).toEqual({
      error: { code: "ATTEMPT_CLOSED", message: "Đã hết giờ làm bài hoặc bài đã được nộp: câu trả lời này không được ghi nhận." },
    });

    for (let i = 0; i < 2; i++) {
      const done = await submit(request("POST"), ctx({ attemptId }));
      expect([done.status, await done.json()]).toEqual([200, { state: "FINISHED" }]);
    }
    const attempt = await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect([attempt.state, Number(attempt.score)]).toEqual(["FINISHED", 1]);
  });
});
