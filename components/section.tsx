import type { ReactNode } from "react";

/**
 * A titled card; the heading names the region for screen readers. With `anchor` the section itself
 * carries `id`, so a link or a form can point at it (`#id`).
 */
export function Section({ id, title, anchor, children }: { id: string; title: string; anchor?: boolean; children: ReactNode }) {
  return (
    <section id={anchor ? id : undefined} aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
