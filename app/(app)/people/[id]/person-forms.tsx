"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { PersonFields, type PersonValues } from "@/components/people/person-fields";
import type { UnitChoice } from "@/components/unit-select";
import { idleForm } from "@/lib/forms/state";
import { useFormValues } from "@/lib/forms/use-form-values";
import { translator, type Locale } from "@/lib/i18n/messages";
import { setPersonActiveAction, updatePersonAction } from "./actions";

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

export function PersonActiveForm({ locale, id, active }: { locale: Locale; id: string; active: boolean }) {
  const t = translator(locale);
  const [state, action] = useActionState(setPersonActiveAction, idleForm);
  return (
    <form action={action} className="mt-4 space-y-2 border-t border-slate-100 pt-4" noValidate>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <p className="text-sm text-slate-700" id="active-hint">
        {active ? t("people.deactivateHint") : t("people.reactivateHint")}
      </p>
      <FormMessage state={state} />
      <button
        type="submit"
        aria-describedby="active-hint"
        className={
          active
            ? "rounded-md border border-red-700 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50"
            : "rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
        }
      >
        {active ? t("people.deactivate") : t("people.reactivate")}
      </button>
    </form>
  );
}
