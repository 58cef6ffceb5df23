"use client";

import { ConfirmAction } from "@/components/confirm-action";
import { useActionState, useState } from "react";
import { Field } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm } from "@/lib/forms/state";
import { translator, type Locale } from "@/lib/i18n/messages";
import type { GrantOption } from "@/lib/roles/queries";
import { UnitSelectField } from "../../../units/unit-select";
import { grantRoleAction, revokeRoleAction } from "./actions";

const selectClass = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";

/**
 * Only the roles the viewer may grant are offered, and for the chosen role only the units where
 * they may grant it. The server checks again: a forged role or unit is refused there.
 */
export function GrantRoleForm({ locale, userId, options }: { locale: Locale; userId: string; options: GrantOption[] }) {
  const t = translator(locale);
  const [state, action] = useActionState(grantRoleAction, idleForm);
  const previous = state.status === "error" ? state.values : undefined;
  const [role, setRole] = useState<string>(previous?.role ?? options[0]?.role ?? "");
  const units = options.find((o) => o.role === role)?.units ?? [];
  const roleErrors = state.fieldErrors?.role;
  const unitErrors = state.fieldErrors?.unitId ?? state.fieldErrors?.userId;
  return (
    <form action={action} className="space-y-3" aria-labelledby="grant-heading" noValidate>
      <h2 id="grant-heading" className="text-lg font-semibold">
        {t("roles.grant")}
      </h2>
      <p className="text-sm text-slate-700">{t("roles.grantIntro")}</p>
      <input type="hidden" name="userId" value={userId} />
      <Field name="role" id="grant-role" label={t("roles.role")} errors={roleErrors}>
        <select
          id="grant-role"
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value)}
          aria-invalid={roleErrors?.length ? true : undefined}
          aria-describedby={roleErrors?.length ? "grant-role-error" : undefined}
          className={selectClass}
        >
          {options.map((o) => (
            <option key={o.role} value={o.role}>
              {t(`role.${o.role}`)}
            </option>
          ))}
        </select>
      </Field>
      <UnitSelectField
        key={role}
        id="grant-unit"
        name="unitId"
        label={t("roles.unit")}
        options={units}
        placeholder={t("units.chooseUnit")}
        errors={unitErrors}
        defaultValue={previous?.role === role ? previous?.unitId : units.length === 1 ? units[0]!.id : undefined}
      />
      <FormMessage state={state} />
      <SubmitButton label={t("roles.grantSubmit")} pendingLabel={t("form.saving")} />
    </form>
  );
}

export function RevokeGrantForm({ locale, grantId, label, question }: { locale: Locale; grantId: string; label: string; question: string }) {
  const t = translator(locale);
  return <ConfirmAction locale={locale} action={revokeRoleAction} fields={{ grantId }} label={t("roles.revoke")} buttonLabel={label} question={question} size="small" />;
}
