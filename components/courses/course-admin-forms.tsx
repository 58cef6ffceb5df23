"use client";

import { ConfirmAction } from "@/components/confirm-action";
import { useActionState } from "react";
import { FieldErrors } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm, type FormState } from "@/lib/forms/state";
import { useFormValues } from "@/lib/forms/use-form-values";
import { translator, type Locale } from "@/lib/i18n/messages";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** Publish / archive / publish again, as the current status allows. */
export function StatusForm({ locale, id, status, action }: { locale: Locale; id: string; status: "DRAFT" | "PUBLISHED" | "ARCHIVED"; action: Action }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const next = status === "PUBLISHED" ? "ARCHIVED" : "PUBLISHED";
  const label = status === "DRAFT" ? t("courses.publish") : status === "ARCHIVED" ? t("courses.republish") : t("courses.archive");
  return (
    <form action={formAction} className="mt-3 space-y-2" noValidate>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="status" value={next} />
      <p id="status-hint" className="text-sm text-slate-700">
        {next === "PUBLISHED" ? t("courses.publishHint") : t("courses.archiveHint")}
      </p>
      <FormMessage state={state} />
      <SubmitButton label={label} pendingLabel={t("form.saving")} />
    </form>
  );
}

type Person = { id: string; name: string };

export function TrainerForms(props: {
  locale: Locale;
  id: string;
  trainers: Person[];
  candidates: Person[];
  editable: boolean;
  addAction: Action;
  removeAction: Action;
}) {
  const t = translator(props.locale);
  const [addState, add] = useActionState(props.addAction, idleForm);
  const addForm = useFormValues(addState);
  return (
    <div className="mt-3 space-y-4">
      <ul className="space-y-1" aria-label={t("courses.trainers")}>
        {props.trainers.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center gap-3">
            <span>{p.name}</span>
            {props.editable ? (
              <ConfirmAction
                locale={props.locale}
                action={props.removeAction}
                fields={{ id: props.id, userId: p.id }}
                label={t("courses.removeTrainer", { name: p.name })}
                question={t("courses.confirmRemoveTrainer", { name: p.name })}
                size="small"
              />
            ) : null}
          </li>
        ))}
      </ul>
      {props.editable ? (
        props.candidates.length === 0 ? (
          <p className="text-sm text-slate-700">{t("courses.noCandidates")}</p>
        ) : (
          <form action={add} className="space-y-2" noValidate key={addForm.key}>
            <input type="hidden" name="id" value={props.id} />
            <label htmlFor="trainer-userId" className="block text-sm font-semibold text-slate-800">
              {t("courses.trainerField")}
            </label>
            <select
              id="trainer-userId"
              name="userId"
              defaultValue={addForm.value("userId")}
              aria-describedby={addState.fieldErrors?.userId ? "trainer-userId-error" : undefined}
              className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
            >
              <option value="">—</option>
              {props.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <FieldErrors id="trainer-userId-error" errors={addState.fieldErrors?.userId} />
            <FormMessage state={addState} />
            <SubmitButton label={t("courses.addTrainer")} pendingLabel={t("form.saving")} />
          </form>
        )
      ) : null}
    </div>
  );
}
