"use client";

import { useActionState } from "react";
import { Field, FieldErrors } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { TARGET_GROUPS } from "@/lib/courses/target-groups";
import { idleForm, type FormState } from "@/lib/forms/state";
import { translator, type Locale } from "@/lib/i18n/messages";
import { UnitSelect, type UnitChoice } from "@/components/unit-select";
import { useFormValues } from "@/lib/forms/use-form-values";

export type Choice = { id: string; name: string; depth?: number };
export type CourseValues = {
  title: string;
  code: string;
  areaId: string;
  unitId?: string;
  summary: string;
  objectives: string;
  targetGroups: string[];
  hours: number | "";
  selfEnrol: boolean;
  audience: string[];
};

type Props = {
  locale: Locale;
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  /** Present when editing. */
  id?: string;
  initial: CourseValues;
  areas: Choice[];
  /** Units where the course may be created; absent when editing (the owner does not change). */
  owningUnits?: UnitChoice[];
  audienceUnits: Choice[];
  heading: string;
  submitLabel: string;
};

const control =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-red-700";

/** The course details form, for creating and editing. Checkbox groups post one value per box. */
export function CourseForm({ locale, action, id, initial, areas, owningUnits, audienceUnits, heading, submitLabel }: Props) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const form = useFormValues(state, initial);
  const errors = form.errors;
  const text = (f: Exclude<keyof CourseValues, "targetGroups" | "audience" | "selfEnrol">) => form.value(f, initial[f]);
  const list = (f: "targetGroups" | "audience") => form.list(f, initial[f]);
  const invalid = (f: string) => (errors(f)?.length ? true : undefined);
  const described = (f: string) => (errors(f)?.length ? `course-${f}-error` : undefined);
  return (
    <form action={formAction} className="space-y-4" aria-labelledby="course-form-heading" noValidate key={form.key}>
      <h2 id="course-form-heading" className="text-lg font-semibold">
        {heading}
      </h2>
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <Field id="course-title" name="title" label={t("courses.fieldTitle")} defaultValue={text("title")} errors={errors("title")} required maxLength={200} />
      <Field id="course-code" name="code" label={t("courses.fieldCode")} hint={t("courses.codeHint")} defaultValue={text("code")} errors={errors("code")} required maxLength={32} autoCapitalize="characters" />
      {owningUnits ? (
        <Field id="course-unitId" name="unitId" label={t("courses.fieldUnit")} errors={errors("unitId")}>
          <UnitSelect id="course-unitId" name="unitId" units={owningUnits} emptyLabel={t("courses.chooseUnitOption")} defaultValue={text("unitId")} errors={errors("unitId")} />
        </Field>
      ) : null}
      <Field id="course-areaId" name="areaId" label={t("courses.area")} errors={errors("areaId")}>
        <select id="course-areaId" name="areaId" defaultValue={text("areaId")} className={control} aria-invalid={invalid("areaId")} aria-describedby={described("areaId")}>
          <option value="">{t("courses.chooseAreaOption")}</option>
          {areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="course-summary" name="summary" label={t("courses.fieldSummary")} errors={errors("summary")}>
        <textarea id="course-summary" name="summary" rows={3} maxLength={2000} defaultValue={text("summary")} className={control} aria-invalid={invalid("summary")} aria-describedby={described("summary")} />
      </Field>
      <Field id="course-objectives" name="objectives" label={t("courses.fieldObjectives")} errors={errors("objectives")}>
        <textarea id="course-objectives" name="objectives" rows={4} maxLength={4000} defaultValue={text("objectives")} className={control} aria-invalid={invalid("objectives")} aria-describedby={described("objectives")} />
      </Field>
      <fieldset className="space-y-1" aria-describedby={described("targetGroups")}>
        <legend className="text-sm font-semibold text-slate-800">{t("courses.fieldTargetGroups")}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {TARGET_GROUPS.map((g) => (
            <label key={g} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="targetGroups" value={g} defaultChecked={list("targetGroups").includes(g)} className="h-4 w-4" />
              {t(`courses.target.${g}`)}
            </label>
          ))}
        </div>
        <FieldErrors id="course-targetGroups-error" errors={errors("targetGroups")} />
      </fieldset>
      <Field id="course-hours" name="hours" type="number" inputMode="numeric" min={1} max={200} step={1} label={t("courses.fieldHours")} hint={t("courses.hoursHint")} defaultValue={text("hours")} errors={errors("hours")} />
      <label className="flex items-center gap-2 text-sm font-semibold text-slate-800">
        <input type="checkbox" name="selfEnrol" defaultChecked={form.checked("selfEnrol", initial.selfEnrol)} className="h-4 w-4" />
        {t("courses.fieldSelfEnrol")}
      </label>
      <fieldset className="space-y-1" aria-describedby={["course-audience-hint", described("audience")].filter(Boolean).join(" ")}>
        <legend className="text-sm font-semibold text-slate-800">{t("courses.fieldAudience")}</legend>
        <p id="course-audience-hint" className="text-sm text-slate-600">
          {t("courses.audienceHint")}
        </p>
        <div className="max-h-64 overflow-y-auto rounded-md border border-slate-300 p-2">
          {audienceUnits.map((u) => (
            <label key={u.id} className="flex items-center gap-2 py-0.5 text-sm text-slate-800" style={{ paddingLeft: `${(u.depth ?? 0) * 1.25}rem` }}>
              <input type="checkbox" name="audience" value={u.id} defaultChecked={list("audience").includes(u.id)} className="h-4 w-4 shrink-0" />
              <span className="[overflow-wrap:anywhere]">{u.name}</span>
            </label>
          ))}
        </div>
        <FieldErrors id="course-audience-error" errors={errors("audience")} />
      </fieldset>
      <FormMessage state={state} />
      <SubmitButton label={submitLabel} pendingLabel={t("form.saving")} />
    </form>
  );
}
