"use client";

import { ConfirmAction } from "@/components/confirm-action";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { PersonFields, type PersonValues } from "@/components/people/person-fields";
import type { UnitChoice } from "@/components/unit-select";
import { idleForm } from "@/lib/forms/state";
import { useFormValues } from "@/lib/forms/use-form-values";
import { translator, type Locale } from "@/lib/i18n/messages";
import { resendInvitationAction, setPersonActiveAction, updatePersonAction } from "./actions";

type EditProps = {
  locale: Locale;
  id: string;
  person: PersonValues;
  unitName: string;
  units: UnitChoice[];
  accountEditable: boolean;
};

export function EditPersonForm({ locale, id, person, unitName, units, accountEditable }: EditProps) {
  const t = translator(locale);
  const [state, action] = useActionState(updatePersonAction, idleForm);
  const f = useFormValues(state, person);
  return (
    <form action={action} className="space-y-4" aria-labelledby="edit-heading" noValidate key={f.key}>
      <h2 id="edit-heading" className="text-lg font-semibold">
        {t("people.edit")}
      </h2>
      <input type="hidden" name="id" value={id} />
      <PersonFields
        t={t}
        idPrefix="edit"
        form={f}
        initial={person}
        units={units}
        accountEditable={accountEditable}
        unitName={unitName}
        emailHint={t("people.emailHint")}
        unitHint={t("people.unitHint")}
      />
      {state.fieldErrors?.id ? <p className="text-sm text-red-700">{state.fieldErrors.id.join(" ")}</p> : null}
      <FormMessage state={state} />
      <SubmitButton label={t("people.save")} pendingLabel={t("form.saving")} />
    </form>
  );
}

export function PersonActiveForm({ locale, id, active, name }: { locale: Locale; id: string; active: boolean; name: string }) {
  const t = translator(locale);
  const [state, action] = useActionState(setPersonActiveAction, idleForm);
  if (active) {
    // Deactivating locks the person out: asked first, then said.
    return (
      <div className="mt-4 space-y-2 border-t border-slate-100 pt-4">
        <p className="text-sm text-slate-700" id="active-hint">
          {t("people.deactivateHint")}
        </p>
        <ConfirmAction
          locale={locale}
          action={setPersonActiveAction}
          fields={{ id, active: "false" }}
          label={t("people.deactivate")}
          question={t("people.confirmDeactivate", { name })}
          describedBy="active-hint"
        />
      </div>
    );
  }
  return (
    <form action={action} className="mt-4 space-y-2 border-t border-slate-100 pt-4" noValidate>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="active" value="true" />
      <p className="text-sm text-slate-700" id="active-hint">
        {t("people.reactivateHint")}
      </p>
      <FormMessage state={state} />
      <button type="submit" aria-describedby="active-hint" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
        {t("people.reactivate")}
      </button>
    </form>
  );
}

/** "Gửi lại thư mời", for an account whose invitation was never used. */
export function ResendInvitationForm({ locale, id, email }: { locale: Locale; id: string; email: string }) {
  const t = translator(locale);
  const [state, action] = useActionState(resendInvitationAction, idleForm);
  return (
    <form action={action} className="mt-4 space-y-2 border-t border-slate-100 pt-4" noValidate>
      <input type="hidden" name="id" value={id} />
      <p className="text-sm text-slate-700" id="resend-hint">
        {t("people.resendInviteHint", { email })}
      </p>
      <FormMessage state={state} />
      <SubmitButton label={t("people.resendInvite")} pendingLabel={t("form.saving")} />
    </form>
  );
}
