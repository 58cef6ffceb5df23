import type { LearnerQuestionView } from "@/lib/quizzes/attempts/types";
import type { QuestionResponse } from "@/lib/quizzes/question-types";
import type { Translate } from "@/lib/i18n/messages";

/*
 * One question of an attempt: its text and the inputs of its type, for the player (answering)
 * and, read-only, for the review (every answer given shown). No hooks: the review page, a server
 * component, renders it too. The HTML comes sanitised from lib/quizzes/render.ts.
 */

export const QUESTION_PROSE =
  "max-w-none leading-relaxed text-slate-900 [overflow-wrap:anywhere] [&_p]:my-2 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 " +
  "[&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6 [&_img]:h-auto [&_img]:max-w-full [&_a]:text-brand-700 [&_a]:underline " +
  "[&_table]:block [&_table]:overflow-x-auto [&_td]:border [&_td]:border-slate-300 [&_td]:p-1 [&_strong]:font-semibold";

/** Whether a response counts as answered (the navigator, the confirm before submitting). */
export function isAnswered(response: QuestionResponse | null | undefined): boolean {
  if (!response) return false;
  if ("optionId" in response) return response.optionId.length > 0;
  if ("optionIds" in response) return response.optionIds.length > 0;
  if ("value" in response) return true;
  if ("text" in response) return response.text.trim().length > 0;
  return Object.values(response.matches).some((v) => v.length > 0);
}

/** The question's number as learners see it: descriptions are not counted. */
export function questionNumbers(questions: { position: number; type: string }[]): Map<number, number> {
  const numbers = new Map<number, number>();
  let n = 0;
  for (const q of questions) if (q.type !== "DESCRIPTION") numbers.set(q.position, ++n);
  return numbers;
}

type Props = {
  t: Translate;
  question: LearnerQuestionView;
  number: number | undefined;
  response: QuestionResponse | null;
  /** Absent: read-only (the review, a checked question). */
  onChange?: (response: QuestionResponse | null) => void;
  /** A text field left: save now. */
  onBlur?: () => void;
  /** Shown under the heading ("Chưa lưu"…). */
  status?: React.ReactNode;
  /** Shown after the inputs (the "Kiểm tra" button). */
  actions?: React.ReactNode;
  /** Marks as a formatted string ("0,5"). */
  formatMark: (n: number) => string;
};

