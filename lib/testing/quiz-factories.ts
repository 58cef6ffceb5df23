// Test-only: question banks, questions and quizzes written without a viewer (see factories.ts).
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db";
import type { QuizGrading, ReviewWhen } from "@/lib/db/generated/enums";
import type { QuestionDraft } from "@/lib/quizzes/question-types";
import { foldForSearch } from "@/lib/text";
import { makeLesson, makeSection } from "./course-factories";
import { uniq } from "./factories";

/** A bank of a unit or of a course, with its root category. */
export async function makeBank(input: { unitId?: string; courseId?: string; name?: string }) {
  const bank = await db().questionBank.create({
    data: { name: input.name ?? `Ngân hàng câu hỏi ${uniq()}`, unitId: input.unitId ?? null, courseId: input.courseId ?? null },
  });
  const category = await db().questionCategory.create({ data: { bankId: bank.id, name: "Mặc định" } });
  return { bank, category };
}

/** A question with its first version. */
export async function makeQuestion(input: { bankId: string; categoryId: string; draft: QuestionDraft }) {
  const d = input.draft;
  return db().question.create({
    data: {
      bankId: input.bankId,
      categoryId: input.categoryId,
      type: d.type,
      tags: d.tags,
      searchText: foldForSearch(`${d.name} ${d.text}`),
      versions: {
        create: {
          version: 1,
          name: d.name,
          text: d.text,
          format: d.format,
          generalFeedback: d.generalFeedback?.text ?? "",
          defaultMark: d.defaultMark,
          data: d.data as Prisma.InputJsonValue,
        },
      },
    },
    include: { versions: true },
  });
}

/** A single-choice question: the first option is right. */
export function choiceDraft(name: string, options: string[] = ["Đúng", "Sai 1", "Sai 2"]): QuestionDraft {
  return {
    type: "SINGLE_CHOICE",
    name,
    text: `<p>${name}?</p>`,
    format: "html",
    defaultMark: 1,
    category: [],
    tags: [],
    generalFeedback: { text: "Nhận xét chung.", format: "plain" },
    data: {
      options: options.map((text, i) => ({
        id: `o${i + 1}`,
        text: { text, format: "plain" as const },
        fraction: i === 0 ? 1 : 0,
        feedback: { text: i === 0 ? "Chính xác." : "Chưa đúng.", format: "plain" as const },
      })),
    },
  };
}

export type QuizSettings = {
  title?: string;
  opensAt?: Date | null;
  closesAt?: Date | null;
  timeLimitSeconds?: number | null;
  attemptsAllowed?: number;
  grading?: QuizGrading;
  passPercent?: number | null;
  shuffleQuestions?: boolean;
  shuffleAnswers?: boolean;
  reviewMarks?: ReviewWhen;
  reviewFeedback?: ReviewWhen;
  reviewCorrect?: ReviewWhen;
};

/**
 * A quiz in the course's outline (a new section unless `sectionId`), with one fixed slot per
 * draft, in a new course bank. Returns the quiz, its lesson, the bank and the questions.
 */
export async function makeQuiz(input: {
  courseId: string;
  sectionId?: string;
  drafts?: QuestionDraft[];
  settings?: QuizSettings;
}) {
  const s = input.settings ?? {};
  const sectionId = input.sectionId ?? (await makeSection(input.courseId, "Kiểm tra", 99)).id;
  const lesson = await makeLesson({ courseId: input.courseId, sectionId, kind: "QUIZ", title: s.title ?? "Bài kiểm tra cuối khóa", position: 99 });
  const { bank, category } = await makeBank({ courseId: input.courseId });
  const drafts = input.drafts ?? [choiceDraft("Câu 1"), choiceDraft("Câu 2")];
  const questions = [];
  for (const draft of drafts) questions.push(await makeQuestion({ bankId: bank.id, categoryId: category.id, draft }));
  const quiz = await db().quiz.create({
    data: {
      courseId: input.courseId,
      lessonId: lesson.id,
      opensAt: s.opensAt ?? null,
      closesAt: s.closesAt ?? null,
      timeLimitSeconds: s.timeLimitSeconds ?? null,
      attemptsAllowed: s.attemptsAllowed ?? 1,
      grading: s.grading ?? "HIGHEST",
      passPercent: s.passPercent ?? null,
      shuffleQuestions: s.shuffleQuestions ?? false,
      shuffleAnswers: s.shuffleAnswers ?? false,
      reviewMarks: s.reviewMarks ?? "AFTER_SUBMIT",
      reviewFeedback: s.reviewFeedback ?? "AFTER_SUBMIT",
      reviewCorrect: s.reviewCorrect ?? "AFTER_CLOSE",
      slots: {
        create: questions.map((q, i) => ({ position: i + 1, questionId: q.id, mark: drafts[i]!.defaultMark })),
      },
    },
  });
  return { quiz, lesson, bank, category, questions };
}
