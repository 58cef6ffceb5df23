"use client";

import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm } from "@/lib/forms/state";
import { translator, type Locale } from "@/lib/i18n/messages";
import { UNIT_KINDS } from "@/lib/units/kinds";
import { createUnitAction, renameUnitAction } from "./actions";

export function RenameUnitForm({ locale, id, name }: { locale: Locale; id: string; name: string }) {
  const t = translator(locale);
  const [state, action] = useActionState(renameUnitAction, idleForm);
  return (
    <form action={action} className="space-y-3" aria-labelledby="rename-heading" noValidate>
      <h2 id="rename-heading" className="text-lg font-semibold">
        {t("units.rename")}
      </h2>
      <input type="hidden" name="id" value={id} />
      <Field
        name="name"
        id="rename-name"
        label={t("units.name")}
        defaultValue={state.values?.name ?? name}
        required
        maxLength={200}
        errors={state.fieldErrors?.name ?? state.fieldErrors?.id}
      />
      <FormMessage state={state} />
      <SubmitButton label={t("units.renameSubmit")} pendingLabel={t("form.saving")} />
    </form>
  );
}

export function CreateUnitForm({ locale, parentId }: { locale: Locale; parentId: string }) {
  const t = translator(locale);
  const [state, action] = useActionState(createUnitAction, idleForm);
  const values = state.status === "error" ? state.values : undefined;
  return (
    <form action={action} className="space-y-3" aria-labelledby="create-heading" noValidate key={state.status === "ok" ? state.message : "form"}>
      <h2 id="create-heading" className="text-lg font-semibold">
        {t("units.create")}
      </h2>
      <input type="hidden" name="parentId" value={parentId} />
      <Field
        name="name"
        id="create-name"
        label={t("units.name")}
        defaultValue={values?.name}
        required
        maxLength={200}
        errors={state.fieldErrors?.name}
      />
      <Field
        name="code"
        id="create-code"
        label={t("units.code")}
        hint={t("units.codeHint")}
        defaultValue={values?.code}
        required
        maxLength={32}
        autoCapitalize="characters"
        errors={state.fieldErrors?.code}
      />
      <Field name="kind" id="create-kind" label={t("units.kind")} errors={state.fieldErrors?.kind}>
        <select
          id="create-kind"
          name="kind"
          defaultValue={values?.kind ?? "COMMUNE"}
          className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
        >
          {UNIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`unitKind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      {state.fieldErrors?.parentId ? <p className="text-sm text-red-700">{state.fieldErrors.parentId.join(" ")}</p> : null}
      <FormMessage state={state} />
      <SubmitButton label={t("units.createSubmit")} pendingLabel={t("form.saving")} />
    </form>
  );
}
