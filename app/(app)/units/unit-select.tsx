import { Field } from "@/components/field";
import type { UnitOption } from "@/lib/units/queries";

/** Indented unit names for a select; the code tells apart units with the same name. */
export function unitOptionLabel(u: UnitOption): string {
  return `${"\u00a0\u00a0\u00a0".repeat(u.depth)}${u.name} (${u.code})`;
}

type Props = {
  id: string;
  name: string;
  options: readonly UnitOption[];
  placeholder: string;
  errors?: string[];
  defaultValue?: string;
  value?: string;
  onChange?: (value: string) => void;
};

/** A select of units in tree order, tied to its Field's error message. Server- and client-safe. */
export function UnitSelect({ id, name, options, placeholder, errors, defaultValue, value, onChange }: Props) {
  return (
    <select
      // Keyed by its default value: see components/people/unit-select.tsx.
      key={value !== undefined ? "controlled" : (defaultValue ?? "")}
      id={id}
      name={name}
      {...(value !== undefined ? { value } : { defaultValue: defaultValue ?? "" })}
      onChange={onChange ? (e) => onChange(e.target.value) : undefined}
      aria-invalid={errors?.length ? true : undefined}
      aria-describedby={errors?.length ? `${id}-error` : undefined}
      className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
    >
      <option value="">{placeholder}</option>
      {options.map((u) => (
        <option key={u.id} value={u.id}>
          {unitOptionLabel(u)}
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
