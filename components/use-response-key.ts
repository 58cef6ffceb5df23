"use client";

import { useState } from "react";
import type { FormState } from "@/lib/forms/state";

/**
 * A number that changes with every answer of a form action. Used as the form's `key`, it rebuilds
 * the form from its default values after each answer: React resets a form once its action has
 * run, and selects and radio buttons would otherwise fall back to their first rendered state
 * instead of what was submitted.
 */
export function useResponseKey(state: FormState): number {
  const [count, setCount] = useState(0);
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    setCount(count + 1);
  }
  return count;
}
