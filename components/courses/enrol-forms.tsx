"use client";

import { ConfirmAction } from "@/components/confirm-action";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm, type FormState } from "@/lib/forms/state";
import { translator, type Locale } from "@/lib/i18n/messages";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** "Ghi danh": the button is disabled while the request runs, and a second enrolment is harmless anyway. */
export function EnrolForm({ locale, id, action }: { locale: Locale; id: string; action: Action }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="space-y-2" noValidate>
      <input type="hidden" name="id" value={id} />
      <p className="text-sm text-slate-700">{t("courses.enrolHint")}</p>
      <FormMessage state={state} />
      <SubmitButton label={t("courses.enrol")} pendingLabel={t("courses.enrolling")} />
    </form>
  );
}

export function WithdrawForm({ locale, id, action, title }: { locale: Locale; id: string; action: Action; title: string }) {
  const t = translator(locale);
  return (
    <div className="space-y-2">
      <p id="withdraw-hint" className="text-sm text-slate-700">
        {t("courses.withdrawHint")}
      </p>
      <ConfirmAction locale={locale} action={action} fields={{ id }} label={t("courses.withdraw")} question={t("courses.confirmWithdraw", { title })} describedBy="withdraw-hint" />
    </div>
  );
}
