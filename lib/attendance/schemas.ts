import { z } from "zod";
import { ATTENDANCE_STATUSES } from "./statuses";

/** One roster line: a learner and the state the trainer chose. */
export const markEntry = z.object({ userId: z.uuid(), status: z.enum(ATTENDANCE_STATUSES) });
export type MarkEntry = z.infer<typeof markEntry>;

/** At most this many learners in one save (a class is far smaller). */
export const MAX_MARKS = 1000;

/**
 * The roster form: `sessionId` and one `status.<userId>` radio group per learner; learners left
 * unmarked are simply not sent.
 */
export const markAttendanceInput = z
  .record(z.string(), z.string())
  .transform((raw, ctx) => {
    const sessionId = z.uuid().safeParse(raw.sessionId);
    if (!sessionId.success) {
      ctx.addIssue({ code: "custom", message: "errors.notFound", path: ["sessionId"] });
      return z.NEVER;
    }
    const entries: MarkEntry[] = [];
    for (const [key, value] of Object.entries(raw)) {
      if (!key.startsWith("status.")) continue;
      const entry = markEntry.safeParse({ userId: key.slice("status.".length), status: value });
      if (!entry.success) {
        ctx.addIssue({ code: "custom", message: "attendance.invalid", path: ["entries"] });
        return z.NEVER;
      }
      entries.push(entry.data);
    }
    if (entries.length > MAX_MARKS) {
      ctx.addIssue({ code: "custom", message: "attendance.invalid", path: ["entries"] });
      return z.NEVER;
    }
    return { sessionId: sessionId.data, entries };
  });

/** The QR check-in confirmed by the learner (a POST: opening the link changes nothing). */
export const checkInInput = z.object({ sessionId: z.uuid(), token: z.string().min(1).max(100) });
export type CheckInInput = z.infer<typeof checkInInput>;
