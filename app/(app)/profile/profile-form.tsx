"use client";

import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { CategoryField } from "@/components/people/category-field";
import { idleForm } from "@/lib/forms/state";
import { useFormValues } from "@/lib/forms/use-form-values";
import { translator, type Locale } from "@/lib/i18n/messages";
import { updateProfileAction } from "./actions";

type Profile = {
  fullName: string;
  email: string;
  phone: string | null;
  position: string | null;
  rank: string | null;
  category: string | null;
  unitName: string;
};

export function ProfileForm({ locale, profile }: { locale: Locale; profile: Profile }) {
  const t = translator(locale);
  const [state, action] = useActionState(updateProfileAction, idleForm);
  const f = useFormValues(state, profile);
  const v = (name: keyof Profile) => f.value(name, profile[name]);
  return (
    <form action={action} className="space-y-4" noValidate key={f.key}>
      <Field name="fullName" label={t("people.fullName")} defaultValue={v("fullName")} required maxLength={120} autoComplete="name" errors={f.errors("fullName")} />
      <Field name="email" label={t("people.email")} defaultValue={profile.email} readOnly aria-readonly />
      <Field name="phone" type="tel" label={t("people.phone")} defaultValue={v("phone")} inputMode="tel" autoComplete="tel" maxLength={20} errors={f.errors("phone")} />
      <Field name="position" label={t("people.position")} defaultValue={v("position")} maxLength={120} errors={f.errors("position")} />
      <Field name="rank" label={t("people.rank")} defaultValue={v("rank")} maxLength={120} errors={f.errors("rank")} />
      <CategoryField t={t} id="profile-category" defaultValue={v("category")} errors={f.errors("category")} />
      <Field name="unit" id="profile-unit" label={t("people.unit")} defaultValue={profile.unitName} readOnly aria-readonly hint={t("profile.unitReadonly")} />
      <FormMessage state={state} />
      <SubmitButton label={t("profile.save")} pendingLabel={t("form.saving")} />
    </form>
  );
}
