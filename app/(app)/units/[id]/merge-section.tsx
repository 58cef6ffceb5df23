import { Section } from "@/components/section";
import type { Locale, Translate } from "@/lib/i18n/messages";
import type { MergePlan } from "@/lib/units/merge";
import type { UnitOption } from "@/lib/units/queries";
import { UnitSelectField } from "@/components/unit-select";
import { MergeConfirmForm } from "./unit-forms";

type Props = {
  locale: Locale;
  t: Translate;
  unitId: string;
  unitName: string;
  targets: UnitOption[];
  preview: { plan?: MergePlan; error?: string; targetId?: string } | null;
};

/**
 * Merging is two steps. Step 1 is a plain GET form (works without JavaScript): choosing the
 * receiving unit reloads this page with ?mergeInto=…, and the page asks previewMerge what would
 * move. Step 2 shows that summary and the confirm button (the server action re-checks everything).
 */
export function MergeSection({ locale, t, unitId, unitName, targets, preview }: Props) {
  const plan = preview?.plan;
  const errors = preview?.error ? [preview.error] : undefined;
  return (
    <Section id="merge" anchor title={t("units.merge")}>
      <p className="mt-1 text-sm text-slate-700">{t("units.mergeIntro")}</p>
      <form method="get" action={`/units/${unitId}#merge`} className="mt-3 space-y-3">
        <UnitSelectField
          id="merge-target"
          name="mergeInto"
          label={t("units.mergeTarget")}
          units={targets}
          emptyLabel={t("units.chooseUnit")}
          errors={errors}
          defaultValue={preview?.targetId ?? ""}
        />
        <button type="submit" className="rounded-md border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50">
          {t("units.mergePreview")}
        </button>
      </form>

      {plan ? (
        <section aria-labelledby="merge-confirm-heading" className="mt-5 rounded-md border border-amber-300 bg-amber-50 p-4">
          <h3 id="merge-confirm-heading" className="font-semibold">
            {t("units.mergeConfirmTitle")}
          </h3>
          <p className="mt-1 text-sm">{t("units.mergeSummary", { source: unitName, target: plan.target.name })}</p>
          <ul className="mt-2 list-inside list-disc space-y-1 text-sm" data-testid="merge-summary">
            <li>
              {t("units.mergePeople", {
                target: plan.target.name,
                count: plan.people.length,
                active: plan.people.filter((p) => p.active).length,
              })}
            </li>
            <li>
              {t("units.mergeChildren", { target: plan.target.name, count: plan.children.length })}
              {plan.children.length > 0 ? `: ${plan.children.map((c) => c.name).join(", ")}` : ""}
            </li>
            <li>
              {t("units.mergeGrants", {
                target: plan.target.name,
                count: plan.movedGrants.length,
                duplicates: plan.duplicateGrants.length,
              })}
            </li>
            <li>
              {t("units.mergeRevoked", { count: plan.revokedGrants.length })}
              {plan.revokedGrants.length > 0 ? (
                <ul className="ml-5 list-inside list-[circle]" data-testid="merge-revoked">
                  {plan.revokedGrants.map((g) => (
                    <li key={g.id}>{t("units.mergeRevokedItem", { name: g.fullName, role: t(`role.${g.role}`) })}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          </ul>
          <div className="mt-3">
            <MergeConfirmForm locale={locale} id={unitId} targetId={plan.target.id} />
          </div>
        </section>
      ) : null}
    </Section>
  );
}
