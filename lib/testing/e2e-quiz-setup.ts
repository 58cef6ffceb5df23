// Test-only (tests/e2e/quiz-setup.spec.ts): a course to put a quiz in, written without a viewer
// (see factories.ts) — one section, and the course's own bank with questions in a category and a
// subcategory.
import { db } from "@/lib/db";
import { makeCourse, makeSection } from "./course-factories";
import { choiceDraft, makeBank, makeQuestion } from "./quiz-factories";

export const E2E_QUIZ_QUESTIONS = ["Thời hạn giải quyết thủ tục", "Tiếp nhận hồ sơ trực tuyến", "Trả kết quả qua bưu chính"] as const;

/** A draft course owned by `ownerUnitId` with `trainerId` as its trainer, a section and its bank. */
export async function makeE2eQuizSetup(input: { ownerUnitId: string; trainerId: string }) {
  const course = await makeCourse({ unitId: input.ownerUnitId, trainerIds: [input.trainerId], status: "DRAFT", title: "Kỹ năng giải quyết thủ tục hành chính" });
  const section = await makeSection(course.id, "Phần 1. Quy trình một cửa");
  const { bank, category } = await makeBank({ courseId: course.id, name: "Ngân hàng câu hỏi một cửa" });
  const sub = await db().questionCategory.create({ data: { bankId: bank.id, parentId: category.id, name: "Bưu chính công ích" } });
  for (const name of E2E_QUIZ_QUESTIONS) await makeQuestion({ bankId: bank.id, categoryId: category.id, draft: choiceDraft(name) });
  await makeQuestion({ bankId: bank.id, categoryId: sub.id, draft: choiceDraft("Phí dịch vụ bưu chính") });
  return { courseId: course.id, courseTitle: course.title, sectionTitle: section.title, bankName: bank.name, categoryName: category.name, questions: [...E2E_QUIZ_QUESTIONS] };
}
export type E2eQuizSetup = Awaited<ReturnType<typeof makeE2eQuizSetup>>;
