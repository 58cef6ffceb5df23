"use client";

import { useActionState, useRef, useState, type ReactNode } from "react";
import { Field, FieldErrors } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm, type FormState } from "@/lib/forms/state";
import { useFormValues, type FormValues as Form } from "@/lib/forms/use-form-values";
import { formatNumber } from "@/lib/i18n/format";
import { translator, type Locale, type Translate } from "@/lib/i18n/messages";
import { fractionValue, gradeChoices, rowNumbers, type FormValues } from "@/lib/quizzes/editor-form";
import { TEXT_FORMATS, type QuestionType } from "@/lib/quizzes/question-types";
import { ImageUpload } from "./image-upload";

type Props = {
  locale: Locale;
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  type: QuestionType;
  bankId: string;
  /** Editing: the question; creating: the categories to choose from. */
  questionId?: string;
  categories?: { id: string; label: string }[];
  categoryId?: string;
  /** The saved (or new) question as form fields (lib/quizzes/editor-form.ts). */
  initial: FormValues;
  submitLabel: string;
};

const control =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-red-700";

/** One field's id, its error id, and what the input says about them. */
function ids(name: string, f: Form, hint?: boolean) {
  const id = `qe-${name.replace(/\./g, "-")}`;
  const errors = f.errors(name);
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return { id, errors, a11y: { id, "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy || undefined } };
}

/**
 * The question editor for every type: the common fields, then the type's own rows (choices,
 * answers, pairs) that can be added and removed. Each input posts its own flat name
 * (`options.3.text`); lib/quizzes/editor-form.ts reads them back, and after a refusal the form
 * is rebuilt from what was posted (useFormValues), rows included.
 */
export function QuestionEditor({ locale, action, type, bankId, questionId, categories, categoryId, initial, submitLabel }: Props) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const f = useFormValues(state, initial);
  const values = f.submitted ?? initial;
  const v = (name: string) => f.value(name, initial[name]);
  const area = (name: string, label: string, opts: { rows?: number; hint?: string; required?: boolean } = {}) => {
    const { id, errors, a11y } = ids(name, f, !!opts.hint);
    return (
      <Field id={id} name={name} label={label} hint={opts.hint} errors={errors}>
        <textarea name={name} rows={opts.rows ?? 3} defaultValue={v(name)} className={control} required={opts.required} {...a11y} />
      </Field>
    );
  };
  /** A rich text keeps the format it came with (an imported plain text stays plain). */
  const ownFormat = (name: string) => (values[`${name}Format`] ? <input type="hidden" name={`${name}Format`} defaultValue={values[`${name}Format`]} /> : null);
  const formatField = ids("format", f, true);

  return (
    <form action={formAction} className="space-y-5" noValidate key={f.key} aria-label={submitLabel}>
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="bankId" value={bankId} />
      {questionId ? <input type="hidden" name="questionId" value={questionId} /> : null}
      {categories ? (
        <Field id="qe-categoryId" name="categoryId" label={t("questionEditor.field.category")} errors={f.errors("categoryId")}>
          <select id="qe-categoryId" name="categoryId" defaultValue={f.value("categoryId", categoryId)} className={control}>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field {...ids("name", f, true).a11y} name="name" label={t("questionEditor.field.name")} hint={t("questionEditor.field.nameHint")} errors={f.errors("name")} defaultValue={v("name")} maxLength={255} required />
      {area("text", t("questionEditor.field.text"), { rows: 6, required: true })}
      <Field id={formatField.id} name="format" label={t("questionEditor.field.format")} hint={t("questionEditor.field.formatHint")} errors={formatField.errors}>
        <select name="format" defaultValue={v("format") || "html"} className={control} {...formatField.a11y}>
          {TEXT_FORMATS.map((format) => (
            <option key={format} value={format}>
              {t(`questionEditor.format.${format}`)}
            </option>
          ))}
        </select>
      </Field>
      <ImageUpload locale={locale} bankId={bankId} textareaId="qe-text" />

      <TypeFields type={type} t={t} locale={locale} f={f} values={values} v={v} area={area} ownFormat={ownFormat} />

      {type !== "DESCRIPTION" ? (
        <Field {...ids("defaultMark", f, true).a11y} name="defaultMark" label={t("questionEditor.field.defaultMark")} hint={t("questionEditor.field.defaultMarkHint")} errors={f.errors("defaultMark")} defaultValue={v("defaultMark")} inputMode="decimal" className={`${control} max-w-[10rem]`} />
      ) : null}
      <div>
        {area("generalFeedback", t("questionEditor.field.generalFeedback"), { hint: t("questionEditor.field.generalFeedbackHint") })}
        {ownFormat("generalFeedback")}
      </div>
      <Field {...ids("tags", f, true).a11y} name="tags" label={t("questionEditor.field.tags")} hint={t("questionEditor.field.tagsHint")} errors={f.errors("tags")} defaultValue={v("tags")} />
      <FieldErrors id="qe-type-error" errors={f.errors("type")} />
      <FormMessage state={state} />
      <SubmitButton label={submitLabel} pendingLabel={t("form.saving")} />
    </form>
  );
}

type TypeProps = {
  type: QuestionType;
  t: Translate;
  locale: Locale;
  f: Form;
  values: FormValues;
  v: (name: string) => string;
  area: (name: string, label: string, opts?: { rows?: number; hint?: string }) => ReactNode;
  ownFormat: (name: string) => ReactNode;
};

function TypeFields(p: TypeProps) {
  const { type, t, f, v, area } = p;
  switch (type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE":
      return (
        <Rows {...p} prefix="options" legend={t("questionEditor.options.legend")} hint={t(type === "SINGLE_CHOICE" ? "questionEditor.options.hintSingle" : "questionEditor.options.hintMultiple")} addLabel={t("questionEditor.options.add")}>
          {(n, k) => (
            <>
              {area(`options.${n}.text`, t("questionEditor.options.text", { n: k }), { rows: 2 })}
              {p.ownFormat(`options.${n}.text`)}
              <Grade {...p} name={`options.${n}.fraction`} label={t("questionEditor.options.fraction", { n: k })} />
              {area(`options.${n}.feedback`, t("questionEditor.options.feedback", { n: k }), { rows: 2 })}
              {p.ownFormat(`options.${n}.feedback`)}
            </>
          )}
        </Rows>
      );
    case "TRUE_FALSE":
      return (
        <>
          <fieldset className="space-y-1" aria-describedby={f.errors("answer")?.length ? "qe-answer-error" : undefined}>
            <legend className="text-sm font-semibold text-slate-800">{t("questionEditor.trueFalse.legend")}</legend>
            {(["true", "false"] as const).map((answer) => (
              <label key={answer} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="radio" name="answer" value={answer} defaultChecked={v("answer") === answer} className="h-4 w-4" />
                {t(`questionEditor.trueFalse.${answer}`)}
              </label>
            ))}
            <FieldErrors id="qe-answer-error" errors={f.errors("answer")} />
          </fieldset>
          {area("feedbackTrue", t("questionEditor.trueFalse.feedbackTrue"), { rows: 2 })}
          {p.ownFormat("feedbackTrue")}
          {area("feedbackFalse", t("questionEditor.trueFalse.feedbackFalse"), { rows: 2 })}
          {p.ownFormat("feedbackFalse")}
        </>
      );
    case "SHORT_ANSWER":
      return (
        <>
          <Rows {...p} prefix="answers" legend={t("questionEditor.answers.legend")} hint={t("questionEditor.answers.hint")} addLabel={t("questionEditor.answers.add")}>
            {(n, k) => (
              <>
                <Field {...ids(`answers.${n}.text`, f).a11y} name={`answers.${n}.text`} label={t("questionEditor.answers.text", { n: k })} errors={f.errors(`answers.${n}.text`)} defaultValue={v(`answers.${n}.text`)} maxLength={500} />
                <Grade {...p} name={`answers.${n}.fraction`} label={t("questionEditor.answers.fraction", { n: k })} />
                {area(`answers.${n}.feedback`, t("questionEditor.answers.feedback", { n: k }), { rows: 2 })}
                {p.ownFormat(`answers.${n}.feedback`)}
              </>
            )}
          </Rows>
          {(["caseSensitive", "ignoreDiacritics"] as const).map((name) => (
            <label key={name} className="flex items-start gap-2 text-sm font-semibold text-slate-800">
              <input type="checkbox" name={name} defaultChecked={f.checked(name, name in p.values)} className="mt-0.5 h-4 w-4 shrink-0" />
              {t(`questionEditor.shortAnswer.${name}`)}
            </label>
          ))}
        </>
      );
    case "NUMERICAL":
      return (
        <Rows {...p} prefix="answers" legend={t("questionEditor.answers.legend")} hint={`${t("questionEditor.answers.hint")} ${t("questionEditor.answers.numericalHint")}`} addLabel={t("questionEditor.answers.add")}>
          {(n, k) => <NumericalRow {...p} n={n} k={k} />}
        </Rows>
      );
    case "MATCHING":
      return (
        <Rows {...p} prefix="pairs" legend={t("questionEditor.pairs.legend")} hint={t("questionEditor.pairs.hint")} addLabel={t("questionEditor.pairs.add")}>
          {(n, k) => (
            <>
              {area(`pairs.${n}.left`, t("questionEditor.pairs.left", { n: k }), { rows: 2 })}
              {p.ownFormat(`pairs.${n}.left`)}
              <Field {...ids(`pairs.${n}.right`, f).a11y} name={`pairs.${n}.right`} label={t("questionEditor.pairs.right", { n: k })} errors={f.errors(`pairs.${n}.right`)} defaultValue={v(`pairs.${n}.right`)} maxLength={500} />
            </>
          )}
        </Rows>
      );
    case "ESSAY":
      return (
        <>
          {area("graderInfo", t("questionEditor.essay.graderInfo"), { rows: 3 })}
          {p.ownFormat("graderInfo")}
          {area("responseTemplate", t("questionEditor.essay.responseTemplate"), { rows: 3 })}
        </>
      );
    case "DESCRIPTION":
      return null;
  }
}

/** A select of Moodle's grades (with penalties for choice questions), keeping an imported grade the list lacks. */
function Grade({ type, locale, f, v, name, label }: TypeProps & { name: string; label: string }) {
  const current = v(name) || "0";
  const choices = gradeChoices(type).map((g) => String(g));
  const known = choices.includes(current) ? current : fractionValue(Number(current.replace(",", ".")) || 0);
  const options = choices.includes(known) ? choices : [known, ...choices];
  const { id, errors, a11y } = ids(name, f);
  return (
    <Field id={id} name={name} label={label} errors={errors}>
      <select name={name} defaultValue={known} className={`${control} max-w-[12rem]`} {...a11y}>
        {options.map((g) => (
          <option key={g} value={g}>
            {`${formatNumber(Number(g) * 100, locale, { maximumFractionDigits: 5 })} %`}
          </option>
        ))}
      </select>
    </Field>
  );
}

function NumericalRow(p: TypeProps & { n: number; k: number }) {
  const { t, f, v, n, k, area } = p;
  const [kind, setKind] = useState(v(`answers.${n}.kind`) === "range" ? "range" : "tolerance");
  const input = (field: string, label: string) => (
    <Field {...ids(`answers.${n}.${field}`, f).a11y} name={`answers.${n}.${field}`} label={label} errors={f.errors(`answers.${n}.${field}`)} defaultValue={v(`answers.${n}.${field}`)} inputMode="decimal" />
  );
  const kindField = ids(`answers.${n}.kind`, f);
  return (
    <>
      <Field id={kindField.id} name={`answers.${n}.kind`} label={t("questionEditor.answers.kind", { n: k })} errors={kindField.errors}>
        <select name={`answers.${n}.kind`} value={kind} onChange={(e) => setKind(e.target.value)} className={`${control} max-w-[16rem]`} {...kindField.a11y}>
          <option value="tolerance">{t("questionEditor.answers.kindTolerance")}</option>
          <option value="range">{t("questionEditor.answers.kindRange")}</option>
        </select>
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        {kind === "tolerance" ? (
          <>
            {input("value", t("questionEditor.answers.value", { n: k }))}
            {input("tolerance", t("questionEditor.answers.tolerance", { n: k }))}
          </>
        ) : (
          <>
            {input("min", t("questionEditor.answers.min", { n: k }))}
            {input("max", t("questionEditor.answers.max", { n: k }))}
          </>
        )}
      </div>
      <Grade {...p} name={`answers.${n}.fraction`} label={t("questionEditor.answers.fraction", { n: k })} />
      {area(`answers.${n}.feedback`, t("questionEditor.answers.feedback", { n: k }), { rows: 2 })}
      {p.ownFormat(`answers.${n}.feedback`)}
    </>
  );
}

const ROW_LABELS = {
  options: { row: "questionEditor.options.row", remove: "questionEditor.options.remove" },
  answers: { row: "questionEditor.answers.row", remove: "questionEditor.answers.remove" },
  pairs: { row: "questionEditor.pairs.row", remove: "questionEditor.pairs.remove" },
} as const;

/**
 * Rows that can be added and removed. Each row is a labelled group; its number in the field names
 * never changes (a new row takes the next number), its shown number is its place. Adding moves
 * the focus into the new row; removing moves it to the add button.
 */
function Rows({
  prefix,
  legend,
  hint,
  addLabel,
  values,
  f,
  t,
  children,
}: TypeProps & { prefix: keyof typeof ROW_LABELS; legend: string; hint: string; addLabel: string; children: (n: number, shown: number) => ReactNode }) {
  const [rows, setRows] = useState(() => rowNumbers(values, prefix));
  const added = useRef<number | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const errors = f.errors(prefix);
  const focusNew = (el: HTMLElement | null, n: number) => {
    if (el && added.current === n) {
      added.current = null;
      el.querySelector<HTMLElement>("textarea, input:not([type=hidden]), select")?.focus();
    }
  };
  return (
    <fieldset className="space-y-3" aria-describedby={[`qe-${prefix}-hint`, errors?.length ? `qe-${prefix}-error` : null].filter(Boolean).join(" ")}>
      <legend className="text-base font-semibold text-slate-900">{legend}</legend>
      <p id={`qe-${prefix}-hint`} className="text-sm text-slate-600">
        {hint}
      </p>
      <FieldErrors id={`qe-${prefix}-error`} errors={errors} />
      <ol className="space-y-3">
        {rows.map((n, i) => {
          const label = t(ROW_LABELS[prefix].row, { n: i + 1 });
          return (
            <li key={n} ref={(el) => focusNew(el, n)} className="rounded-md border border-slate-300 p-3" data-testid={`${prefix}-row`}>
              <div role="group" aria-label={label} className="space-y-3">
                <div className="flex items-center justify-between gap-2">
                  <span className="text-sm font-semibold text-slate-700">{label}</span>
                  <button
                    type="button"
                    onClick={() => {
                      setRows((r) => r.filter((x) => x !== n));
                      addButton.current?.focus();
                    }}
                    className="rounded px-2 py-1 text-sm text-red-800 underline hover:bg-red-50"
                  >
                    {t(ROW_LABELS[prefix].remove, { n: i + 1 })}
                  </button>
                </div>
                <input type="hidden" name={`${prefix}.${n}.id`} defaultValue={values[`${prefix}.${n}.id`] ?? ""} />
                {children(n, i + 1)}
              </div>
            </li>
          );
        })}
      </ol>
      <button
        ref={addButton}
        type="button"
        onClick={() => {
          const next = Math.max(-1, ...rows) + 1;
          added.current = next;
          setRows((r) => [...r, next]);
        }}
        className="rounded-md border border-brand-700 px-3 py-1.5 text-sm font-semibold text-brand-700 hover:bg-brand-50"
      >
        {addLabel}
      </button>
    </fieldset>
  );
}
