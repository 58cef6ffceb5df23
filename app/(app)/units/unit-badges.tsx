import type { Translate } from "@/lib/i18n/messages";

/** Small labels that make merged and inactive units stand out in lists and the tree. */
export function UnitBadges({ t, active, mergedInto }: { t: Translate; active: boolean; mergedInto: string | null }) {
  if (mergedInto !== null) {
    return (
      <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900" data-testid="badge-merged">
        {t("units.mergedInto", { target: mergedInto })}
      </span>
    );
  }
  if (!active) {
    return (
      <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800" data-testid="badge-inactive">
        {t("units.inactive")}
      </span>
    );
  }
  return null;
}
