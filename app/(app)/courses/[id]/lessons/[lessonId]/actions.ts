"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/forms/action";
import { recordProgress } from "@/lib/learning/progress";

/** "Tôi đã học xong bài này": a form, so it works before (or without) the page's JavaScript. */
export const markLessonDone = formAction(
  z.object({ lessonId: z.uuid(), courseId: z.uuid() }),
  async (viewer, input) => {
    await recordProgress(viewer, { event: "complete", lessonId: input.lessonId, courseId: input.courseId });
    refresh();
    return { messageKey: "learning.doneOn" };
  },
  { name: "learning.complete" },
);
