"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { PersonFields } from "@/components/people/person-fields";
import type { UnitChoice } from "@/components/unit-select";
import { useFormValues } from "@/lib/forms/use-form-values";
import { translator, type Locale } from "@/lib/i18n/messages";
import { createPersonAction } from "./actions";
import type { CreatePersonState } from "./state";

const idle: CreatePersonState = { status: "idle" };

export function CreatePersonForm({ locale, units, defaultUnitId }: { locale: Locale; units: UnitChoice[]; defaultUnitId?: string }) {
  const t = translator(locale);
  const [state, action] = useActionState(createPersonAction, idle);
  const f = useFormValues(state);
  const created = state.status === "ok" ? state.created : undefined;
  return (
    <div className="space-y-4">
      {created ? (
        <div className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-4" data-testid="created">
          <FormMessage state={state} />
          {created.initialPassword ? (
            <div role="note" aria-labelledby="initial-password-label" className="space-y-2 rounded-md border-2 border-amber-500 bg-amber-50 p-3">
              <p id="initial-password-label" className="font-semibold text-amber-900">
                {t("people.initialPassword")}
              </p>
              <p className="select-all break-all rounded bg-white px-3 py-2 font-mono text-xl tracking-wider text-slate-900" data-testid="initial-password">
                {created.initialPassword}
              </p>
              <p className="text-sm text-amber-900">{t("people.initialPasswordWarning")}</p>
            </div>
          ) : null}
          <p className="flex flex-wrap gap-4">
            <Link href={`/people/${created.id}`} className="font-semibold text-brand-700 underline">
              {t("people.openPerson", { name: created.fullName })}
            </Link>
          </p>
        </div>
      ) : null}
      <form
        action={action}
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
        aria-labelledby="create-person-heading"
        noValidate
        // After each account created a fresh form, in the same unit; after a refusal what was entered.
        key={f.key}
      >
        <h2 id="create-person-heading" className="text-lg font-semibold">
          {created ? t("people.addAnother") : t("people.newTitle")}
        </h2>
        <PersonFields
          t={t}
          idPrefix="new"
          form={f}
          initial={{ unitId: (created ? state.values?.unitId : undefined) ?? defaultUnitId }}
          units={units}
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold text-slate-800">{t("people.mode")}</legend>
          <label className="flex items-start gap-2">
            <input type="radio" name="mode" value="invite" defaultChecked={f.checked("mode", true, "invite")} className="mt-1 h-4 w-4" />
            <span>{t("people.modeInvite")}</span>
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="mode" value="password" defaultChecked={f.checked("mode", false, "password")} className="mt-1 h-4 w-4" />
            <span>{t("people.modePassword")}</span>
          </label>
        </fieldset>
        {created ? null : <FormMessage state={state} />}
        <SubmitButton label={t("people.createSubmit")} pendingLabel={t("form.saving")} />
      </form>
    </div>
  );
}
