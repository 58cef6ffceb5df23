import Link from "next/link";
import { MyCourses } from "@/components/courses/my-courses";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { hasAnywhere } from "@/lib/auth/viewer";
import { listMyCourses } from "@/lib/courses/enrolment";
import { formatNumber } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { grantUnitNames, unitStats } from "@/lib/units/queries";

export default async function HomePage() {
  const viewer = await requireViewer();
  const t = await getT();
  const locale = await getLocale();
  const names = await grantUnitNames(viewer);
  const isAdmin = hasAnywhere(viewer, "unit:read");
  const stats = isAdmin ? await unitStats(viewer) : null;
  const grantsOf = (role: string) => viewer.grants.filter((g) => g.role === role);
  // Courses under way first (a learner's home is where they pick up again), at most five.
  const studying = viewer.roles.includes("LEARNER") ? (await listMyCourses(viewer)).filter((c) => c.status === "ACTIVE").slice(0, 5) : [];

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("home.greeting", { name: viewer.fullName })}</h1>
        <h2 className="mt-4 text-sm font-semibold uppercase text-slate-600">{t("home.yourRoles")}</h2>
        <ul className="mt-1 flex flex-wrap gap-2" data-testid="roles">
          {viewer.grants.map((g) => (
            <li key={`${g.role}-${g.unitId}`} className="rounded-full bg-brand-100 px-3 py-1 text-sm text-brand-800">
              {t("home.roleOn", { role: t(`role.${g.role}`), unit: names.get(g.unitId) ?? "" })}
            </li>
          ))}
        </ul>
      </div>

      {viewer.roles.includes("PROVINCE_ADMIN") || viewer.roles.includes("UNIT_ADMIN") ? (
        <Section id="admin" title={viewer.roles.includes("PROVINCE_ADMIN") ? t("home.province.title") : t("home.unitAdmin.title")}>
          <p className="text-slate-700">
            {viewer.roles.includes("PROVINCE_ADMIN") ? t("home.province.body") : t("home.unitAdmin.body")}
          </p>
          {stats ? (
            <dl className="mt-4 grid grid-cols-3 gap-3 text-center">
              <Stat label={t("home.stat.units")} value={formatNumber(stats.units, locale)} />
              <Stat label={t("home.stat.people")} value={formatNumber(stats.people, locale)} />
              <Stat label={t("home.stat.activePeople")} value={formatNumber(stats.activePeople, locale)} />
            </dl>
          ) : null}
          <div className="mt-4 flex flex-wrap gap-x-6 gap-y-2">
            <Link href="/units" className="font-semibold text-brand-700 underline">
              {t("home.openUnits")}
            </Link>
            {hasAnywhere(viewer, "plan:read") ? (
              <Link href="/plans" className="font-semibold text-brand-700 underline">
                {t("home.openPlans")}
              </Link>
            ) : null}
          </div>
        </Section>
      ) : null}

      {viewer.roles.includes("TRAINER") ? (
        <Section id="trainer" title={t("home.trainer.title")}>
          <p className="text-slate-700">{t("home.trainer.body")}</p>
          <ul className="mt-2 list-inside list-disc">
            {grantsOf("TRAINER").map((g) => (
              <li key={g.unitId}>{names.get(g.unitId)}</li>
            ))}
          </ul>
          <Link href="/courses/manage" className="mt-3 inline-block font-semibold text-brand-700 underline">
            {t("home.trainer.courses")}
          </Link>
        </Section>
      ) : null}

      {viewer.roles.includes("LEARNER") ? (
        <Section id="learner" title={t("home.learner.title")}>
          <p className="text-slate-700">{t("home.learner.body", { unit: names.get(viewer.unitId) ?? "" })}</p>
          {studying.length > 0 ? (
            <>
              <h3 className="mt-4 font-semibold">{t("home.learner.continue")}</h3>
              <MyCourses rows={studying} t={t} />
            </>
          ) : (
            <p className="mt-3 text-slate-700">{t("home.learner.noCourses")}</p>
          )}
          <div className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
            <Link href="/courses" className="font-semibold text-brand-700 underline">
              {t("home.learner.catalogue")}
            </Link>
            <Link href="/profile" className="font-semibold text-brand-700 underline">
              {t("home.openProfile")}
            </Link>
          </div>
        </Section>
      ) : null}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md bg-slate-50 p-3">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-2xl font-semibold">{value}</dd>
    </div>
  );
}
