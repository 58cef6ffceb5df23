import type { SelectHTMLAttributes } from "react";

export type UnitChoice = { id: string; name: string; depth: number };

type Props = {
  id: string;
  name: string;
  units: readonly UnitChoice[];
  /** A first option with value "" (e.g. "all units" or "choose a unit"). */
  emptyLabel?: string;
  errors?: string[];
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name">;

/**
 * A select of units in tree order, indented by depth. Pair it with <Field id={id}> for the label and errors.
 * Keyed by its default value: React resets a form after its action, and a select would fall back
 * to the option it was first rendered with rather than the one submitted (and echoed back).
 */
export function UnitSelect({ id, name, units, emptyLabel, errors, ...select }: Props) {
  return (
    <select
      key={String(select.defaultValue ?? "")}
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
          {"\u2002\u2002".repeat(u.depth)}
          {u.name}
        </option>
      ))}
    </select>
  );
}
