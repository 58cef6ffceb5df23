// Test-only: course rows written without a viewer (see factories.ts).
import { db } from "@/lib/db";
import type { CourseStatus, EnrolmentStatus, LessonKind } from "@/lib/db/generated/enums";
import { foldForSearch } from "@/lib/text";
import { uniq } from "./factories";

/** One of the four seeded CCHC areas (the migration inserts them). */
export async function seededArea(code = "KH-CCHC") {
  return db().courseArea.findUniqueOrThrow({ where: { code } });
}

export async function makeCourse(input: {
  unitId: string;
  title?: string;
  status?: CourseStatus;
  selfEnrol?: boolean;
  /** Unit subtrees the course is open to; the owning unit when omitted. */
  audience?: string[];
  trainerIds?: string[];
  areaCode?: string;
}) {
  const area = await seededArea(input.areaCode);
  const code = `KH.${uniq()}`;
  const title = input.title ?? "Chứng thực bản sao điện tử trên Cổng Dịch vụ công quốc gia";
  return db().course.create({
    data: {
      code,
      title,
      areaId: area.id,
      unitId: input.unitId,
      hours: 4,
      summary: "Khóa học thử.",
      targetGroups: ["CONG_CHUC"],
      status: input.status ?? "PUBLISHED",
      selfEnrol: input.selfEnrol ?? true,
      searchText: foldForSearch(`${title} ${code}`),
      publishedAt: (input.status ?? "PUBLISHED") === "DRAFT" ? null : new Date(),
      audience: { create: (input.audience ?? [input.unitId]).map((unitId) => ({ unitId })) },
      trainers: { create: (input.trainerIds ?? []).map((userId) => ({ userId })) },
    },
  });
}

export async function makeSection(courseId: string, title = "Phần 1", position = 1) {
  return db().courseSection.create({ data: { courseId, title, position } });
}

/** A lesson; FILE and VIDEO lessons get a READY StoredFile row (no object in storage). */
export async function makeLesson(input: {
  courseId: string;
  sectionId: string;
  kind?: LessonKind;
  title?: string;
  position?: number;
  body?: string;
  url?: string;
  durationSeconds?: number;
}) {
  const kind = input.kind ?? "TEXT";
  const file =
    kind === "FILE" || kind === "VIDEO"
      ? await db().storedFile.create({
          data: {
            courseId: input.courseId,
            storageKey: `test/${uniq()}${uniq()}`,
            originalName: kind === "VIDEO" ? "bai-giang.mp4" : "tai-lieu.pdf",
            mimeType: kind === "VIDEO" ? "video/mp4" : "application/pdf",
            size: 0n,
            state: "READY",
            durationSeconds: kind === "VIDEO" ? (input.durationSeconds ?? null) : null,
          },
        })
      : null;
  return db().lesson.create({
    data: {
      courseId: input.courseId,
      sectionId: input.sectionId,
      kind,
      title: input.title ?? "Bài 1",
      position: input.position ?? 1,
      body: kind === "TEXT" ? (input.body ?? "<p>Nội dung bài học.</p>") : null,
      url: kind === "LINK" ? (input.url ?? "https://dichvucong.gov.vn/") : null,
      fileId: file?.id ?? null,
    },
  });
}

export async function makeEnrolment(input: { userId: string; courseId: string; status?: EnrolmentStatus }) {
  const user = await db().user.findUniqueOrThrow({ where: { id: input.userId }, select: { unitId: true } });
  return db().enrolment.create({
    data: { userId: input.userId, courseId: input.courseId, unitId: user.unitId, status: input.status ?? "ACTIVE" },
  });
}

/**
 * E2E: a published course owned by `ownerUnitId` with one TEXT lesson and one VIDEO lesson whose
 * object really is in storage (the committed 20 s WebM fixture), `trainerId` as its trainer and
 * `learnerId` enrolled (the audience is the learner's unit). For tests/e2e/learning.spec.ts.
 */
export async function makeE2eLearningCourse(input: { ownerUnitId: string; trainerId: string; learnerId: string }) {
  const { createReadStream, statSync } = await import("node:fs");
  const path = await import("node:path");
  const { storage, newStorageKey } = await import("@/lib/storage");
  const learner = await db().user.findUniqueOrThrow({ where: { id: input.learnerId }, select: { unitId: true } });
  const course = await makeCourse({
    unitId: input.ownerUnitId,
    title: "Tiếp nhận hồ sơ trực tuyến mức độ toàn trình",
    audience: [learner.unitId],
    trainerIds: [input.trainerId],
  });
  const section = await makeSection(course.id, "Phần 1. Quy trình");
  const text = await makeLesson({
    courseId: course.id,
    sectionId: section.id,
    kind: "TEXT",
    title: "Bài 1. Các bước tiếp nhận",
    position: 1,
    body: "<h2>Các bước</h2><p>Cán bộ một cửa kiểm tra tính đầy đủ của hồ sơ trước khi tiếp nhận.</p><ul><li>Kiểm tra</li><li>Tiếp nhận</li></ul>",
  });
  const fixture = path.join(process.cwd(), "tests", "fixtures", "lesson-sample.webm");
  const key = newStorageKey(course.id);
  const { size } = await storage().put(key, createReadStream(fixture), { contentType: "video/webm", maxBytes: statSync(fixture).size + 1 });
  // Its length read from the stored file, as an upload does (20 s).
  const { storedVideoDuration } = await import("@/lib/courses/upload");
  const { ALLOWED_TYPES } = await import("@/lib/courses/file-types");
  const durationSeconds = await storedVideoDuration(storage(), key, ALLOWED_TYPES["video/webm"]!, size);
  const file = await db().storedFile.create({
    data: { courseId: course.id, storageKey: key, originalName: "bai-giang.webm", mimeType: "video/webm", size: BigInt(size), state: "READY", durationSeconds },
  });
  const video = await db().lesson.create({
    data: { courseId: course.id, sectionId: section.id, kind: "VIDEO", title: "Bài 2. Video hướng dẫn", position: 2, fileId: file.id },
  });
  await makeEnrolment({ userId: input.learnerId, courseId: course.id });
  return { courseId: course.id, courseTitle: course.title, textLessonId: text.id, videoLessonId: video.id, videoFileId: file.id };
}

export type E2eLearningCourse = Awaited<ReturnType<typeof makeE2eLearningCourse>>;
