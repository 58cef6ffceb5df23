import type { Metadata } from "next";
import Link from "next/link";
import { PersonDetails } from "@/components/person-details";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { can, hasAnywhere } from "@/lib/auth/viewer";
import type { Locale, Translate } from "@/lib/i18n/messages";
import { formatVnDateTime } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { canManageAccount } from "@/lib/people/access";
import { getPerson, getPersonAccount, unitOptions } from "@/lib/people/queries";
import { EditPersonForm, PersonActiveForm, ResendInvitationForm } from "./person-forms";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("people.title") };
}

export default async function PersonPage({ params }: Props) {
  const id = idOr404((await params).id);
  const viewer = await requireViewer();
  const person = await orNotFound(getPerson(viewer, id));
  const t = await getT();
  const locale = await getLocale();
  const unitId = person.unit.id;
  const admin = can(viewer, "person:read", unitId);
  const account = admin ? await getPersonAccount(viewer, id) : null;
  const canUpdate = can(viewer, "person:update", unitId);
  const anonymised = person.anonymisedAt !== null;
  const manage = canUpdate && (await canManageAccount(viewer, person.id));
  const editable = canUpdate && !anonymised;
  // A move goes to an open unit where the viewer may update people; the current unit stays listed.
  const units =
    editable && manage
      ? (await unitOptions(viewer, "person:update"))
          .filter((u) => (u.active && !u.merged) || u.id === unitId)
          .map(({ id, name, depth }) => ({ id, name, depth }))
      : [];
  const links = [
    ...(can(viewer, "role:grant-basic", unitId) ? [{ href: `/people/${id}/roles`, label: t("people.manageRoles") }] : []),
    ...(can(viewer, "person:anonymise", unitId) && !anonymised ? [{ href: `/people/${id}/privacy`, label: t("people.privacy") }] : []),
  ];

  return (
    <div className="space-y-6">
      {hasAnywhere(viewer, "person:read") ? (
        <Link href="/people" className="text-sm text-brand-700 underline">
          ← {t("people.back")}
        </Link>
      ) : null}
      <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{person.fullName}</h1>

      <Section id="details" title={t("people.details")}>
        <div className="mt-3">
          <PersonDetails person={person} t={t} />
        </div>
        {anonymised ? <p className="mt-3 rounded-md bg-slate-100 px-3 py-2 text-sm">{t("people.anonymisedNotice")}</p> : null}
      </Section>

      {account ? (
        <Section id="account" title={t("people.account")}>
          <AccountFacts account={account} t={t} locale={locale} />
          {manage && id !== viewer.userId && !(anonymised && !person.active) ? (
            <PersonActiveForm locale={locale} id={id} active={person.active} name={person.fullName} />
          ) : null}
          {manage && person.active && !anonymised && account.invitation && !account.invitation.usedAt && !account.lastSignInAt ? (
            <ResendInvitationForm locale={locale} id={id} email={person.email} />
          ) : null}
          {canUpdate && !manage && !anonymised ? <p className="mt-3 text-sm text-slate-700">{t("people.accountLocked")}</p> : null}
        </Section>
      ) : null}

      {editable ? (
        <div className="rounded-lg border border-slate-200 bg-white p-5">
          <EditPersonForm
            locale={locale}
            id={id}
            person={{
              fullName: person.fullName,
              email: person.email,
              phone: person.phone,
              position: person.position,
              rank: person.rank,
              category: person.category,
              unitId,
            }}
            unitName={person.unit.name}
            units={units}
            accountEditable={manage}
          />
        </div>
      ) : null}

      {links.length > 0 ? (
        <nav aria-label={t("people.more")} className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-lg font-semibold">{t("people.more")}</h2>
          <ul className="mt-2 space-y-1">
            {links.map((l) => (
              <li key={l.href}>
                <Link href={l.href} className="font-semibold text-brand-700 underline">
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}

type Account = Awaited<ReturnType<typeof getPersonAccount>>;

function AccountFacts({ account, t, locale }: { account: Account; t: Translate; locale: Locale }) {
  const facts: string[] = [];
  const inv = account.invitation;
  if (inv?.usedAt) facts.push(t("people.invitationUsed", { used: formatVnDateTime(inv.usedAt, locale) }));
  else if (inv && inv.expiresAt > new Date())
    facts.push(t("people.invitationPending", { sent: formatVnDateTime(inv.createdAt, locale), expires: formatVnDateTime(inv.expiresAt, locale) }));
  else if (inv) facts.push(t("people.invitationExpired", { sent: formatVnDateTime(inv.createdAt, locale), expires: formatVnDateTime(inv.expiresAt, locale) }));
  if (account.mustChangePassword) facts.push(t("people.mustChangePassword"));
  facts.push(account.lastSignInAt ? t("people.lastSignIn", { at: formatVnDateTime(account.lastSignInAt, locale) }) : t("people.neverSignedIn"));
  return (
    <ul className="mt-2 space-y-1 text-sm text-slate-800" data-testid="account-facts">
      {facts.map((f) => (
        <li key={f}>{f}</li>
      ))}
    </ul>
  );
}
