import type { courses as vi } from "../vi/courses";

export const courses: Record<keyof typeof vi, string> = {
};
