import type { Metadata } from "next";
import Link from "next/link";
import { Field } from "@/components/field";
import { listAuditEvents } from "@/lib/audit/queries";
import { parseAuditFilters, type AuditFilters } from "@/lib/audit/schemas";
import { requireViewer } from "@/lib/auth/session";
import { getLocale, getT } from "@/lib/i18n/server";
import { orNotFound } from "@/lib/pages";
import { AuditTable } from "./audit-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("audit.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Action codes offered as suggestions in the filter (any prefix may be typed). */
const SUGGESTED_ACTIONS = [
  "auth.",
  "auth.signIn",
  "auth.signInFailed",
  "access.denied",
  "person.",
  "person.anonymise",
  "privacy.export",
  "unit.",
  "role.",
];

function query(filters: AuditFilters, cursor?: string): string {
  const params = new URLSearchParams();
  for (const key of ["action", "actor", "entityId", "from", "to"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (cursor) params.set("cursor", cursor);
  const text = params.toString();
  return text ? `/audit?${text}` : "/audit";
}

export default async function AuditPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  const t = await getT();
  const locale = await getLocale();
  const { filters, errors, values } = parseAuditFilters(await searchParams);
  const { rows, nextCursor } = await orNotFound(listAuditEvents(viewer, filters));
  const err = (key: keyof typeof errors) => (errors[key] ? [t(errors[key]!)] : undefined);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("audit.title")}</h1>
        <p className="mt-1 text-slate-700">{t("audit.intro")}</p>
      </div>

      <section aria-labelledby="audit-filters" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="audit-filters" className="text-lg font-semibold">
          {t("audit.filters")}
        </h2>
        <form method="get" action="/audit" role="search" aria-labelledby="audit-filters" className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" noValidate>
          <Field
            name="action"
            id="audit-action"
            label={t("audit.filter.action")}
            hint={t("audit.filter.actionHint")}
            defaultValue={values.action}
            list="audit-action-list"
            maxLength={64}
            autoComplete="off"
            errors={err("action")}
          />
          <datalist id="audit-action-list">
            {SUGGESTED_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <Field name="actor" id="audit-actor" label={t("audit.filter.actor")} hint={t("audit.filter.actorHint")} defaultValue={values.actor} maxLength={120} errors={err("actor")} />
          <Field name="entityId" id="audit-entity" label={t("audit.filter.entity")} hint={t("audit.filter.entityHint")} defaultValue={values.entityId} maxLength={64} autoComplete="off" spellCheck={false} errors={err("entityId")} />
          <Field name="from" id="audit-from" type="date" label={t("audit.filter.from")} defaultValue={values.from} errors={err("from")} />
          <Field name="to" id="audit-to" type="date" label={t("audit.filter.to")} defaultValue={values.to} errors={err("to")} />
          <div className="flex items-end gap-3">
            <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
              {t("audit.filter.submit")}
            </button>
            <Link href="/audit" className="py-2 font-semibold text-brand-700 underline">
              {t("audit.filter.clear")}
            </Link>
          </div>
        </form>
      </section>

      {rows.length === 0 ? (
        <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-slate-700">
          {t("audit.empty")}
        </p>
      ) : (
        <>
          <p role="status" className="text-sm text-slate-600">
            {t("audit.shown", { count: rows.length })}
          </p>
          <AuditTable rows={rows} t={t} locale={locale} />
        </>
      )}

      {filters.cursor || nextCursor ? (
        <nav aria-label={t("audit.pages")} className="flex flex-wrap justify-between gap-3">
          {filters.cursor ? (
            <Link href={query(filters)} className="font-semibold text-brand-700 underline">
              ← {t("audit.newest")}
            </Link>
          ) : (
            <span />
          )}
          {nextCursor ? (
            <Link href={query(filters, nextCursor)} className="font-semibold text-brand-700 underline">
              {t("audit.older")} →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
