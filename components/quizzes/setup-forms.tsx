"use client";

import { useActionState, useEffect, useRef } from "react";
import { useAnnounce } from "@/components/announcer";
import { RichTextEditor } from "@/components/courses/rich-text-editor";
import { Field, FieldErrors } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm, type FormState } from "@/lib/forms/state";
import { useFormValues } from "@/lib/forms/use-form-values";
import { translator, type Locale } from "@/lib/i18n/messages";
import { decimalText, vnInputValue } from "@/lib/quizzes/setup/display";
import { GRADINGS, REVIEW_FIELDS, REVIEW_WHENS } from "@/lib/quizzes/setup/schemas";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

const control = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-red-700";
const small = "rounded-md border border-slate-400 bg-white px-3 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-50";

/** Choose a section and a name: the quiz goes at the end of that section. */
export function NewQuizForm({ locale, courseId, sections, sectionId, action }: { locale: Locale; courseId: string; sections: { id: string; title: string }[]; sectionId: string; action: Action }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const f = useFormValues(state);
  return (
    <form action={formAction} className="space-y-3" aria-label={t("quizSetup.newTitle")} noValidate key={f.key}>
      <input type="hidden" name="courseId" value={courseId} />
      <Field id="quiz-section" name="sectionId" label={t("quizSetup.section")} errors={f.errors("sectionId")}>
        <select id="quiz-section" name="sectionId" defaultValue={f.value("sectionId", sectionId)} className={control}>
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </Field>
      <Field id="quiz-title" name="title" label={t("quizSetup.title")} defaultValue={f.value("title", "")} errors={f.errors("title")} maxLength={200} />
      <FormMessage state={state} />
      <SubmitButton label={t("quizSetup.create")} pendingLabel={t("form.saving")} />
    </form>
  );
}

export type SettingsValues = {
  quizId: string;
  title: string;
  intro: string;
  opensAt: Date | null;
  closesAt: Date | null;
  timeLimitSeconds: number | null;
  attemptsAllowed: number;
  grading: (typeof GRADINGS)[number];
  passPercent: number | null;
  shuffleQuestions: boolean;
  shuffleAnswers: boolean;
  reviewMarks: (typeof REVIEW_WHENS)[number];
  reviewFeedback: (typeof REVIEW_WHENS)[number];
  reviewCorrect: (typeof REVIEW_WHENS)[number];
};

