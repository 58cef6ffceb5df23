/** What a server action returns to its form. Safe to import from client components. */
export type FormState = {
  status: "idle" | "ok" | "error";
  message?: string;
  /** Every problem of every field, already translated. */
  fieldErrors?: Record<string, string[]>;
  /** The submitted text, so the form keeps what the person typed after an error. */
  values?: Record<string, string>;
};

export const idleForm: FormState = { status: "idle" };
