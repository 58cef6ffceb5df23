import { can, hasAnywhere, unitIdsWith, unitScopeSql, type Viewer } from "@/lib/auth/viewer";
import { db, Prisma } from "@/lib/db";
import type { CourseStatus, EnrolmentStatus, LessonKind, TargetGroup } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { searchWords, wordStartPattern } from "@/lib/people/search";
import { buildTree, type TreeNode } from "@/lib/units/tree";
import { assertManageCourse, courseAccess, homeUnitChain, isLearner, openToSql, type CourseAccess } from "./access";
import { unsafeTrainerCandidates } from "./commands";
import { COURSE_PAGE_SIZE, type CatalogueInput, type ManageListInput } from "./schemas";
import { unsafeRootsOf } from "@/lib/units/forest";

export type CourseRow = {
  id: string;
  code: string;
  title: string;
  summary: string;
  hours: number;
  status: CourseStatus;
  selfEnrol: boolean;
  areaName: string;
  areaNameEn: string;
  unitName: string;
  enrolmentStatus: EnrolmentStatus | null;
};
export type CoursePage = { rows: CourseRow[]; total: number; page: number; pageSize: number; pageCount: number };

function paging(input: CatalogueInput) {
  const pageSize = Math.min(Math.max(1, Math.floor(input.pageSize ?? COURSE_PAGE_SIZE)), 100);
  const page = Math.max(1, Math.floor(input.page ?? 1));
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** Accent-insensitive search on Course.searchText: every folded word must start a word there. */
function searchConditions(q: string | undefined): Prisma.Sql[] {
  return searchWords(q ?? "").map((w) => Prisma.sql`c."searchText" ~ ${wordStartPattern(w)}`);
}

async function runPage(ctes: Prisma.Sql[], where: Prisma.Sql[], viewer: Viewer, input: CatalogueInput): Promise<CoursePage> {
  const { page, pageSize, offset } = paging(input);
  const w = Prisma.join(where, " AND ");
  const withClause = ctes.length ? Prisma.sql`WITH RECURSIVE ${Prisma.join(ctes, ", ")}` : Prisma.empty;
  const [rows, counted] = await Promise.all([
    db().$queryRaw<CourseRow[]>`
      ${withClause}
      SELECT c."id"::text AS "id", c."code", c."title", c."summary", c."hours", c."status"::text AS "status", c."selfEnrol",
             a."name" AS "areaName", a."nameEn" AS "areaNameEn", un."name" AS "unitName", e."status"::text AS "enrolmentStatus"
      FROM "Course" c
      JOIN "CourseArea" a ON a."id" = c."areaId"
      JOIN "Unit" un ON un."id" = c."unitId"
      LEFT JOIN "Enrolment" e ON e."courseId" = c."id" AND e."userId" = ${viewer.userId}::uuid
      WHERE ${w}
      ORDER BY a."position", c."title", c."id"
      OFFSET ${offset}::int LIMIT ${pageSize}::int`,
    db().$queryRaw<{ total: number }[]>`${withClause} SELECT count(*)::int AS "total" FROM "Course" c WHERE ${w}`,
  ]);
  const total = counted[0]?.total ?? 0;
  const pageCount = Math.ceil(total / pageSize);
  // A page past the end (an old link) shows the last page, never "page 99 of 3" with nothing on it.
  if (rows.length === 0 && page > pageCount && pageCount > 0) return runPage(ctes, where, viewer, { ...input, page: pageCount });
  return { rows, total, page, pageSize, pageCount };
}

/**
 * The catalogue a learner sees: PUBLISHED courses open to their own unit (an audience unit is
 * their unit or an ancestor), for people holding `learn` on their unit; searched without
 * diacritics, filtered by area, a page at a time. Anyone else gets an empty page.
 */
export async function listCatalogue(viewer: Viewer, input: CatalogueInput = {}): Promise<CoursePage> {
  const { page, pageSize } = paging(input);
  if (!isLearner(viewer)) return { rows: [], total: 0, page, pageSize, pageCount: 0 };
  const where = [openToSql(await homeUnitChain(viewer)), ...searchConditions(input.q)];
  if (input.areaId) where.push(Prisma.sql`c."areaId" = ${input.areaId}::uuid`);
  return runPage([], where, viewer, input);
}

/** True when the viewer has a management list: course:read somewhere or trainer of a course. */
export async function hasCourseStaffView(viewer: Viewer): Promise<boolean> {
  if (hasAnywhere(viewer, "course:read") || hasAnywhere(viewer, "course:create")) return true;
  return (await db().courseTrainer.count({ where: { userId: viewer.userId } })) > 0;
}

/**
 * The management list: every course owned by a unit where the viewer holds course:read (drafts
 * and archived included) and every course they train, filtered by status, area and search.
 */
export async function listManagedCourses(viewer: Viewer, input: ManageListInput = {}): Promise<CoursePage> {
  const scope = unitScopeSql(viewer, "course:read", Prisma.sql`c."unitId"`);
  const where: Prisma.Sql[] = [
    Prisma.sql`(${scope.condition} OR EXISTS (SELECT 1 FROM "CourseTrainer" t WHERE t."courseId" = c."id" AND t."userId" = ${viewer.userId}::uuid))`,
    ...searchConditions(input.q),
  ];
  if (input.areaId) where.push(Prisma.sql`c."areaId" = ${input.areaId}::uuid`);
  if (input.status) where.push(Prisma.sql`c."status" = ${input.status}::"CourseStatus"`);
  return runPage(scope.cte ? [scope.cte] : [], where, viewer, input);
}

/** `quiz`: a QUIZ lesson's quiz, whose page the outline links to. */
export type OutlineLesson = { id: string; title: string; kind: LessonKind; quiz: { id: string } | null };
export type CourseOverview = {
  access: CourseAccess;
  course: {
    id: string;
    code: string;
    title: string;
    summary: string;
    objectives: string;
    hours: number;
    status: CourseStatus;
    selfEnrol: boolean;
    targetGroups: TargetGroup[];
    area: { name: string; nameEn: string };
    unit: { name: string };
    publishedAt: Date | null;
  };
  sections: { id: string; title: string; lessons: OutlineLesson[] }[];
  trainers: { id: string; fullName: string }[];
  audience: { id: string; name: string }[];
};

/** A course's page: what the viewer may see of it (courseAccess decides; NOT_FOUND otherwise). */
export async function getCourseOverview(viewer: Viewer, id: string): Promise<CourseOverview> {
  const access = await courseAccess(viewer, id);
  const course = await db().course.findUnique({
    where: { id },
    select: {
      id: true,
      code: true,
      title: true,
      summary: true,
      objectives: true,
      hours: true,
      status: true,
      selfEnrol: true,
      targetGroups: true,
      publishedAt: true,
      area: { select: { name: true, nameEn: true } },
      unit: { select: { name: true } },
      sections: {
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: {
          id: true,
          title: true,
          lessons: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, title: true, kind: true, quiz: { select: { id: true } } } },
        },
      },
      trainers: { orderBy: { addedAt: "asc" }, select: { user: { select: { id: true, fullName: true } } } },
      audience: { select: { unit: { select: { id: true, name: true } } } },
    },
  });
  if (!course) throw notFound();
  const { sections, trainers, audience, ...rest } = course;
  return {
    access,
    course: rest,
    sections,
    trainers: trainers.map((t) => t.user),
    audience: audience.map((a) => a.unit).sort((a, b) => a.name.localeCompare(b.name, "vi")),
  };
}

