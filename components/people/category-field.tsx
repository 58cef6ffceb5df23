import { Field } from "@/components/field";
import type { Translate } from "@/lib/i18n/messages";

/** The staff category (cán bộ, công chức, viên chức) as a labelled select; "" is "not chosen". */
export function CategoryField({ t, id, defaultValue, errors }: { t: Translate; id: string; defaultValue: string; errors?: string[] }) {
  return (
    <Field name="category" id={id} label={t("people.category")} errors={errors}>
      <select
        key={defaultValue}
        id={id}
        name="category"
        defaultValue={defaultValue}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
      >
        <option value="">{t("profile.chooseCategory")}</option>
        <option value="CAN_BO">{t("category.CAN_BO")}</option>
        <option value="CONG_CHUC">{t("category.CONG_CHUC")}</option>
        <option value="VIEN_CHUC">{t("category.VIEN_CHUC")}</option>
      </select>
    </Field>
  );
}
