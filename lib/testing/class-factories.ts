// Test-only: plans, items and classes written without a viewer (see factories.ts).
import { db } from "@/lib/db";
import type { PlanStatus } from "@/lib/db/generated/enums";
import { utcToVn } from "@/lib/i18n/format";
import { makeCourse } from "./course-factories";
import { uniq } from "./factories";

/** A plan of `ownerUnitId` (APPROVED unless told) with one item for `courseId` and the given quotas. */
export async function makePlanItem(input: { ownerUnitId: string; courseId: string; quotas: Record<string, number>; status?: PlanStatus; participants?: number }) {
  const course = await db().course.findUniqueOrThrow({ where: { id: input.courseId }, select: { areaId: true, title: true } });
  const plan = await db().trainingPlan.create({
    data: {
      unitId: input.ownerUnitId,
      // One plan per unit and year: a random far year keeps tests apart.
      year: 3000 + Math.floor(Math.random() * 60000),
      title: `Kế hoạch đào tạo, bồi dưỡng ${uniq()}`,
      status: input.status ?? "APPROVED",
      approvedAt: (input.status ?? "APPROVED") === "APPROVED" ? new Date() : null,
    },
  });
  const item = await db().planItem.create({
    data: {
      planId: plan.id,
      position: 1,
      title: course.title,
      areaId: course.areaId,
      courseId: input.courseId,
      targetGroups: ["CONG_CHUC"],
      plannedClasses: 2,
      plannedParticipants: input.participants ?? 1000,
      quarter: 2,
      leadUnitId: input.ownerUnitId,
      quotas: { create: Object.entries(input.quotas).map(([unitId, seats]) => ({ unitId, seats })) },
    },
  });
  return { plan, item };
}

/** A Vietnamese local date `days` from today ("YYYY-MM-DD"), for enrolment windows and sessions. */
export function vnDay(days: number): string {
  return utcToVn(new Date(Date.now() + days * 86_400_000)).date;
}

/** The form fields of a class (raw strings, as a form sends them). */
export function classForm(planItemId: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    planItemId,
    code: `L.${uniq()}`,
    title: "Lớp bồi dưỡng kỹ năng chứng thực điện tử",
    mode: "IN_PERSON",
    capacity: "30",
    enrolOpens: vnDay(-1),
    enrolCloses: vnDay(10),
    joinPolicy: "NOMINATED",
    ...over,
  };
}

/** A published course owned by `ownerUnitId` (not self-study) and an approved plan item for it with these quotas. */
export async function makeClassPlan(ownerUnitId: string, quotas: Record<string, number>) {
  const course = await makeCourse({ unitId: ownerUnitId, selfEnrol: false, title: "Chứng thực bản sao điện tử" });
  const { plan, item } = await makePlanItem({ ownerUnitId, courseId: course.id, quotas });
  return { course, plan, item };
}

/**
 * E2E (tests/e2e/classes.spec.ts): a published course and an approved plan of the province with one
 * item for it, giving commune A a quota of 2, and two more officials of commune A to nominate.
 */
export async function makeE2eClassSetup(input: { provinceId: string; communeAId: string }) {
  const { makeUser } = await import("./factories");
  const { course, plan, item } = await makeClassPlan(input.provinceId, { [input.communeAId]: 2 });
  const officials = await Promise.all(
    ["Nguyễn Văn Cử", "Trần Thị Chỉ Tiêu"].map(async (fullName) => {
      const u = await makeUser({ unitId: input.communeAId, fullName });
      return { id: u.id, fullName };
    }),
  );
  return { planItemId: item.id, planId: plan.id, courseTitle: course.title, officials };
}
export type E2eClassSetup = Awaited<ReturnType<typeof makeE2eClassSetup>>;
