"use server";

import { revalidatePath } from "next/cache";
import { markAttendance } from "@/lib/attendance/commands";
import { markAttendanceInput } from "@/lib/attendance/schemas";
import { formAction } from "@/lib/forms/action";

export const markAttendanceAction = formAction(markAttendanceInput, async (viewer, { sessionId, entries }) => {
  const { changed } = await markAttendance(viewer, sessionId, entries);
  revalidatePath(`/sessions/${sessionId}/attendance`);
  return changed > 0 ? { messageKey: "attendance.saved", params: { count: changed } } : { messageKey: "attendance.unchanged" };
}, { name: "attendance.mark" });
