import { z } from "zod";
import { vi, type MessageKey } from "@/lib/i18n/messages/vi";
import type { Translate } from "@/lib/i18n/messages";

function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(vi, value);
}

/** One translated message for a zod issue; `raw` is the submitted data, to tell "empty" from "short". */
export function issueMessage(issue: z.core.$ZodIssue, raw: Record<string, unknown>, t: Translate): string {
  if (isMessageKey(issue.message)) return t(issue.message);
  const submitted = raw[String(issue.path[0] ?? "")];
  const empty = submitted === undefined || submitted === null || String(submitted).trim() === "";
  switch (issue.code) {
    case "too_small":
      return empty ? t("validation.required") : t("validation.tooShort", { min: Number(issue.minimum) });
    case "too_big":
      return t("validation.tooLong", { max: Number(issue.maximum) });
    case "invalid_format":
      if (empty) return t("validation.required");
      return issue.format === "email" ? t("validation.email") : t("validation.invalid");
    default:
      return empty ? t("validation.required") : t("validation.invalid");
  }
}

/** All issues grouped by top-level field, every message kept. */
export function fieldErrors(error: z.ZodError, raw: Record<string, unknown>, t: Translate): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_form");
    const message = issueMessage(issue, raw, t);
    const list = (out[field] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  return out;
}

/**
 * Ticked checkboxes of one name, which `formAction` joins with commas (and imports write the same
 * way): a list of distinct values of `choices`, at least one.
 */
export function checkboxList<T extends readonly [string, ...string[]]>(choices: T, messages: { invalid?: MessageKey; none: MessageKey }) {
  return z
    .string()
    .default("")
    .transform((v) => [...new Set(v.split(",").map((s) => s.trim()).filter(Boolean))])
    .pipe(z.array(z.enum(choices, messages.invalid ? { message: messages.invalid } : undefined)).min(1, { message: messages.none }));
}
