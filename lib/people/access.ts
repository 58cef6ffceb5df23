import { grantPermissionFor } from "@/lib/auth/permissions";
import { can, type Viewer } from "@/lib/auth/viewer";
import { db, type Prisma } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";

type Reader = Prisma.TransactionClient | ReturnType<typeof db>;

/**
 * Every right an account holds, of any kind (docs/decisions/025): role grants on units, the
 * trainer rights on courses (CourseTrainer: edit the course's content and files) and the trainer
 * rights on class sessions (ClassSession.trainerId: take the session's attendance). A new kind of
 * object-level right must be added here, or the account rule below would not see it.
 */
export type AccountRights = {
  grants: { role: Role; unitId: string }[];
  /** Courses the account trains, with the owning unit (course:manage there chooses trainers). */
  courses: { courseId: string; unitId: string }[];
  /** Sessions the account trains, with the class's organising unit (class:manage there assigns them). */
  sessions: { sessionId: string; unitId: string }[];
};

/** Reads every right of the account (inside the caller's transaction when given one). Unscoped: callers check the person first. */
export async function unsafeAccountRights(reader: Reader, userId: string): Promise<AccountRights> {
  const grants = await reader.roleGrant.findMany({ where: { userId }, select: { role: true, unitId: true } });
  const courses = await reader.courseTrainer.findMany({ where: { userId }, select: { courseId: true, course: { select: { unitId: true } } } });
  const sessions = await reader.classSession.findMany({ where: { trainerId: userId }, select: { id: true, class: { select: { unitId: true } } } });
  return {
    grants,
    courses: courses.map((c) => ({ courseId: c.courseId, unitId: c.course.unitId })),
    sessions: sessions.map((s) => ({ sessionId: s.id, unitId: s.class.unitId })),
  };
}

/**
 * THE account rule: an admin manages an account — changes its e-mail (where reset links go),
 * moves it, deactivates or reactivates it, resends its invitation, anything that could let them
 * act as its holder — only if every right the account holds lies within the admin's own scope,
 * each judged by the permission that gives it: a role grant by the permission to grant that role
 * on its unit, a course trainer right by course:manage on the course's unit, a session trainer
 * right by class:manage on the class's unit. Otherwise a commune admin could take over a province
 * course's trainer (or a province admin homed in their commune) by resetting the password.
 * Plain edits (name, phone, position, rank, category) need only person:update on the person's unit.
 */
export function rightsWithinScope(viewer: Viewer, rights: AccountRights): boolean {
  return (
    rights.grants.every((g) => can(viewer, grantPermissionFor(g.role), g.unitId)) &&
    rights.courses.every((c) => can(viewer, "course:manage", c.unitId)) &&
    rights.sessions.every((s) => can(viewer, "class:manage", s.unitId))
  );
}

export const outranked = () => new AppError("FORBIDDEN", "people.outranked");

/**
 * The account rule as a check, for every account-management command (lib/people, lib/accounts,
 * lib/roles): FORBIDDEN unless `rightsWithinScope`. Call it inside the command's transaction,
 * after locking the person, so the rights checked are the rights held when it commits.
 */
export async function assertManagesAccount(reader: Reader, viewer: Viewer, userId: string): Promise<void> {
  if (!rightsWithinScope(viewer, await unsafeAccountRights(reader, userId))) throw outranked();
}

/** For pages: may the viewer manage this account (the same rule; the command checks again). */
export async function canManageAccount(viewer: Viewer, userId: string): Promise<boolean> {
  return rightsWithinScope(viewer, await unsafeAccountRights(db(), userId));
}
