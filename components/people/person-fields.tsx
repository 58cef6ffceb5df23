import { Field } from "@/components/field";
import type { FormValues } from "@/lib/forms/use-form-values";
import type { Translate } from "@/lib/i18n/messages";
import { CategoryField } from "./category-field";
import { UnitSelect, type UnitChoice } from "@/components/unit-select";

export type PersonValues = {
  fullName: string;
  email: string;
  phone: string | null;
  position: string | null;
  rank: string | null;
  category: string | null;
  unitId: string;
};

type Props = {
  t: Translate;
  /** Prefix for element ids, unique on the page. */
  idPrefix: string;
  /** The form's values (useFormValues): what was submitted after a refusal, else `initial`. */
  form: FormValues;
  initial?: Partial<PersonValues>;
  units: readonly UnitChoice[];
  /** When false, e-mail and unit are shown but cannot be changed (the viewer cannot manage the account). */
  accountEditable?: boolean;
  /** Name of the unit, for the read-only display when the account is not editable. */
  unitName?: string;
  emailHint?: string;
  unitHint?: string;
};

/** The fields an admin fills in for an official: shared by the create and the edit forms. */
export function PersonFields({ t, idPrefix, form, initial = {}, units, accountEditable = true, unitName, emailHint, unitHint }: Props) {
  const v = (name: keyof PersonValues) => form.value(name, initial[name]);
  const err = form.errors;
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <Field name="fullName" id={id("fullName")} label={t("people.fullName")} defaultValue={v("fullName")} required maxLength={120} autoComplete="off" errors={err("fullName")} />
      <Field
        name="email"
        id={id("email")}
        type="email"
        label={t("people.email")}
        defaultValue={v("email")}
        required
        maxLength={254}
        autoComplete="off"
        inputMode="email"
        readOnly={!accountEditable}
        aria-readonly={!accountEditable || undefined}
        hint={accountEditable ? emailHint : undefined}
        errors={err("email")}
      />
      <Field name="phone" id={id("phone")} type="tel" label={t("people.phone")} defaultValue={v("phone")} inputMode="tel" maxLength={20} autoComplete="off" errors={err("phone")} />
      <Field name="position" id={id("position")} label={t("people.position")} defaultValue={v("position")} maxLength={120} errors={err("position")} />
      <Field name="rank" id={id("rank")} label={t("people.rank")} defaultValue={v("rank")} maxLength={120} errors={err("rank")} />
      <CategoryField t={t} id={id("category")} defaultValue={v("category")} errors={err("category")} />
      {accountEditable ? (
        <Field name="unitId" id={id("unitId")} label={t("people.unit")} hint={unitHint} errors={err("unitId")}>
          <UnitSelect
            id={id("unitId")}
            name="unitId"
            units={units}
            emptyLabel={initial.unitId ? undefined : t("people.chooseUnit")}
            defaultValue={v("unitId")}
            errors={err("unitId")}
            aria-describedby={[unitHint ? `${id("unitId")}-hint` : null, err("unitId") ? `${id("unitId")}-error` : null].filter(Boolean).join(" ") || undefined}
          />
        </Field>
      ) : (
        <>
          <input type="hidden" name="unitId" value={initial.unitId ?? ""} />
          <Field name="unitName" id={id("unitName")} label={t("people.unit")} defaultValue={unitName ?? ""} readOnly aria-readonly errors={err("unitId")} />
        </>
      )}
    </>
  );
}
