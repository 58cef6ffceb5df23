import Link from "next/link";
import { actionLabel, describeData } from "@/lib/audit/format";
import type { AuditPerson, AuditRow } from "@/lib/audit/queries";
import { formatVnDate, formatVnTime } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/messages";

/**
 * The log as a three-column table (time, who, what) that still reads at 360 px: the "what" column
 * carries the object, the unit and each change as "field: before → after", and long codes wrap.
 */
export function AuditTable({ rows, t, locale }: { rows: AuditRow[]; t: Translate; locale: Locale }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full table-fixed border-collapse text-left text-sm">
        <caption className="sr-only">{t("audit.caption")}</caption>
        <thead className="bg-slate-100 text-slate-700">
          <tr>
            <th scope="col" className="w-[5.5rem] px-2 py-2 font-semibold sm:w-40 sm:px-3">
              {t("audit.col.time")}
            </th>
            <th scope="col" className="w-[6.5rem] px-2 py-2 font-semibold sm:w-48 sm:px-3">
              {t("audit.col.actor")}
            </th>
            <th scope="col" className="px-2 py-2 font-semibold sm:px-3">
              {t("audit.col.event")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 align-top [overflow-wrap:anywhere]">
          {rows.map((row) => (
            <tr key={row.id} data-testid="audit-row">
              <td className="px-2 py-2 tabular-nums text-slate-700 sm:px-3">
                <Time at={row.at} locale={locale} />
              </td>
              <td className="px-2 py-2 sm:px-3">
                <Actor row={row} t={t} />
              </td>
              <td className="px-2 py-2 sm:px-3">
                <Event row={row} t={t} locale={locale} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Time({ at, locale }: { at: Date; locale: Locale }) {
  const date = formatVnDate(at, locale);
  const time = formatVnTime(at, locale, { seconds: true });
  return (
    <time dateTime={at.toISOString()}>
      <span className="block">{date}</span>
      <span className="block text-slate-600">{time}</span>
    </time>
  );
}

function PersonName({ person, t }: { person: AuditPerson; t: Translate }) {
  return (
    <>
      {person.canOpen ? (
        <Link href={`/people/${person.id}`} className="text-brand-700 underline">
          {person.fullName}
        </Link>
      ) : (
        <span>{person.fullName}</span>
      )}
      {person.anonymised ? <span className="ml-1 rounded bg-slate-200 px-1 text-xs text-slate-700">{t("audit.anonymised")}</span> : null}
    </>
  );
}

function Actor({ row, t }: { row: AuditRow; t: Translate }) {
  if (row.actor) return <PersonName person={row.actor} t={t} />;
  if (row.actorId) return <span>{t("audit.ref.person")}</span>;
  return <span className="text-slate-600">{t("audit.noActor")}</span>;
}

const ENTITIES = ["Class", "Course", "CourseArea", "TrainingPlan", "ClassSession", "CalendarFeed", "Enrolment", "Import", "User", "Unit"] as const;

/** "Lớp", "Khóa học"…: what kind of object an event is about, never its table's name. */
function entityLabel(entity: string, t: Translate): string {
  const known = ENTITIES.find((e) => e === entity);
  return known ? t(`audit.entity.${known}`) : t("audit.entity.other");
}

function Event({ row, t, locale }: { row: AuditRow; t: Translate; locale: Locale }) {
  const { changes, details } = describeData(row.data, { t, locale, names: row.names, action: row.action });
  return (
    <div className="space-y-1">
      <p>
        <span className="font-semibold">{actionLabel(row.action, t)}</span>{" "}
        {/* The event's code, what the "Loại sự kiện" filter takes. */}
        <code className="text-xs text-slate-600">{row.action}</code>
      </p>
      {row.subject ? (
        <p className="text-slate-700">
          <span className="text-slate-600">{row.subject.kind === "named" ? entityLabel(row.subject.entity, t) : t("audit.subject")}: </span>
          {row.subject.kind === "person" ? (
            <PersonName person={row.subject.person} t={t} />
          ) : row.subject.kind === "unit" ? (
            <Link href={`/units/${row.subject.id}`} className="text-brand-700 underline">
              {row.subject.name}
            </Link>
          ) : (
            <span>{row.subject.name ?? t("audit.none")}</span>
          )}
        </p>
      ) : null}
      {changes.length > 0 ? (
        <ul className="space-y-0.5">
          {changes.map((c) => (
            <li key={`${c.field}-${c.before}-${c.after}`}>
              <span className="text-slate-600">{c.field}: </span>
              {c.kind !== "added" ? <span className="text-red-800 line-through decoration-1">{c.before}</span> : null}
              {c.kind === "changed" ? (
                <>
                  <span aria-hidden="true"> → </span>
                  <span className="sr-only"> {t("audit.changedTo")} </span>
                </>
              ) : null}
              {c.kind !== "removed" ? <span className="font-semibold text-green-800">{c.after}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {details.length > 0 ? (
        <dl className="text-slate-700">
          {details.map((d, i) => (
            <div key={`${d.field}-${i}`}>
              {d.field ? <dt className="inline text-slate-600">{d.field}: </dt> : null}
              <dd className="inline">{d.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <p className="text-xs text-slate-600">
        {row.unit ? (
          <>
            {t("audit.unit")}: {row.unit.name}
          </>
        ) : null}
        {row.unit && row.ip ? " · " : null}
        {row.ip ? (
          <>
            {t("audit.ip")}: {row.ip}
          </>
        ) : null}
      </p>
    </div>
  );
}
