import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { courseProgress, recordProgress } from "@/lib/learning/progress";
import { lessonForStudy } from "@/lib/learning/queries";
import { applyVideoWrite, type ProgressState } from "@/lib/learning/rules";
import { makeCourse, makeEnrolment, makeLesson, makeSection } from "@/lib/testing/course-factories";
import { codeOf } from "@/lib/testing/errors";
import { makeProvince, makeUser, makeViewer } from "@/lib/testing/factories";

/**
 * A course of communeA's city with a text, a file and a video lesson (100 s), a learner of
 * communeA enrolled, a learner of communeB (outside the audience), a trainer of the course and
 * a province admin (staff, not enrolled).
 */
async function scene(opts: { durationSeconds?: number | null } = {}) {
  const p = await makeProvince();
  const trainerUser = await makeUser({ unitId: p.agency.id, grants: [{ role: "TRAINER", unitId: p.agency.id }] });
  const course = await makeCourse({ unitId: p.agency.id, audience: [p.city.id], trainerIds: [trainerUser.id] });
  const section = await makeSection(course.id);
  const text = await makeLesson({ courseId: course.id, sectionId: section.id, kind: "TEXT", title: "Bài đọc", position: 1 });
  const file = await makeLesson({ courseId: course.id, sectionId: section.id, kind: "FILE", title: "Tài liệu", position: 2 });
  const video = await makeLesson({
    courseId: course.id,
    sectionId: section.id,
    kind: "VIDEO",
    title: "Video",
    position: 3,
    durationSeconds: opts.durationSeconds === null ? undefined : (opts.durationSeconds ?? 100),
  });
  const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
  const enrolment = await makeEnrolment({ userId: learner.userId, courseId: course.id });
  const outsider = await makeViewer(p.communeB.id, [{ role: "LEARNER", unitId: p.communeB.id }]);
  const trainer = (await loadViewer(trainerUser.id))!;
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  return { ...p, course, section, text, file, video, learner, enrolment, outsider, trainer, admin };
}

const rowsOf = (userId: string) => db().lessonProgress.findMany({ where: { userId } });
const rowOf = (userId: string, lessonId: string) =>
  db().lessonProgress.findUnique({ where: { userId_lessonId: { userId, lessonId } } });

/** Moves the row's credit clock back, as if `seconds` of wall-clock time had passed since the last write. */
async function timePasses(userId: string, lessonId: string, seconds: number) {
  await db().$executeRaw`
    UPDATE "LessonProgress" SET "updatedAt" = "updatedAt" - make_interval(secs => ${seconds}::float8)
    WHERE "userId" = ${userId}::uuid AND "lessonId" = ${lessonId}::uuid`;
}

const video = (lessonId: string, position: number, watchedDelta: number) => ({
  event: "video" as const,
  lessonId,
  position,
  watchedDelta,
});

