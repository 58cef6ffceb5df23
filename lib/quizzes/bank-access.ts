import { can, type Viewer } from "@/lib/auth/viewer";
import { assertManageCourse, courseAccess } from "@/lib/courses/access";
import { db } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import { unsafeAncestorsOf } from "@/lib/units/forest";

/**
 * Who may see, edit and use a question bank (docs/decisions/080-quizzes.md).
 *
 * - A course's bank: seen by the course's staff, edited by those who manage the course (its
 *   trainers, `course:manage` on its unit).
 * - A unit's bank: seen with `course:read` on the unit, edited with `course:manage` there.
 * - Used in a quiz: by whoever manages the course, from the course's own banks and the banks of
 *   the course's unit and its ancestors (the province's bank serves every course).
 * A bank the viewer may not see is NOT_FOUND.
 */
export type BankRef = { id: string; name: string; unitId: string | null; courseId: string | null };
export type BankAccess = { bank: BankRef; edit: boolean };

const BANK_SELECT = { id: true, name: true, unitId: true, courseId: true } as const;

export async function bankAccess(viewer: Viewer, bankId: string): Promise<BankAccess> {
  const bank = await db().questionBank.findUnique({ where: { id: bankId }, select: BANK_SELECT });
  if (!bank) throw notFound();
  if (bank.courseId !== null) {
    const access = await courseAccess(viewer, bank.courseId);
    if (!access.staff) throw notFound();
    return { bank, edit: access.manage };
  }
  if (bank.unitId === null || !can(viewer, "course:read", bank.unitId)) throw notFound();
  return { bank, edit: can(viewer, "course:manage", bank.unitId) };
}

/** Bank access for a change: NOT_FOUND when unseen, FORBIDDEN when seen but not editable. */
export async function assertEditBank(viewer: Viewer, bankId: string): Promise<BankAccess> {
  const access = await bankAccess(viewer, bankId);
  if (!access.edit) throw forbidden();
  return access;
}

/** The banks a quiz of this course may draw from; the viewer must manage the course. */
export async function usableBanksForCourse(viewer: Viewer, courseId: string): Promise<BankRef[]> {
  const access = await assertManageCourse(viewer, courseId);
  const units = await unsafeAncestorsOf(access.course.unitId);
  return db().questionBank.findMany({
    where: { OR: [{ courseId }, { unitId: { in: units } }] },
    select: BANK_SELECT,
    orderBy: [{ courseId: { sort: "desc", nulls: "last" } }, { name: "asc" }],
  });
}
