"use client";

import { ConfirmAction } from "@/components/confirm-action";
import { useActionState, useState } from "react";
import { Field } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm } from "@/lib/forms/state";
import { useFormValues } from "@/lib/forms/use-form-values";
import { translator, type Locale } from "@/lib/i18n/messages";
import type { GrantOption } from "@/lib/roles/queries";
import { UnitSelectField } from "@/components/unit-select";
import { grantRoleAction, revokeRoleAction } from "./actions";

const selectClass = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";

/**
 * Only the roles the viewer may grant are offered, and for the chosen role only the units where
 * they may grant it. The server checks again: a forged role or unit is refused there.
 */
export function GrantRoleForm({ locale, userId, options }: { locale: Locale; userId: string; options: GrantOption[] }) {
  const t = translator(locale);
  const [state, action] = useActionState(grantRoleAction, idleForm);
  const f = useFormValues(state);
  // The role is chosen on the page (it decides which units are offered); it outlives the form's key.
  const [role, setRole] = useState<string>(options[0]?.role ?? "");
  const units = options.find((o) => o.role === role)?.units ?? [];
  const roleErrors = f.errors("role");
  const unitErrors = f.errors("unitId") ?? f.errors("userId");
  return (
    <form action={action} className="space-y-3" aria-labelledby="grant-heading" noValidate key={f.key}>
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
        // Another role offers other units: a new select, with that role's default.
        key={role}
        id="grant-unit"
        name="unitId"
        label={t("roles.unit")}
        units={units}
        emptyLabel={t("units.chooseUnit")}
        errors={unitErrors}
        defaultValue={f.submitted?.role === role ? f.value("unitId") : units.length === 1 ? units[0]!.id : ""}
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