/** A course's fields for its edit form, with its audience and trainers (manage only). */
export async function getCourseForEdit(viewer: Viewer, id: string) {
  const access = await assertManageCourse(viewer, id);
  const course = await db().course.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      code: true,
      title: true,
      areaId: true,
      unitId: true,
      summary: true,
      objectives: true,
      targetGroups: true,
      hours: true,
      selfEnrol: true,
      status: true,
      unit: { select: { name: true } },
      audience: { select: { unitId: true } },
      trainers: { orderBy: { addedAt: "asc" }, select: { user: { select: { id: true, fullName: true, email: true } } } },
      _count: { select: { lessons: true } },
    },
  });
  const chooseTrainers = can(viewer, "course:manage", course.unitId);
  const candidates = chooseTrainers ? await unsafeTrainerCandidates(db(), course.unitId) : [];
  const current = new Set(course.trainers.map((t) => t.user.id));
  return {
    access,
    course: { ...course, audience: course.audience.map((a) => a.unitId), trainers: course.trainers.map((t) => t.user), lessons: course._count.lessons },
    chooseTrainers,
    trainerCandidates: candidates.filter((c) => !current.has(c.id)).map(({ id, fullName, unitName }) => ({ id, fullName, unitName })),
  };
}

export type UnitChoice = { id: string; name: string; depth: number };

