import type { files as vi } from "../vi/files";

export const files: Record<keyof typeof vi, string> = {
};