describe("marking text, file and link lessons done", () => {
  it("complete twice is one row with the same doneAt", async () => {
    const s = await scene();
    const first = await recordProgress(s.learner, { event: "complete", lessonId: s.text.id });
    expect(first.justDone).toBe(true);
    const before = await rowOf(s.learner.userId, s.text.id);
    const second = await recordProgress(s.learner, { event: "complete", lessonId: s.text.id, courseId: s.course.id });
    expect(second.justDone).toBe(false);
    const rows = await rowsOf(s.learner.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual(before);
    expect(rows[0]!.courseId).toBe(s.course.id);
    expect(rows[0]!.doneAt).not.toBeNull();
  });

  it("a video cannot be marked done by hand, nor a text lesson get video events", async () => {
    const s = await scene();
    expect(await codeOf(recordProgress(s.learner, { event: "complete", lessonId: s.video.id }))).toBe("VALIDATION");
    expect(await codeOf(recordProgress(s.learner, video(s.text.id, 5, 5)))).toBe("VALIDATION");
    expect(await codeOf(recordProgress(s.learner, { event: "video", lessonId: s.video.id, position: -1, watchedDelta: 1 }))).toBe("VALIDATION");
    expect(await codeOf(recordProgress(s.learner, { event: "complete", lessonId: "not-a-uuid" }))).toBe("VALIDATION");
    expect(await rowsOf(s.learner.userId)).toHaveLength(0);
  });
});

describe("video progress", () => {
  it("accumulates, is capped by the wall clock and the duration, resumes where left, done at 90 %", async () => {
    const s = await scene();
    // First write: at most the slack's worth (5 s × 2) whatever the client claims.
    await recordProgress(s.learner, video(s.video.id, 30, 30));
    let row = await rowOf(s.learner.userId, s.video.id);
    expect(row).toMatchObject({ positionSeconds: 30, watchedSeconds: 10, doneAt: null });

    // An immediate second claim gets nothing more: the credit is spent.
    await recordProgress(s.learner, video(s.video.id, 35, 15));
    row = await rowOf(s.learner.userId, s.video.id);
    expect(row).toMatchObject({ positionSeconds: 35, watchedSeconds: 10 });

    // 15 s later, 15 s of play counts in full.
    await timePasses(s.learner.userId, s.video.id, 15);
    await recordProgress(s.learner, video(s.video.id, 50, 15));
    row = await rowOf(s.learner.userId, s.video.id);
    expect(row).toMatchObject({ positionSeconds: 50, watchedSeconds: 25, doneAt: null });

    // 20 s later a claim of 60 s gets 2 × (20 s + the 5 s of slack carried over): the fastest credited rate.
    await timePasses(s.learner.userId, s.video.id, 20);
    await recordProgress(s.learner, video(s.video.id, 80, 60));
    row = await rowOf(s.learner.userId, s.video.id);
    expect(row!.watchedSeconds).toBeGreaterThanOrEqual(74);
    expect(row!.watchedSeconds).toBeLessThanOrEqual(76);
    expect(row!.doneAt).toBeNull();

    // Done at 90 of 100 s; the lesson page resumes at the saved position.
    await timePasses(s.learner.userId, s.video.id, 60);
    const done = await recordProgress(s.learner, video(s.video.id, 95, 25));
    expect(done.justDone).toBe(true);
    row = await rowOf(s.learner.userId, s.video.id);
    expect(row!.watchedSeconds).toBeGreaterThanOrEqual(90);
    expect(row!.doneAt).not.toBeNull();
    const page = await lessonForStudy(s.learner, s.course.id, s.video.id);
    expect(page.progress).toMatchObject({ positionSeconds: 95, done: true });

    // Never past the duration; done never goes back; rewinding moves only the position.
    await timePasses(s.learner.userId, s.video.id, 3600);
    await recordProgress(s.learner, video(s.video.id, 2, 3000));
    const last = await rowOf(s.learner.userId, s.video.id);
    expect(last).toMatchObject({ positionSeconds: 2, watchedSeconds: 100 });
    expect(last!.doneAt).toEqual(row!.doneAt);
  });

  it("below 90 % is not done", async () => {
    const s = await scene({ durationSeconds: 20 });
    await recordProgress(s.learner, video(s.video.id, 10, 10));
    await timePasses(s.learner.userId, s.video.id, 10);
    await recordProgress(s.learner, video(s.video.id, 17, 7));
    expect(await rowOf(s.learner.userId, s.video.id)).toMatchObject({ watchedSeconds: 17, doneAt: null });
    await timePasses(s.learner.userId, s.video.id, 10);
    await recordProgress(s.learner, video(s.video.id, 18, 1));
    const row = await rowOf(s.learner.userId, s.video.id);
    expect(row!.watchedSeconds).toBe(18);
    expect(row!.doneAt).not.toBeNull();
  });

  it("never takes a video's length from a player: without the file's own length nothing is credited", async () => {
    const s = await scene({ durationSeconds: null });
    const fileOf = async () => db().storedFile.findFirstOrThrow({ where: { lesson: { id: s.video.id } }, select: { durationSeconds: true } });
    await recordProgress(s.learner, video(s.video.id, 4, 4));
    expect(await rowOf(s.learner.userId, s.video.id)).toMatchObject({ positionSeconds: 4, watchedSeconds: 0 });
    await timePasses(s.learner.userId, s.video.id, 10);
    // A player that says how long the video is changes nothing (the field is not even read).
    await recordProgress(s.learner, { ...video(s.video.id, 9, 5), duration: 61.4 } as never);
    expect((await fileOf()).durationSeconds).toBeNull();
    expect(await rowOf(s.learner.userId, s.video.id)).toMatchObject({ positionSeconds: 9, watchedSeconds: 0, doneAt: null });
  });

  it("20 concurrent writes leave one consistent row", async () => {
    const s = await scene();
    await recordProgress(s.learner, video(s.video.id, 0, 0));
    await timePasses(s.learner.userId, s.video.id, 30);
    const started = Date.now();
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordProgress(s.learner, video(s.video.id, 10 + i, 10))));
    const elapsed = (Date.now() - started) / 1000;
    const rows = await rowsOf(s.learner.userId);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    // Each write runs on the locked row: the first is credited in full (30 s have passed), and it
    // spends the clock but for the slack, so the next gets the slack's 10 s and the others only the
    // time they themselves took. 200 s claimed in all, about 20 s credited.
    expect(row.watchedSeconds).toBeGreaterThanOrEqual(20);
    expect(row.watchedSeconds).toBeLessThanOrEqual(20 + Math.ceil(elapsed * 2) + 1);
    expect(row.positionSeconds).toBeGreaterThanOrEqual(10);
    expect(row.positionSeconds).toBeLessThanOrEqual(29);
    expect(row.doneAt).toBeNull();
  });
});

