import type { Metadata } from "next";
import Link from "next/link";
import { ButtonForm, CancelClassForm, ClassForm, NominateForm, SessionForm, type CandidateView } from "@/components/classes/class-forms";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { classNamed } from "@/lib/classes/notify";
import { getClass, nominationCandidates, trainerChoices, type RosterRow } from "@/lib/classes/queries";
import { formatVnDate, formatVnRange, utcToVn } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/messages";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { unitOptionsWith } from "@/lib/units/queries";
import {
  approveAction,
  cancelClassAction,
  nominateAction,
  rejectAction,
  removeSessionAction,
  saveSessionAction,
  selfEnrolAction,
  updateClassAction,
  withdrawAction,
} from "../actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("classes.listTitle") };
}

const HOLDING = new Set(["PENDING", "ACTIVE", "WAITLISTED"]);

function Roster({ rows, t, locale, manage, open, caption }: { rows: RosterRow[]; t: Translate; locale: Locale; manage: boolean; open: boolean; caption: string }) {
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-2 pr-3">{t("classes.colName")}</th>
            <th scope="col" className="py-2 pr-3">{t("classes.colUnit")}</th>
            <th scope="col" className="py-2 pr-3">{t("classes.colStatus")}</th>
            {open ? <th scope="col" className="py-2">{t("classes.colActions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.enrolmentId} className="border-b border-slate-100 align-top">
              <td className="py-2 pr-3">{r.fullName}</td>
              <td className="py-2 pr-3">{r.unitName}</td>
              <td className="py-2 pr-3">{t(`classes.enrolment.${r.status}`)}</td>
              {open ? (
                <td className="space-x-2 space-y-1 py-2">
                  {manage && r.status === "PENDING" ? (
                    <>
                      <ButtonForm locale={locale} action={approveAction} fields={{ enrolmentId: r.enrolmentId }} label={t("classes.approve")} />
                      <ButtonForm
                        locale={locale}
                        action={rejectAction}
                        fields={{ enrolmentId: r.enrolmentId }}
                        label={t("classes.reject")}
                        confirm={t("classes.confirmReject", { name: r.fullName })}
                        reason={{ id: `reject-${r.enrolmentId}`, label: t("classes.rejectReason") }}
                      />
                    </>
                  ) : null}
                  {HOLDING.has(r.status) ? <ButtonForm locale={locale} action={withdrawAction} fields={{ enrolmentId: r.enrolmentId }} label={t("classes.withdrawPerson")} confirm={t("classes.confirmWithdrawPerson", { name: r.fullName })} /> : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function ClassPage({ params, searchParams }: Props) {
  const viewer = await requireViewer();
  const id = idOr404((await params).id);
  const c = await orNotFound(getClass(viewer, id));
  const t = await getT();
  const locale = await getLocale();
  const manage = c.access === "manage";
  const open = c.status === "OPEN";
  // Who may act on the roster's rows (approve, withdraw): the manager, and a nominator for their units; a trainer reads it.
  const rosterActions = open && (manage || c.access === "nominate");
  const qRaw = (await searchParams).q;
  const q = typeof qRaw === "string" ? qRaw.slice(0, 100) : "";
  const mayNominate = open && c.quotas.length > 0;
  const found = mayNominate ? await nominationCandidates(viewer, id, q) : { rows: [], total: 0 };
  const candidates: CandidateView[] = found.rows.map((p) => ({
        id: p.id,
        fullName: p.fullName,
        unitName: p.unitName,
        enrolled: p.enrolled,
        clash: p.clashes.length ? p.clashes.map((x) => `${formatVnRange(x.startsAt, x.endsAt, locale)} (${x.otherClassCode})`).join("; ") : null,
      }));
  const trainers = manage && open ? await trainerChoices(viewer, id) : [];
  const units = manage && open ? (await unitOptionsWith(viewer, "class:manage")).map((u) => ({ id: u.id, name: `${"\u00a0".repeat(u.depth * 2)}${u.name}` })) : [];
  const seated = c.roster.filter((r) => r.status !== "WAITLISTED");
  const waiting = c.roster.filter((r) => r.status === "WAITLISTED");
  const firstStarted = c.sessions[0] ? c.sessions[0].startsAt <= new Date() : false;

  return (
    <div className="space-y-6">
      <p>
        <Link href="/classes" className="text-brand-700 underline">
          {t("classes.back")}
        </Link>
      </p>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{c.title}</h1>
        <p className="text-slate-700">
          {c.code} · {t(`classes.status.${c.status}`)}
        </p>
      </div>
      {c.status === "CANCELLED" ? (
        <p role="status" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
          {t("classes.cancelledBanner", { reason: c.cancelReason ?? "" })}
        </p>
      ) : null}

      <Section id="details" title={t("classes.details")}>
        <dl className="mt-3 grid gap-x-4 gap-y-2 sm:grid-cols-[12rem_1fr]">
          <dt className="font-semibold">{t("classes.fieldCourse")}</dt>
          <dd>{c.course.title}</dd>
          <dt className="font-semibold">{t("classes.organiser")}</dt>
          <dd>{c.unitName}</dd>
          <dt className="font-semibold">{t("classes.planItem")}</dt>
          <dd>{c.planItem.title}</dd>
          <dt className="font-semibold">{t("classes.fieldMode")}</dt>
          <dd>{t(`classes.mode.${c.mode}`)}</dd>
          <dt className="font-semibold">{t("classes.fieldJoinPolicy")}</dt>
          <dd>
            {t(`classes.joinPolicy.${c.joinPolicy}`)}
            {c.selfUnits.length ? `: ${c.selfUnits.map((u) => u.name).join(", ")}` : ""}
          </dd>
          <dt className="font-semibold">{t("classes.fieldCapacity")}</dt>
          <dd>{t("classes.capacityLine", { taken: c.taken, capacity: c.capacity, waiting: c.waiting })}</dd>
          <dt className="font-semibold">{t("classes.fieldEnrolOpens")}</dt>
          <dd>{t("classes.enrolWindow", { opens: formatVnDate(c.enrolOpensAt, locale), closes: formatVnDate(c.enrolClosesAt, locale) })}</dd>
        </dl>
      </Section>

      <Section id="sessions" title={t("classes.sessionsHeading")}>
        {c.sessions.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("classes.sessionsNone")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200">
            {c.sessions.map((s) => (
              <li key={s.id} className="space-y-1 py-3">
                <p className="font-medium">{formatVnRange(s.startsAt, s.endsAt, locale)}</p>
                {s.place ? <p className="text-sm">{t("classes.sessionPlace")}: {s.place}</p> : null}
                {s.onlineUrl ? (
                  <p className="text-sm">
                    <a href={s.onlineUrl} className="text-brand-700 underline" rel="noopener noreferrer" target="_blank">
                      {t("classes.sessionOnline")}
                    </a>
                  </p>
                ) : null}
                <p className="text-sm">
                  {t("classes.sessionTrainer")}: {s.trainerName ?? t("classes.noTrainer")}
                </p>
                {s.attendance ? (
                  <p className="text-sm">
                    <Link href={`/sessions/${s.id}/attendance`} className="font-semibold text-brand-700 underline">
                      {t("classes.takeAttendance")}
                    </Link>
                  </p>
                ) : null}
                {manage && open ? (
                  <>
                    <details className="rounded-md border border-slate-200 p-2">
                      <summary className="cursor-pointer font-semibold text-brand-700">{t("classes.editSession")}</summary>
                      <div className="mt-2">
                        <SessionForm
                          locale={locale}
                          action={saveSessionAction}
                          classId={c.id}
                          trainers={trainers}
                          session={{
                            id: s.id,
                            date: utcToVn(s.startsAt).date,
                            start: utcToVn(s.startsAt).time,
                            end: utcToVn(s.endsAt).time,
                            place: s.place,
                            onlineUrl: s.onlineUrl,
                            trainerId: s.trainerId,
                          }}
                        />
                      </div>
                    </details>
                    <ButtonForm
                      locale={locale}
                      action={removeSessionAction}
                      fields={{ sessionId: s.id }}
                      label={t("classes.removeSession")}
                      confirm={t("classes.confirmRemoveSession", { when: formatVnRange(s.startsAt, s.endsAt, locale) })}
                    />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      {c.mine || c.canSelfEnrol ? (
        <Section id="my-place" title={t("classes.mineHeading")}>
          <div className="mt-2 space-y-2">
            {c.mine ? <p className="font-medium">{t("classes.myStatus", { status: t(`classes.enrolment.${c.mine.status}`) })}</p> : null}
            {c.mine && open && HOLDING.has(c.mine.status) && !firstStarted ? (
              <ButtonForm
                locale={locale}
                action={withdrawAction}
                fields={{ enrolmentId: c.mine.enrolmentId }}
                label={t("classes.withdrawSelf")}
                confirm={t("classes.confirmWithdrawSelf", { class: classNamed(t, c.title).class })}
              />
            ) : null}
            {c.canSelfEnrol ? <ButtonForm locale={locale} action={selfEnrolAction} fields={{ classId: c.id }} label={t("classes.selfEnrol")} /> : null}
          </div>
        </Section>
      ) : null}

      {c.quotas.length > 0 ? (
        <Section id="quota" title={t("classes.quotaHeading")}>
          <ul className="mt-2 space-y-1">
            {c.quotas.map((x) => (
              <li key={x.unitId}>{t("classes.quotaLine", { unit: x.unitName, used: x.used, seats: x.seats, left: x.left })}</li>
            ))}
          </ul>
        </Section>
      ) : null}

      {mayNominate ? (
        <section aria-labelledby="nominate-heading" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="nominate-heading" className="text-lg font-semibold">
            {t("classes.nominateHeading2")}
          </h2>
          <form method="get" action={`/classes/${c.id}`} className="mt-3 flex flex-wrap items-end gap-2" role="search">
            <div className="space-y-1">
              <label htmlFor="nominate-q" className="block text-sm font-semibold text-slate-800">
                {t("classes.searchPeople")}
              </label>
              <input id="nominate-q" name="q" defaultValue={q} className="rounded-md border border-slate-400 bg-white px-3 py-2" />
            </div>
            <button type="submit" className="rounded-md border border-slate-400 px-4 py-2 font-semibold">
              {t("classes.searchSubmit")}
            </button>
          </form>
          <p className="mt-2 text-sm text-slate-700" data-testid="candidates-shown">
            {found.total > found.rows.length
              ? t("classes.candidatesCut", { shown: found.rows.length, total: found.total })
              : t("classes.candidatesAll", { total: found.total })}
          </p>
          <div className="mt-3">
            <NominateForm locale={locale} action={nominateAction} classId={c.id} candidates={candidates} />
          </div>
        </section>
      ) : null}

      {c.access !== "learner" ? (
        <Section id="roster" title={t("classes.rosterHeading")}>
          {seated.length === 0 ? <p className="mt-2 text-slate-700">{t("classes.rosterNone")}</p> : <Roster rows={seated} t={t} locale={locale} manage={manage} open={rosterActions} caption={t("classes.rosterHeading")} />}
          {waiting.length > 0 ? (
            <>
              <h3 className="mt-4 font-semibold">{t("classes.waitlistHeading")}</h3>
              <Roster rows={waiting} t={t} locale={locale} manage={manage} open={rosterActions} caption={t("classes.waitlistHeading")} />
            </>
          ) : null}
        </Section>
      ) : null}

      {manage && open ? (
        <>
          <Section id="add-session" title={t("classes.addSessionHeading")}>
            <div className="mt-3">
              <SessionForm locale={locale} action={saveSessionAction} classId={c.id} trainers={trainers} />
            </div>
          </Section>
          <Section id="edit" title={t("classes.editHeading")}>
            <div className="mt-3">
              <ClassForm
                locale={locale}
                action={updateClassAction}
                id={c.id}
                labelledBy="edit-heading"
                courses={[]}
                units={units}
                initial={{
                  title: c.title,
                  mode: c.mode,
                  capacity: String(c.capacity),
                  enrolOpens: utcToVn(c.enrolOpensAt).date,
                  enrolCloses: utcToVn(c.enrolClosesAt).date,
                  joinPolicy: c.joinPolicy,
                  requiresApproval: c.requiresApproval,
                  selfUnitIds: c.selfUnits.map((u) => u.id),
                }}
              />
            </div>
          </Section>
          <Section id="cancel" title={t("classes.cancelHeading")}>
            <div className="mt-3">
              <CancelClassForm locale={locale} action={cancelClassAction} id={c.id} title={classNamed(t, c.title).class} />
            </div>
          </Section>
        </>
      ) : null}
    </div>
  );
}
