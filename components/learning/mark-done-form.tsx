"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm, type FormState } from "@/lib/forms/state";
import { translator, type Locale } from "@/lib/i18n/messages";

type Props = {
  locale: Locale;
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  courseId: string;
  lessonId: string;
};

/** "Đánh dấu đã học xong" for text, file and link lessons. A plain form: works before hydration too. */
export function MarkDoneForm({ locale, action, courseId, lessonId }: Props) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="space-y-3" noValidate aria-describedby="mark-done-hint">
      <p id="mark-done-hint" className="text-sm text-slate-700">
        {t("learning.markDoneHint", { button: t("learning.markDone") })}
      </p>
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="lessonId" value={lessonId} />
      {state.status === "error" ? <FormMessage state={state} /> : null}
      <SubmitButton label={t("learning.markDone")} pendingLabel={t("learning.markingDone")} />
    </form>
  );
}
