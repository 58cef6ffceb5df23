"use client";

import { useFormStatus } from "react-dom";
import type { FormState } from "@/lib/forms/state";

const TONES = {
  primary: "bg-brand-700 hover:bg-brand-800",
  /** For what cannot be undone (anonymisation). */
  danger: "bg-red-700 hover:bg-red-800",
} as const;

export function SubmitButton({ label, pendingLabel, tone = "primary" }: { label: string; pendingLabel: string; tone?: keyof typeof TONES }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={`rounded-md ${TONES[tone]} px-4 py-2 font-semibold text-white disabled:opacity-70`}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}

/** The form-level outcome, read out by screen readers. */
export function FormMessage({ state }: { state: FormState }) {
  if (!state.message) return null;
  const ok = state.status === "ok";
  return (
    <p
      role={ok ? "status" : "alert"}
      className={`rounded-md px-3 py-2 text-sm ${ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}
    >
      {state.message}
    </p>
  );
}
