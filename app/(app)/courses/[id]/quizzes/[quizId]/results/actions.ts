"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/forms/action";
import { markEssay, regradeQuestion } from "@/lib/quizzes/results/commands";
import { markEssayInput, regradeInput } from "@/lib/quizzes/results/schemas";

const refresh = (courseId: string, quizId: string) => revalidatePath(`/courses/${courseId}/quizzes/${quizId}`, "layout");

export const markEssayAction = formAction(
  markEssayInput,
  async (viewer, { courseId, quizId, attemptQuestionId, mark, comment }) => {
    await markEssay(viewer, attemptQuestionId, { mark, comment });
    refresh(courseId, quizId);
    return { messageKey: "quizResults.marked" };
  },
  { name: "quiz.markEssay" },
);

export const regradeAction = formAction(
  regradeInput,
  async (viewer, { courseId, quizId, questionId }) => {
    const result = await regradeQuestion(viewer, quizId, questionId, { dryRun: false });
    refresh(courseId, quizId);
    return { messageKey: "quizResults.regraded", params: { count: result.changes.length } };
  },
  { name: "quiz.regrade" },
);
