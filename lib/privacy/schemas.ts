import { z } from "zod";

/** The anonymisation form: whom, and their current name typed again as the confirmation. */
export const anonymiseInput = z.object({
  id: z.uuid(),
  confirmName: z.string().trim().normalize("NFC").min(1).max(200),
});
export type AnonymiseInput = z.infer<typeof anonymiseInput>;

/** Typed name vs stored name: spaces and letter case do not matter, diacritics do. */
export function sameName(typed: string, stored: string): boolean {
  const norm = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
  return norm(typed) === norm(stored);
}
