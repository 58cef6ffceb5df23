// Test-only: a class with sessions and enrolled learners, written without a viewer (see
// factories.ts), for the attendance and calendar tests. Independent of lib/classes on purpose.
import { db } from "@/lib/db";
import type { EnrolmentStatus } from "@/lib/db/generated/enums";
import { makePlanItem } from "./class-factories";
import { makeCourse } from "./course-factories";
import { uniq } from "./factories";

export type SessionTimes = { startsAt: Date; endsAt: Date; place?: string; onlineUrl?: string | null; trainerId?: string | null };

/**
 * A published course, an approved plan item, the class (organised by `organiserUnitId`), its
 * sessions (one from startsAt/endsAt, or `sessions`), and each learner's class enrolment
 * (ACTIVE unless `learnerStatuses` says otherwise).
 */
export async function makeClassWithSession(input: {
  organiserUnitId: string;
  trainerId: string | null;
  learnerIds?: string[];
  learnerStatuses?: Record<string, EnrolmentStatus>;
  startsAt?: Date;
  endsAt?: Date;
  sessions?: SessionTimes[];
  title?: string;
  place?: string;
  onlineUrl?: string | null;
}) {
  const startsAt = input.startsAt ?? new Date(Date.now() + 86_400_000);
  const endsAt = input.endsAt ?? new Date(startsAt.getTime() + 3.5 * 3600_000);
  const title = input.title ?? "Kỹ năng số cho công chức bộ phận một cửa";
  const course = await makeCourse({ unitId: input.organiserUnitId, title, trainerIds: input.trainerId ? [input.trainerId] : [] });
  const { item } = await makePlanItem({ ownerUnitId: input.organiserUnitId, courseId: course.id, quotas: {} });
  const klass = await db().class.create({
    data: {
      code: `LOP.${uniq()}`,
      title,
      planItemId: item.id,
      courseId: course.id,
      unitId: input.organiserUnitId,
      mode: "IN_PERSON",
      capacity: 40,
      enrolOpensAt: new Date(startsAt.getTime() - 30 * 86_400_000),
      enrolClosesAt: new Date(startsAt.getTime() - 86_400_000),
    },
  });
  const times = input.sessions ?? [{ startsAt, endsAt }];
  const sessions = [];
  for (const s of times) {
    sessions.push(
      await db().classSession.create({
        data: {
          classId: klass.id,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          place: s.place ?? input.place ?? "Hội trường Sở Nội vụ, 62 Lê Duẩn",
          onlineUrl: s.onlineUrl ?? input.onlineUrl ?? null,
          trainerId: s.trainerId === undefined ? input.trainerId : s.trainerId,
        },
      }),
    );
  }
  for (const userId of input.learnerIds ?? []) await enrolInClass(klass.id, userId, input.learnerStatuses?.[userId] ?? "ACTIVE");
  return { planItem: item, course, class: klass, session: sessions[0]!, sessions };
}

/** A class enrolment (one per person and course, like every enrolment). */
export async function enrolInClass(classId: string, userId: string, status: EnrolmentStatus = "ACTIVE") {
  const klass = await db().class.findUniqueOrThrow({ where: { id: classId }, select: { courseId: true } });
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { unitId: true } });
  return db().enrolment.create({ data: { userId, courseId: klass.courseId, classId, unitId: user.unitId, status } });
}

/**
 * E2E: the world's trainer teaching a class of the agency with a session running now (started 5
 * minutes ago, 3 hours long), the learner and a second learner (learnerB) enrolled.
 */
export async function makeE2eAttendanceClass(input: { organiserUnitId: string; trainerId: string; learnerIds: string[] }) {
  const startsAt = new Date(Date.now() - 5 * 60_000);
  const made = await makeClassWithSession({
    organiserUnitId: input.organiserUnitId,
    trainerId: input.trainerId,
    learnerIds: input.learnerIds,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
    title: "Ứng dụng chữ ký số trong giải quyết thủ tục hành chính",
  });
  return { classId: made.class.id, classTitle: made.class.title, sessionId: made.session.id };
}
export type E2eAttendanceClass = Awaited<ReturnType<typeof makeE2eAttendanceClass>>;
