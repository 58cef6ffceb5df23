import type { Metadata } from "next";
import Link from "next/link";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { grantOptions, listGrants } from "@/lib/roles/queries";
import { formatVnDate } from "@/lib/i18n/format";
import { UnitBadges } from "../../../units/unit-badges";
import { GrantRoleForm, RevokeGrantForm } from "./role-forms";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("roles.title") };
}

export default async function PersonRolesPage({ params }: Props) {
  const id = idOr404((await params).id);
  const viewer = await requireViewer();
  const { person, grants } = await orNotFound(listGrants(viewer, id));
  const options = person.active ? await grantOptions(viewer) : [];
  const t = await getT();
  const locale = await getLocale();

  return (
    <div className="space-y-6">
      <Link href={`/people/${person.id}`} className="text-sm text-brand-700 underline">
        ← {t("roles.back")}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold">{t("roles.heading", { name: person.fullName })}</h1>
        <p className="mt-1 text-sm text-slate-700">
          {person.email} · {t("roles.personUnit", { unit: person.unit.name })}
          {person.active ? "" : ` · ${t("people.inactive")}`}
        </p>
      </div>

      <Section id="grants" title={t("roles.current")}>
        {grants.length === 0 ? (
          <p className="mt-2 text-slate-600">{t("roles.none")}</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="grants">
              <thead>
                <tr className="border-b border-slate-200 text-slate-600">
                  <th scope="col" className="py-2 pr-3">{t("roles.role")}</th>
                  <th scope="col" className="py-2 pr-3">{t("roles.unit")}</th>
                  <th scope="col" className="py-2 pr-3">{t("roles.grantedAt")}</th>
                  <th scope="col" className="py-2">{t("roles.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {grants.map((g) => {
                  const unitName = g.unit?.name ?? t("roles.unitOutOfScope");
                  return (
                    <tr key={g.id} className="border-b border-slate-100 align-top">
                      <td className="py-2 pr-3 font-semibold">{t(`role.${g.role}`)}</td>
                      <td className="py-2 pr-3">
                        {g.unit ? (
                          <>
                            <Link href={`/units/${g.unit.id}`} className="text-brand-700 underline">
                              {g.unit.name}
                            </Link>{" "}
                            <UnitBadges t={t} active={g.unit.active} mergedInto={null} />
                          </>
                        ) : (
                          <span className="text-slate-600">{unitName}</span>
                        )}
                      </td>
                      <td className="py-2 pr-3">{formatVnDate(g.createdAt, locale)}</td>
                      <td className="py-2">
                        {g.canRevoke ? (
                          <RevokeGrantForm
                            locale={locale}
                            grantId={g.id}
                            label={t("roles.revokeLabel", { role: t(`role.${g.role}`), unit: unitName })}
                            question={t("roles.confirmRevoke", { role: t(`role.${g.role}`), unit: unitName })}
                          />
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <div className="rounded-lg border border-slate-200 bg-white p-5">
        {!person.active ? (
          <p className="text-slate-700">{t("roles.personInactiveNotice")}</p>
        ) : options.length === 0 ? (
          <p className="text-slate-700">{t("roles.nothingToGrant")}</p>
        ) : (
          <GrantRoleForm locale={locale} userId={person.id} options={options} />
        )}
      </div>
    </div>
  );
}
