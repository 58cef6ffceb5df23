"use server";

import { revalidatePath } from "next/cache";
import { createArea, updateArea } from "@/lib/courses/areas";
import { addTrainer, createCourse, removeTrainer, setCourseStatus, updateCourse } from "@/lib/courses/commands";
import { selfEnrol, withdraw } from "@/lib/courses/enrolment";
import { areaFields, courseIdInput, createCourseInput, setStatusInput, trainerInput, updateAreaInput, updateCourseInput } from "@/lib/courses/schemas";
import { formAction } from "@/lib/forms/action";

// Checkbox groups (targetGroups, audience) post one value per ticked box; formAction joins them.
export const createCourseAction = formAction(
  createCourseInput,
  async (viewer, input) => {
    const course = await createCourse(viewer, input);
    revalidatePath("/courses", "layout");
    return { messageKey: "courses.saved", redirectTo: `/courses/${course.id}/content` };
  },
  { name: "course.create" },
);

export const updateCourseAction = formAction(
  updateCourseInput,
  async (viewer, { id, ...input }) => {
    const { changed } = await updateCourse(viewer, id, input);
    revalidatePath("/courses", "layout");
    return { messageKey: changed.length > 0 ? "courses.saved" : "courses.unchanged" };
  },
  { name: "course.update" },
);

export const setCourseStatusAction = formAction(
  setStatusInput,
  async (viewer, { id, status }) => {
    const { changed } = await setCourseStatus(viewer, id, status);
    revalidatePath("/courses", "layout");
    if (!changed) return { messageKey: "courses.unchanged" };
    return { messageKey: status === "PUBLISHED" ? "courses.published" : "courses.archived" };
  },
  { name: "course.setStatus" },
);

export const addTrainerAction = formAction(
  trainerInput,
  async (viewer, { id, userId }) => {
    const { changed } = await addTrainer(viewer, id, userId);
    revalidatePath(`/courses/${id}`, "layout");
    return { messageKey: changed ? "courses.trainerAdded" : "courses.unchanged" };
  },
  { name: "course.addTrainer" },
);

export const removeTrainerAction = formAction(
  trainerInput,
  async (viewer, { id, userId }) => {
    const { changed } = await removeTrainer(viewer, id, userId);
    revalidatePath(`/courses/${id}`, "layout");
    return { messageKey: changed ? "courses.trainerRemoved" : "courses.unchanged" };
  },
  { name: "course.removeTrainer" },
);

export const enrolAction = formAction(
  courseIdInput,
  async (viewer, { id }) => {
    await selfEnrol(viewer, id);
    revalidatePath("/courses", "layout");
    return { messageKey: "courses.enrolled" };
  },
  { name: "course.enrol" },
);

export const withdrawAction = formAction(
  courseIdInput,
  async (viewer, { id }) => {
    await withdraw(viewer, id);
    revalidatePath("/courses", "layout");
    return { messageKey: "courses.withdrawn" };
  },
  { name: "course.withdraw" },
);

export const createAreaAction = formAction(
  areaFields,
  async (viewer, input) => {
    await createArea(viewer, input);
    revalidatePath("/courses", "layout");
    return { messageKey: "courses.areaAdded" };
  },
  { name: "courseArea.create" },
);

export const updateAreaAction = formAction(
  updateAreaInput,
  async (viewer, { id, ...input }) => {
    const { changed } = await updateArea(viewer, id, input);
    revalidatePath("/courses", "layout");
    return { messageKey: changed ? "courses.areaSaved" : "courses.unchanged" };
  },
  { name: "courseArea.update" },
);