describe("the SQL applies the rules of lib/learning/rules.ts", () => {
  it("same row as the pure model, for random sequences of writes and pauses", async () => {
    const s = await scene();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 5, max: 200 }),
        fc.array(
          fc.record({ gap: fc.integer({ min: 0, max: 40 }), position: fc.integer({ min: 0, max: 250 }), delta: fc.integer({ min: 0, max: 90 }) }),
          { minLength: 1, maxLength: 8 },
        ),
        async (duration, writes) => {
          const lesson = await makeLesson({ courseId: s.course.id, sectionId: s.section.id, kind: "VIDEO", durationSeconds: duration, position: 9 });
          let model: ProgressState | null = null;
          let now = 1_000_000;
          for (const w of writes) {
            if (model) {
              // Let `gap` seconds pass, in the database and in the model.
              await timePasses(s.learner.userId, lesson.id, w.gap);
              now += w.gap * 1000;
            }
            await recordProgress(s.learner, video(lesson.id, w.position, w.delta));
            model = applyVideoWrite(model, { position: w.position, watchedDelta: w.delta }, duration, now);
            const row = await rowOf(s.learner.userId, lesson.id);
            expect({ position: row!.positionSeconds, watched: row!.watchedSeconds, done: row!.doneAt !== null }).toEqual({
              position: model.positionSeconds,
              watched: model.watchedSeconds,
              done: model.doneAtMs !== null,
            });
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe("completing the course", () => {
  it("the enrolment becomes COMPLETED once, audited once, when every lesson is done", async () => {
    const s = await scene({ durationSeconds: 10 });
    await recordProgress(s.learner, { event: "complete", lessonId: s.text.id });
    await recordProgress(s.learner, { event: "complete", lessonId: s.file.id });
    expect((await db().enrolment.findUniqueOrThrow({ where: { id: s.enrolment.id } })).status).toBe("ACTIVE");
    expect(await courseProgress(s.learner, s.course.id)).toEqual({
      total: 3,
      done: 2,
      percent: 66,
      doneLessonIds: [s.text.id, s.file.id].sort(),
    });
    const r = await recordProgress(s.learner, video(s.video.id, 10, 10));
    expect(r.courseCompleted).toBe(true);
    const enrolment = await db().enrolment.findUniqueOrThrow({ where: { id: s.enrolment.id } });
    expect(enrolment.status).toBe("COMPLETED");
    expect(enrolment.completedAt).not.toBeNull();
    expect((await courseProgress(s.learner, s.course.id)).percent).toBe(100);

    // Still working after completion, idempotently: no second completion, no second audit row.
    await Promise.all([
      recordProgress(s.learner, { event: "complete", lessonId: s.text.id }),
      recordProgress(s.learner, video(s.video.id, 3, 1)),
    ]);
    const again = await db().enrolment.findUniqueOrThrow({ where: { id: s.enrolment.id } });
    expect(again.completedAt).toEqual(enrolment.completedAt);
    const audits = await db().auditEvent.findMany({ where: { action: "enrolment.complete", entityId: s.enrolment.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: s.learner.userId, unitId: s.communeA.id });
  });

  it("finishing the last two lessons at once completes the enrolment exactly once", async () => {
    const s = await scene({ durationSeconds: 10 });
    await recordProgress(s.learner, video(s.video.id, 10, 10));
    await Promise.all([
      recordProgress(s.learner, { event: "complete", lessonId: s.text.id }),
      recordProgress(s.learner, { event: "complete", lessonId: s.file.id }),
    ]);
    expect((await db().enrolment.findUniqueOrThrow({ where: { id: s.enrolment.id } })).status).toBe("COMPLETED");
    expect(await db().auditEvent.count({ where: { action: "enrolment.complete", entityId: s.enrolment.id } })).toBe(1);
  });
});

describe("who may write", () => {
  async function nothingWritten(viewer: Viewer) {
    expect(await rowsOf(viewer.userId)).toHaveLength(0);
  }

  it("not enrolled: NOT_FOUND and no row, though the course is open to them", async () => {
    const s = await scene();
    const stranger = await makeViewer(s.communeA.id, [{ role: "LEARNER", unitId: s.communeA.id }]);
    expect(await codeOf(recordProgress(stranger, { event: "complete", lessonId: s.text.id }))).toBe("NOT_FOUND");
    expect(await codeOf(lessonForStudy(stranger, s.course.id, s.text.id))).toBe("NOT_FOUND");
    await nothingWritten(stranger);
    expect(await courseProgress(stranger, s.course.id)).toEqual({ total: 0, done: 0, percent: 0, doneLessonIds: [] });
  });

  it("withdrawn: refused", async () => {
    const s = await scene();
    await db().enrolment.update({ where: { id: s.enrolment.id }, data: { status: "WITHDRAWN", withdrawnAt: new Date() } });
    expect(await codeOf(recordProgress(s.learner, { event: "complete", lessonId: s.text.id }))).toBe("NOT_FOUND");
    expect(await codeOf(recordProgress(s.learner, video(s.video.id, 5, 5)))).toBe("NOT_FOUND");
    await nothingWritten(s.learner);
  });

  it("a learner of another unit with a forged lessonId: NOT_FOUND; a missing lesson too", async () => {
    const s = await scene();
    expect(await codeOf(recordProgress(s.outsider, { event: "complete", lessonId: s.text.id }))).toBe("NOT_FOUND");
    expect(await codeOf(recordProgress(s.outsider, video(s.video.id, 5, 5)))).toBe("NOT_FOUND");
    expect(await codeOf(recordProgress(s.outsider, { event: "complete", lessonId: crypto.randomUUID() }))).toBe("NOT_FOUND");
    expect(await codeOf(lessonForStudy(s.outsider, s.course.id, s.text.id))).toBe("NOT_FOUND");
    await nothingWritten(s.outsider);
  });

  it("a lesson of course X cannot be written under course Y, nor shown on Y's pages", async () => {
    const s = await scene();
    const other = await makeCourse({ unitId: s.agency.id, audience: [s.city.id] });
    const otherSection = await makeSection(other.id);
    const otherLesson = await makeLesson({ courseId: other.id, sectionId: otherSection.id });
    // Enrolled in X (s.course) only: Y's lesson under X's id is not found, and so is X's lesson under Y.
    expect(await codeOf(recordProgress(s.learner, { event: "complete", lessonId: otherLesson.id, courseId: s.course.id }))).toBe("NOT_FOUND");
    expect(await codeOf(recordProgress(s.learner, { event: "complete", lessonId: s.text.id, courseId: other.id }))).toBe("NOT_FOUND");
    expect(await codeOf(lessonForStudy(s.learner, s.course.id, otherLesson.id))).toBe("NOT_FOUND");
    // Enrolled in both: the row still belongs to the lesson's own course.
    await makeEnrolment({ userId: s.learner.userId, courseId: other.id });
    expect(await codeOf(recordProgress(s.learner, { event: "complete", lessonId: otherLesson.id, courseId: s.course.id }))).toBe("NOT_FOUND");
    await recordProgress(s.learner, { event: "complete", lessonId: otherLesson.id });
    expect((await rowOf(s.learner.userId, otherLesson.id))!.courseId).toBe(other.id);
    expect((await courseProgress(s.learner, s.course.id)).done).toBe(0);
  });

  it("staff preview: the page shows, nothing is written (FORBIDDEN)", async () => {
    const s = await scene();
    for (const staff of [s.trainer, s.admin]) {
      const page = await lessonForStudy(staff, s.course.id, s.video.id);
      expect(page.records).toBe(false);
      expect(await codeOf(recordProgress(staff, { event: "complete", lessonId: s.text.id }))).toBe("FORBIDDEN");
      expect(await codeOf(recordProgress(staff, video(s.video.id, 5, 5)))).toBe("FORBIDDEN");
      await nothingWritten(staff);
    }
  });

  it("a draft course: not even an enrolled learner writes", async () => {
    const s = await scene();
    await db().course.update({ where: { id: s.course.id }, data: { status: "DRAFT" } });
    expect(await codeOf(recordProgress(s.learner, { event: "complete", lessonId: s.text.id }))).toBe("NOT_FOUND");
    await nothingWritten(s.learner);
  });
});

describe("the lesson page's data", () => {
  it("orders lessons by section then position, with previous and next", async () => {
    const s = await scene();
    const later = await makeSection(s.course.id, "Phần 2", 2);
    const last = await makeLesson({ courseId: s.course.id, sectionId: later.id, title: "Bài cuối", position: 1 });
    const page = await lessonForStudy(s.learner, s.course.id, s.file.id);
    expect(page).toMatchObject({ index: 2, count: 4, previous: { id: s.text.id }, next: { id: s.video.id }, records: true });
    const end = await lessonForStudy(s.learner, s.course.id, last.id);
    expect(end).toMatchObject({ index: 4, next: null, previous: { id: s.video.id } });
  });
});
