import Link from "next/link";
import { EnrolmentBadge } from "@/components/courses/badges";
import { ProgressBar } from "@/components/learning/progress-bar";
import type { MyCourse } from "@/lib/courses/enrolment";
import type { Translate } from "@/lib/i18n/messages";
import { progressPercent } from "@/lib/learning/progress";

/** "Khóa học của tôi": each enrolment with its status and the learner's progress bar. */
export function MyCourses({ rows, t, label }: { rows: readonly MyCourse[]; t: Translate; label?: string }) {
  return (
    <ul className="mt-2 divide-y divide-slate-100" aria-label={label ?? t("courses.myCourses")}>
      {rows.map((c) => (
        <li key={c.courseId} className="space-y-2 py-3">
          <div className="flex flex-wrap items-center gap-2">
            <Link href={`/courses/${c.courseId}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline [overflow-wrap:anywhere]">
              {c.title}
            </Link>
            <EnrolmentBadge status={c.status} t={t} />
          </div>
          {(c.status === "ACTIVE" || c.status === "COMPLETED") && c.lessons > 0 ? (
            <ProgressBar
              percent={progressPercent(c.lessonsDone, c.lessons)}
              label={t("courses.myProgress", { done: c.lessonsDone, total: c.lessons })}
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
