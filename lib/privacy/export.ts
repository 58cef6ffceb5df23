import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Identifies the file's layout; raise the number when a section changes shape (adding one does not). */
export const EXPORT_FORMAT = "taphuan.personal-data/1";

/** At most this many downloads per person per hour (ASVS 2.4.1: exports are not for automation). */
export const EXPORTS_PER_HOUR = 10;

type Person = { id: string; email: string };
type Section = { key: string; collect: (person: Person) => Promise<unknown> };

const AUTH_OUTCOME: Record<string, string> = {
  "auth.signIn": "success",
  "auth.signInFailed": "wrongPassword",
  "auth.signInInactive": "accountInactive",
  "auth.signInThrottled": "throttled",
};

const aboutPerson = (id: string) => ({ entity: "User", entityId: id });

/**
 * Everything the system keeps about one person, one section per kind of data. A domain that keeps
 * more about people (enrolments, attempts, certificates) adds a section here; the rule for each
 * section is "what is about this person, and nothing that identifies anyone else": other people's
 * ids, names, e-mails and addresses are left out (an admin who changed your record appears as
 * `byYou: false`).
 */
export const EXPORT_SECTIONS: Section[] = [
  {
    key: "profile",
    collect: (p) =>
      db().user.findUniqueOrThrow({
        where: { id: p.id },
        select: {
          id: true,
          fullName: true,
          email: true,
          phone: true,
          position: true,
          rank: true,
          category: true,
          active: true,
          mustChangePassword: true,
          anonymisedAt: true,
          lastSignInAt: true,
          createdAt: true,
          updatedAt: true,
        },
      }),
  },
  {
    key: "unit",
    collect: async (p) => {
      const u = await db().user.findUniqueOrThrow({
        where: { id: p.id },
        select: { unit: { select: { id: true, code: true, name: true, kind: true } } },
      });
      return u.unit;
    },
  },
  {
    key: "roles",
    collect: async (p) => {
      const grants = await db().roleGrant.findMany({
        where: { userId: p.id },
        select: { role: true, createdAt: true, unit: { select: { id: true, code: true, name: true } } },
        orderBy: { createdAt: "asc" },
      });
      return grants.map((g) => ({ role: g.role, unit: g.unit, since: g.createdAt }));
    },
  },
  {
    key: "signIns",
    collect: async (p) => {
      const events = await db().auditEvent.findMany({
        where: {
          action: { in: Object.keys(AUTH_OUTCOME) },
          OR: [
            { actorId: p.id },
            aboutPerson(p.id),
            { action: "auth.signInThrottled", data: { path: ["email"], equals: p.email } },
          ],
        },
        select: { at: true, action: true, actorId: true, ip: true },
        orderBy: { at: "desc" },
      });
      // The address of a failed attempt may be someone else's: only your own sign-ins carry one.
      return events.map((e) => ({ at: e.at, outcome: AUTH_OUTCOME[e.action], ip: e.actorId === p.id ? e.ip : null }));
    },
  },
  {
    key: "auditEvents",
    collect: async (p) => {
      const events = await db().auditEvent.findMany({
        where: { action: { notIn: Object.keys(AUTH_OUTCOME) }, OR: [{ actorId: p.id }, aboutPerson(p.id)] },
        select: { at: true, action: true, entity: true, entityId: true, unitId: true, actorId: true, ip: true, data: true },
        orderBy: { at: "desc" },
      });
      return events.map((e) => {
        const aboutYou = e.entity === "User" && e.entityId === p.id;
        // Details are shown for your own record and for units (organisational data). What you did
        // elsewhere (to another person's record, a refused page) is listed by action and time only:
        // its ids and data may identify someone else.
        const detailed = aboutYou || e.entity === "Unit";
        return {
          at: e.at,
          action: e.action,
          byYou: e.actorId === p.id,
          aboutYou,
          entity: e.entity,
          entityId: detailed ? e.entityId : null,
          unitId: e.unitId,
          ip: e.actorId === p.id ? e.ip : null,
          data: detailed ? e.data : null,
        };
      });
    },
  },
  {
    key: "accountLinks",
    collect: async (p) => {
      // Invitation and password-reset links: when, not the link (only a hash is stored anyway).
      const tokens = await db().accountToken.findMany({
        where: { userId: p.id },
        select: { kind: true, createdAt: true, expiresAt: true, usedAt: true },
        orderBy: { createdAt: "desc" },
      });
      return tokens;
    },
  },
  {
    key: "mail",
    collect: async (p) => {
      // Mail sent to you: subject and times. The body is left out: it may hold a live sign-in link.
      return db().outboxMail.findMany({
        where: { to: p.email },
        select: { subject: true, createdAt: true, sentAt: true },
        orderBy: { createdAt: "desc" },
      });
    },
  },
];

export type PersonalDataExport = { format: string; exportedAt: Date; subject: string } & Record<string, unknown>;

/**
 * The viewer's own data, every section (the person downloading is always the viewer: there is no
 * id to forge). Recorded as `privacy.export`; at most EXPORTS_PER_HOUR per hour.
 */
export async function exportOwnData(viewer: Viewer): Promise<PersonalDataExport> {
  const person = await db().user.findUniqueOrThrow({ where: { id: viewer.userId }, select: { id: true, email: true, unitId: true } });
  const recent = await db().auditEvent.count({
    where: { actorId: person.id, action: "privacy.export", at: { gt: new Date(Date.now() - 60 * 60_000) } },
  });
  if (recent >= EXPORTS_PER_HOUR) throw new AppError("RATE_LIMITED", "privacy.export.tooMany", { params: { retryAfterSeconds: 3600 } });

  const out: PersonalDataExport = { format: EXPORT_FORMAT, exportedAt: new Date(), subject: person.id };
  for (const section of EXPORT_SECTIONS) out[section.key] = await section.collect(person);
  await recordAudit(db(), {
    actorId: person.id,
    action: "privacy.export",
    entity: "User",
    entityId: person.id,
    unitId: person.unitId,
    data: { sections: EXPORT_SECTIONS.map((s) => s.key) } satisfies Prisma.InputJsonValue,
  });
  return out;
}