export function QuestionCard({ t, question: q, number, response, onChange, onBlur, status, actions, formatMark }: Props) {
  const id = `q-${q.position}`;
  const textId = `${id}-text`;
  const readOnly = !onChange;
  const title = number === undefined ? t("quizPlayer.information") : t("quizPlayer.questionN", { n: number });
  return (
    <section id={id} aria-labelledby={`${id}-h`} className="scroll-mt-28 rounded-lg border border-slate-200 bg-white p-4 sm:p-5" data-testid={`question-${q.position}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={`${id}-h`} className="text-lg font-semibold">
          {title}
        </h2>
        {q.type !== "DESCRIPTION" ? <p className="text-sm text-slate-700">{t("quizPlayer.maxMark", { mark: formatMark(q.maxMark) })}</p> : null}
      </div>
      {status}
      <div id={textId} className={`mt-2 ${QUESTION_PROSE}`} dangerouslySetInnerHTML={{ __html: q.html }} />
      <div className="mt-3">
        <Inputs t={t} q={q} number={number ?? 0} response={response} onChange={onChange} onBlur={onBlur} readOnly={readOnly} textId={textId} />
      </div>
      {q.review ? <ReviewNote t={t} review={q.review} maxMark={q.maxMark} formatMark={formatMark} /> : null}
      {actions}
    </section>
  );
}

function Inputs({
  t,
  q,
  number,
  response,
  onChange,
  onBlur,
  readOnly,
  textId,
}: {
  t: Translate;
  q: LearnerQuestionView;
  number: number;
  response: QuestionResponse | null;
  onChange?: (r: QuestionResponse | null) => void;
  onBlur?: () => void;
  readOnly: boolean;
  textId: string;
}) {
  const id = `q-${q.position}`;
  const prefix = <span className="sr-only">{t("quizPlayer.questionN", { n: number })}: </span>;
  const legend = (key: "quizPlayer.chooseOne" | "quizPlayer.chooseMany" | "quizPlayer.matchEach") => (
    <legend className="mb-2 text-sm font-semibold text-slate-800">
      {prefix}
      {t(key)}
    </legend>
  );
  const optionRow = "flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-slate-200 px-3 py-2 hover:bg-slate-50 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50";
  const control = "mt-1 h-5 w-5 shrink-0 accent-brand-700";

  switch (q.type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE": {
      const many = q.type === "MULTIPLE_CHOICE";
      const chosen = new Set(response && "optionIds" in response ? response.optionIds : response && "optionId" in response ? [response.optionId] : []);
      return (
        <fieldset aria-describedby={textId}>
          {legend(many ? "quizPlayer.chooseMany" : "quizPlayer.chooseOne")}
          <div className="space-y-2">
            {(q.options ?? []).map((o) => (
              <label key={o.id} className={optionRow}>
                <input
                  type={many ? "checkbox" : "radio"}
                  name={`${id}-choice`}
                  value={o.id}
                  checked={chosen.has(o.id)}
                  disabled={readOnly}
                  // No handler at all when read-only: the review is a server component.
                  onChange={
                    onChange &&
                    ((e) => {
                      if (!many) return onChange({ optionId: o.id });
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(o.id);
                      else next.delete(o.id);
                      // In the attempt's order, as shown.
                      onChange({ optionIds: (q.options ?? []).map((x) => x.id).filter((x) => next.has(x)) });
                    })
                  }
                  className={control}
                />
                <span className={QUESTION_PROSE} dangerouslySetInnerHTML={{ __html: o.html }} />
              </label>
            ))}
          </div>
        </fieldset>
      );
    }
    case "TRUE_FALSE": {
      const value = response && "value" in response ? response.value : null;
      return (
        <fieldset aria-describedby={textId}>
          {legend("quizPlayer.chooseOne")}
          <div className="flex flex-wrap gap-2">
            {[true, false].map((v) => (
              <label key={String(v)} className={`${optionRow} min-w-32`}>
                <input
                  type="radio"
                  name={`${id}-tf`}
                  value={String(v)}
                  checked={value === v}
                  disabled={readOnly}
                  onChange={onChange && (() => onChange({ value: v }))}
                  className={control}
                />
                <span>{v ? t("quizPlayer.true") : t("quizPlayer.false")}</span>
              </label>
            ))}
          </div>
        </fieldset>
      );
    }
    case "SHORT_ANSWER":
    case "NUMERICAL":
    case "ESSAY": {
      const text = response && "text" in response ? response.text : "";
      const label = (
        <label htmlFor={`${id}-answer`} className="mb-1 block text-sm font-semibold text-slate-800">
          {prefix}
          {t(q.type === "NUMERICAL" ? "quizPlayer.numberAnswer" : "quizPlayer.yourAnswer")}
        </label>
      );
      if (readOnly) {
        return (
          <div>
            <p className="mb-1 text-sm font-semibold text-slate-800">{t("quizPlayer.yourAnswer")}</p>
            <p className="whitespace-pre-wrap rounded-md border border-slate-300 bg-slate-50 px-3 py-2 [overflow-wrap:anywhere]" data-testid={`answer-${q.position}`}>
              {text.trim() ? text : <span className="italic text-slate-700">{t("quizPlayer.noAnswer")}</span>}
            </p>
          </div>
        );
      }
      const common = {
        id: `${id}-answer`,
        value: text,
        "aria-describedby": textId,
        onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange?.({ text: e.target.value }),
        onBlur,
        className: "w-full rounded-md border border-slate-400 px-3 py-2 text-base",
      };
      return (
        <div>
          {label}
          {q.type === "ESSAY" ? (
            <textarea {...common} rows={8} maxLength={50_000} />
          ) : q.type === "NUMERICAL" ? (
            <input {...common} type="text" inputMode="decimal" autoComplete="off" maxLength={100} className={`${common.className} max-w-60`} />
          ) : (
            <input {...common} type="text" autoComplete="off" maxLength={500} />
          )}
        </div>
      );
    }
    case "MATCHING": {
      const matches = response && "matches" in response ? response.matches : {};
      return (
        <fieldset aria-describedby={textId}>
          {legend("quizPlayer.matchEach")}
          <div className="space-y-3">
            {(q.matching?.items ?? []).map((item) => (
              <div key={item.id} className="grid gap-1 sm:grid-cols-[1fr_minmax(10rem,16rem)] sm:items-center sm:gap-3">
                <label htmlFor={`${id}-m-${item.id}`} className={QUESTION_PROSE}>
                  <span dangerouslySetInnerHTML={{ __html: item.html }} />
                </label>
                <select
                  id={`${id}-m-${item.id}`}
                  value={matches[item.id] ?? ""}
                  disabled={readOnly}
                  onChange={onChange && ((e) => onChange({ matches: { ...matches, [item.id]: e.target.value } }))}
                  onBlur={onBlur}
                  className="w-full rounded-md border border-slate-400 bg-white px-2 py-2 text-base"
                >
                  <option value="">{t("quizPlayer.choose")}</option>
                  {(q.matching?.choices ?? []).map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
        </fieldset>
      );
    }
    case "DESCRIPTION":
      return null;
  }
}

const STATE_TONE = {
  correct: "bg-green-100 text-green-900",
  partial: "bg-amber-100 text-amber-900",
  wrong: "bg-red-100 text-red-900",
  unanswered: "bg-slate-100 text-slate-800",
  needsMarking: "bg-sky-100 text-sky-900",
} as const;

function ReviewNote({ t, review, maxMark, formatMark }: { t: Translate; review: NonNullable<LearnerQuestionView["review"]>; maxMark: number; formatMark: (n: number) => string }) {
  return (
    <div className="mt-4 space-y-2 border-t border-slate-200 pt-3 text-sm" data-testid="question-review">
      <p className="flex flex-wrap items-center gap-2">
        <span className={`rounded-full px-3 py-1 font-semibold ${STATE_TONE[review.state]}`}>{t(`quizPlayer.state.${review.state}`)}</span>
        {review.mark !== null ? <span>{t("quizPlayer.markOf", { mark: formatMark(review.mark), max: formatMark(maxMark) })}</span> : null}
      </p>
      {review.feedbackHtml ? (
        <div>
          <p className="font-semibold">{t("quizPlayer.feedback")}</p>
          <div className={QUESTION_PROSE} dangerouslySetInnerHTML={{ __html: review.feedbackHtml }} />
        </div>
      ) : null}
      {review.correctHtml ? (
        <div>
          <p className="font-semibold">{t("quizPlayer.correctAnswer")}</p>
          <div className={QUESTION_PROSE} dangerouslySetInnerHTML={{ __html: review.correctHtml }} />
        </div>
      ) : null}
    </div>
  );
}
