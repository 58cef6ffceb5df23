"use client";

import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm, type FormState } from "@/lib/forms/state";
import { translator, type Locale } from "@/lib/i18n/messages";
import { useFormValues } from "@/lib/forms/use-form-values";

type Area = { id: string; code: string; name: string; nameEn: string; position: number };

/** Adds an area (no `area`) or edits one. */
export function AreaForm({ locale, area, action, heading }: { locale: Locale; area?: Area; action: (p: FormState, f: FormData) => Promise<FormState>; heading: string }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const form = useFormValues(state, area);
  const p = area ? `area-${area.id.slice(0, 8)}` : "area-new";
  const value = (f: keyof Area) => form.value(f, area ? area[f] : f === "position" ? "10" : "");
  return (
    <form action={formAction} className="space-y-3" aria-label={heading} noValidate key={form.key}>
      {area ? <input type="hidden" name="id" value={area.id} /> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${p}-code`} name="code" label={t("courses.areaCode")} defaultValue={value("code")} errors={state.fieldErrors?.code} maxLength={32} />
        <Field id={`${p}-position`} name="position" type="number" inputMode="numeric" min={0} max={1000} label={t("courses.areaPosition")} defaultValue={value("position")} errors={state.fieldErrors?.position} />
        <Field id={`${p}-name`} name="name" label={t("courses.areaName")} defaultValue={value("name")} errors={state.fieldErrors?.name} maxLength={200} />
        <Field id={`${p}-nameEn`} name="nameEn" label={t("courses.areaNameEn")} defaultValue={value("nameEn")} errors={state.fieldErrors?.nameEn} maxLength={200} />
      </div>
      <FormMessage state={state} />
      <SubmitButton label={area ? t("courses.save") : t("courses.addArea")} pendingLabel={t("form.saving")} />
    </form>
  );
}
