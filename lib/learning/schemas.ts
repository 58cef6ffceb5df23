import { z } from "zod";
import { VIDEO_RULES } from "./rules";

/** A number of seconds the player reports: finite, non-negative, bounded. */
const seconds = (max: number) => z.number().finite().min(0).max(max);

/**
 * One progress write (POST /api/progress). `courseId` is optional: when given it must be the
 * lesson's own course (the stored row always takes the course from the lesson).
 */
export const progressInput = z.discriminatedUnion("event", [
  /** "Tôi đã học xong bài này" for a text, file or link lesson. */
  z.object({ event: z.literal("complete"), lessonId: z.uuid(), courseId: z.uuid().optional() }),
  /** The video player: where it is and how much it has played since its last write (its length is the file's). */
  z.object({
    event: z.literal("video"),
    lessonId: z.uuid(),
    courseId: z.uuid().optional(),
    position: seconds(VIDEO_RULES.maxDurationSeconds),
    watchedDelta: seconds(VIDEO_RULES.maxDeltaSeconds),
  }),
]);

export type ProgressInput = z.infer<typeof progressInput>;
