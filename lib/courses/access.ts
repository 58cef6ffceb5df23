import { can, type Viewer } from "@/lib/auth/viewer";
import { db, Prisma } from "@/lib/db";
import type { CourseStatus, EnrolmentStatus } from "@/lib/db/generated/enums";
import { forbidden, notFound } from "@/lib/errors";
import { unsafeAncestorsOf } from "@/lib/units/forest";

/**
 * Who may do what with one course (docs/decisions/060-courses.md). Every course page, action and
 * file route starts here; a course the viewer may not even see is NOT_FOUND (no existence leak).
 *
 * - manage: edit content, upload, publish/archive — admins holding course:manage on the owning
 *   unit, and the course's own trainers.
 * - staff: sees the course whatever its status (drafts included) and every lesson and file —
 *   `manage`, or course:read on the owning unit.
 * - study: may open lessons and files as a learner — enrolled (ACTIVE or COMPLETED) in a course
 *   that is not a draft.
 * - open: published and open to the viewer's own unit (an audience unit is the viewer's unit or
 *   one of its ancestors) and the viewer holds `learn` there — they see it in the catalogue.
 */
export type CourseAccess = {
  course: { id: string; code: string; title: string; unitId: string; status: CourseStatus; selfEnrol: boolean };
  manage: boolean;
  isTrainer: boolean;
  staff: boolean;
  open: boolean;
  enrolment: { id: string; status: EnrolmentStatus; classId: string | null } | null;
  study: boolean;
  /** The viewer may enrol on their own now: open, self-study, not yet (or no longer) enrolled. */
  canSelfEnrol: boolean;
};

const STUDYING: readonly EnrolmentStatus[] = ["ACTIVE", "COMPLETED"];
/** Enrolments that hold nothing any more: the person may enrol again (the same row is reused). */
export const ENDED: readonly EnrolmentStatus[] = ["WITHDRAWN", "REJECTED"];

/** The viewer's home unit and its ancestors: the units whose audience includes the viewer. */
export async function homeUnitChain(viewer: Viewer): Promise<string[]> {
  return unsafeAncestorsOf(viewer.unitId);
}

/** True when the viewer may study as a learner: `learn` held on their own unit. */
export function isLearner(viewer: Viewer): boolean {
  return can(viewer, "learn", viewer.unitId);
}

/**
 * SQL condition: the course aliased `c` is published and open to a learner whose home unit chain
 * is `chain`. For catalogue lists.
 */
export function openToSql(chain: readonly string[], alias = "c"): Prisma.Sql {
  const c = Prisma.raw(`"${alias.replace(/[^a-z_]/gi, "")}"`);
  return Prisma.sql`${c}."status" = 'PUBLISHED' AND EXISTS (
    SELECT 1 FROM "CourseAudience" a WHERE a."courseId" = ${c}."id" AND a."unitId" = ANY(${[...chain]}::uuid[]))`;
}

/** The viewer's rights on a course; NOT_FOUND when they may not see it at all. */
export async function courseAccess(viewer: Viewer, courseId: string): Promise<CourseAccess> {
  const course = await db().course.findUnique({
    where: { id: courseId },
    select: {
      id: true,
      code: true,
      title: true,
      unitId: true,
      status: true,
      selfEnrol: true,
      trainers: { where: { userId: viewer.userId }, select: { userId: true } },
      enrolments: { where: { userId: viewer.userId }, select: { id: true, status: true, classId: true } },
      audience: { select: { unitId: true } },
    },
  });
  if (!course) throw notFound();
  const isTrainer = course.trainers.length > 0;
  const manage = isTrainer || can(viewer, "course:manage", course.unitId);
  const staff = manage || can(viewer, "course:read", course.unitId);
  const enrolment = course.enrolments[0] ?? null;
  let open = false;
  if (course.status === "PUBLISHED" && isLearner(viewer)) {
    const chain = new Set(await homeUnitChain(viewer));
    open = course.audience.some((a) => chain.has(a.unitId));
  }
  const study = enrolment !== null && STUDYING.includes(enrolment.status) && course.status !== "DRAFT";
  if (!staff && !open && !study) throw notFound();
  return {
    course: { id: course.id, code: course.code, title: course.title, unitId: course.unitId, status: course.status, selfEnrol: course.selfEnrol },
    manage,
    isTrainer,
    staff,
    open,
    enrolment,
    study,
    canSelfEnrol: open && course.selfEnrol && (enrolment === null || ENDED.includes(enrolment.status)),
  };
}

/** Course access for a change of content: NOT_FOUND when unseen, FORBIDDEN when seen but not managed. */
export async function assertManageCourse(viewer: Viewer, courseId: string): Promise<CourseAccess> {
  const access = await courseAccess(viewer, courseId);
  if (!access.manage) throw forbidden();
  return access;
}

/** Course access for opening lessons and files: staff or an enrolled learner; others NOT_FOUND. */
export async function assertStudyCourse(viewer: Viewer, courseId: string): Promise<CourseAccess> {
  const access = await courseAccess(viewer, courseId);
  if (!access.staff && !access.study) throw notFound();
  return access;
}