/** The quiz's settings: name, introduction, times, limits, grading, pass mark, shuffling, review. */
export function QuizSettingsForm({ locale, quiz, action }: { locale: Locale; quiz: SettingsValues; action: Action }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const f = useFormValues(state, quiz);
  return (
    <form action={formAction} className="mt-3 space-y-4" aria-label={t("quizSetup.settings")} noValidate key={f.key}>
      <input type="hidden" name="quizId" value={quiz.quizId} />
      <Field id="quiz-title" name="title" label={t("quizSetup.title")} defaultValue={f.value("title", quiz.title)} errors={f.errors("title")} maxLength={200} />
      <RichTextEditor name="intro" label={t("quizSetup.intro")} initialHtml={f.value("intro", quiz.intro)} errors={f.errors("intro")} t={t} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="quiz-opens" name="opensAt" type="datetime-local" label={t("quizSetup.opensAt")} hint={t("quizSetup.timesHint")} defaultValue={f.value("opensAt", vnInputValue(quiz.opensAt))} errors={f.errors("opensAt")} />
        <Field id="quiz-closes" name="closesAt" type="datetime-local" label={t("quizSetup.closesAt")} hint={t("quizSetup.timesHint")} defaultValue={f.value("closesAt", vnInputValue(quiz.closesAt))} errors={f.errors("closesAt")} />
        <Field
          id="quiz-time-limit"
          name="timeLimit"
          inputMode="numeric"
          label={t("quizSetup.timeLimit")}
          hint={t("quizSetup.timeLimitHint")}
          defaultValue={f.value("timeLimit", quiz.timeLimitSeconds === null ? "" : String(Math.round(quiz.timeLimitSeconds / 60)))}
          errors={f.errors("timeLimit")}
        />
        <Field id="quiz-attempts" name="attemptsAllowed" inputMode="numeric" label={t("quizSetup.attemptsAllowed")} hint={t("quizSetup.attemptsHint")} defaultValue={f.value("attemptsAllowed", quiz.attemptsAllowed)} errors={f.errors("attemptsAllowed")} />
        <Field id="quiz-grading" name="grading" label={t("quizSetup.grading")} errors={f.errors("grading")}>
          <select id="quiz-grading" name="grading" defaultValue={f.value("grading", quiz.grading)} className={control}>
            {GRADINGS.map((g) => (
              <option key={g} value={g}>
                {t(`quizSetup.grading.${g}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="quiz-pass" name="passPercent" inputMode="decimal" label={t("quizSetup.passPercent")} hint={t("quizSetup.passHint")} defaultValue={f.value("passPercent", decimalText(quiz.passPercent, locale))} errors={f.errors("passPercent")} />
      </div>
      <div className="space-y-2">
        {(["shuffleQuestions", "shuffleAnswers"] as const).map((name) => (
          <label key={name} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={name} defaultChecked={f.checked(name, quiz[name])} className="h-4 w-4" />
            {t(`quizSetup.${name}`)}
          </label>
        ))}
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-800">{t("quizSetup.review")}</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          {REVIEW_FIELDS.map((name) => (
            <Field key={name} id={`quiz-${name}`} name={name} label={t(`quizSetup.${name}`)} errors={f.errors(name)}>
              <select id={`quiz-${name}`} name={name} defaultValue={f.value(name, quiz[name])} className={control}>
                {REVIEW_WHENS.map((w) => (
                  <option key={w} value={w}>
                    {t(`quizSetup.review.${w}`)}
                  </option>
                ))}
              </select>
            </Field>
          ))}
        </div>
      </fieldset>
      <FieldErrors id="quiz-settings-error" errors={f.errors("quizId")} />
      <FormMessage state={state} />
      <SubmitButton label={t("quizSetup.saveSettings")} pendingLabel={t("form.saving")} />
    </form>
  );
}

/** One slot's mark per question. */
export function SlotMarkForm({ locale, quizId, slotId, position, mark, action }: { locale: Locale; quizId: string; slotId: string; position: number; mark: number; action: Action }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const f = useFormValues(state, mark);
  const id = `slot-${slotId.slice(0, 8)}-mark`;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" aria-label={t("quizSetup.markOf", { position })} noValidate key={f.key}>
      <input type="hidden" name="quizId" value={quizId} />
      <input type="hidden" name="slotId" value={slotId} />
      <div className="w-28">
        <Field id={id} name="mark" inputMode="decimal" label={t("quizSetup.mark")} defaultValue={f.value("mark", decimalText(mark, locale))} errors={f.errors("mark")} />
      </div>
      <button type="submit" className={small} aria-label={t("quizSetup.saveMarkOf", { position })}>
        {t("quizSetup.saveMark")}
      </button>
      {state.status === "ok" ? (
        <p role="status" className="w-full text-sm text-green-800">
          {state.message}
        </p>
      ) : state.message && !state.fieldErrors ? (
        <p role="alert" className="w-full text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

/**
 * Up / down for one slot. After a move the page reloads the list; focus comes back to the button
 * pressed (or the other one at an end) and the new position is announced.
 */
export function SlotMoveButtons({ locale, quizId, slotId, position, count, action }: { locale: Locale; quizId: string; slotId: string; position: number; count: number; action: Action }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const announce = useAnnounce();
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  const last = useRef<"up" | "down" | null>(null);
  useEffect(() => {
    if (state.status === "idle" || !last.current) return;
    if (state.message) announce(state.message);
    const preferred = last.current === "up" ? up.current : down.current;
    const other = last.current === "up" ? down.current : up.current;
    (preferred && !preferred.disabled ? preferred : other)?.focus();
  }, [state, announce]);
  return (
    <form action={formAction} className="flex gap-2">
      <input type="hidden" name="quizId" value={quizId} />
      <input type="hidden" name="slotId" value={slotId} />
      <button ref={up} type="submit" name="direction" value="up" disabled={position <= 1} onClick={() => (last.current = "up")} className={small} aria-label={t("quizSetup.moveUpOf", { position })}>
        ↑ {t("quizSetup.moveUp")}
      </button>
      <button ref={down} type="submit" name="direction" value="down" disabled={position >= count} onClick={() => (last.current = "down")} className={small} aria-label={t("quizSetup.moveDownOf", { position })}>
        ↓ {t("quizSetup.moveDown")}
      </button>
    </form>
  );
}

export type PickerRow = { id: string; name: string; typeLabel: string; tags: string[]; defaultMark: number; inQuiz: boolean };

/** Tick questions found in the bank and add them, each with its own default mark or the one typed. */
export function PickQuestionsForm({ locale, quizId, questions, action }: { locale: Locale; quizId: string; questions: PickerRow[]; action: Action }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const f = useFormValues(state, questions.map((q) => q.id));
  const ticked = f.list("questionIds");
  return (
    <form action={formAction} className="mt-3 space-y-3" aria-label={t("quizSetup.pickerList")} noValidate key={f.key}>
      <input type="hidden" name="quizId" value={quizId} />
      <fieldset aria-describedby={f.errors("questionIds") ? "pick-error" : undefined}>
        <legend className="sr-only">{t("quizSetup.pickerList")}</legend>
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {questions.map((q) => (
            <li key={q.id} className="p-2">
              <label className="flex items-start gap-2">
                <input type="checkbox" name="questionIds" value={q.id} disabled={q.inQuiz} defaultChecked={ticked.includes(q.id)} className="mt-1 h-4 w-4 shrink-0" />
                <span className="[overflow-wrap:anywhere]">
                  <span className="font-semibold">{q.name}</span>
                  <span className="ml-2 text-xs text-slate-600">
                    {q.typeLabel} · {t("quizSetup.defaultMark", { mark: decimalText(q.defaultMark, locale) })}
                    {q.tags.length > 0 ? ` · ${q.tags.join(", ")}` : ""}
                    {q.inQuiz ? ` · ${t("quizSetup.inQuiz")}` : ""}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <FieldErrors id="pick-error" errors={f.errors("questionIds")} />
      <div className="max-w-xs">
        <Field id="pick-mark" name="mark" inputMode="decimal" label={t("quizSetup.markOptional")} defaultValue={f.value("mark", "")} errors={f.errors("mark")} />
      </div>
      <FormMessage state={state} />
      <SubmitButton label={t("quizSetup.addSelected")} pendingLabel={t("form.saving")} />
    </form>
  );
}

/** N questions drawn from a category at each attempt. */
export function RandomSlotForm({ locale, quizId, categories, action }: { locale: Locale; quizId: string; categories: { id: string; label: string }[]; action: Action }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const f = useFormValues(state);
  return (
    <form action={formAction} className="mt-3 space-y-3" aria-label={t("quizSetup.random")} noValidate key={f.key}>
      <input type="hidden" name="quizId" value={quizId} />
      <Field id="random-category" name="categoryId" label={t("quizSetup.randomCategory")} errors={f.errors("categoryId")}>
        <select id="random-category" name="categoryId" defaultValue={f.value("categoryId", categories[0]?.id ?? "")} className={control}>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="includeSubcategories" defaultChecked={f.checked("includeSubcategories", false)} className="h-4 w-4" />
        {t("quizSetup.withSub")}
      </label>
      <div className="grid max-w-md gap-3 sm:grid-cols-2">
        <Field id="random-count" name="count" inputMode="numeric" label={t("quizSetup.randomCount")} defaultValue={f.value("count", "1")} errors={f.errors("count")} />
        <Field id="random-mark" name="mark" inputMode="decimal" label={t("quizSetup.mark")} defaultValue={f.value("mark", "1")} errors={f.errors("mark")} />
      </div>
      <FormMessage state={state} />
      <SubmitButton label={t("quizSetup.addRandom")} pendingLabel={t("form.saving")} />
    </form>
  );
}

/** A class's own opening and closing times (set or replaced). */
export function OverrideForm({ locale, quizId, classes, action }: { locale: Locale; quizId: string; classes: { id: string; code: string; title: string }[]; action: Action }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const f = useFormValues(state);
  return (
    <form action={formAction} className="mt-3 space-y-3" aria-label={t("quizSetup.overrides")} noValidate key={f.key}>
      <input type="hidden" name="quizId" value={quizId} />
      <Field id="override-class" name="classId" label={t("quizSetup.class")} errors={f.errors("classId")}>
        <select id="override-class" name="classId" defaultValue={f.value("classId", classes[0]?.id ?? "")} className={control}>
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {t("quizSetup.classOption", { code: c.code, title: c.title })}
            </option>
          ))}
        </select>
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="override-opens" name="opensAt" type="datetime-local" label={t("quizSetup.opensAt")} hint={t("quizSetup.timesHint")} defaultValue={f.value("opensAt", "")} errors={f.errors("opensAt")} />
        <Field id="override-closes" name="closesAt" type="datetime-local" label={t("quizSetup.closesAt")} hint={t("quizSetup.timesHint")} defaultValue={f.value("closesAt", "")} errors={f.errors("closesAt")} />
      </div>
      <FormMessage state={state} />
      <SubmitButton label={t("quizSetup.saveOverride")} pendingLabel={t("form.saving")} />
    </form>
  );
}
