"use client";

import { useId, useRef, useState, type ReactNode } from "react";
import { useAnnounce } from "@/components/announcer";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm, type FormState } from "@/lib/forms/state";
import { useFormValues, type FormValues } from "@/lib/forms/use-form-values";
import { translator, type Locale } from "@/lib/i18n/messages";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

const OUTLINE = "rounded-md border border-red-700 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50";
const SMALL = "rounded-md border border-red-700 bg-white px-3 py-1 text-sm font-semibold text-red-800 hover:bg-red-50";

/**
 * The one way to run an action that removes or ends something: the button opens a native modal
 * <dialog> (focus moves into it, Tab stays inside, Escape or "Quay lại" closes it and focus returns to
 * the button) that asks the question; only its confirm button runs the action. Afterwards the page
 * says what happened through the layout's live region (components/announcer.tsx), since the
 * object, and this button with it, may be gone; a refusal is shown inside the dialog.
 */
export function ConfirmAction({
  locale,
  action,
  fields,
  label,
  buttonLabel,
  question,
  confirmLabel,
  describedBy,
  size = "normal",
  children,
}: {
  locale: Locale;
  action: Action;
  /** Hidden inputs sent with the action. */
  fields: Record<string, string>;
  /** The button's text. */
  label: string;
  /** The button's accessible name when the text alone is ambiguous ("Thu hồi" → "Thu hồi Học viên — Xã A"). */
  buttonLabel?: string;
  /** What the dialog asks, naming the object: "Xóa buổi học 08:00–10:00 20/05/2027?" */
  question: string;
  /** The confirm button's text; the button's by default. */
  confirmLabel?: string;
  describedBy?: string;
  size?: "normal" | "small";
  /** More inputs asked for in the dialog (a reason), kept after a refusal as every form's are. */
  children?: (form: FormValues) => ReactNode;
}) {
  const t = translator(locale);
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, setState] = useState<FormState>(idleForm);
  const form = useFormValues(state);
  const announce = useAnnounce();
  const id = useId();

  async function run(formData: FormData) {
    const result = await action(idleForm, formData);
    if (result.status === "ok") {
      dialog.current?.close();
      setState(idleForm);
      if (result.message) announce(result.message);
    } else {
      setState(result);
    }
  }

  return (
    <>
      <button
        type="button"
        aria-label={buttonLabel}
        aria-describedby={describedBy}
        aria-haspopup="dialog"
        className={size === "small" ? SMALL : OUTLINE}
        onClick={() => {
          setState(idleForm);
          dialog.current?.showModal();
        }}
      >
        {label}
      </button>
      <dialog ref={dialog} aria-labelledby={`${id}-q`} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/50">
        <form action={run} className="space-y-4 p-5" noValidate key={form.key}>
          {Object.entries(fields).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <p id={`${id}-q`} className="text-lg font-semibold text-slate-900 [overflow-wrap:anywhere]">
            {question}
          </p>
          {children?.(form)}
          <FormMessage state={state} />
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" autoFocus onClick={() => dialog.current?.close()} className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50">
              {t("confirm.cancel")}
            </button>
            <SubmitButton label={confirmLabel ?? label} pendingLabel={t("form.saving")} tone="danger" />
          </div>
        </form>
      </dialog>
    </>
  );
}
