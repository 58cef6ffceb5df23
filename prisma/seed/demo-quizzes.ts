// Demo quizzes: the province's shared question bank and one bank per demo course, imported from
// GIFT (prisma/seed/demo-quizzes.gift.ts) the way a province brings its Moodle banks; a final
// quiz in each demo course; the demo learner has already taken the first course's quiz, and the
// trainer has marked her essay. Everything goes through the product's own commands, as the people
// named would do it in the browser. Idempotent: nothing is written when the province bank exists,
// or when the demo people and courses are not there.
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db";
import { saveAnswers, startAttempt, submitAttempt } from "@/lib/quizzes/attempts/engine";
import { createBank } from "@/lib/quizzes/banks/commands";
import { commitQuestionImport, stageQuestionImport } from "@/lib/quizzes/banks/import";
import type { QuestionResponse } from "@/lib/quizzes/question-types";
import { markEssay } from "@/lib/quizzes/results/commands";
import { markingQueue } from "@/lib/quizzes/results/queries";
import { addQuizQuestions, addRandomSlot, createQuiz, updateQuizSettings } from "@/lib/quizzes/setup/commands";
import { addQuestionsInput, addRandomInput, quizSettingsInput } from "@/lib/quizzes/setup/schemas";
import { DEMO_COURSES } from "./demo-courses";
import { DEMO_ACCOUNTS } from "./demo-data";
import { COURSE_BANKS_GIFT, PROVINCE_BANK_GIFT } from "./demo-quizzes.gift";

export const PROVINCE_BANK_NAME = "Ngân hàng câu hỏi CCHC dùng chung";

async function importGift(viewer: Viewer, bankId: string, fileName: string, gift: string): Promise<void> {
  const staged = await stageQuestionImport(viewer, bankId, { fileName, format: "gift", bytes: new TextEncoder().encode(gift) });
  await commitQuestionImport(viewer, staged.id, { validOnly: false });
}

/** The demo learner's answers to the first course's quiz: mostly right, one wrong, an essay. */
function demoAnswer(type: string, q: { options?: { id: string; html: string }[]; matching?: { items: { id: string }[]; choices: string[] } }, i: number): QuestionResponse | null {
  switch (type) {
    case "MULTIPLE_CHOICE":
      return { optionIds: (q.options ?? []).filter((o) => !/Công an|giáo dục/.test(o.html)).map((o) => o.id) };
    case "TRUE_FALSE":
      return { value: i % 2 === 0 ? false : true };
    case "SHORT_ANSWER":
      return { text: "VNeID" };
    case "NUMERICAL":
      return { text: "7" };
    case "MATCHING":
      // She mixes up two of the three.
      return { matches: Object.fromEntries((q.matching?.items ?? []).map((item, k, all) => [item.id, q.matching!.choices[(k + (k === 0 ? 0 : 1)) % all.length] ?? ""])) };
    case "ESSAY":
      return {
        text: "Giấy khai sinh bị hư hỏng, không xác định được đầy đủ nội dung thuộc trường hợp không được chứng thực bản sao (Điều 22 Nghị định 23/2015/NĐ-CP). Tôi từ chối bằng thông báo trên hệ thống, nêu rõ lý do và hướng dẫn người dân đề nghị cấp bản sao từ sổ gốc tại nơi đăng ký khai sinh.",
      };
    default:
      return null;
  }
}

