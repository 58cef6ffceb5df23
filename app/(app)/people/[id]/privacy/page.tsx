import type { Metadata } from "next";
import Link from "next/link";
import { Section } from "@/components/section";
import { formatVnDateTime } from "@/lib/i18n/format";
import { requireViewer } from "@/lib/auth/session";
import { hasAnywhere } from "@/lib/auth/viewer";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { getPrivacyOverview } from "@/lib/privacy/queries";
import { AnonymiseForm } from "./anonymise-form";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("privacy.person.title") };
}

/** A person's personal-data page: their status and, for a province admin, the anonymisation step. */
export default async function PersonPrivacyPage({ params, searchParams }: Props) {
  const id = idOr404((await params).id);
  const viewer = await requireViewer();
  const person = await orNotFound(getPrivacyOverview(viewer, id));
  const t = await getT();
  const locale = await getLocale();
  const done = (await searchParams).done === "1" && person.anonymisedAt !== null;

  return (
    <div className="max-w-2xl space-y-6">
      <Link href={`/people/${person.id}`} className="text-sm text-brand-700 underline">
        ← {t("privacy.person.back")}
      </Link>
      <div>
        <p className="text-sm font-semibold uppercase text-slate-600">{t("privacy.person.title")}</p>
        <h1 className="text-2xl font-semibold">
          {person.fullName}
          {person.anonymisedAt ? (
            <span className="ml-2 align-middle rounded bg-slate-200 px-2 py-0.5 text-sm font-semibold text-slate-700">{t("privacy.person.badge")}</span>
          ) : null}
        </h1>
      </div>
      {done ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("privacy.anonymise.done")}
        </p>
      ) : null}
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-600">{t("privacy.person.status")}</dt>
        <dd>
          {person.anonymisedAt
            ? t("privacy.person.anonymised", { time: formatVnDateTime(person.anonymisedAt, locale) })
            : t("privacy.person.notAnonymised")}
        </dd>
      </dl>
      {person.anonymisedAt ? <p className="text-slate-700">{t("privacy.person.kept", { unit: person.unit.name, grants: person.grantCount })}</p> : null}
      {hasAnywhere(viewer, "audit:read") ? (
        <Link href={`/audit?entityId=${person.id}`} className="inline-block font-semibold text-brand-700 underline">
          {t("privacy.person.log")}
        </Link>
      ) : null}

      {!person.anonymisedAt && person.id !== viewer.userId ? (
        <Section id="anonymise" title={t("privacy.anonymise.title")}>
          {person.canAnonymise ? (
            <div className="mt-2 space-y-3">
              <p>{t("privacy.anonymise.explain")}</p>
              <ul className="list-disc space-y-1 pl-5">
                <li>{t("privacy.anonymise.effectName")}</li>
                <li>{t("privacy.anonymise.effectLog")}</li>
                <li>{t("privacy.anonymise.effectAccount")}</li>
                <li>{t("privacy.anonymise.effectKeep")}</li>
              </ul>
              <p className="font-semibold text-red-800">{t("privacy.anonymise.irreversible")}</p>
              <AnonymiseForm locale={locale} id={person.id} name={person.fullName} />
            </div>
          ) : (
            <p className="mt-2 text-slate-700">{t("privacy.anonymise.notAllowed")}</p>
          )}
        </Section>
      ) : null}
    </div>
  );
}