function inTreeOrder<T extends { id: string; parentId: string | null; name: string }>(units: T[]): (T & { depth: number })[] {
  const out: (T & { depth: number })[] = [];
  const walk = (nodes: TreeNode<T>[], depth: number) => {
    for (const n of [...nodes].sort((a, b) => a.name.localeCompare(b.name, "vi"))) {
      const { children, ...row } = n;
      out.push({ ...(row as unknown as T), depth });
      walk(children, depth + 1);
    }
  };
  walk(buildTree(units), 0);
  return out;
}

/** Units where the viewer may create courses (course:create), in tree order: the "owning unit" select. */
export async function owningUnitOptions(viewer: Viewer): Promise<UnitChoice[]> {
  const units = await db().unit.findMany({
    where: { id: { in: unitIdsWith(viewer, "course:create") }, active: true, mergedIntoId: null },
    select: { id: true, name: true, parentId: true },
  });
  return inTreeOrder(units).map(({ id, name, depth }) => ({ id, name, depth }));
}

/** How deep the audience checklist goes below the province (deeper units stay selectable when chosen). */
const AUDIENCE_DEPTH = 2;

/**
 * The audience checklist: the open units of the province of `unitId` (a unit the viewer may
 * create courses in, or manage) down to two levels below the root, plus the ones already chosen.
 * Any unit of the province may be an audience (decision 060); the list is a convenience.
 */
export async function audienceOptions(viewer: Viewer, unitId: string, chosen: readonly string[] = []): Promise<UnitChoice[]> {
  if (!can(viewer, "course:create", unitId) && !can(viewer, "course:manage", unitId) && !can(viewer, "course:read", unitId)) {
    const trainer = await db().courseTrainer.findFirst({ where: { userId: viewer.userId, course: { unitId } }, select: { courseId: true } });
    if (!trainer) throw notFound();
  }
  const root = (await unsafeRootsOf([unitId])).get(unitId);
  if (!root) throw notFound();
  const rows = await db().$queryRaw<{ id: string; name: string; parentId: string | null; depth: number }[]>`
    WITH RECURSIVE down AS (
      SELECT "id", "name", "parentId", 0 AS "depth" FROM "Unit" WHERE "id" = ${root}::uuid
      UNION ALL
      SELECT u."id", u."name", u."parentId", down."depth" + 1 FROM "Unit" u JOIN down ON u."parentId" = down."id"
      WHERE u."active" AND u."mergedIntoId" IS NULL
    )
    SELECT "id"::text AS "id", "name", "parentId"::text AS "parentId", "depth" FROM down
    WHERE "depth" <= ${AUDIENCE_DEPTH} OR "id" = ANY(${[...chosen, unitId]}::uuid[])`;
  return inTreeOrder(rows).map(({ id, name, depth }) => ({ id, name, depth }));
}
