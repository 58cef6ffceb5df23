"use client";

import { useState } from "react";
import type { FormState } from "./state";

type Initial = string | number | boolean | readonly string[] | null | undefined;

export type FormValues = {
  /**
   * The form's `key`: it changes with every answer, and when the saved values the page passes
   * change (after a save, once the page has reloaded them), so the form is rebuilt from the values below.
   */
  key: string;
  /** What was submitted, after a refusal; undefined otherwise (then the initial values show). */
  submitted: Record<string, string> | undefined;
  /** A text input's or a select's default value: the submitted one after a refusal, else `initial`. */
  value: (name: string, initial?: Initial) => string;
  /** A checkbox group's or multi-select's ticked values (formAction joins them with commas). */
  list: (name: string, initial?: readonly string[]) => string[];
  /** Whether a checkbox (or the radio button of value `option`) was ticked. */
  checked: (name: string, initial: boolean, option?: string) => boolean;
  /** The translated errors of one field. */
  errors: (name: string) => string[] | undefined;
};

const text = (v: Initial): string => (v === null || v === undefined || v === false ? "" : Array.isArray(v) ? v.join(",") : String(v));

/**
 * The one way a form keeps what the person entered after a refused action: text inputs, selects,
 * radio buttons and checkboxes all take their default from `value`/`list`/`checked`, and the form
 * takes `key`. React resets a form once its action has run, and selects, radio buttons and
 * checkboxes would fall back to their first rendered state instead of what was submitted; a new
 * key rebuilds the form from these defaults. After a success the initial values show again.
 * Passwords and tokens are never sent back (lib/forms/action.ts), so they come back empty.
 */
export function useFormValues(state: FormState, saved?: unknown): FormValues {
  const [count, setCount] = useState(0);
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    setCount(count + 1);
  }
  const submitted = state.status === "error" ? state.values : undefined;
  const list = (name: string, initial: readonly string[] = []) =>
    submitted ? (submitted[name] ?? "").split(",").filter(Boolean) : [...initial];
  return {
    key: saved === undefined ? String(count) : `${count}:${JSON.stringify(saved)}`,
    submitted,
    value: (name, initial) => (submitted ? (submitted[name] ?? "") : text(initial)),
    list,
    checked: (name, initial, option) => (submitted ? (option === undefined ? name in submitted : submitted[name] === option) : initial),
    errors: (name) => state.fieldErrors?.[name],
  };
}
