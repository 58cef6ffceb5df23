"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/forms/action";
import {
  addQuizQuestions,
  addRandomSlot,
  moveSlot,
  removeClassOverride,
  removeSlot,
  setClassOverride,
  setSlotMark,
  updateQuizSettings,
} from "@/lib/quizzes/setup/commands";
import {
  addQuestionsInput,
  addRandomInput,
  moveSlotInput,
  overrideInput,
  quizSettingsInput,
  removeOverrideInput,
  slotInput,
  slotMarkInput,
} from "@/lib/quizzes/setup/schemas";

// Every course page shows the outline (a quiz's title) or reads the quiz: refresh them all.
const refresh = () => revalidatePath("/courses/[id]", "layout");

export const settingsAction = formAction(
  quizSettingsInput,
  async (viewer, input) => {
    const { changed } = await updateQuizSettings(viewer, input);
    refresh();
    return { messageKey: changed ? "quizSetup.settingsSaved" : "quizSetup.unchanged" };
  },
  { name: "quiz.settings" },
);

export const addQuestionsAction = formAction(
  addQuestionsInput,
  async (viewer, input) => {
    const { added } = await addQuizQuestions(viewer, input);
    refresh();
    return { messageKey: "quizSetup.questionsAdded", params: { count: added } };
  },
  { name: "quiz.slot.add" },
);

export const addRandomAction = formAction(
  addRandomInput,
  async (viewer, input) => {
    await addRandomSlot(viewer, input);
    refresh();
    return { messageKey: "quizSetup.randomAdded" };
  },
  { name: "quiz.slot.add" },
);

export const slotMarkAction = formAction(
  slotMarkInput,
  async (viewer, input) => {
    const { changed } = await setSlotMark(viewer, input);
    refresh();
    return { messageKey: changed ? "quizSetup.markSaved" : "quizSetup.unchanged" };
  },
  { name: "quiz.slot.mark" },
);

export const moveSlotAction = formAction(
  moveSlotInput,
  async (viewer, input) => {
    const { position } = await moveSlot(viewer, input);
    refresh();
    return { messageKey: "quizSetup.moved", params: { position } };
  },
  { name: "quiz.slot.move" },
);

export const removeSlotAction = formAction(
  slotInput,
  async (viewer, input) => {
    await removeSlot(viewer, input);
    refresh();
    return { messageKey: "quizSetup.removed" };
  },
  { name: "quiz.slot.remove" },
);

export const overrideAction = formAction(
  overrideInput,
  async (viewer, input) => {
    await setClassOverride(viewer, input);
    refresh();
    return { messageKey: "quizSetup.overrideSaved" };
  },
  { name: "quiz.override.set" },
);

export const removeOverrideAction = formAction(
  removeOverrideInput,
  async (viewer, input) => {
    await removeClassOverride(viewer, input);
    refresh();
    return { messageKey: "quizSetup.overrideRemoved" };
  },
  { name: "quiz.override.remove" },
);
