"use client";

import { useActionState } from "react";
import { ConfirmAction } from "@/components/confirm-action";
import { Field, FieldErrors } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { useFormValues } from "@/lib/forms/use-form-values";
import { idleForm, type FormState } from "@/lib/forms/state";
import { translator, type Locale } from "@/lib/i18n/messages";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

const control =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-red-700";

const MODES = ["IN_PERSON", "ONLINE", "BLENDED"] as const;
const POLICIES = ["NOMINATED", "SELF"] as const;

export type ClassFormValues = {
  code?: string;
  title: string;
  mode: string;
  capacity: string;
  enrolOpens: string;
  enrolCloses: string;
  joinPolicy: string;
  requiresApproval: boolean;
  selfUnitIds: string[];
  courseId?: string;
};

/** Opening a class (with `planItemId`) or changing one (with `id`). */
export function ClassForm({
  locale,
  action,
  planItemId,
  id,
  initial,
  courses,
  units,
  labelledBy,
}: {
  locale: Locale;
  action: Action;
  planItemId?: string;
  id?: string;
  initial: ClassFormValues;
  courses: { id: string; title: string }[];
  units: { id: string; name: string }[];
  labelledBy: string;
}) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const form = useFormValues(state);
  const err = (f: string) => state.fieldErrors?.[f];
  const p = id ? `class-${id.slice(0, 4)}` : "class-new";
  const selfChosen = new Set(form.list("selfUnitIds", initial.selfUnitIds));
  return (
    <form action={formAction} className="space-y-3" aria-labelledby={labelledBy} noValidate key={form.key}>
      {planItemId ? <input type="hidden" name="planItemId" value={planItemId} /> : null}
      {id ? <input type="hidden" name="id" value={id} /> : null}
      {!id ? <Field name="code" id={`${p}-code`} label={t("classes.fieldCode")} defaultValue={form.value("code", initial.code)} errors={err("code")} required maxLength={40} /> : null}
      <Field name="title" id={`${p}-title`} label={t("classes.fieldTitle")} defaultValue={form.value("title", initial.title)} errors={err("title")} required maxLength={300} />
      {courses.length > 0 ? (
        <Field name="courseId" id={`${p}-course`} label={t("classes.fieldCourse")} errors={err("courseId")}>
          <select id={`${p}-course`} name="courseId" defaultValue={form.value("courseId", initial.courseId ?? "")} className={control} aria-invalid={err("courseId") ? true : undefined} aria-describedby={err("courseId") ? `${p}-course-error` : undefined}>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field name="mode" id={`${p}-mode`} label={t("classes.fieldMode")} errors={err("mode")}>
          <select id={`${p}-mode`} name="mode" defaultValue={form.value("mode", initial.mode)} className={control}>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`classes.mode.${m}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="capacity" id={`${p}-capacity`} label={t("classes.fieldCapacity")} inputMode="numeric" defaultValue={form.value("capacity", initial.capacity)} errors={err("capacity")} required />
        <Field name="enrolOpens" id={`${p}-opens`} label={t("classes.fieldEnrolOpens")} type="date" defaultValue={form.value("enrolOpens", initial.enrolOpens)} errors={err("enrolOpens")} required />
        <Field name="enrolCloses" id={`${p}-closes`} label={t("classes.fieldEnrolCloses")} type="date" defaultValue={form.value("enrolCloses", initial.enrolCloses)} errors={err("enrolCloses")} required />
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-semibold text-slate-800">{t("classes.fieldJoinPolicy")}</legend>
        {POLICIES.map((jp) => (
          <label key={jp} className="flex items-start gap-2">
            <input type="radio" name="joinPolicy" value={jp} defaultChecked={form.checked("joinPolicy", initial.joinPolicy === jp, jp)} className="mt-1" />
            <span>{t(`classes.joinPolicy.${jp}`)}</span>
          </label>
        ))}
      </fieldset>
      {units.length > 0 ? (
        <fieldset className="space-y-1" aria-describedby={err("selfUnitIds") ? `${p}-self-error` : undefined}>
          <legend className="text-sm font-semibold text-slate-800">{t("classes.fieldSelfUnits")}</legend>
          <div className="max-h-48 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
            {units.map((u) => (
              <label key={u.id} className="flex items-start gap-2">
                <input type="checkbox" name="selfUnitIds" value={u.id} defaultChecked={selfChosen.has(u.id)} className="mt-1" />
                <span>{u.name}</span>
              </label>
            ))}
          </div>
          <FieldErrors id={`${p}-self-error`} errors={err("selfUnitIds")} />
        </fieldset>
      ) : null}
      <label className="flex items-start gap-2">
        <input type="checkbox" name="requiresApproval" defaultChecked={form.checked("requiresApproval", initial.requiresApproval)} className="mt-1" />
        <span>{t("classes.fieldRequiresApproval")}</span>
      </label>
      <FormMessage state={state} />
      <SubmitButton label={t(id ? "classes.saveSubmit" : "classes.openSubmit")} pendingLabel={t("form.saving")} />
    </form>
  );
}

/** A session as its form shows it: the Vietnamese date and times. */
export type SessionValues = { id: string; date: string; start: string; end: string; place: string; onlineUrl: string | null; trainerId: string | null };

/**
 * Adding a session, or changing one (`session`): a Vietnamese date, start and end, place or link,
 * trainer. A change tells everyone enrolled (lib/classes/commands.ts saveSession).
 */
export function SessionForm({
  locale,
  action,
  classId,
  trainers,
  session,
}: {
  locale: Locale;
  action: Action;
  classId: string;
  trainers: { id: string; fullName: string }[];
  session?: SessionValues;
}) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const form = useFormValues(state);
  const err = (f: string) => state.fieldErrors?.[f];
  const p = session ? `session-${session.id}` : "session";
  return (
    <form
      action={formAction}
      className="space-y-3"
      {...(session ? { "aria-label": t("classes.editSessionLabel", { when: `${session.date} ${session.start}` }) } : { "aria-labelledby": "add-session-heading" })}
      noValidate
      key={form.key}
    >
      <input type="hidden" name="classId" value={classId} />
      {session ? <input type="hidden" name="id" value={session.id} /> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <Field name="date" id={`${p}-date`} label={t("classes.fieldDate")} type="date" defaultValue={form.value("date", session?.date)} errors={err("date")} required />
        <Field name="start" id={`${p}-start`} label={t("classes.fieldStart")} type="time" defaultValue={form.value("start", session?.start ?? "08:00")} errors={err("start")} required />
        <Field name="end" id={`${p}-end`} label={t("classes.fieldEnd")} type="time" defaultValue={form.value("end", session?.end ?? "11:00")} errors={err("end")} required />
      </div>
      <Field name="place" id={`${p}-place`} label={t("classes.fieldPlace")} defaultValue={form.value("place", session?.place)} errors={err("place")} maxLength={300} />
      <Field name="onlineUrl" id={`${p}-url`} label={t("classes.fieldOnlineUrl")} type="url" defaultValue={form.value("onlineUrl", session?.onlineUrl ?? undefined)} errors={err("onlineUrl")} maxLength={500} />
      <Field name="trainerId" id={`${p}-trainer`} label={t("classes.fieldTrainer")} errors={err("trainerId")}>
        <select
          id={`${p}-trainer`}
          name="trainerId"
          defaultValue={form.value("trainerId", session?.trainerId ?? "")}
          className={control}
          aria-invalid={err("trainerId") ? true : undefined}
          aria-describedby={err("trainerId") ? `${p}-trainer-error` : undefined}
        >
          <option value="">{t("classes.noTrainer")}</option>
          {trainers.map((u) => (
            <option key={u.id} value={u.id}>
              {u.fullName}
            </option>
          ))}
        </select>
      </Field>
      <FormMessage state={state} />
      <SubmitButton label={session ? t("classes.saveSessionSubmit") : t("classes.addSessionSubmit")} pendingLabel={t("form.saving")} />
    </form>
  );
}

export function CancelClassForm({ locale, action, id, title }: { locale: Locale; action: Action; id: string; title: string }) {
  const t = translator(locale);
  // Ending a class for everyone: asked in the dialog, with the reason everyone will be told.
  return (
    <ConfirmAction locale={locale} action={action} fields={{ id }} label={t("classes.cancelSubmit")} question={t("classes.confirmCancel", { title })}>
      {(form) => {
        const errors = form.errors("reason");
        return (
          <Field name="reason" id="cancel-reason" label={t("classes.fieldCancelReason")} errors={errors}>
            <textarea id="cancel-reason" name="reason" rows={2} maxLength={1000} className={control} defaultValue={form.value("reason")} aria-invalid={errors?.length ? true : undefined} aria-describedby={errors?.length ? "cancel-reason-error" : undefined} />
          </Field>
        );
      }}
    </ConfirmAction>
  );
}

/**
 * One button posting hidden fields; with `reason`, also an optional text field of that label
 * (refusing a nomination tells the person why).
 */
/**
 * One button that runs an action on the class. `confirm` (the question naming the object) makes it
 * a destructive one: asked first in a dialog, then said (components/confirm-action.tsx).
 */
export function ButtonForm({
  locale,
  action,
  fields,
  label,
  confirm,
  reason,
}: {
  locale: Locale;
  action: Action;
  fields: Record<string, string>;
  label: string;
  confirm?: string;
  reason?: { id: string; label: string };
}) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  if (confirm) {
    return (
      <div className="inline-block">
        <ConfirmAction locale={locale} action={action} fields={fields} label={label} question={confirm}>
          {reason ? (form) => <Field name="reason" id={reason.id} label={reason.label} maxLength={1000} defaultValue={form.value("reason")} errors={form.errors("reason")} /> : undefined}
        </ConfirmAction>
      </div>
    );
  }
  return (
    <form action={formAction} className="inline-block space-y-1">
      {Object.entries(fields).map(([k, val]) => (
        <input key={k} type="hidden" name={k} value={val} />
      ))}
      {reason ? <Field name="reason" id={reason.id} label={reason.label} maxLength={1000} errors={state.fieldErrors?.reason} /> : null}
      <SubmitButton label={label} pendingLabel={t("form.saving")} />
      <FormMessage state={state} />
    </form>
  );
}

export type CandidateView = { id: string; fullName: string; unitName: string; enrolled: boolean; clash: string | null };

/** The nominate form: people of the admin's units found by the search above, ticked. */
export function NominateForm({ locale, action, classId, candidates }: { locale: Locale; action: Action; classId: string; candidates: CandidateView[] }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const form = useFormValues(state);
  const errors = state.fieldErrors?.userIds;
  return (
    <form action={formAction} className="space-y-3" noValidate key={form.key} aria-labelledby="nominate-heading">
      <input type="hidden" name="classId" value={classId} />
      <fieldset className="space-y-2" aria-describedby={errors?.length ? "nominate-error" : undefined}>
        <legend className="text-sm font-semibold text-slate-800">{t("classes.pickPeople")}</legend>
        <ul className="space-y-2">
          {candidates.map((c) => (
            <li key={c.id}>
              <label className="flex items-start gap-2">
                <input type="checkbox" name="userIds" value={c.id} disabled={c.enrolled} className="mt-1" aria-describedby={c.clash ? `clash-${c.id}` : undefined} />
                <span>
                  <span className="font-medium">{c.fullName}</span> <span className="text-slate-600">· {c.unitName}</span>
                  {c.enrolled ? <span className="text-slate-600"> · {t("classes.alreadyIn")}</span> : null}
                  {c.clash ? (
                    <span id={`clash-${c.id}`} className="block text-sm text-amber-800">
                      {t("classes.clashWarning", { list: c.clash })}
                    </span>
                  ) : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
        <FieldErrors id="nominate-error" errors={errors} />
      </fieldset>
      <FormMessage state={state} />
      <SubmitButton label={t("classes.nominateSubmit")} pendingLabel={t("form.saving")} />
    </form>
  );
}
