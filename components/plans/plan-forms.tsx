"use client";

import { ConfirmAction } from "@/components/confirm-action";
import { useActionState } from "react";
import { Field, FieldErrors } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm, type FormState } from "@/lib/forms/state";
import { translator, type Locale } from "@/lib/i18n/messages";
import { TARGET_GROUPS } from "@/lib/courses/target-groups";
import type { UnitOption } from "@/lib/units/queries";
import { UnitSelect } from "@/components/unit-select";
import { useFormValues, type FormValues } from "@/lib/forms/use-form-values";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/**
 * React resets a form after its action; a select's defaultValue only applies when it mounts. A key
 * that changes with each outcome remounts the form, so selects show what was submitted after an
 * error (and the saved values after a success).
 */

const control =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-red-700";

/** The reason an approved plan's change needs (shown only for approved plans). */
function ReasonField({ t, id, form, min }: { t: ReturnType<typeof translator>; id: string; form: FormValues; min: number }) {
  const errors = form.errors("reason");
  return (
    <Field name="reason" id={id} label={t("plans.fieldReason")} hint={t("plans.fieldReasonHint", { min })} errors={errors}>
      <textarea
        id={id}
        name="reason"
        rows={2}
        maxLength={1000}
        defaultValue={form.value("reason")}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={[`${id}-hint`, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ")}
        className={control}
      />
    </Field>
  );
}

export function CreatePlanForm({ locale, action, owners, year }: { locale: Locale; action: Action; owners: UnitOption[]; year: number }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const f = useFormValues(state);
  const errors = f.errors;
  return (
    // Labelled by the heading of the section it sits in (id "create-plan-heading").
    <form action={formAction} className="space-y-3" aria-labelledby="create-plan-heading" noValidate key={f.key}>
      {owners.length === 1 ? (
        <input type="hidden" name="unitId" value={owners[0]!.id} />
      ) : (
        <Field name="unitId" id="plan-unitId" label={t("plans.fieldOwner")} errors={errors("unitId")}>
          <UnitSelect id="plan-unitId" name="unitId" units={owners} emptyLabel={t("plans.chooseUnit")} defaultValue={f.value("unitId", owners[0]?.id)} errors={errors("unitId")} />
        </Field>
      )}
      <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
        <Field name="year" id="plan-year" label={t("plans.fieldYear")} type="number" inputMode="numeric" min={2000} max={2100} defaultValue={f.value("year", year)} errors={errors("year")} required />
        <Field name="title" id="plan-title" label={t("plans.fieldTitle")} defaultValue={f.value("title", t("plans.defaultTitle", { year }))} errors={errors("title")} required maxLength={300} />
      </div>
      <FormMessage state={state} />
      <SubmitButton label={t("plans.createSubmit", { year })} pendingLabel={t("form.saving")} />
    </form>
  );
}

export function RenamePlanForm({ locale, action, id, title, approved, minReason }: { locale: Locale; action: Action; id: string; title: string; approved: boolean; minReason: number }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const f = useFormValues(state, title);
  return (
    // Labelled by the heading of its section (id "rename-heading").
    <form action={formAction} className="space-y-3" aria-labelledby="rename-heading" noValidate key={f.key}>
      <input type="hidden" name="id" value={id} />
      <Field name="title" id="rename-title" label={t("plans.fieldTitle")} defaultValue={f.value("title", title)} errors={f.errors("title")} required maxLength={300} />
      {approved ? <ReasonField t={t} id="rename-reason" form={f} min={minReason} /> : null}
      <FormMessage state={state} />
      <SubmitButton label={t("plans.renameSubmit")} pendingLabel={t("form.saving")} />
    </form>
  );
}

export function ApprovePlanForm({ locale, action, id }: { locale: Locale; action: Action; id: string }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const errors = state.fieldErrors?.confirm;
  return (
    // Labelled by the heading of its section (id "approve-heading").
    <form action={formAction} className="space-y-3" aria-labelledby="approve-heading" noValidate>
      <p className="text-sm text-slate-700">{t("plans.approveHint")}</p>
      <input type="hidden" name="id" value={id} />
      <label className="flex items-start gap-2">
        <input type="checkbox" name="confirm" className="mt-1 h-4 w-4" aria-invalid={errors?.length ? true : undefined} aria-describedby={errors?.length ? "approve-confirm-error" : undefined} />
        <span>{t("plans.approveConfirm")}</span>
      </label>
      <FieldErrors id="approve-confirm-error" errors={errors} />
      <FormMessage state={state} />
      <SubmitButton label={t("plans.approveSubmit")} pendingLabel={t("form.saving")} />
    </form>
  );
}

export type ItemFormValues = {
  title: string;
  areaId: string;
  courseId: string;
  targetGroups: string[];
  plannedClasses: string;
  plannedParticipants: string;
  quarter: string;
  leadUnitId: string;
  budget: string;
  fundingSource: string;
  note: string;
};

type ItemFormProps = {
  locale: Locale;
  action: Action;
  /** planId for a new item, itemId for an edit. */
  hidden: { planId?: string; itemId?: string };
  initial: ItemFormValues;
  heading: string;
  submitLabel: string;
  approved: boolean;
  minReason: number;
  units: UnitOption[];
  areas: { id: string; code: string; name: string; nameEn: string }[];
  courses: { id: string; code: string; title: string }[];
};

/** The add/edit form of a plan item; every error under its field, in Vietnamese from the server. */
export function ItemForm({ locale, action, hidden, initial, heading, submitLabel, approved, minReason, units, areas, courses }: ItemFormProps) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const f = useFormValues(state, initial);
  const value = (name: Exclude<keyof ItemFormValues, "targetGroups">) => f.value(name, initial[name]);
  const groups = f.list("targetGroups", initial.targetGroups);
  const errors = f.errors;
  const invalid = (f: string) => (errors(f)?.length ? true : undefined);
  const describedBy = (f: string, hint = false) => [hint ? `item-${f}-hint` : null, errors(f)?.length ? `item-${f}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <form action={formAction} className="space-y-4" aria-labelledby="item-form-heading" noValidate key={f.key}>
      <h2 id="item-form-heading" className="text-lg font-semibold">
        {heading}
      </h2>
      {hidden.planId ? <input type="hidden" name="planId" value={hidden.planId} /> : null}
      {hidden.itemId ? <input type="hidden" name="itemId" value={hidden.itemId} /> : null}
      <Field name="title" id="item-title" label={t("plans.fieldItemTitle")} hint={t("plans.fieldItemTitleHint")} errors={errors("title")}>
        <textarea id="item-title" name="title" rows={2} maxLength={500} defaultValue={value("title")} aria-invalid={invalid("title")} aria-describedby={describedBy("title", true)} className={control} />
      </Field>
      <p id="item-areaCourse-hint" className="text-sm text-slate-600">
        {t("plans.areaCourseHint")}
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field name="areaId" id="item-areaId" label={t("plans.fieldArea")} errors={errors("areaId")}>
          <select id="item-areaId" name="areaId" defaultValue={value("areaId")} aria-invalid={invalid("areaId")} aria-describedby={["item-areaCourse-hint", describedBy("areaId")].filter(Boolean).join(" ")} className={control}>
            <option value="">{t("plans.chooseArea")}</option>
            {areas.map((a) => (
              <option key={a.id} value={a.id}>
                {locale === "en" && a.nameEn ? a.nameEn : a.name} ({a.code})
              </option>
            ))}
          </select>
        </Field>
        <Field name="courseId" id="item-courseId" label={t("plans.fieldCourse")} errors={errors("courseId")}>
          <select id="item-courseId" name="courseId" defaultValue={value("courseId")} aria-invalid={invalid("courseId")} aria-describedby={["item-areaCourse-hint", describedBy("courseId")].filter(Boolean).join(" ")} className={control}>
            <option value="">{t("plans.chooseCourse")}</option>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} ({c.code})
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset className="space-y-1" aria-describedby={describedBy("targetGroups")}>
        <legend className="text-sm font-semibold text-slate-800">{t("plans.fieldTargetGroups")}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {TARGET_GROUPS.map((g) => (
            <label key={g} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="targetGroups" value={g} defaultChecked={groups.includes(g)} className="h-4 w-4" />
              {t(`plans.target.${g}`)}
            </label>
          ))}
        </div>
        <FieldErrors id="item-targetGroups-error" errors={errors("targetGroups")} />
      </fieldset>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Field name="plannedClasses" id="item-plannedClasses" label={t("plans.fieldClasses")} inputMode="numeric" defaultValue={value("plannedClasses")} errors={errors("plannedClasses")} />
        <Field name="plannedParticipants" id="item-plannedParticipants" label={t("plans.fieldParticipants")} inputMode="numeric" defaultValue={value("plannedParticipants")} errors={errors("plannedParticipants")} />
        <Field name="quarter" id="item-quarter" label={t("plans.fieldQuarter")} errors={errors("quarter")}>
          <select id="item-quarter" name="quarter" defaultValue={value("quarter")} aria-invalid={invalid("quarter")} aria-describedby={describedBy("quarter")} className={control}>
            {["1", "2", "3", "4"].map((q) => (
              <option key={q} value={q}>
                {t("plans.quarterValue", { quarter: q })}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field name="leadUnitId" id="item-leadUnitId" label={t("plans.fieldLeadUnit")} errors={errors("leadUnitId")}>
        <UnitSelect id="item-leadUnitId" name="leadUnitId" units={units} emptyLabel={t("plans.chooseLeadUnitOption")} defaultValue={value("leadUnitId")} errors={errors("leadUnitId")} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field name="budget" id="item-budget" label={t("plans.fieldBudget")} hint={t("plans.fieldBudgetHint")} inputMode="numeric" defaultValue={value("budget")} errors={errors("budget")} />
        <Field name="fundingSource" id="item-fundingSource" label={t("plans.fieldFundingSource")} hint={t("plans.fieldFundingSourceHint")} maxLength={200} defaultValue={value("fundingSource")} errors={errors("fundingSource")} />
      </div>
      <Field name="note" id="item-note" label={t("plans.fieldNote")} errors={errors("note")}>
        <textarea id="item-note" name="note" rows={2} maxLength={1000} defaultValue={value("note")} aria-invalid={invalid("note")} aria-describedby={describedBy("note")} className={control} />
      </Field>
      {approved ? <ReasonField t={t} id="item-reason" form={f} min={minReason} /> : null}
      <FormMessage state={state} />
      <SubmitButton label={submitLabel} pendingLabel={t("form.saving")} />
    </form>
  );
}

export function DeleteItemForm({ locale, action, itemId, title, approved, minReason }: { locale: Locale; action: Action; itemId: string; title: string; approved: boolean; minReason: number }) {
  const t = translator(locale);
  return (
    <section className="space-y-3" aria-labelledby="delete-item-heading">
      <h2 id="delete-item-heading" className="text-lg font-semibold">
        {t("plans.deleteItemHeading")}
      </h2>
      <p id="delete-item-hint" className="text-sm text-slate-700">{t("plans.deleteItemHint")}</p>
      <ConfirmAction locale={locale} action={action} fields={{ itemId }} label={t("plans.deleteItemSubmit")} question={t("plans.confirmDeleteItem", { title })} describedBy="delete-item-hint">
        {approved ? (form) => <ReasonField t={t} id="delete-reason" form={form} min={minReason} /> : undefined}
      </ConfirmAction>
    </section>
  );
}

/** Sets one unit's quota for an item (0 removes it). */
export function QuotaForm({ locale, action, itemId, units, approved, minReason }: { locale: Locale; action: Action; itemId: string; units: UnitOption[]; approved: boolean; minReason: number }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const f = useFormValues(state);
  const errors = f.errors;
  return (
    <form action={formAction} className="space-y-3" aria-label={t("plans.quotaSubmit")} noValidate key={f.key}>
      <input type="hidden" name="itemId" value={itemId} />
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
        <Field name="unitId" id="quota-unitId" label={t("plans.quotaUnit")} errors={errors("unitId")}>
          <UnitSelect id="quota-unitId" name="unitId" units={units} emptyLabel={t("plans.chooseQuotaUnitOption")} defaultValue={f.value("unitId")} errors={errors("unitId")} />
        </Field>
        <Field name="seats" id="quota-seats" label={t("plans.quotaSeats")} inputMode="numeric" defaultValue={f.value("seats")} errors={errors("seats")} />
      </div>
      {approved ? <ReasonField t={t} id="quota-reason" form={f} min={minReason} /> : null}
      <FormMessage state={state} />
      <SubmitButton label={t("plans.quotaSubmit")} pendingLabel={t("form.saving")} />
    </form>
  );
}

/** The up/down buttons of a draft plan's item. */
export function MoveItemButtons({ locale, action, itemId, position, first, last }: { locale: Locale; action: Action; itemId: string; position: number; first: boolean; last: boolean }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const button = "rounded border border-slate-400 px-2 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-100 disabled:opacity-40";
  return (
    <form action={formAction} className="inline-flex gap-1">
      <input type="hidden" name="itemId" value={itemId} />
      <button type="submit" name="direction" value="up" disabled={first} aria-label={t("plans.moveUpNamed", { position })} className={button}>
        ↑ <span aria-hidden="true">{t("plans.moveUp")}</span>
      </button>
      <button type="submit" name="direction" value="down" disabled={last} aria-label={t("plans.moveDownNamed", { position })} className={button}>
        ↓ <span aria-hidden="true">{t("plans.moveDown")}</span>
      </button>
      {state.status === "error" ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