export async function seedDemoQuizzes(prisma: Db): Promise<{ created: boolean; quizzes: number }> {
  if (await prisma.questionBank.findFirst({ where: { name: PROVINCE_BANK_NAME }, select: { id: true } })) {
    return { created: false, quizzes: await prisma.quiz.count() };
  }
  const [admin, trainer, learner, root, courses] = await Promise.all([
    prisma.user.findUnique({ where: { email: DEMO_ACCOUNTS.provinceAdmin.email }, select: { id: true } }),
    prisma.user.findUnique({ where: { email: DEMO_ACCOUNTS.trainer.email }, select: { id: true } }),
    prisma.user.findUnique({ where: { email: DEMO_ACCOUNTS.learner.email }, select: { id: true } }),
    prisma.unit.findUnique({ where: { code: "PY" }, select: { id: true } }),
    prisma.course.findMany({
      where: { code: { in: DEMO_COURSES.map((c) => c.code) } },
      select: { id: true, code: true, sections: { select: { id: true, position: true }, orderBy: { position: "desc" }, take: 1 } },
    }),
  ]);
  if (!admin || !trainer || !root || courses.length === 0) return { created: false, quizzes: 0 };
  const adminViewer = (await loadViewer(admin.id))!;
  const trainerViewer = (await loadViewer(trainer.id))!;

  const provinceBank = await createBank(adminViewer, { unitId: root.id, name: PROVINCE_BANK_NAME });
  await importGift(adminViewer, provinceBank.id, "ngan-hang-chung.gift", PROVINCE_BANK_GIFT);
  const provinceCategory = await prisma.questionCategory.findFirstOrThrow({
    where: { bankId: provinceBank.id, name: "Kiến thức chung về CCHC" },
    select: { id: true },
  });

  let firstQuiz: string | null = null;
  for (const course of courses.sort((a, b) => a.code.localeCompare(b.code))) {
    const gift = COURSE_BANKS_GIFT[course.code];
    const section = course.sections[0];
    if (!gift || !section) continue;
    const bank = await createBank(trainerViewer, { courseId: course.id, name: `Câu hỏi khóa ${course.code}` });
    await importGift(trainerViewer, bank.id, `${course.code}.gift`, gift);
    const { quizId } = await createQuiz(trainerViewer, course.id, { sectionId: section.id, title: "Bài kiểm tra cuối khóa" });
    await updateQuizSettings(
      trainerViewer,
      quizSettingsInput.parse({
        quizId,
        title: "Bài kiểm tra cuối khóa",
        intro: "<p>Bài kiểm tra gồm các câu hỏi về nội dung khóa học. Mỗi câu trả lời được lưu ngay khi anh/chị chọn; nếu mất kết nối, câu trả lời được giữ lại và gửi khi có mạng.</p>",
        opensAt: "",
        closesAt: "",
        timeLimit: "20",
        attemptsAllowed: "2",
        grading: "HIGHEST",
        passPercent: "50",
        shuffleQuestions: "on",
        shuffleAnswers: "on",
        reviewMarks: "AFTER_SUBMIT",
        reviewFeedback: "AFTER_SUBMIT",
        reviewCorrect: "AFTER_SUBMIT",
      }),
    );
    const questions = await prisma.question.findMany({ where: { bankId: bank.id }, select: { id: true }, orderBy: { createdAt: "asc" } });
    await addQuizQuestions(trainerViewer, addQuestionsInput.parse({ quizId, questionIds: questions.map((q) => q.id).join(","), mark: "" }));
    await addRandomSlot(
      trainerViewer,
      addRandomInput.parse({ quizId, categoryId: provinceCategory.id, count: "1", includeSubcategories: "", mark: "1" }),
    );
    firstQuiz ??= quizId;
  }

  // The demo learner (enrolled in the first course) has taken its quiz; the trainer marked her essay.
  if (learner && firstQuiz) {
    const learnerViewer = (await loadViewer(learner.id))!;
    const { attemptId } = await startAttempt(learnerViewer, firstQuiz);
    const { attemptForLearner } = await import("@/lib/quizzes/attempts/view");
    const view = await attemptForLearner(learnerViewer, attemptId);
    const answers = view.questions
      .map((q, i) => ({ position: q.position, response: demoAnswer(q.type, q, i) ?? (q.options?.[0] ? { optionId: q.options[0].id } : null) }))
      .filter((a): a is { position: number; response: QuestionResponse } => a.response !== null);
    await saveAnswers(learnerViewer, attemptId, { seq: 1, answers });
    await submitAttempt(learnerViewer, attemptId);
    for (const item of (await markingQueue(trainerViewer, firstQuiz)).items) {
      await markEssay(trainerViewer, item.attemptQuestionId, { mark: item.maxMark * 0.8, comment: "Xử lý đúng quy định; cần nêu thêm thời hạn trả lời người dân." });
    }
  }
  return { created: true, quizzes: await prisma.quiz.count() };
}
