import type { plans as vi } from "../vi/plans";

export const plans: Record<keyof typeof vi, string> = {
};
