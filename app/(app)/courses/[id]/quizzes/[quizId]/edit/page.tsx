import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfirmAction } from "@/components/confirm-action";
import { Pager } from "@/components/courses/pager";
import { OverrideForm, PickQuestionsForm, QuizSettingsForm, RandomSlotForm, SlotMarkForm, SlotMoveButtons } from "@/components/quizzes/setup-forms";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { formatVnDateTime } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { decimalText } from "@/lib/quizzes/setup/display";
import { questionPicker, quizForEdit, type SetupSlot } from "@/lib/quizzes/setup/queries";
import { parsePickerQuery, type PickerFilter } from "@/lib/quizzes/setup/schemas";
import {
  addQuestionsAction,
  addRandomAction,
  moveSlotAction,
  overrideAction,
  removeOverrideAction,
  removeSlotAction,
  settingsAction,
  slotMarkAction,
} from "./actions";

type Props = {
  params: Promise<{ id: string; quizId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("quizSetup.editQuiz") };
}

const input = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900";
const label = "block text-sm font-semibold text-slate-800";

export default async function QuizEditPage({ params, searchParams }: Props) {
  const { id: rawId, quizId: rawQuizId } = await params;
  const id = idOr404(rawId);
  const quizId = idOr404(rawQuizId);
  const viewer = await requireViewer();
  const quiz = await orNotFound(quizForEdit(viewer, quizId));
  if (quiz.course.id !== id) notFound();
  const picker = await orNotFound(questionPicker(viewer, quizId, parsePickerQuery(await searchParams)));
  const t = await getT();
  const locale = await getLocale();
  const base = `/courses/${id}/quizzes/${quizId}`;
  const when = (at: Date | null) => (at ? formatVnDateTime(at, locale) : t("quizSetup.noTime"));
  const slotName = (s: SetupSlot) =>
    s.question ? s.question.name : t("quizSetup.slotRandom", { count: s.random!.count, category: s.random!.path });
  const pageHref = (f: PickerFilter) => (page: number) => {
    const q = new URLSearchParams();
    if (picker.bank) q.set("bank", picker.bank.id);
    if (f.category) q.set("category", f.category);
    if (f.sub) q.set("sub", "1");
    if (f.tag) q.set("tag", f.tag);
    if (f.q) q.set("q", f.q);
    if (page > 1) q.set("page", String(page));
    return `${base}/edit?${q.toString()}#picker`;
  };

  return (
    <div className="space-y-6">
      <Link href={`/courses/${id}/content`} className="text-sm text-brand-700 underline">
        ← {t("quizSetup.backToContent")}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{t("quizSetup.editTitle", { title: quiz.title })}</h1>
        <p className="mt-1 text-slate-700 [overflow-wrap:anywhere]">{t("quizSetup.editIntro", { course: quiz.course.title })}</p>
      </div>
      <nav aria-label={t("quizSetup.staffLinks")} className="flex flex-wrap gap-4">
        <Link href={base} className="font-semibold text-brand-700 underline">
          {t("quizSetup.landing")}
        </Link>
        <Link href={`${base}/results`} className="font-semibold text-brand-700 underline">
          {t("quizSetup.results")}
        </Link>
      </nav>
      {quiz.attemptCount > 0 ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("quizSetup.hasAttempts", { count: quiz.attemptCount })}</p>
      ) : null}

      <Section id="settings" title={t("quizSetup.settings")}>
        <QuizSettingsForm
          locale={locale}
          action={settingsAction}
          quiz={{
            quizId,
            title: quiz.title,
            intro: quiz.intro,
            opensAt: quiz.opensAt,
            closesAt: quiz.closesAt,
            timeLimitSeconds: quiz.timeLimitSeconds,
            attemptsAllowed: quiz.attemptsAllowed,
            grading: quiz.grading,
            passPercent: quiz.passPercent,
            shuffleQuestions: quiz.shuffleQuestions,
            shuffleAnswers: quiz.shuffleAnswers,
            reviewMarks: quiz.reviewMarks,
            reviewFeedback: quiz.reviewFeedback,
            reviewCorrect: quiz.reviewCorrect,
          }}
        />
      </Section>

      <Section id="questions" title={t("quizSetup.questions")}>
        <p className="mt-2 font-semibold text-slate-800" role="status">
          {t("quizSetup.totals", { count: quiz.questionCount, marks: decimalText(quiz.totalMarks, locale) })}
        </p>
        {quiz.slots.length === 0 ? <p className="mt-2 text-sm text-slate-700">{t("quizSetup.noSlots")}</p> : null}
        <ol className="mt-3 space-y-3" aria-label={t("quizSetup.questions")}>
          {quiz.slots.map((s) => (
            <li key={s.id} className="rounded-md border border-slate-200 p-3">
              <p className="[overflow-wrap:anywhere]">
                <span className="font-semibold">
                  {s.position}. {slotName(s)}
                </span>
              </p>
              <p className="text-xs text-slate-600">
                {s.question
                  ? [t(`quizSetup.type.${s.question.type}`), t("quizSetup.slotBank", { bank: s.question.bankName }), s.question.archived ? t("quizSetup.archived") : null].filter(Boolean).join(" · ")
                  : [t("quizSetup.slotBank", { bank: s.random!.bankName }), s.random!.includeSubcategories ? t("quizSetup.slotRandomSub") : null].filter(Boolean).join(" · ")}
              </p>
              <div className="mt-2 flex flex-wrap items-end gap-3">
                <SlotMarkForm locale={locale} quizId={quizId} slotId={s.id} position={s.position} mark={s.mark} action={slotMarkAction} />
                <SlotMoveButtons locale={locale} quizId={quizId} slotId={s.id} position={s.position} count={quiz.slots.length} action={moveSlotAction} />
                <ConfirmAction
                  locale={locale}
                  action={removeSlotAction}
                  fields={{ quizId, slotId: s.id }}
                  size="small"
                  label={t("quizSetup.remove")}
                  buttonLabel={t("quizSetup.removeOf", { position: s.position })}
                  question={t("quizSetup.confirmRemove", { position: s.position, name: slotName(s) })}
                />
              </div>
            </li>
          ))}
        </ol>
      </Section>

      <Section id="picker" anchor title={t("quizSetup.picker")}>
        {picker.banks.length === 0 || !picker.bank ? (
          <p className="mt-2 text-sm text-slate-700">{t("quizSetup.noBanks")}</p>
        ) : (
          <>
            <form method="get" action={`${base}/edit#picker`} role="search" aria-label={t("quizSetup.pickerSearch")} className="mt-3 grid gap-3 sm:grid-cols-2">
              <div className="space-y-1">
                <label htmlFor="picker-bank" className={label}>
                  {t("quizSetup.pickerBank")}
                </label>
                <select id="picker-bank" name="bank" defaultValue={picker.bank.id} className={input}>
                  {picker.banks.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="space-y-1">
                <label htmlFor="picker-category" className={label}>
                  {t("quizSetup.pickerCategory")}
                </label>
                <select id="picker-category" name="category" defaultValue={picker.filter.category ?? ""} className={input}>
                  <option value="">{t("quizSetup.allCategories")}</option>
                  {picker.categories.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.path}
                    </option>
                  ))}
                </select>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="sub" value="1" defaultChecked={picker.filter.sub} className="h-4 w-4" />
                  {t("quizSetup.withSub")}
                </label>
              </div>
              <div className="space-y-1">
                <label htmlFor="picker-tag" className={label}>
                  {t("quizSetup.pickerTag")}
                </label>
                <select id="picker-tag" name="tag" defaultValue={picker.filter.tag} className={input}>
                  <option value="">{t("quizSetup.allTags")}</option>
                  {picker.tags.map((tag) => (
                    <option key={tag} value={tag}>
                      {tag}
                    </option>
                  ))}
                </select>
              </div>
              <div className="space-y-1">
                <label htmlFor="picker-q" className={label}>
                  {t("quizSetup.pickerQ")}
                </label>
                <input id="picker-q" name="q" type="search" defaultValue={picker.filter.q} maxLength={100} className={input} />
              </div>
              <div>
                <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
                  {t("quizSetup.filter")}
                </button>
              </div>
            </form>
            <p className="mt-3 text-sm text-slate-700" role="status">
              {t("quizSetup.pickerCount", { total: picker.total })}
            </p>
            {picker.questions.length === 0 ? (
              <p className="mt-2 text-sm text-slate-700">{t("quizSetup.pickerEmpty")}</p>
            ) : (
              <PickQuestionsForm
                locale={locale}
                quizId={quizId}
                action={addQuestionsAction}
                questions={picker.questions.map((q) => ({ id: q.id, name: q.name, typeLabel: t(`quizSetup.type.${q.type}`), tags: q.tags, defaultMark: q.defaultMark, inQuiz: q.inQuiz }))}
              />
            )}
            <Pager page={picker.filter.page} pageCount={Math.ceil(picker.total / picker.pageSize)} href={pageHref(picker.filter)} t={t} />
          </>
        )}
      </Section>

      {picker.bank && picker.categories.length > 0 ? (
        <Section id="random" title={t("quizSetup.random")}>
          <p className="mt-2 text-sm text-slate-700">{t("quizSetup.randomIntro")}</p>
          <RandomSlotForm
            locale={locale}
            quizId={quizId}
            action={addRandomAction}
            categories={picker.categories.map((c) => ({ id: c.id, label: t("quizSetup.categoryOption", { path: c.path, count: c.count, withSub: c.countWithSub }) }))}
          />
        </Section>
      ) : null}

      <Section id="overrides" title={t("quizSetup.overrides")}>
        <p className="mt-2 text-sm text-slate-700">{t("quizSetup.overridesIntro")}</p>
        {quiz.classes.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t("quizSetup.noClasses")}</p>
        ) : (
          <>
            {quiz.overrides.length === 0 ? <p className="mt-2 text-sm text-slate-700">{t("quizSetup.noOverrides")}</p> : null}
            <ul className="mt-3 space-y-2">
              {quiz.overrides.map((o) => (
                <li key={o.classId} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-2">
                  <span className="[overflow-wrap:anywhere]">
                    <span className="font-semibold">{t("quizSetup.classOption", { code: o.code, title: o.title })}</span>
                    <span className="block text-sm text-slate-700">{t("quizSetup.overrideTimes", { opens: when(o.opensAt), closes: when(o.closesAt) })}</span>
                  </span>
                  <ConfirmAction
                    locale={locale}
                    action={removeOverrideAction}
                    fields={{ quizId, classId: o.classId }}
                    size="small"
                    label={t("quizSetup.removeOverride")}
                    buttonLabel={t("quizSetup.removeOverrideOf", { code: o.code })}
                    question={t("quizSetup.confirmRemoveOverride", { code: o.code })}
                  />
                </li>
              ))}
            </ul>
            <OverrideForm locale={locale} quizId={quizId} classes={quiz.classes} action={overrideAction} />
          </>
        )}
      </Section>
    </div>
  );
}
