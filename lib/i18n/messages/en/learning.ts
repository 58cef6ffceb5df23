import type { learning as vi } from "../vi/learning";

export const learning: Record<keyof typeof vi, string> = {
};
