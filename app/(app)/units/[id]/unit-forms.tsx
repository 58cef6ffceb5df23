"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm } from "@/lib/forms/state";
import { useFormValues } from "@/lib/forms/use-form-values";
import { translator, type Locale } from "@/lib/i18n/messages";
import { UNIT_KINDS } from "@/lib/units/kinds";
import type { UnitOption } from "@/lib/units/queries";
import { UnitSelectField } from "@/components/unit-select";
import {
  createUnitAction,
  mergeUnitAction,
  moveUnitAction,
  renameUnitAction,
  setUnitActiveAction,
} from "./actions";

export function RenameUnitForm({ locale, id, name }: { locale: Locale; id: string; name: string }) {
  const t = translator(locale);
  const [state, action] = useActionState(renameUnitAction, idleForm);
  const f = useFormValues(state);
  return (
    <form action={action} className="space-y-3" aria-labelledby="rename-heading" noValidate key={f.key}>
      <h2 id="rename-heading" className="text-lg font-semibold">
        {t("units.rename")}
      </h2>
      <input type="hidden" name="id" value={id} />
      <Field
        name="name"
        id="rename-name"
        label={t("units.name")}
        defaultValue={f.value("name", name)}
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
  const f = useFormValues(state);
  return (
    <form action={action} className="space-y-3" aria-labelledby="create-heading" noValidate key={f.key}>
      <h2 id="create-heading" className="text-lg font-semibold">
        {t("units.create")}
      </h2>
      <input type="hidden" name="parentId" value={parentId} />
      <Field
        name="name"
        id="create-name"
        label={t("units.name")}
        defaultValue={f.value("name")}
        required
        maxLength={200}
        errors={state.fieldErrors?.name}
      />
      <Field
        name="code"
        id="create-code"
        label={t("units.code")}
        hint={t("units.codeHint")}
        defaultValue={f.value("code")}
        required
        maxLength={32}
        autoCapitalize="characters"
        errors={state.fieldErrors?.code}
      />
      <Field name="kind" id="create-kind" label={t("units.kind")} errors={state.fieldErrors?.kind}>
        <select
          id="create-kind"
          name="kind"
          defaultValue={f.value("kind", "COMMUNE")}
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

export function MoveUnitForm({ locale, id, targets }: { locale: Locale; id: string; targets: UnitOption[] }) {
  const t = translator(locale);
  const [state, action] = useActionState(moveUnitAction, idleForm);
  const f = useFormValues(state);
  const errors = f.errors("parentId") ?? f.errors("id");
  return (
    <form action={action} className="space-y-3" aria-labelledby="move-heading" noValidate key={f.key}>
      <h2 id="move-heading" className="text-lg font-semibold">
        {t("units.move")}
      </h2>
      <p className="text-sm text-slate-700">{t("units.moveIntro")}</p>
      <input type="hidden" name="id" value={id} />
      <UnitSelectField
        id="move-parent"
        name="parentId"
        label={t("units.newParent")}
        units={targets}
        emptyLabel={t("units.chooseUnit")}
        errors={errors}
        defaultValue={f.value("parentId")}
      />
      <FormMessage state={state} />
      <SubmitButton label={t("units.moveSubmit")} pendingLabel={t("form.saving")} />
    </form>
  );
}

/** Deactivate an active unit, or reactivate an inactive one. */
export function UnitStatusForm({ locale, id, active }: { locale: Locale; id: string; active: boolean }) {
  const t = translator(locale);
  const [state, action] = useActionState(setUnitActiveAction, idleForm);
  return (
    <form action={action} className="space-y-3" aria-labelledby="status-heading" noValidate>
      <h2 id="status-heading" className="text-lg font-semibold">
        {active ? t("units.deactivate") : t("units.reactivate")}
      </h2>
      <p className="text-sm text-slate-700">{active ? t("units.deactivateIntro") : t("units.reactivateIntro")}</p>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <FormMessage state={state} />
      <SubmitButton label={active ? t("units.deactivateSubmit") : t("units.reactivateSubmit")} pendingLabel={t("form.saving")} />
    </form>
  );
}

/** The last step of a merge; the summary above it comes from previewMerge. */
export function MergeConfirmForm({ locale, id, targetId }: { locale: Locale; id: string; targetId: string }) {
  const t = translator(locale);
  const [state, action] = useActionState(mergeUnitAction, idleForm);
  const problems = [...(state.fieldErrors?.targetId ?? []), ...(state.fieldErrors?.id ?? [])];
  return (
    <form action={action} className="flex flex-wrap items-center gap-3" noValidate>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="targetId" value={targetId} />
      {problems.length > 0 ? (
        <p role="alert" className="w-full rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {problems.join(" ")}
        </p>
      ) : state.message ? (
        <div className="w-full">
          <FormMessage state={state} />
        </div>
      ) : null}
      <SubmitButton label={t("units.mergeConfirm")} pendingLabel={t("form.saving")} />
      <Link href={`/units/${id}`} className="font-semibold text-brand-700 underline">
        {t("units.mergeCancel")}
      </Link>
    </form>
  );
}
