"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { formAction } from "@/lib/forms/action";
import { createQuestion, updateQuestion } from "@/lib/quizzes/banks/commands";
import { questionFormSchema } from "@/lib/quizzes/editor-form";

/**
 * The bank's rules name a field of the draft ("data.options.2.text"); the form's rows are numbered
 * by the browser, so such a refusal is shown on the whole list ("options"). The editor's own parser
 * (lib/quizzes/editor-form.ts) reports the same rules on the exact row before this is reached.
 */
async function onFormFields<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AppError && e.field?.startsWith("data.")) {
      const list = e.field.split(".")[1] ?? "type";
      throw new AppError(e.code, e.messageKey, { field: list, params: e.params });
    }
    throw e;
  }
}

export const createQuestionAction = formAction(
  questionFormSchema(z.object({ bankId: z.uuid(), categoryId: z.uuid() })),
  async (viewer, { bankId, categoryId, draft }) => {
    const { id } = await onFormFields(() => createQuestion(viewer, { bankId, categoryId, draft }));
    revalidatePath(`/banks/${bankId}`, "layout");
    return { messageKey: "questionEditor.created", redirectTo: `/banks/${bankId}/questions/${id}?created=1` };
  },
  { name: "bank.question.create" },
);

export const updateQuestionAction = formAction(
  questionFormSchema(z.object({ bankId: z.uuid(), questionId: z.uuid() })),
  async (viewer, { bankId, questionId, draft }) => {
    const { version } = await onFormFields(() => updateQuestion(viewer, questionId, draft));
    revalidatePath(`/banks/${bankId}`, "layout");
    return { messageKey: "questionEditor.saved", params: { version } };
  },
  { name: "bank.question.update" },
);
