import type { audit as vi } from "../vi/audit";

export const audit: Record<keyof typeof vi, string> = {
};
