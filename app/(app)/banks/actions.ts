"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/forms/action";
import {
  archiveQuestion,
  createBank,
  createCategory,
  deleteCategory,
  moveCategory,
  renameBank,
  renameCategory,
} from "@/lib/quizzes/banks/commands";
import { commitQuestionImport, discardQuestionImport } from "@/lib/quizzes/banks/import";
import {
  archiveQuestionForm,
  categoryIdForm,
  commitImportForm,
  createBankForm,
  createCategoryForm,
  importIdForm,
  moveCategoryForm,
  renameBankForm,
  renameCategoryForm,
} from "@/lib/quizzes/banks/schemas";

export const createBankAction = formAction(
  createBankForm,
  async (viewer, { name, owner }) => {
    const [kind, id] = owner.split(":") as ["unit" | "course", string];
    const bank = await createBank(viewer, kind === "unit" ? { name, unitId: id } : { name, courseId: id });
    revalidatePath("/banks");
    return { messageKey: "banks.created", redirectTo: `/banks/${bank.id}` };
  },
  { name: "bank.create" },
);

export const renameBankAction = formAction(
  renameBankForm,
  async (viewer, { bankId, name }) => {
    const { changed } = await renameBank(viewer, bankId, name);
    revalidatePath(`/banks/${bankId}`);
    return { messageKey: changed ? "banks.saved" : "banks.unchanged" };
  },
  { name: "bank.rename" },
);

export const createCategoryAction = formAction(
  createCategoryForm,
  async (viewer, { bankId, parentId, name }) => {
    await createCategory(viewer, bankId, { parentId, name });
    revalidatePath(`/banks/${bankId}`);
    return { messageKey: "banks.categoryCreated", params: { name: name.trim() } };
  },
  { name: "bank.category.create" },
);

export const renameCategoryAction = formAction(
  renameCategoryForm,
  async (viewer, { categoryId, name }) => {
    const { changed } = await renameCategory(viewer, categoryId, name);
    revalidatePath("/banks", "layout");
    return { messageKey: changed ? "banks.saved" : "banks.unchanged" };
  },
  { name: "bank.category.rename" },
);

export const moveCategoryAction = formAction(
  moveCategoryForm,
  async (viewer, { categoryId, parentId }) => {
    const { changed } = await moveCategory(viewer, categoryId, parentId);
    revalidatePath("/banks", "layout");
    return { messageKey: changed ? "banks.categoryMoved" : "banks.unchanged" };
  },
  { name: "bank.category.move" },
);

export const deleteCategoryAction = formAction(
  categoryIdForm,
  async (viewer, { categoryId }) => {
    await deleteCategory(viewer, categoryId);
    revalidatePath("/banks", "layout");
    return { messageKey: "banks.categoryDeleted" };
  },
  { name: "bank.category.delete" },
);

export const archiveQuestionAction = formAction(
  archiveQuestionForm,
  async (viewer, { questionId, archived }) => {
    const { changed } = await archiveQuestion(viewer, questionId, archived);
    revalidatePath("/banks", "layout");
    if (!changed) return { messageKey: "banks.unchanged" };
    return { messageKey: archived ? "banks.questionArchived" : "banks.questionRestored" };
  },
  { name: "bank.question.archive" },
);

export const commitImportAction = formAction(
  commitImportForm,
  async (viewer, { importId, validOnly }) => {
    const done = await commitQuestionImport(viewer, importId, { validOnly });
    revalidatePath(`/banks/${done.bankId}`);
    return { messageKey: "banks.import.done", params: { count: done.imported }, redirectTo: `/banks/${done.bankId}?imported=${done.imported}` };
  },
  { name: "bank.import" },
);

export const discardImportAction = formAction(
  importIdForm,
  async (viewer, { importId }) => {
    const { bankId } = await discardQuestionImport(viewer, importId);
    return { messageKey: "banks.import.discarded", redirectTo: `/banks/${bankId}/import` };
  },
  { name: "bank.import.discard" },
);
