"use server";

import { checkIn } from "@/lib/attendance/commands";
import { checkInInput } from "@/lib/attendance/schemas";
import { AppError } from "@/lib/errors";
import { formAction } from "@/lib/forms/action";

/** The learner confirms the check-in: recorded now, then the page shows their record (no state change on GET). */
export const confirmCheckInAction = formAction(
  checkInInput,
  async (viewer, input) => {
    try {
      await checkIn(viewer, input.sessionId, input.token);
    } catch (e) {
      // An unknown session says no more than a wrong code does.
      if (e instanceof AppError && e.code === "NOT_FOUND") throw new AppError("VALIDATION", "attendance.checkIn.invalid");
      throw e;
    }
    return { messageKey: "attendance.checkIn.done", redirectTo: `/checkin/${input.sessionId}?done=1` };
  },
  { name: "attendance.checkIn" },
);
