import type { outbox as vi } from "../vi/outbox";

export const outbox: Record<keyof typeof vi, string> = {
};
