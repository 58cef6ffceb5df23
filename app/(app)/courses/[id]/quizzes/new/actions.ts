"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/forms/action";
import { createQuiz } from "@/lib/quizzes/setup/commands";
import { createQuizInput } from "@/lib/quizzes/setup/schemas";

export const createQuizAction = formAction(
  createQuizInput,
  async (viewer, { courseId, sectionId, title }) => {
    const { quizId } = await createQuiz(viewer, courseId, { sectionId, title });
    revalidatePath(`/courses/${courseId}`, "layout");
    return { messageKey: "quizSetup.created", redirectTo: `/courses/${courseId}/quizzes/${quizId}/edit` };
  },
  { name: "quiz.create" },
);
