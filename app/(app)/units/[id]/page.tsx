import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { isUnitKind } from "@/lib/units/kinds";
import type { MergePlan } from "@/lib/units/merge";
import { getUnit, mergeTargets, moveTargets, previewMerge } from "@/lib/units/queries";
import { formatVnDate } from "@/lib/i18n/format";
import { UnitBadges } from "../unit-badges";
import { MergeSection } from "./merge-section";
import { CreateUnitForm, MoveUnitForm, RenameUnitForm, UnitStatusForm } from "./unit-forms";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ mergeInto?: string | string[]; merged?: string | string[] }>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("units.title") };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function UnitPage({ params, searchParams }: Props) {
  const id = idOr404((await params).id);
  const query = await searchParams;
  const viewer = await requireViewer();
  const unit = await orNotFound(getUnit(viewer, id));
  const t = await getT();
  const locale = await getLocale();
  const kind = (k: string) => (isUnitKind(k) ? t(`unitKind.${k}`) : k);
  const merged = unit.mergedIntoId !== null;
  const justMerged = unit.children.find((c) => c.id === one(query.merged) && c.mergedIntoId === unit.id);

  const [moveOptions, mergeOptions] = merged
    ? [[], []]
    : await Promise.all([moveTargets(viewer, unit.id), mergeTargets(viewer, unit.id)]);

  // The merge's confirmation step: ?mergeInto=<target> shows what would move, checked like the merge itself.
  let preview: { plan?: MergePlan; error?: string; targetId?: string } | null = null;
  const mergeInto = one(query.mergeInto);
  if (!merged && mergeInto !== undefined && can(viewer, "unit:merge", unit.id)) {
    const targetId = z.uuid().safeParse(mergeInto);
    if (!targetId.success) preview = { error: t(mergeInto === "" ? "validation.required" : "validation.invalid") };
    else {
      try {
        preview = { plan: await previewMerge(viewer, { id: unit.id, targetId: targetId.data }), targetId: targetId.data };
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        preview = { error: t(e.messageKey, e.params), targetId: targetId.data };
      }
    }
  }

  return (
    <div className="space-y-6">
      <Link href="/units" className="text-sm text-brand-700 underline">
        ← {t("units.back")}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold">{unit.name}</h1>
        {merged ? (
          <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="merged-notice">
            {t("units.mergedNotice", {
              target: unit.mergedInto?.name ?? "",
              date: unit.mergedAt ? formatVnDate(unit.mergedAt, locale) : "",
            })}
          </p>
        ) : null}
        {justMerged ? (
          <p role="status" className="mt-3 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
            {t("units.mergedRecently", { source: justMerged.name, target: unit.name })}
          </p>
        ) : null}
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">{t("units.code")}</dt>
          <dd className="font-mono">{unit.code}</dd>
          <dt className="text-slate-600">{t("units.kind")}</dt>
          <dd>{kind(unit.kind)}</dd>
          {unit.parent ? (
            <>
              <dt className="text-slate-600">{t("units.parent")}</dt>
              <dd>
                <Link href={`/units/${unit.parent.id}`} className="text-brand-700 underline">
                  {unit.parent.name}
                </Link>
              </dd>
            </>
          ) : null}
          <dt className="text-slate-600">{t("units.status")}</dt>
          <dd data-testid="unit-status">
            {merged ? (
              <>
                {t("units.statusMerged")}
                {unit.mergedInto ? (
                  <>
                    {" · "}
                    <Link href={`/units/${unit.mergedInto.id}`} className="text-brand-700 underline">
                      {t("units.mergedInto", { target: unit.mergedInto.name })}
                    </Link>
                  </>
                ) : null}
              </>
            ) : unit.active ? (
              t("units.active")
            ) : (
              t("units.inactive")
            )}
          </dd>
        </dl>
      </div>

      <Section id="children" title={t("units.children")}>
        {unit.children.length === 0 ? (
          <p className="text-slate-600">{t("units.noChildren")}</p>
        ) : (
          <ul className="mt-2 space-y-1">
            {unit.children.map((c) => (
              <li key={c.id} className={c.active ? "" : "text-slate-600"}>
                <Link href={`/units/${c.id}`} className="text-brand-700 underline">
                  {c.name}
                </Link>{" "}
                <span className="text-sm text-slate-600">· {kind(c.kind)}</span>{" "}
                <UnitBadges t={t} active={c.active} mergedInto={c.mergedIntoId ? unit.name : null} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="members" title={`${t("units.members")} (${unit.members.length})`}>
        {can(viewer, "person:read", unit.id) ? (
          <Link href={`/people?unitId=${unit.id}`} className="text-sm font-semibold text-brand-700 underline">
            {t("units.searchMembers")}
          </Link>
        ) : null}
        {unit.members.length === 0 ? (
          <p className="text-slate-600">{t("units.noMembers")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {unit.members.map((m) => (
              <li key={m.id} className="py-1.5">
                <Link href={`/people/${m.id}`} className="text-brand-700 underline">
                  {m.fullName}
                </Link>
                <span className="text-sm text-slate-600">
                  {m.position ? ` · ${m.position}` : ""}
                  {m.active ? "" : ` · ${t("people.inactive")}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {merged ? null : (
        <div className="grid gap-6 md:grid-cols-2">
          {can(viewer, "unit:update", unit.id) ? (
            <div className="rounded-lg border border-slate-200 bg-white p-5">
              <RenameUnitForm locale={locale} id={unit.id} name={unit.name} />
            </div>
          ) : null}
          {unit.active && can(viewer, "unit:create", unit.id) ? (
            <div className="rounded-lg border border-slate-200 bg-white p-5">
              <CreateUnitForm locale={locale} parentId={unit.id} />
            </div>
          ) : null}
          {moveOptions.length > 0 ? (
            <div className="rounded-lg border border-slate-200 bg-white p-5">
              <MoveUnitForm locale={locale} id={unit.id} targets={moveOptions} />
            </div>
          ) : null}
          {can(viewer, "unit:deactivate", unit.id) ? (
            <div className="rounded-lg border border-slate-200 bg-white p-5">
              <UnitStatusForm locale={locale} id={unit.id} active={unit.active} />
            </div>
          ) : null}
        </div>
      )}

      {!merged && mergeOptions.length > 0 ? (
        <MergeSection locale={locale} t={t} unitId={unit.id} unitName={unit.name} targets={mergeOptions} preview={preview} />
      ) : null}
    </div>
  );
}
