import { redirect } from "next/navigation";
import type { z } from "zod";
import { noteRefusal } from "@/lib/audit/request";
import { actingViewer, actingViewerForPasswordChange } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { requestIp } from "@/lib/http/client-ip";
import type { MessageKey, Params } from "@/lib/i18n/messages";
import { getT } from "@/lib/i18n/server";
import type { FormState } from "./state";
import { fieldErrors } from "./zod";

export type ActionResult = { messageKey: MessageKey; params?: Params; redirectTo?: string };
/** What a command may need about the request besides the viewer: the client address (throttling, audit). */
export type ActionContext = { ip: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The object a form acts on, for the refused-access log: its `id` field, else the first `…Id` field holding a UUID. */
function objectId(raw: Record<string, string>): string | null {
  if (raw.id && UUID.test(raw.id)) return raw.id;
  for (const [key, value] of Object.entries(raw)) if (/Id$/.test(key) && UUID.test(value)) return value;
  return null;
}

/**
 * The one way to handle a form: parse it with zod, resolve who acts, run a lib/ command (which
 * checks permission on the object itself) and turn any AppError into a translated message.
 * Nothing is written when parsing or permission fails. Passwords and tokens are never sent back
 * to the browser, and never logged. A refusal (NOT_FOUND or FORBIDDEN) by a signed-in viewer is
 * logged as `access.denied` with the action's `name` (else the page's path) and the object's id.
 */
function handleForm<S extends z.ZodType, A extends Viewer | null>(
  schema: S,
  actor: () => Promise<A>,
  run: (actor: A, input: z.output<S>, ctx: ActionContext) => Promise<ActionResult>,
  options: { name?: string } = {},
) {
  return async (_prev: FormState, formData: FormData): Promise<FormState> => {
    const t = await getT();
    const raw: Record<string, string> = {};
    for (const [key, value] of formData) {
      if (typeof value !== "string" || key.startsWith("$")) continue;
      // Several values of one name (checkboxes) arrive comma-joined, as the schemas read them.
      raw[key] = key in raw ? `${raw[key]},${value}` : value;
    }
    const values = Object.fromEntries(
      Object.entries(raw).filter(([key]) => !/password|token|confirm|current/i.test(key)),
    );
    let result: ActionResult;
    let who: A | null = null;
    try {
      who = await actor();
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return { status: "error", message: t("form.fixErrors"), fieldErrors: fieldErrors(parsed.error, raw, t), values };
      }
      result = await run(who, parsed.data, { ip: await requestIp() });
    } catch (e) {
      if (who) await noteRefusal(e, { via: "action", action: options.name, entityId: objectId(raw), viewer: who });
      if (e instanceof AppError) {
        const message = t(e.messageKey, e.params);
        return {
          status: "error",
          message: e.field ? t("form.fixErrors") : message,
          fieldErrors: e.field ? { [e.field]: [message] } : undefined,
          values,
        };
      }
      console.error("form action failed", e instanceof Error ? e.stack : e); // never the form data
      return { status: "error", message: t("errors.generic"), values };
    }
    if (result.redirectTo) redirect(result.redirectTo);
    return { status: "ok", message: t(result.messageKey, result.params) };
  };
}

/** A signed-in person's form (refused while they still must change an admin-set password). */
export function formAction<S extends z.ZodType>(
  schema: S,
  run: (viewer: Viewer, input: z.output<S>, ctx: ActionContext) => Promise<ActionResult>,
  options: { name?: string } = {},
) {
  return handleForm(schema, actingViewer, run, options);
}

/** A form anyone may submit (invitation, forgotten password, reset): the command is authorised by what it is given. */
export function publicFormAction<S extends z.ZodType>(
  schema: S,
  run: (input: z.output<S>, ctx: ActionContext) => Promise<ActionResult>,
) {
  return handleForm(schema, async () => null, (_none, input, ctx) => run(input, ctx));
}

/** The change-password form: signed in, and allowed while the password must change. */
export function passwordChangeAction<S extends z.ZodType>(
  schema: S,
  run: (viewer: Viewer, input: z.output<S>, ctx: ActionContext) => Promise<ActionResult>,
) {
  return handleForm(schema, actingViewerForPasswordChange, run, { name: "account.changePassword" });
}
