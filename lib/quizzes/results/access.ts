import type { Viewer } from "@/lib/auth/viewer";
import { courseAccess } from "@/lib/courses/access";
import { db } from "@/lib/db";
import type { QuizGrading } from "@/lib/db/generated/enums";
import { forbidden, notFound } from "@/lib/errors";

/**
 * Who sees a quiz's results (docs/decisions/085-quiz-results-and-item-analysis.md): the course's
 * staff (courseAccess(...).staff: its trainers, course:manage or course:read on its unit). Those who
 * manage the course mark essays and regrade. Everyone else, learners of the course included, gets
 * NOT_FOUND, as for a quiz that does not exist.
 */
export type QuizStaff = {
  quiz: { id: string; courseId: string; title: string; grading: QuizGrading; passPercent: number | null; unitId: string; courseTitle: string };
  manage: boolean;
};

export async function quizStaffAccess(viewer: Viewer, quizId: string): Promise<QuizStaff> {
  const quiz = await db().quiz.findUnique({
    where: { id: quizId },
    select: { id: true, courseId: true, grading: true, passPercent: true, lesson: { select: { title: true } } },
  });
  if (!quiz) throw notFound();
  const access = await courseAccess(viewer, quiz.courseId);
  if (!access.staff) throw notFound();
  return {
    quiz: {
      id: quiz.id,
      courseId: quiz.courseId,
      title: quiz.lesson.title,
      grading: quiz.grading,
      passPercent: quiz.passPercent === null ? null : Number(quiz.passPercent),
      unitId: access.course.unitId,
      courseTitle: access.course.title,
    },
    manage: access.manage,
  };
}

/** As quizStaffAccess, and the viewer must manage the course (mark, regrade): FORBIDDEN for staff who only read. */
export async function assertMarkQuiz(viewer: Viewer, quizId: string): Promise<QuizStaff> {
  const staff = await quizStaffAccess(viewer, quizId);
  if (!staff.manage) throw forbidden();
  return staff;
}
