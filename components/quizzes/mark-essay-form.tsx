"use client";

import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm, type FormState } from "@/lib/forms/state";
import { useFormValues } from "@/lib/forms/use-form-values";
import { formatNumber } from "@/lib/i18n/format";
import { translator, type Locale } from "@/lib/i18n/messages";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** A trainer's mark (0..max, decimal comma) and comment for one essay; marking again keeps the earlier marks in the history. */
export function MarkEssayForm({ locale, action, courseId, quizId, attemptQuestionId, maxMark, mark, comment, label }: {
  locale: Locale;
  action: Action;
  courseId: string;
  quizId: string;
  attemptQuestionId: string;
  maxMark: number;
  /** The current mark, when re-marking. */
  mark: number | null;
  comment: string | null;
  /** The form's accessible name: which learner and question it marks. */
  label: string;
}) {
  const t = translator(locale);
  const [state, run] = useActionState(action, idleForm);
  const saved = mark === null ? "" : formatNumber(mark, locale, { maximumFractionDigits: 2, useGrouping: false });
  const form = useFormValues(state, `${saved}|${comment ?? ""}`);
  const p = `mark-${attemptQuestionId.slice(0, 8)}`;
  return (
    <form action={run} className="mt-3 space-y-2" aria-label={label} noValidate key={form.key}>
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="quizId" value={quizId} />
      <input type="hidden" name="attemptQuestionId" value={attemptQuestionId} />
      <Field
        id={`${p}-mark`}
        name="mark"
        inputMode="decimal"
        autoComplete="off"
        label={t("quizResults.markLabel", { max: formatNumber(maxMark, locale) })}
        hint={t("quizResults.markHint")}
        errors={form.errors("mark")}
        defaultValue={form.value("mark", saved)}
        maxLength={10}
      />
      <Field id={`${p}-comment`} name="comment" label={t("quizResults.commentLabel")} errors={form.errors("comment")}>
        <textarea
          id={`${p}-comment`}
          name="comment"
          rows={3}
          maxLength={5000}
          defaultValue={form.value("comment", comment ?? "")}
          className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900"
        />
      </Field>
      <FormMessage state={state} />
      <SubmitButton label={mark === null ? t("quizResults.saveMark") : t("quizResults.remark")} pendingLabel={t("form.saving")} />
    </form>
  );
}
