import type { FormState } from "@/lib/forms/state";

/** The create form's state: the usual form state, plus the new account once it exists. */
export type CreatePersonState = FormState & {
  created?: { id: string; fullName: string; initialPassword: string | null };
};
