import type { Translate } from "@/lib/i18n/messages";
import type { QuestionDraft } from "@/lib/quizzes/question-types";
import { renderRich, renderText } from "@/lib/quizzes/render";

const html = (markup: string) => ({ __html: markup });

/**
 * A question as a learner sees it in an attempt, rendered on the server through lib/quizzes/render.ts:
 * the text, the choices in their saved order, inputs to answer with (inert here). Nothing says which
 * answer is right: no grade, no feedback, matching choices in alphabetical order.
 */
export function QuestionPreview({ draft, t }: { draft: QuestionDraft; t: Translate }) {
  return (
    <div className="space-y-3" data-testid="question-preview">
      <div className="prose max-w-none [overflow-wrap:anywhere]" dangerouslySetInnerHTML={html(renderText(draft.text, draft.format))} />
      <Answer draft={draft} t={t} />
    </div>
  );
}

function Answer({ draft, t }: { draft: QuestionDraft; t: Translate }) {
  switch (draft.type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE":
      return (
        <fieldset className="space-y-1">
          <legend className="sr-only">{t("questionEditor.preview.answer")}</legend>
          {draft.data.options.map((o) => (
            <label key={o.id} className="flex items-start gap-2">
              <input type={draft.type === "SINGLE_CHOICE" ? "radio" : "checkbox"} name="preview-choice" disabled className="mt-1 h-4 w-4 shrink-0" />
              <span className="[overflow-wrap:anywhere]" dangerouslySetInnerHTML={html(renderRich(o.text))} />
            </label>
          ))}
        </fieldset>
      );
    case "TRUE_FALSE":
      return (
        <fieldset className="space-y-1">
          <legend className="sr-only">{t("questionEditor.preview.answer")}</legend>
          {(["true", "false"] as const).map((a) => (
            <label key={a} className="flex items-center gap-2">
              <input type="radio" name="preview-tf" disabled className="h-4 w-4" />
              {t(`questionEditor.trueFalse.${a}`)}
            </label>
          ))}
        </fieldset>
      );
    case "SHORT_ANSWER":
    case "NUMERICAL":
      return (
        <label className="block max-w-sm space-y-1">
          <span className="text-sm font-semibold">{t("questionEditor.preview.answer")}</span>
          <input disabled inputMode={draft.type === "NUMERICAL" ? "decimal" : undefined} className="block w-full rounded-md border border-slate-400 bg-slate-50 px-3 py-2" />
        </label>
      );
    case "MATCHING": {
      const choices = [...new Set(draft.data.pairs.map((p) => p.right))].sort((a, b) => a.localeCompare(b, "vi"));
      return (
        <ul className="space-y-2">
          {draft.data.pairs
            .filter((p) => p.left.text.trim())
            .map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-2">
                <span className="[overflow-wrap:anywhere]" id={`preview-${p.id}`} dangerouslySetInnerHTML={html(renderRich(p.left))} />
                <select disabled aria-labelledby={`preview-${p.id}`} className="rounded-md border border-slate-400 bg-slate-50 px-2 py-1">
                  <option>{t("questionEditor.preview.choose")}</option>
                  {choices.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </li>
            ))}
        </ul>
      );
    }
    case "ESSAY":
      return (
        <label className="block space-y-1">
          <span className="text-sm font-semibold">{t("questionEditor.preview.answer")}</span>
          <textarea disabled rows={5} defaultValue={draft.data.responseTemplate ?? ""} className="block w-full rounded-md border border-slate-400 bg-slate-50 px-3 py-2" />
        </label>
      );
    case "DESCRIPTION":
      return <p className="text-sm text-slate-600">{t("questionEditor.preview.noAnswer")}</p>;
  }
}
