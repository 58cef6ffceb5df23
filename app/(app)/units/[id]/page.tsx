import type { Metadata } from "next";
import Link from "next/link";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { isUnitKind } from "@/lib/units/kinds";
import { getUnit } from "@/lib/units/queries";
import { CreateUnitForm, RenameUnitForm } from "./unit-forms";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("units.title") };
}

export default async function UnitPage({ params }: Props) {
  const id = idOr404((await params).id);
  const viewer = await requireViewer();
  const unit = await orNotFound(getUnit(viewer, id));
  const t = await getT();
  const locale = await getLocale();
  const kind = (k: string) => (isUnitKind(k) ? t(`unitKind.${k}`) : k);

  return (
    <div className="space-y-6">
      <Link href="/units" className="text-sm text-brand-700 underline">
        ← {t("units.back")}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold">{unit.name}</h1>
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
          <dd>{unit.active ? t("units.active") : t("units.inactive")}</dd>
        </dl>
      </div>

      <Section id="children" title={t("units.children")}>
        {unit.children.length === 0 ? (
          <p className="text-slate-600">{t("units.noChildren")}</p>
        ) : (
          <ul className="mt-2 space-y-1">
            {unit.children.map((c) => (
              <li key={c.id}>
                <Link href={`/units/${c.id}`} className="text-brand-700 underline">
                  {c.name}
                </Link>{" "}
                <span className="text-sm text-slate-600">· {kind(c.kind)}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="members" title={`${t("units.members")} (${unit.members.length})`}>
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

      <div className="grid gap-6 md:grid-cols-2">
        {can(viewer, "unit:update", unit.id) ? (
          <div className="rounded-lg border border-slate-200 bg-white p-5">
            <RenameUnitForm locale={locale} id={unit.id} name={unit.name} />
          </div>
        ) : null}
        {can(viewer, "unit:create", unit.id) ? (
          <div className="rounded-lg border border-slate-200 bg-white p-5">
            <CreateUnitForm locale={locale} parentId={unit.id} />
          </div>
        ) : null}
      </div>
    </div>
  );
}
