import type { SelectHTMLAttributes } from "react";
import { Field } from "@/components/field";

/** A unit as a select lists it: tree order, with its depth; the code (when given) tells apart units of the same name. */
export type UnitChoice = { id: string; name: string; depth: number; code?: string };

/** Indented unit name, with its code when known. */
export function unitChoiceLabel(u: UnitChoice): string {
  return `${"\u2002\u2002".repeat(u.depth)}${u.name}${u.code ? ` (${u.code})` : ""}`;
}

type Props = {
  id: string;
  name: string;
  units: readonly UnitChoice[];
  /** A first option with value "" ("all units", "choose a unit"). */
  emptyLabel?: string;
  errors?: string[];
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name" | "children">;

/**
 * The one select of units, server- and client-safe. Pair it with <Field id={id}> for the label and
 * errors, or use UnitSelectField. In a form action's form, take `defaultValue` and the form's key
 * from useFormValues (lib/forms/use-form-values.ts), which keeps the chosen unit after a refusal.
 */
export function UnitSelect({ id, name, units, emptyLabel, errors, ...select }: Props) {
  return (
    <select
      id={id}
      name={name}
      aria-invalid={errors?.length ? true : undefined}
      aria-describedby={errors?.length ? `${id}-error` : undefined}
      className="block w-full max-w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-red-700"
      {...select}
    >
      {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
      {units.map((u) => (
        <option key={u.id} value={u.id}>
          {unitChoiceLabel(u)}
        </option>
      ))}
    </select>
  );
}

/** A labelled UnitSelect: the Field gives the label and the error message the select points to. */
export function UnitSelectField({ label, ...select }: Props & { label: string }) {
  return (
    <Field name={select.name} id={select.id} label={label} errors={select.errors}>
      <UnitSelect {...select} />
    </Field>
  );
}
