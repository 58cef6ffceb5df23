"use client";

import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm } from "@/lib/forms/state";
import { useFormValues } from "@/lib/forms/use-form-values";
import { translator, type Locale } from "@/lib/i18n/messages";
import { requestResetAction } from "./actions";

export function ForgotForm({ locale }: { locale: Locale }) {
  const t = translator(locale);
  const [state, action] = useActionState(requestResetAction, idleForm);
  const f = useFormValues(state);
  return (
    <form action={action} className="space-y-4" noValidate key={f.key}>
      <Field
        name="email"
        type="email"
        label={t("accounts.forgot.email")}
        autoComplete="username"
        inputMode="email"
        required
        defaultValue={f.value("email")}
        errors={state.fieldErrors?.email}
      />
      <FormMessage state={state} />
      <SubmitButton label={t("accounts.forgot.submit")} pendingLabel={t("accounts.forgot.submitting")} />
    </form>
  );
}
