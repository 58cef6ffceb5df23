"use client";

import { useActionState } from "react";
import { Field, FieldErrors } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm, type FormState } from "@/lib/forms/state";
import { useFormValues } from "@/lib/forms/use-form-values";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

export type BankFormField =
  | { kind: "text"; name: string; label: string; initial?: string; maxLength?: number }
  | { kind: "select"; name: string; label: string; initial?: string; options: { value: string; label: string; group?: string }[] }
  | { kind: "checkbox"; name: string; label: string; initial?: boolean };

/**
 * The small forms of the bank pages (a name, a parent category, a tick): fields described by the
 * page, the server's messages under each field, and what was entered kept after a refusal.
 */
export function BankForm({
  action,
  id,
  heading,
  hidden,
  fields,
  submitLabel,
  pendingLabel,
  inline = false,
}: {
  action: Action;
  /** Prefix of the inputs' ids (unique on the page). */
  id: string;
  /** The form's accessible name. */
  heading: string;
  hidden: Record<string, string>;
  fields: BankFormField[];
  submitLabel: string;
  pendingLabel: string;
  inline?: boolean;
}) {
  const [state, formAction] = useActionState(action, idleForm);
  const form = useFormValues(state, fields.map((f) => f.initial ?? null));
  return (
    <form action={formAction} aria-label={heading} noValidate key={form.key} className={inline ? "flex flex-wrap items-end gap-3" : "space-y-3"}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((f) => {
        const inputId = `${id}-${f.name}`;
        const errors = form.errors(f.name) ?? state.fieldErrors?.[f.name];
        if (f.kind === "text") {
          return (
            <Field key={f.name} id={inputId} name={f.name} label={f.label} defaultValue={form.value(f.name, f.initial)} errors={errors} maxLength={f.maxLength ?? 255} />
          );
        }
        if (f.kind === "checkbox") {
          return (
            <div key={f.name} className="space-y-1">
              <label className="flex items-center gap-2 text-sm font-semibold text-slate-800">
                <input type="checkbox" name={f.name} id={inputId} defaultChecked={form.checked(f.name, f.initial ?? false)} className="h-4 w-4" />
                {f.label}
              </label>
              <FieldErrors id={`${inputId}-error`} errors={errors} />
            </div>
          );
        }
        const groups = [...new Set(f.options.map((o) => o.group ?? ""))];
        return (
          <div key={f.name} className="space-y-1">
            <label htmlFor={inputId} className="block text-sm font-semibold text-slate-800">
              {f.label}
            </label>
            <select
              id={inputId}
              name={f.name}
              defaultValue={form.value(f.name, f.initial)}
              aria-invalid={errors?.length ? true : undefined}
              aria-describedby={errors?.length ? `${inputId}-error` : undefined}
              className="block w-full max-w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
            >
              {groups.map((g) =>
                g ? (
                  <optgroup key={g} label={g}>
                    {f.options.filter((o) => o.group === g).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </optgroup>
                ) : (
                  f.options.filter((o) => !o.group).map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))
                ),
              )}
            </select>
            <FieldErrors id={`${inputId}-error`} errors={errors} />
          </div>
        );
      })}
      <SubmitButton label={submitLabel} pendingLabel={pendingLabel} />
      <div className={inline ? "basis-full" : undefined}>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
