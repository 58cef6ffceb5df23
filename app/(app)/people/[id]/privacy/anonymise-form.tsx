"use client";

import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm } from "@/lib/forms/state";
import { useFormValues } from "@/lib/forms/use-form-values";
import { translator, type Locale } from "@/lib/i18n/messages";
import { anonymiseAction } from "./actions";

/** The confirmation step: the admin types the person's name again; the server compares it. */
export function AnonymiseForm({ locale, id, name }: { locale: Locale; id: string; name: string }) {
  const t = translator(locale);
  const [state, action] = useActionState(anonymiseAction, idleForm);
  const f = useFormValues(state);
  return (
    <form action={action} className="space-y-3" noValidate key={f.key}>
      <input type="hidden" name="id" value={id} />
      <Field
        name="confirmName"
        id="anonymise-confirm"
        label={t("privacy.anonymise.confirmLabel", { name })}
        defaultValue={f.value("confirmName")}
        required
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        errors={state.fieldErrors?.confirmName ?? state.fieldErrors?.id}
      />
      <FormMessage state={state} />
      <SubmitButton tone="danger" label={t("privacy.anonymise.submit")} pendingLabel={t("privacy.anonymise.submitting")} />
    </form>
  );
}
