import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/lib/auth/session";
import type { Translate } from "@/lib/i18n/messages";
import { getT } from "@/lib/i18n/server";
import { isUnitKind } from "@/lib/units/kinds";
import { listUnits, type UnitRow } from "@/lib/units/queries";
import { buildTree, type TreeNode } from "@/lib/units/tree";
import { UnitBadges } from "./unit-badges";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("units.title") };
}

export default async function UnitsPage() {
  const viewer = await requireViewer();
  const t = await getT();
  const tree = buildTree(await listUnits(viewer));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("units.title")}</h1>
      <p className="text-slate-700">{t("units.intro")}</p>
      {tree.length === 0 ? (
        <p>{t("units.empty")}</p>
      ) : (
        <nav aria-label={t("units.treeLabel")} className="rounded-lg border border-slate-200 bg-white p-4">
          <UnitList nodes={tree} t={t} />
        </nav>
      )}
    </div>
  );
}

function UnitList({ nodes, t }: { nodes: TreeNode<UnitRow>[]; t: Translate }) {
  return (
    <ul className="space-y-1 [&_ul]:ml-5 [&_ul]:mt-1 [&_ul]:border-l [&_ul]:border-slate-200 [&_ul]:pl-3">
      {nodes.map((u) => (
        <li key={u.id}>
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
          {u.children.length > 0 ? <UnitList nodes={u.children} t={t} /> : null}
        </li>
      ))}
    </ul>
  );
}
