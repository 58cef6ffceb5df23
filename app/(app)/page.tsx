import Link from "next/link";
import { MyCourses } from "@/components/courses/my-courses";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
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
  // Each section shows for a permission the viewer holds, never for a role's name (lib/auth/permissions.ts).
  const administers = hasAnywhere(viewer, "unit:read");
  const provinceWide = hasAnywhere(viewer, "unit:merge");
  const teaches = hasAnywhere(viewer, "teach");
  const learns = hasAnywhere(viewer, "learn");
  const stats = administers ? await unitStats(viewer) : null;
  const teachingUnits = viewer.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes("teach")).map((g) => g.unitId);
  // Courses under way first (a learner's home is where they pick up again), then the finished ones; five of each.
  const mine = learns ? await listMyCourses(viewer) : [];
  const studying = mine.filter((c) => c.status === "ACTIVE").slice(0, 5);
  const finished = mine.filter((c) => c.status === "COMPLETED").slice(0, 5);

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

      {administers ? (
        <Section id="admin" title={provinceWide ? t("home.province.title") : t("home.unitAdmin.title")}>
          <p className="text-slate-700">{provinceWide ? t("home.province.body") : t("home.unitAdmin.body")}</p>
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

      {teaches ? (
        <Section id="trainer" title={t("home.trainer.title")}>
          <p className="text-slate-700">{t("home.trainer.body")}</p>
          <ul className="mt-2 list-inside list-disc">
            {teachingUnits.map((unitId) => (
              <li key={unitId}>{names.get(unitId)}</li>
            ))}
          </ul>
          <div className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
            <Link href="/classes#taught" className="font-semibold text-brand-700 underline">
              {t("home.trainer.classes")}
            </Link>
            {hasAnywhere(viewer, "course:create") ? (
              <Link href="/courses/manage" className="font-semibold text-brand-700 underline">
                {t("home.trainer.courses")}
              </Link>
            ) : null}
          </div>
        </Section>
      ) : null}

      {learns ? (
        <Section id="learner" title={t("home.learner.title")}>
          <p className="text-slate-700">{t("home.learner.body", { unit: names.get(viewer.unitId) ?? "" })}</p>
          {studying.length > 0 ? (
            <>
              <h3 className="mt-4 font-semibold">{t("home.learner.continue")}</h3>
              <MyCourses rows={studying} t={t} label={t("home.learner.continue")} />
            </>
          ) : (
            <p className="mt-3 text-slate-700">{t("home.learner.noCourses")}</p>
          )}
          {finished.length > 0 ? (
            <>
              <h3 className="mt-4 font-semibold">{t("home.learner.finished")}</h3>
              <MyCourses rows={finished} t={t} label={t("home.learner.finished")} />
            </>
          ) : null}
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
