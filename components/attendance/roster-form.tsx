"use client";

import { useActionState, useState } from "react";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { useFormValues, type FormValues } from "@/lib/forms/use-form-values";
import { ATTENDANCE_STATUSES } from "@/lib/attendance/statuses";
import { idleForm, type FormState } from "@/lib/forms/state";
import { translator, type Locale } from "@/lib/i18n/messages";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;
type Status = (typeof ATTENDANCE_STATUSES)[number];

export type RosterRow = { userId: string; fullName: string; unitName: string; status: Status | null; viaQr: boolean };

const TONE: Record<Status, string> = {
  PRESENT: "peer-checked:border-green-700 peer-checked:bg-green-700",
  LATE: "peer-checked:border-amber-700 peer-checked:bg-amber-700",
  EXCUSED: "peer-checked:border-sky-800 peer-checked:bg-sky-800",
  ABSENT: "peer-checked:border-red-700 peer-checked:bg-red-700",
};

/**
 * The roster on a phone: one card per learner with four large radio buttons (at least 44 px
 * high), the counts as they stand, and one save for the whole list.
 */
export function RosterForm({ locale, action, sessionId, rows, disabled }: { locale: Locale; action: Action; sessionId: string; rows: RosterRow[]; disabled: boolean }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const form = useFormValues(state);
  return <RosterFields key={form.key} t={t} state={state} form={form} formAction={formAction} sessionId={sessionId} rows={rows} disabled={disabled} />;
}

function RosterFields({ t, state, form, formAction, sessionId, rows, disabled }: { t: ReturnType<typeof translator>; state: FormState; form: FormValues; formAction: (f: FormData) => void; sessionId: string; rows: RosterRow[]; disabled: boolean }) {
  // After a refusal, the statuses chosen (and sent) stay chosen.
  const [chosen, setChosen] = useState<Record<string, Status | null>>(() =>
    Object.fromEntries(rows.map((r) => [r.userId, (form.value(`status.${r.userId}`, r.status) || null) as Status | null])),
  );
  const counts = Object.fromEntries([...ATTENDANCE_STATUSES, "UNMARKED"].map((s) => [s, 0])) as Record<Status | "UNMARKED", number>;
  for (const r of rows) counts[chosen[r.userId] ?? "UNMARKED"] += 1;
  const formErrors = state.fieldErrors ? Object.values(state.fieldErrors).flat() : [];

  return (
    <form action={formAction} noValidate className="space-y-4" aria-labelledby="roster-heading">
      <input type="hidden" name="sessionId" value={sessionId} />
      <div role="status" aria-live="polite" data-testid="roster-counts" className="flex flex-wrap gap-2 text-sm">
        {[...ATTENDANCE_STATUSES, "UNMARKED" as const].map((s) => (
          <span key={s} className="rounded bg-slate-100 px-2 py-1 font-semibold text-slate-800" data-testid={`count-${s}`}>
            {t(`attendance.status.${s}`)}: {counts[s]}
          </span>
        ))}
      </div>
      <ul className="space-y-3" data-testid="roster">
        {rows.map((r) => (
          <li key={r.userId} className="rounded-lg border border-slate-200 bg-white p-3" data-testid="roster-row" data-user-id={r.userId} data-status={chosen[r.userId] ?? ""}>
            <fieldset disabled={disabled}>
              <legend className="font-semibold text-slate-900 [overflow-wrap:anywhere]">
                {r.fullName}
              </legend>
              <p className="text-sm text-slate-600 [overflow-wrap:anywhere]">
                {r.unitName}
                {r.viaQr && chosen[r.userId] === r.status ? ` · ${t("attendance.viaQr")}` : ""}
              </p>
              <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
                {ATTENDANCE_STATUSES.map((s) => {
                  const id = `st-${r.userId}-${s}`;
                  return (
                    <div key={s}>
                      <input
                        type="radio"
                        id={id}
                        name={`status.${r.userId}`}
                        value={s}
                        defaultChecked={form.checked(`status.${r.userId}`, r.status === s, s)}
                        onChange={() => setChosen((c) => ({ ...c, [r.userId]: s }))}
                        className="peer sr-only"
                      />
                      <label
                        htmlFor={id}
                        className={`flex min-h-11 cursor-pointer items-center justify-center rounded-md border-2 border-slate-400 px-2 py-2 text-center text-sm font-semibold text-slate-900 peer-checked:text-white peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-700 ${TONE[s]}`}
                      >
                        {t(`attendance.status.${s}`)}
                      </label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          </li>
        ))}
      </ul>
      {formErrors.length ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {formErrors.join(" ")}
        </p>
      ) : null}
      <FormMessage state={state} />
      {disabled ? null : (
        <div className="sticky bottom-0 -mx-1 bg-slate-50/95 px-1 py-2">
          <SubmitButton label={t("attendance.save")} pendingLabel={t("attendance.saving")} />
        </div>
      )}
    </form>
  );
}
