import { can, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { db, Prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { foldForSearch } from "@/lib/text";
import { emptyRefs, referencedIds, type Names } from "./format";
import { AUDIT_PAGE_SIZE, decodeCursor, encodeCursor, type AuditFilters } from "./schemas";
import { vnDayEnd, vnDayStart } from "@/lib/i18n/format";

export type AuditPerson = { id: string; fullName: string; anonymised: boolean; canOpen: boolean };

export type AuditRow = {
  id: string;
  at: Date;
  action: string;
  entity: string | null;
  entityId: string | null;
  ip: string | null;
  data: Prisma.JsonValue | null;
  actor: AuditPerson | null;
  /** Set when an actor id is recorded but the person no longer exists. */
  actorId: string | null;
  unit: { id: string; name: string } | null;
  /** The person or unit the event is about, when the viewer may see who or which it is; else its kind and name. */
  subject: { kind: "person"; person: AuditPerson } | { kind: "unit"; id: string; name: string } | { kind: "named"; entity: string; name: string | null } | null;
  /** Names of what the event's data refers to (units, people, classes…), for lib/audit/format.ts. */
  names: Names;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `%text%` for LIKE, with the pattern characters in `text` taken literally. */
function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Which events the viewer may read: those of units where they hold audit:read. Events tied to no
 * unit (a failed sign-in with an unknown e-mail) belong to whoever holds audit:read on a whole
 * province, i.e. on a unit without a parent. Without audit:read anywhere the log is "not found".
 */
async function auditScope(viewer: Viewer): Promise<{ unitIds: string[]; unitless: boolean }> {
  const unitIds = unitIdsWith(viewer, "audit:read");
  if (unitIds.length === 0) throw notFound();
  const roots = await db().unit.count({ where: { id: { in: unitIds }, parentId: null } });
  return { unitIds, unitless: roots > 0 };
}

/**
 * The audit log as the viewer may see it, newest first, AUDIT_PAGE_SIZE at a time (keyset paging:
 * pass `nextCursor` back as `filters.cursor`). Filters: action prefix, actor (name or e-mail
 * without diacritics, or id; also matches the e-mail typed in a failed sign-in), exact object id,
 * and a date range in Vietnam's calendar.
 */
export async function listAuditEvents(
  viewer: Viewer,
  filters: AuditFilters,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const scope = await auditScope(viewer);
  const where: Prisma.Sql[] = [
    scope.unitless
      ? Prisma.sql`(e."unitId" = ANY(${scope.unitIds}::uuid[]) OR e."unitId" IS NULL)`
      : Prisma.sql`e."unitId" = ANY(${scope.unitIds}::uuid[])`,
  ];
  if (filters.action) where.push(Prisma.sql`e."action" LIKE ${`${filters.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (filters.actor) {
    if (UUID.test(filters.actor)) {
      where.push(Prisma.sql`e."actorId" = ${filters.actor.toLowerCase()}::uuid`);
    } else {
      const folded = contains(foldForSearch(filters.actor));
      const typed = contains(filters.actor.toLowerCase());
      where.push(Prisma.sql`(
        EXISTS (SELECT 1 FROM "User" u WHERE u."id" = e."actorId" AND u."searchText" LIKE ${folded})
        OR (e."action" LIKE 'auth.%' AND lower(e."data"->>'email') LIKE ${typed})
      )`);
    }
  }
  if (filters.entityId) where.push(Prisma.sql`e."entityId" = ${filters.entityId}`);
  if (filters.from) where.push(Prisma.sql`e."at" >= ${vnDayStart(filters.from)!}`);
  if (filters.to) where.push(Prisma.sql`e."at" < ${vnDayEnd(filters.to)!}`);
  const cursor = filters.cursor ? decodeCursor(filters.cursor) : null;
  if (cursor) where.push(Prisma.sql`(e."at", e."id") < (${cursor.at}, ${cursor.id}::uuid)`);

  const events = await db().$queryRaw<
    { id: string; at: Date; actorId: string | null; action: string; entity: string | null; entityId: string | null; unitId: string | null; ip: string | null; data: Prisma.JsonValue | null }[]
  >`
    SELECT e."id", e."at", e."actorId", e."action", e."entity", e."entityId", e."unitId", e."ip", e."data"
    FROM "AuditEvent" e
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY e."at" DESC, e."id" DESC
    LIMIT ${pageSize + 1}`;

  const page = events.slice(0, pageSize);
  const last = page[page.length - 1];
  const nextCursor = events.length > pageSize && last ? encodeCursor(last.at, last.id) : null;

  // Names for the people and units on this page (one query each).
  const personIds = new Set<string>();
  const unitIds = new Set<string>();
  for (const e of page) {
    if (e.actorId) personIds.add(e.actorId);
    if (e.entity === "User" && e.entityId && UUID.test(e.entityId)) personIds.add(e.entityId);
    if (e.unitId) unitIds.add(e.unitId);
    if (e.entity === "Unit" && e.entityId && UUID.test(e.entityId)) unitIds.add(e.entityId);
  }
  // …and of what the events' data and objects refer to: ids are never shown (issue 9).
  const refs = emptyRefs();
  const plans = new Set<string>();
  const enrolmentIds = new Set<string>();
  const sessionIds = new Set<string>();
  for (const e of page) {
    referencedIds(e.data, e.action, refs);
    const id = e.entityId && UUID.test(e.entityId) ? e.entityId : null;
    if (!id) continue;
    if (e.entity === "Class") refs.class.add(id);
    else if (e.entity === "Course") refs.course.add(id);
    else if (e.entity === "CourseArea") refs.area.add(id);
    else if (e.entity === "TrainingPlan") plans.add(id);
    else if (e.entity === "Enrolment") enrolmentIds.add(id);
    else if (e.entity === "ClassSession") sessionIds.add(id);
    else if (e.entity === "CalendarFeed") personIds.add(id);
  }
  const enrolments = enrolmentIds.size
    ? await db().enrolment.findMany({ where: { id: { in: [...enrolmentIds] } }, select: { id: true, userId: true, course: { select: { title: true } } } })
    : [];
  const sessions = sessionIds.size ? await db().classSession.findMany({ where: { id: { in: [...sessionIds] } }, select: { id: true, class: { select: { title: true } } } }) : [];
  for (const x of enrolments) personIds.add(x.userId);
  for (const id of refs.person) personIds.add(id);
  for (const id of refs.unit) unitIds.add(id);
  const [people, units] = await Promise.all([
    personIds.size
      ? db().user.findMany({ where: { id: { in: [...personIds] } }, select: { id: true, fullName: true, unitId: true, anonymisedAt: true } })
      : [],
    unitIds.size ? db().unit.findMany({ where: { id: { in: [...unitIds] } }, select: { id: true, name: true } }) : [],
  ]);
  const [classes, courses, items, areas, planRows] = [
    refs.class.size ? await db().class.findMany({ where: { id: { in: [...refs.class] } }, select: { id: true, title: true, code: true } }) : [],
    refs.course.size ? await db().course.findMany({ where: { id: { in: [...refs.course] } }, select: { id: true, title: true } }) : [],
    refs.planItem.size ? await db().planItem.findMany({ where: { id: { in: [...refs.planItem] } }, select: { id: true, title: true } }) : [],
    refs.area.size ? await db().courseArea.findMany({ where: { id: { in: [...refs.area] } }, select: { id: true, name: true } }) : [],
    plans.size ? await db().trainingPlan.findMany({ where: { id: { in: [...plans] } }, select: { id: true, title: true } }) : [],
  ];
  const personById = new Map(people.map((p) => [p.id, p]));
  const unitById = new Map(units.map((u) => [u.id, u]));
  const readable = (p: { id: string; unitId: string }) => p.id === viewer.userId || can(viewer, "person:read", p.unitId);
  const asPerson = (id: string | null): AuditPerson | null => {
    const p = id ? personById.get(id) : undefined;
    return p ? { id: p.id, fullName: p.fullName, anonymised: p.anonymisedAt !== null, canOpen: readable(p) } : null;
  };

  // A person outside the viewer's reading scope is named as such, not by name; so is a unit.
  const names: Names = {
    person: Object.fromEntries(people.filter(readable).map((p) => [p.id, p.fullName])),
    unit: Object.fromEntries(units.filter((u) => can(viewer, "unit:read", u.id)).map((u) => [u.id, u.name])),
    class: Object.fromEntries(classes.map((c) => [c.id, `${c.title} (${c.code})`])),
    course: Object.fromEntries(courses.map((c) => [c.id, c.title])),
    planItem: Object.fromEntries(items.map((i) => [i.id, i.title])),
    area: Object.fromEntries(areas.map((a) => [a.id, a.name])),
  };
  const named = (e: (typeof page)[number]): string | null => {
    const id = e.entityId ?? "";
    switch (e.entity) {
      case "Class":
        return names.class?.[id] ?? null;
      case "Course":
        return names.course?.[id] ?? null;
      case "CourseArea":
        return names.area?.[id] ?? null;
      case "TrainingPlan":
        return planRows.find((p) => p.id === id)?.title ?? null;
      case "ClassSession":
        return sessions.find((x) => x.id === id)?.class.title ?? null;
      case "CalendarFeed":
        return names.person?.[id] ?? null;
      case "Enrolment": {
        const x = enrolments.find((r) => r.id === id);
        return x ? `${names.person?.[x.userId] ?? "…"} — ${x.course.title}` : null;
      }
      case "Import":
        return typeof (e.data as { fileName?: unknown } | null)?.fileName === "string" ? (e.data as { fileName: string }).fileName : null;
      default:
        return null;
    }
  };

  const rows: AuditRow[] = page.map((e) => {
    let subject: AuditRow["subject"] = null;
    if (e.entity === "User" && e.entityId) {
      const p = personById.get(e.entityId);
      // Who a refused or failed attempt was about is shown only to those who may read that person.
      if (p && readable(p)) subject = { kind: "person", person: asPerson(p.id)! };
    } else if (e.entity === "Unit" && e.entityId) {
      const u = unitById.get(e.entityId);
      if (u && can(viewer, "unit:read", u.id)) subject = { kind: "unit", id: u.id, name: u.name };
    } else if (e.entity) {
      subject = { kind: "named", entity: e.entity, name: named(e) };
    }
    const unit = e.unitId ? unitById.get(e.unitId) : undefined;
    return {
      id: e.id,
      at: e.at,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      ip: e.ip,
      data: e.data,
      actor: asPerson(e.actorId),
      actorId: e.actorId,
      unit: unit ? { id: unit.id, name: unit.name } : null,
      subject,
      names,
    };
  });
  return { rows, nextCursor };
}
