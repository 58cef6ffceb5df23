import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { makeE2eAccount } from "@/lib/testing/account-factories";
import { makeE2eAttendanceClass } from "@/lib/testing/class-factories-attendance";
import { makeE2eClassSetup } from "@/lib/testing/class-factories";
import { makeCourse, makeE2eLearningCourse } from "@/lib/testing/course-factories";
import { makeE2eQuizSetup } from "@/lib/testing/e2e-quiz-setup";
import { makeE2eWorld } from "@/lib/testing/factories";
import { makeE2eQuizResults } from "@/lib/testing/e2e-quiz-results";
import { e2eQuizAttemptInput, makeE2eQuizAttempt } from "@/lib/testing/e2e-quiz-attempt";
import { db } from "@/lib/db";
import { apiRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * End-to-end test support: creates a test's own data inside the server process (the only process
 * that may open an embedded database). It exists only when the server was started with
 * TAPHUAN_E2E_TOKEN (scripts/test.mjs does; production never does) and the caller presents that
 * token; otherwise it answers 404 like any unknown URL. See docs/decisions/004.
 */
function allowed(request: Request): boolean {
  const expected = process.env.TAPHUAN_E2E_TOKEN ?? "";
  if (expected.length < 32) return false;
  const given = Buffer.from(request.headers.get("x-e2e-token") ?? "");
  const want = Buffer.from(expected);
  return given.length === want.length && timingSafeEqual(given, want);
}

const body = z.discriminatedUnion("action", [
  z.object({ action: z.literal("world") }),
  z.object({ action: z.literal("unit"), id: z.uuid() }),
  // An invited account (returns the raw invitation token) or one with an initial password to change.
  z.object({ action: z.literal("account"), kind: z.enum(["invited", "mustChange"]), unitId: z.uuid(), fullName: z.string().min(2).max(120) }),
  // A course with a TEXT and a VIDEO lesson (the committed WebM in storage), the learner enrolled.
  z.object({ action: z.literal("learningCourse"), ownerUnitId: z.uuid(), trainerId: z.uuid(), learnerId: z.uuid() }),
  // A class with a session running now, the trainer teaching it, the learners enrolled (attendance).
  z.object({ action: z.literal("attendanceSetup"), organiserUnitId: z.uuid(), trainerId: z.uuid(), learnerIds: z.array(z.uuid()).max(10) }),
  // An approved plan item (commune A's quota: 2) for a published course, and two more officials of commune A.
  z.object({ action: z.literal("classSetup"), provinceId: z.uuid(), communeAId: z.uuid() }),
  // A published course, not open for self-study, with the trainer as its trainer (the plan-to-attendance journey).
  z.object({ action: z.literal("publishedCourse"), ownerUnitId: z.uuid(), trainerId: z.uuid(), title: z.string().min(3).max(200) }),
  // A quiz taught by the trainer with the learner's finished attempt, its essay awaiting a mark (quiz results).
  z.object({ action: z.literal("quizResults"), ownerUnitId: z.uuid(), trainerId: z.uuid(), learnerId: z.uuid() }),
  // Quiz attempts: a course with a quiz of every type and its learners; an attempt's deadline moved; its finishing job run now.
  z.object({ action: z.literal("quizAttempt"), input: e2eQuizAttemptInput }),
  // A draft course with a section and its own question bank (the quiz setup journey).
  z.object({ action: z.literal("quizSetup"), ownerUnitId: z.uuid(), trainerId: z.uuid() }),
]);

export const POST = apiRoute({ name: "test-support", access: "public", sameOrigin: false }, async ({ request }) => {
  if (!allowed(request)) return new Response("Not Found", { status: 404 });
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: parsed.error.issues }, { status: 400 });
  if (parsed.data.action === "world") return Response.json(await makeE2eWorld());
  if (parsed.data.action === "learningCourse") return Response.json(await makeE2eLearningCourse(parsed.data));
  if (parsed.data.action === "attendanceSetup") return Response.json(await makeE2eAttendanceClass(parsed.data));
  if (parsed.data.action === "quizResults") return Response.json(await makeE2eQuizResults(parsed.data));
  if (parsed.data.action === "classSetup") return Response.json(await makeE2eClassSetup(parsed.data));
  if (parsed.data.action === "quizAttempt") return Response.json(await makeE2eQuizAttempt(parsed.data.input));
  if (parsed.data.action === "quizSetup") return Response.json(await makeE2eQuizSetup(parsed.data));
  if (parsed.data.action === "publishedCourse") {
    const { ownerUnitId, trainerId, title } = parsed.data;
    const course = await makeCourse({ unitId: ownerUnitId, trainerIds: [trainerId], title, selfEnrol: false });
    return Response.json({ id: course.id, code: course.code, title: course.title });
  }
  if (parsed.data.action === "account") {
    return Response.json(await makeE2eAccount(parsed.data.kind, parsed.data.unitId, parsed.data.fullName));
  }
  const unit = await db().unit.findUnique({
    where: { id: parsed.data.id },
    select: { id: true, name: true, code: true, children: { select: { name: true } } },
  });
  return unit ? Response.json(unit) : new Response("Not Found", { status: 404 });
});
