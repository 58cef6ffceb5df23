import type { Translate } from "@/lib/i18n/messages";

type Person = {
  email: string;
  phone: string | null;
  position: string | null;
  rank: string | null;
  category: "CAN_BO" | "CONG_CHUC" | "VIEN_CHUC" | null;
  active: boolean;
  unit: { name: string };
  grants: { role: "PROVINCE_ADMIN" | "UNIT_ADMIN" | "TRAINER" | "LEARNER"; unit: { id: string; name: string } }[];
};

/** Read-only facts about a person, shared by the admin view and the profile page. */
export function PersonDetails({ person, t }: { person: Person; t: Translate }) {
  const rows: [string, string][] = [
    [t("people.email"), person.email],
    [t("people.phone"), person.phone ?? "—"],
    [t("people.position"), person.position ?? "—"],
    [t("people.rank"), person.rank ?? "—"],
    [t("people.category"), person.category ? t(`category.${person.category}`) : t("people.noCategory")],
    [t("people.unit"), person.unit.name],
    [t("people.status"), person.active ? t("people.active") : t("people.inactive")],
    [
      t("people.roles"),
      person.grants.map((g) => t("home.roleOn", { role: t(`role.${g.role}`), unit: g.unit.name })).join("; ") || "—",
    ],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-600">{label}</dt>
          <dd className="mb-2 sm:mb-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
