import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/lib/auth/session";
import type { Translate } from "@/lib/i18n/messages";
import { getT } from "@/lib/i18n/server";
import { isUnitKind } from "@/lib/units/kinds";
import { unitTreePage, type UnitRow } from "@/lib/units/queries";
import { buildTree, type TreeNode } from "@/lib/units/tree";
import { UnitBadges } from "./unit-badges";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("units.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UnitsPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  const t = await getT();
  const raw = (await searchParams).q;
  const q = (typeof raw === "string" ? raw : "").trim().slice(0, 100);
  const page = await unitTreePage(viewer, q);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("units.title")}</h1>
      <p className="text-slate-700">{t("units.intro")}</p>
      {page.mode !== "full" ? (
        <form method="get" action="/units" role="search" aria-label={t("units.search")} className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1 space-y-1">
            <label htmlFor="units-q" className="block text-sm font-semibold text-slate-800">
              {t("units.search")}
            </label>
            <input
              id="units-q"
              name="q"
              type="search"
              defaultValue={q}
              maxLength={100}
              placeholder={t("units.searchPlaceholder")}
              className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900"
            />
          </div>
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            {t("units.searchSubmit")}
          </button>
        </form>
      ) : null}
      {page.mode === "top" ? <p className="text-sm text-slate-700">{t("units.topLevelsOnly", { total: page.total })}</p> : null}
      {page.mode === "search" ? (
        <p className="text-sm text-slate-700" role="status">
          {t("units.searchResults", { count: page.total })}
          {page.total > page.rows.length ? ` ${t("units.searchFirst", { shown: page.rows.length })}` : ""}{" "}
          <Link href="/units" className="font-semibold text-brand-700 underline">
            {t("units.backToTree")}
          </Link>
        </p>
      ) : null}
      {page.rows.length === 0 ? (
        <p>{page.mode === "search" ? t("units.noMatch") : t("units.empty")}</p>
      ) : page.mode === "search" ? (
        <ul className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          {page.rows.map((u) => (
            <li key={u.id}>
              <UnitLine unit={u} t={t} />
              {page.paths.get(u.id)?.length ? <div className="text-sm text-slate-600">{page.paths.get(u.id)!.join(" › ")}</div> : null}
            </li>
          ))}
        </ul>
      ) : (
        <nav aria-label={t("units.treeLabel")} className="rounded-lg border border-slate-200 bg-white p-4">
          <UnitList nodes={buildTree(page.rows)} hiddenBelow={page.hiddenBelow} t={t} />
        </nav>
      )}
    </div>
  );
}

function UnitLine({ unit: u, t }: { unit: UnitRow; t: Translate }) {
  return (
    <>
      <Link
        href={`/units/${u.id}`}
        className={`font-semibold underline-offset-2 hover:underline ${u.active ? "text-brand-700" : "text-slate-600"}`}
      >
        {u.name}
      </Link>{" "}
      <span className="text-sm text-slate-600">
        · {isUnitKind(u.kind) ? t(`unitKind.${u.kind}`) : u.kind}
        {u.mergedInto ? "" : ` · ${t("units.memberCount", { count: u.memberCount })}`}
      </span>{" "}
      <UnitBadges t={t} active={u.active} mergedInto={u.mergedInto?.name ?? null} />
    </>
  );
}

function UnitList({ nodes, hiddenBelow, t }: { nodes: TreeNode<UnitRow>[]; hiddenBelow: ReadonlyMap<string, number>; t: Translate }) {
  return (
    <ul className="space-y-1 [&_ul]:ml-5 [&_ul]:mt-1 [&_ul]:border-l [&_ul]:border-slate-200 [&_ul]:pl-3">
      {nodes.map((u) => (
        <li key={u.id}>
          <UnitLine unit={u} t={t} />
          {hiddenBelow.get(u.id) ? (
            <Link href={`/units/${u.id}#children`} className="ml-1 text-sm text-brand-700 underline">
              {t("units.hiddenBelow", { count: hiddenBelow.get(u.id)! })}
            </Link>
          ) : null}
          {u.children.length > 0 ? <UnitList nodes={u.children} hiddenBelow={hiddenBelow} t={t} /> : null}
        </li>
      ))}
    </ul>
  );
}
