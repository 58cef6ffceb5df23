import type { accounts as vi } from "../vi/accounts";

export const accounts: Record<keyof typeof vi, string> = {
};
