"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/form-status";
import { idleForm, type FormState } from "@/lib/forms/state";
import { translator, type Locale } from "@/lib/i18n/messages";

/** One tap to record the check-in; a refusal (expired code, not enrolled…) is said here. */
export function ConfirmCheckInForm({
  locale,
  sessionId,
  token,
  action,
}: {
  locale: Locale;
  sessionId: string;
  token: string;
  action: (p: FormState, f: FormData) => Promise<FormState>;
}) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="space-y-3" aria-label={t("attendance.checkIn.title")}>
      <input type="hidden" name="sessionId" value={sessionId} />
      <input type="hidden" name="token" value={token} />
      {state.status === "error" && state.message ? (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-900" data-testid="checkin-error">
          {state.message}
        </p>
      ) : null}
      <SubmitButton label={t("attendance.checkIn.confirm")} pendingLabel={t("attendance.checkIn.confirming")} />
    </form>
  );
}
