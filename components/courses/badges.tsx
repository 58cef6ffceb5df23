import type { EnrolmentStatus } from "@/lib/db/generated/enums";
import type { Translate } from "@/lib/i18n/messages";

const COURSE_TONES = {
  DRAFT: "bg-amber-100 text-amber-900",
  PUBLISHED: "bg-green-100 text-green-900",
  ARCHIVED: "bg-slate-200 text-slate-800",
} as const;

const ENROLMENT_TONES: Record<EnrolmentStatus, string> = {
  PENDING: "bg-amber-100 text-amber-900",
  WAITLISTED: "bg-amber-100 text-amber-900",
  REJECTED: "bg-red-100 text-red-900",
  ACTIVE: "bg-blue-100 text-blue-900",
  COMPLETED: "bg-green-100 text-green-900",
  WITHDRAWN: "bg-slate-200 text-slate-800",
};

export function CourseStatusBadge({ status, t }: { status: keyof typeof COURSE_TONES; t: Translate }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${COURSE_TONES[status]}`}>{t(`courses.status.${status}`)}</span>;
}

export function EnrolmentBadge({ status, t }: { status: EnrolmentStatus; t: Translate }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${ENROLMENT_TONES[status]}`}>{t(`courses.enrolment.${status}`)}</span>;
}
