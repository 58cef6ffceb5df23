"use client";

import { ConfirmAction } from "@/components/confirm-action";
import { useActionState, useState } from "react";
import { Field, FieldErrors } from "@/components/field";
import { FormMessage, SubmitButton } from "@/components/form-status";
import { idleForm, type FormState } from "@/lib/forms/state";
import { translator, type Locale } from "@/lib/i18n/messages";
import { RichTextEditor } from "./rich-text-editor";
import { useFormValues } from "@/lib/forms/use-form-values";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;
type SectionChoice = { id: string; title: string };

const control = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-red-700";

/** A new section, appended at the end. */
export function AddSectionForm({ locale, courseId, action }: { locale: Locale; courseId: string; action: Action }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const form = useFormValues(state);
  return (
    <form action={formAction} className="mt-3 space-y-2" aria-label={t("courses.addSection")} noValidate key={form.key}>
      <input type="hidden" name="courseId" value={courseId} />
      <Field id="new-section-title" name="title" label={t("courses.sectionTitle")} errors={state.fieldErrors?.title} defaultValue={form.value("title")} maxLength={200} />
      <FormMessage state={state} />
      <SubmitButton label={t("courses.addSection")} pendingLabel={t("form.saving")} />
    </form>
  );
}

/** Rename a section, or delete it (with its lessons only when the box is ticked). */
export function SectionForms({ locale, courseId, section, lessonCount, renameAction, deleteAction }: {
  locale: Locale;
  courseId: string;
  section: SectionChoice;
  lessonCount: number;
  renameAction: Action;
  deleteAction: Action;
}) {
  const t = translator(locale);
  const [renameState, rename] = useActionState(renameAction, idleForm);
  const renameForm = useFormValues(renameState, section.title);
  const p = `section-${section.id.slice(0, 8)}`;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <form action={rename} className="space-y-2" aria-label={`${t("courses.renameSection")}: ${section.title}`} noValidate key={renameForm.key}>
        <input type="hidden" name="courseId" value={courseId} />
        <input type="hidden" name="sectionId" value={section.id} />
        <Field id={`${p}-title`} name="title" label={t("courses.sectionTitle")} defaultValue={renameForm.value("title", section.title)} errors={renameForm.errors("title")} maxLength={200} />
        <FormMessage state={renameState} />
        <SubmitButton label={t("courses.renameSection")} pendingLabel={t("form.saving")} />
      </form>
      <div className="space-y-2 self-end">
        <ConfirmAction
          locale={locale}
          action={deleteAction}
          fields={{ courseId, sectionId: section.id, ...(lessonCount > 0 ? { confirm: "on" } : {}) }}
          label={t("courses.deleteSection")}
          buttonLabel={`${t("courses.deleteSection")}: ${section.title}`}
          question={lessonCount > 0 ? t("courses.confirmDeleteSectionWithLessons", { title: section.title, count: lessonCount }) : t("courses.confirmDeleteSection", { title: section.title })}
        />
      </div>
    </div>
  );
}

/** A TEXT or LINK lesson at the end of the chosen section. */
export function AddLessonForm({ locale, courseId, sections, action }: { locale: Locale; courseId: string; sections: SectionChoice[]; action: Action }) {
  const t = translator(locale);
  const [state, formAction] = useActionState(action, idleForm);
  const [kind, setKind] = useState<"TEXT" | "LINK">("TEXT");
  // Rebuilt after each answer: afresh after a success, with what was sent after an error.
  const form = useFormValues(state);
  return (
    <form action={formAction} className="mt-3 space-y-3" aria-label={t("courses.addLesson")} noValidate key={form.key}>
      <input type="hidden" name="courseId" value={courseId} />
      <fieldset>
        <legend className="text-sm font-semibold text-slate-800">{t("courses.lessonKind")}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {(["TEXT", "LINK"] as const).map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="h-4 w-4" />
              {t(`learning.kind.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id="new-lesson-section" name="sectionId" label={t("courses.lessonSection")} errors={state.fieldErrors?.sectionId}>
        <select id="new-lesson-section" name="sectionId" defaultValue={form.value("sectionId", sections[sections.length - 1]?.id ?? "")} className={control}>
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </Field>
      <Field id="new-lesson-title" name="title" label={t("courses.lessonTitle")} errors={state.fieldErrors?.title} defaultValue={form.value("title", "")} maxLength={200} />
      {kind === "TEXT" ? (
        <RichTextEditor name="body" label={t("courses.lessonBody")} initialHtml={form.value("body", "")} errors={state.fieldErrors?.body} t={t} />
      ) : (
        <Field id="new-lesson-url" name="url" type="url" inputMode="url" label={t("courses.lessonUrl")} errors={state.fieldErrors?.url} defaultValue={form.value("url", "https://")} maxLength={2000} />
      )}
      <FormMessage state={state} />
      <SubmitButton label={t("courses.addLesson")} pendingLabel={t("form.saving")} />
    </form>
  );
}

type LessonValues = { id: string; title: string; kind: "TEXT" | "LINK" | "FILE" | "VIDEO"; body: string | null; url: string | null; sectionId: string; fileName: string | null };

/** Edit a lesson (title, section, body or address), or delete it. */
export function EditLessonForm({ locale, courseId, lesson, sections, updateAction, deleteAction }: {
  locale: Locale;
  courseId: string;
  lesson: LessonValues;
  sections: SectionChoice[];
  updateAction: Action;
  deleteAction: Action;
}) {
  const t = translator(locale);
  const [state, formAction] = useActionState(updateAction, idleForm);
  const form = useFormValues(state, lesson);
  const p = `lesson-${lesson.id.slice(0, 8)}`;
  return (
    <div className="space-y-3">
      <form action={formAction} className="space-y-3" aria-label={t("courses.editLessonNamed", { title: lesson.title })} noValidate key={form.key}>
        <input type="hidden" name="courseId" value={courseId} />
        <input type="hidden" name="lessonId" value={lesson.id} />
        <Field id={`${p}-title`} name="title" label={t("courses.lessonTitle")} defaultValue={form.value("title", lesson.title)} errors={state.fieldErrors?.title} maxLength={200} />
        <Field id={`${p}-section`} name="sectionId" label={t("courses.lessonSection")} errors={state.fieldErrors?.sectionId}>
          <select id={`${p}-section`} name="sectionId" defaultValue={form.value("sectionId", lesson.sectionId)} className={control}>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </Field>
        {lesson.kind === "TEXT" ? <RichTextEditor name="body" label={t("courses.lessonBody")} initialHtml={form.value("body", lesson.body ?? "")} errors={state.fieldErrors?.body} t={t} /> : null}
        {lesson.kind === "LINK" ? (
          <Field id={`${p}-url`} name="url" type="url" label={t("courses.lessonUrl")} defaultValue={form.value("url", lesson.url ?? "")} errors={state.fieldErrors?.url} maxLength={2000} />
        ) : null}
        {lesson.fileName ? <p className="text-sm text-slate-700">{lesson.fileName}</p> : null}
        <FieldErrors id={`${p}-form-error`} errors={state.fieldErrors?.lessonId} />
        <FormMessage state={state} />
        <SubmitButton label={t("courses.save")} pendingLabel={t("form.saving")} />
      </form>
      <ConfirmAction
        locale={locale}
        action={deleteAction}
        fields={{ courseId, lessonId: lesson.id }}
        label={t("courses.deleteLessonNamed", { title: lesson.title })}
        question={t("courses.confirmDeleteLesson", { title: lesson.title })}
      />
    </div>
  );
}
