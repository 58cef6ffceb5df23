import type { roles as vi } from "../vi/roles";

export const roles: Record<keyof typeof vi, string> = {
};
