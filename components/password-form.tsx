"use client";

import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm, type FormState } from "@/lib/forms/state";
import { translator, type Locale } from "@/lib/i18n/messages";

type Props = {
  locale: Locale;
  action: (prev: FormState, data: FormData) => Promise<FormState>;
  submitLabel: string;
  /** The account's e-mail, offered to password managers as the user name. */
  email: string;
  /** The link token, for invitation and reset forms. */
  token?: string;
  /** Ask for the current password (changing one's own password). */
  askCurrent?: boolean;
};

/** Choosing a new password: invitation, reset and change share it. */
export function PasswordForm({ locale, action, submitLabel, email, token, askCurrent }: Props) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      {token ? <input type="hidden" name="token" value={token} /> : null}
      {askCurrent ? (
        <Field name="current" type="password" label={t("accounts.password.current")} autoComplete="current-password" required errors={errors.current} />
      ) : null}
      <Field
        name="password"
        type="password"
        label={t("accounts.password.new")}
        autoComplete="new-password"
        required
        hint={t("accounts.password.hint")}
        errors={errors.password}
      />
      <Field name="confirm" type="password" label={t("accounts.password.confirm")} autoComplete="new-password" required errors={errors.confirm} />
      <FormMessage state={state} />
      <SubmitButton label={submitLabel} pendingLabel={t("accounts.saving")} />
    </form>
  );
}
