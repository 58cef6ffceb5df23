import type { Translate } from "@/lib/i18n/messages";
import { formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/messages";
import type { Shown } from "@/lib/quizzes/results/show";

/** Lines of a response or an answer (sanitised HTML from lib/quizzes/render.ts, or a message key), as a list. */
export function ShownLines({ lines, t, locale, empty }: { lines: Shown; t: Translate; locale: Locale; empty: string }) {
  if (lines.length === 0) return <p className="text-slate-600">{empty}</p>;
  return (
    <ul className="list-disc space-y-1 pl-5">
      {lines.map((line, i) =>
        "key" in line ? (
          <li key={i}>{t(line.key)}</li>
        ) : (
          <li key={i} className="[overflow-wrap:anywhere]">
            <span dangerouslySetInnerHTML={{ __html: line.html }} />
            {line.percent !== undefined && line.percent !== 100 ? <span className="ml-2 text-xs text-slate-600">({formatNumber(line.percent, locale)} %)</span> : null}
          </li>
        ),
      )}
    </ul>
  );
}
