import Link from "next/link";
import type { Translate } from "@/lib/i18n/messages";

/** Previous / page x of y / next, for a list whose URL is built by `href(page)`. */
export function Pager({ page, pageCount, href, t }: { page: number; pageCount: number; href: (page: number) => string; t: Translate }) {
  if (pageCount <= 1 && page <= 1) return null;
  const pages = Math.max(pageCount, 1);
  return (
    <nav aria-label={t("courses.pagination")} className="mt-3 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3 text-sm">
      {page > 1 ? (
        <Link href={href(Math.min(page - 1, pages))} rel="prev" className="font-semibold text-brand-700 underline">
          ← {t("courses.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-700">{t("courses.pageOf", { page, pages })}</span>
      {page < pageCount ? (
        <Link href={href(page + 1)} rel="next" className="font-semibold text-brand-700 underline">
          {t("courses.next")} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
