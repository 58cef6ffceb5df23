import { redirect } from "next/navigation";
import type { z } from "zod";
import { actingViewer } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { MessageKey, Params } from "@/lib/i18n/messages";
import { getT } from "@/lib/i18n/server";
import type { FormState } from "./state";
import { fieldErrors } from "./zod";

export type ActionResult = { messageKey: MessageKey; params?: Params; redirectTo?: string };

/**
 * The one way to write a form's server action: parse the form with zod, resolve the acting
 * viewer, run a lib/ command (which checks permission on the object itself) and turn any
 * AppError into a translated message. Nothing is written when parsing or permission fails.
 */
export function formAction<S extends z.ZodType>(
  schema: S,
  run: (viewer: Viewer, input: z.output<S>) => Promise<ActionResult>,
) {
  return async (_prev: FormState, formData: FormData): Promise<FormState> => {
    const t = await getT();
    const raw: Record<string, string> = {};
    for (const [key, value] of formData) {
      if (typeof value === "string" && !key.startsWith("$")) raw[key] = value;
    }
    let result: ActionResult;
    try {
      const viewer = await actingViewer();
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return {
          status: "error",
          message: t("form.fixErrors"),
          fieldErrors: fieldErrors(parsed.error, raw, t),
          values: raw,
        };
      }
      result = await run(viewer, parsed.data);
    } catch (e) {
      if (e instanceof AppError) {
        const message = t(e.messageKey, e.params);
        return {
          status: "error",
          message: e.field ? t("form.fixErrors") : message,
          fieldErrors: e.field ? { [e.field]: [message] } : undefined,
          values: raw,
        };
      }
      console.error("form action failed", e);
      return { status: "error", message: t("errors.generic"), values: raw };
    }
    if (result.redirectTo) redirect(result.redirectTo);
    return { status: "ok", message: t(result.messageKey, result.params) };
  };
}
