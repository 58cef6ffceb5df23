import type { privacy as vi } from "../vi/privacy";

export const privacy: Record<keyof typeof vi, string> = {
};
