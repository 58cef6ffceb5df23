import type { AttendanceStatus } from "@/lib/db/generated/enums";

/** In the order the roster shows them. Safe to import from client components. */
export const ATTENDANCE_STATUSES = ["PRESENT", "LATE", "EXCUSED", "ABSENT"] as const satisfies readonly AttendanceStatus[];
