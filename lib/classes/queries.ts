import { canTakeAttendance } from "@/lib/attendance/access";
import { unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { db, Prisma } from "@/lib/db";
import type { ClassMode, ClassStatus, EnrolmentStatus, JoinPolicy } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { searchWords, wordStartPattern } from "@/lib/people/search";
import { unsafeAncestorsOf } from "@/lib/units/forest";
import { ENROLLED_STATUSES, SEAT_STATUSES, findClashes, mayJoinSelf, readClassFor, type ClassAccess, type Clash } from "./access";
import { quotaLeft } from "./nomination";

export type ClassRow = {
  id: string;
  code: string;
  title: string;
  mode: ClassMode;
  status: ClassStatus;
  capacity: number;
  taken: number;
  enrolOpensAt: Date;
  enrolClosesAt: Date;
  firstSessionAt: Date | null;
  courseTitle: string;
};

const rowSelect = {
  id: true,
  code: true,
  title: true,
  mode: true,
  status: true,
  capacity: true,
  enrolOpensAt: true,
  enrolClosesAt: true,
  course: { select: { title: true } },
  sessions: { select: { startsAt: true }, orderBy: { startsAt: "asc" as const }, take: 1 },
} as const;

async function withTaken<T extends { id: string; course: { title: string }; sessions: { startsAt: Date }[] }>(rows: T[]) {
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await db().enrolment.groupBy({ by: ["classId"], where: { classId: { in: ids }, status: { in: [...SEAT_STATUSES] } }, _count: { _all: true } })
    : [];
  const taken = new Map(counts.map((c) => [c.classId!, c._count._all]));
  return rows.map(({ course, sessions, ...r }) => ({ ...r, courseTitle: course.title, firstSessionAt: sessions[0]?.startsAt ?? null, taken: taken.get(r.id) ?? 0 }));
}

/** Classes the viewer manages (class:manage on the organising unit), newest first. */
export async function listManagedClasses(viewer: Viewer): Promise<ClassRow[]> {
  const scope = unitIdsWith(viewer, "class:manage");
  if (scope.length === 0) return [];
  const rows = await db().class.findMany({ where: { unitId: { in: scope } }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: 200, select: rowSelect });
  return (await withTaken(rows)) as ClassRow[];
}

/** Classes open to the viewer's nominations: their plan item gives a quota to a unit of the viewer's class:nominate scope. */
export async function listNominatableClasses(viewer: Viewer): Promise<ClassRow[]> {
  const scope = unitIdsWith(viewer, "class:nominate");
  if (scope.length === 0) return [];
  const rows = await db().class.findMany({
    where: { planItem: { quotas: { some: { unitId: { in: scope }, seats: { gt: 0 } } } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 200,
    select: rowSelect,
  });
  return (await withTaken(rows)) as ClassRow[];
}

/** Classes the viewer teaches (the trainer of one of their sessions), newest first. */
export async function listTaughtClasses(viewer: Viewer): Promise<ClassRow[]> {
  const rows = await db().class.findMany({
    where: { sessions: { some: { trainerId: viewer.userId } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 200,
    select: rowSelect,
  });
  return (await withTaken(rows)) as ClassRow[];
}

export type MyClassRow = ClassRow & { myStatus: EnrolmentStatus | null; enrolmentId: string | null };

/** "Lớp của tôi": the classes the viewer is enrolled in (any status but withdrawn), and SELF classes open to them. */
export async function listMyClasses(viewer: Viewer): Promise<MyClassRow[]> {
  const mine = await db().enrolment.findMany({
    where: { userId: viewer.userId, classId: { not: null }, status: { not: "WITHDRAWN" } },
    select: { id: true, status: true, class: { select: rowSelect } },
    orderBy: { enrolledAt: "desc" },
  });
  const ancestors = await unsafeAncestorsOf(viewer.unitId);
  const open = unitIdsWith(viewer, "learn").includes(viewer.unitId)
    ? await db().class.findMany({
        where: { joinPolicy: "SELF", status: "OPEN", selfUnits: { some: { unitId: { in: ancestors } } }, id: { notIn: mine.map((m) => m.class!.id) } },
        select: rowSelect,
        take: 100,
      })
    : [];
  const rows = await withTaken([...mine.map((m) => m.class!), ...open]);
  return rows.map((r) => {
    const m = mine.find((x) => x.class!.id === r.id);
    return { ...(r as ClassRow), myStatus: m?.status ?? null, enrolmentId: m?.id ?? null };
  });
}

export type RosterRow = {
  enrolmentId: string;
  userId: string;
  fullName: string;
  unitName: string;
  status: EnrolmentStatus;
  waitlistedAt: Date | null;
  enrolledAt: Date;
  nominated: boolean;
};

export type ClassDetail = {
  access: ClassAccess;
  id: string;
  code: string;
  title: string;
  mode: ClassMode;
  status: ClassStatus;
  capacity: number;
  taken: number;
  waiting: number;
  joinPolicy: JoinPolicy;
  requiresApproval: boolean;
  enrolOpensAt: Date;
  enrolClosesAt: Date;
  cancelReason: string | null;
  unitName: string;
  course: { id: string; title: string; code: string };
  planItem: { id: string; title: string; planId: string };
  selfUnits: { id: string; name: string }[];
  /** `attendance`: the viewer may take this session's attendance (its trainer, or the class's manager). */
  sessions: { id: string; startsAt: Date; endsAt: Date; place: string; onlineUrl: string | null; trainerId: string | null; trainerName: string | null; attendance: boolean }[];
  /** manage and teach: everyone; nominate: the enrolments of their units; learner: empty. Seats first, then the waiting list in order. */
  roster: RosterRow[];
  quotas: Awaited<ReturnType<typeof quotaLeft>>;
  mine: { enrolmentId: string; status: EnrolmentStatus } | null;
  canSelfEnrol: boolean;
};

const ORDER: Record<EnrolmentStatus, number> = { ACTIVE: 0, PENDING: 1, COMPLETED: 2, WAITLISTED: 3, REJECTED: 4, WITHDRAWN: 5 };

/** One class as the viewer may see it, or NOT_FOUND. */
export async function getClass(viewer: Viewer, id: string): Promise<ClassDetail> {
  const { access } = await readClassFor(db(), viewer, id);
  const c = await db().class.findUniqueOrThrow({
    where: { id },
    include: {
      unit: { select: { name: true } },
      course: { select: { id: true, title: true, code: true } },
      planItem: { select: { id: true, title: true, planId: true } },
      selfUnits: { select: { unit: { select: { id: true, name: true } } } },
      sessions: { orderBy: { startsAt: "asc" }, include: { trainer: { select: { fullName: true } } } },
    },
  });
  const scope = unitIdsWith(viewer, "class:nominate");
  // A trainer who also nominates (access "nominate") still reads the whole roster of a class they teach.
  const teaching = c.sessions.some((s) => s.trainerId === viewer.userId);
  const rosterWhere =
    access === "manage" || teaching ? { classId: id } : access === "nominate" ? { classId: id, unitId: { in: scope } } : null;
  const rows = rosterWhere
    ? await db().enrolment.findMany({
        where: rosterWhere,
        select: { id: true, userId: true, status: true, waitlistedAt: true, enrolledAt: true, nominatedById: true, user: { select: { fullName: true } }, unit: { select: { name: true } } },
      })
    : [];
  rows.sort(
    (a, b) =>
      ORDER[a.status] - ORDER[b.status] ||
      (a.waitlistedAt?.getTime() ?? 0) - (b.waitlistedAt?.getTime() ?? 0) ||
      a.user.fullName.localeCompare(b.user.fullName, "vi") ||
      a.id.localeCompare(b.id),
  );
  const counts = await db().enrolment.groupBy({ by: ["status"], where: { classId: id }, _count: { _all: true } });
  const count = (s: EnrolmentStatus[]) => counts.filter((x) => s.includes(x.status)).reduce((n, x) => n + x._count._all, 0);
  const mine = await db().enrolment.findFirst({ where: { classId: id, userId: viewer.userId }, select: { id: true, status: true } });
  const enrolledElsewhere =
    !mine &&
    (await db().enrolment.findFirst({ where: { userId: viewer.userId, courseId: c.courseId, status: { in: [...ENROLLED_STATUSES] } }, select: { id: true } }));
  return {
    access,
    id: c.id,
    code: c.code,
    title: c.title,
    mode: c.mode,
    status: c.status,
    capacity: c.capacity,
    taken: count([...SEAT_STATUSES]),
    waiting: count(["WAITLISTED"]),
    joinPolicy: c.joinPolicy,
    requiresApproval: c.requiresApproval,
    enrolOpensAt: c.enrolOpensAt,
    enrolClosesAt: c.enrolClosesAt,
    cancelReason: c.cancelReason,
    unitName: c.unit.name,
    course: c.course,
    planItem: c.planItem,
    selfUnits: c.selfUnits.map((s) => s.unit),
    sessions: c.sessions.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, place: s.place, onlineUrl: s.onlineUrl, trainerId: s.trainerId, trainerName: s.trainer?.fullName ?? null, attendance: canTakeAttendance(viewer, { trainerId: s.trainerId, class: c }) })),
    roster: rows.map((r) => ({
      enrolmentId: r.id,
      userId: r.userId,
      fullName: r.user.fullName,
      unitName: r.unit.name,
      status: r.status,
      waitlistedAt: r.waitlistedAt,
      enrolledAt: r.enrolledAt,
      nominated: r.nominatedById !== null,
    })),
    quotas: access === "manage" || access === "nominate" ? await quotaLeft(viewer, id) : [],
    mine: mine && mine.status !== "WITHDRAWN" ? { enrolmentId: mine.id, status: mine.status } : null,
    canSelfEnrol: c.status === "OPEN" && !enrolledElsewhere && (!mine || mine.status === "WITHDRAWN" || mine.status === "REJECTED") && (await mayJoinSelf(db(), viewer, c)),
  };
}

export type Candidate = { id: string; fullName: string; unitName: string; enrolled: boolean; clashes: Clash[] };

/** How many people the nominate form lists at once; `total` says how many matched. */
export const CANDIDATES_SHOWN = 50;

/**
 * People the viewer may nominate into this class (class:nominate scope, active), searched as the
 * people list searches (accent-insensitive, each word starting a word of name, e-mail, position or
 * phone: lib/people/search.ts), in Vietnamese name order; the first CANDIDATES_SHOWN with the total
 * that matched, and clash warnings.
 */
export async function nominationCandidates(viewer: Viewer, classId: string, query: string): Promise<{ rows: Candidate[]; total: number }> {
  const { cls, access } = await readClassFor(db(), viewer, classId);
  if (access !== "manage" && access !== "nominate") throw notFound();
  const scope = unitIdsWith(viewer, "class:nominate");
  if (scope.length === 0) return { rows: [], total: 0 };
  const words = searchWords(query).map((w) => Prisma.sql`u."searchText" ~ ${wordStartPattern(w)}`);
  const people = await db().$queryRaw<{ id: string; fullName: string; unitName: string; total: number }[]>`
    SELECT u."id"::text AS "id", u."fullName", un."name" AS "unitName", count(*) OVER ()::int AS "total"
    FROM "User" u JOIN "Unit" un ON un."id" = u."unitId"
    WHERE u."unitId" = ANY(${scope}::uuid[]) AND u."active" ${words.length ? Prisma.sql`AND ${Prisma.join(words, " AND ")}` : Prisma.empty}
    ORDER BY u."nameKey", u."id"
    LIMIT ${CANDIDATES_SHOWN}::int`;
  const total = people[0]?.total ?? 0;
  const ids = people.map((p) => p.id);
  const enrolled = new Set(
    (await db().enrolment.findMany({ where: { courseId: cls.courseId, userId: { in: ids }, status: { in: [...ENROLLED_STATUSES] } }, select: { userId: true } })).map((e) => e.userId),
  );
  const sessions = await db().classSession.findMany({ where: { classId }, select: { startsAt: true, endsAt: true } });
  const clashes = await findClashes(db(), ids.map((userId) => ({ userId, role: "learner" as const })), sessions, { classId });
  return {
    rows: people.map((p) => ({ id: p.id, fullName: p.fullName, unitName: p.unitName, enrolled: enrolled.has(p.id), clashes: clashes.filter((c) => c.userId === p.id) })),
    total,
  };
}

/** Trainers (TRAINER grant, active) within the manager's class:manage scope, for the session form. */
export async function trainerChoices(viewer: Viewer, classId: string): Promise<{ id: string; fullName: string }[]> {
  const { access } = await readClassFor(db(), viewer, classId);
  if (access !== "manage") throw notFound();
  return db().user.findMany({
    where: { active: true, grants: { some: { role: "TRAINER", unitId: { in: unitIdsWith(viewer, "class:manage") } } } },
    orderBy: [{ fullName: "asc" }, { id: "asc" }],
    take: 300,
    select: { id: true, fullName: true },
  });
}

/** For /classes/new: the plan item a class would be opened against (its plan must be visible and the viewer a manager). */
export async function planItemForNewClass(viewer: Viewer, planItemId: string) {
  const item = await db().planItem.findUnique({
    where: { id: planItemId },
    select: { id: true, title: true, courseId: true, areaId: true, course: { select: { id: true, title: true, status: true } }, plan: { select: { id: true, unitId: true, status: true, title: true } } },
  });
  if (!item || unitIdsWith(viewer, "class:manage").indexOf(item.plan.unitId) < 0) throw notFound();
  const courses = item.courseId
    ? []
    : await db().course.findMany({
        where: { status: "PUBLISHED", areaId: item.areaId ?? undefined, unitId: { in: unitIdsWith(viewer, "course:read") } },
        orderBy: { title: "asc" },
        take: 200,
        select: { id: true, title: true },
      });
  return { ...item, courses };
}
