"use server";

import { revalidatePath } from "next/cache";
import { addLesson, addSection, deleteLesson, deleteSection, renameSection, reorderContent, updateLesson } from "@/lib/courses/content";
import {
  addSectionInput,
  deleteLessonInput,
  deleteSectionInput,
  lessonInput,
  renameSectionInput,
  reorderInput,
  updateLessonInput,
} from "@/lib/courses/schemas";
import { formAction } from "@/lib/forms/action";

const refresh = (courseId: string) => revalidatePath(`/courses/${courseId}`, "layout");

export const addSectionAction = formAction(
  addSectionInput,
  async (viewer, { courseId, title }) => {
    await addSection(viewer, courseId, title);
    refresh(courseId);
    return { messageKey: "courses.sectionAdded" };
  },
  { name: "course.section.add" },
);

export const renameSectionAction = formAction(
  renameSectionInput,
  async (viewer, { courseId, sectionId, title }) => {
    const { changed } = await renameSection(viewer, courseId, sectionId, title);
    refresh(courseId);
    return { messageKey: changed ? "courses.sectionRenamed" : "courses.unchanged" };
  },
  { name: "course.section.rename" },
);

export const deleteSectionAction = formAction(
  deleteSectionInput,
  async (viewer, { courseId, sectionId, confirm }) => {
    await deleteSection(viewer, courseId, sectionId, confirm);
    refresh(courseId);
    return { messageKey: "courses.sectionDeleted" };
  },
  { name: "course.section.delete" },
);

export const addLessonAction = formAction(
  lessonInput,
  async (viewer, input) => {
    await addLesson(viewer, input);
    refresh(input.courseId);
    return { messageKey: "courses.lessonAdded" };
  },
  { name: "course.lesson.add" },
);

export const updateLessonAction = formAction(
  updateLessonInput,
  async (viewer, input) => {
    const { changed } = await updateLesson(viewer, input);
    refresh(input.courseId);
    return { messageKey: changed ? "courses.lessonSaved" : "courses.unchanged" };
  },
  { name: "course.lesson.update" },
);

export const deleteLessonAction = formAction(
  deleteLessonInput,
  async (viewer, { courseId, lessonId }) => {
    await deleteLesson(viewer, courseId, lessonId);
    refresh(courseId);
    return { messageKey: "courses.lessonDeleted" };
  },
  { name: "course.lesson.delete" },
);

export const reorderAction = formAction(
  reorderInput,
  async (viewer, { courseId, layout }) => {
    const { changed } = await reorderContent(viewer, courseId, layout);
    refresh(courseId);
    return { messageKey: changed ? "courses.orderSaved" : "courses.unchanged" };
  },
  { name: "course.reorder" },
);
