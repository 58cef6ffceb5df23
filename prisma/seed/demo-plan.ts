// Demo plan and class: the province's approved training plan for the current year (three items,
// quotas for a few units), and one class of the PAR Index course with two sessions next week,
// into which the Bình Kiến CCHC focal point has nominated the demo learner and a colleague; the
// demo trainer teaches it. Idempotent: nothing is written when the plan exists, or when the demo
// units and courses are not there.
import { type Db, transaction } from "@/lib/db";
import { utcToVn, vnToUtc } from "@/lib/i18n/format";
import { DEMO_ACCOUNTS } from "./demo-data";

type DemoItem = {
  title: string;
  areaCode: string;
  courseCode?: string;
  classes: number;
  participants: number;
  quarter: number;
  leadCode: string;
  budget: bigint;
  quotas: Record<string, number>;
};

const ITEMS: DemoItem[] = [
  {
    title: "Bồi dưỡng nghiệp vụ chứng thực bản sao điện tử cho công chức Tư pháp - Hộ tịch cấp xã",
    areaCode: "CNTT-TTHC",
    courseCode: "PY.CCHC.2026.01",
    classes: 2,
    participants: 60,
    quarter: 2,
    leadCode: "PY.STP",
    budget: 45_000_000n,
    quotas: { "PY.TH": 20, "PY.TYH": 12, "PY.DX": 10 },
  },
  {
    title: "Tập huấn xây dựng kế hoạch cải cách hành chính năm sau",
    areaCode: "KH-CCHC",
    courseCode: "PY.CCHC.2026.02",
    classes: 1,
    participants: 80,
    quarter: 4,
    leadCode: "PY.SNV",
    budget: 30_000_000n,
    quotas: { "PY.SNV": 4, "PY.STP": 4, "PY.TH": 20, "PY.TYH": 12 },
  },
  {
    title: "Bồi dưỡng kỹ năng theo dõi, đánh giá Chỉ số cải cách hành chính (PAR Index)",
    areaCode: "TD-DG-CCHC",
    courseCode: "PY.CCHC.2026.03",
    classes: 1,
    participants: 40,
    quarter: 4,
    leadCode: "PY.SNV",
    budget: 25_500_000n,
    quotas: { "PY.TH.BK": 3, "PY.TH.P8": 3, "PY.TYH": 8, "PY.SNV": 2 },
  },
];

export type DemoPlanResult = { created: boolean };

export async function seedDemoPlan(prisma: Db, now = new Date()): Promise<DemoPlanResult> {
  const year = Number(utcToVn(now).date.slice(0, 4));
  const root = await prisma.unit.findUnique({ where: { code: "PY" }, select: { id: true } });
  if (!root) return { created: false };
  if (await prisma.trainingPlan.findUnique({ where: { unitId_year: { unitId: root.id, year } }, select: { id: true } })) return { created: false };
  const codes = [...new Set(ITEMS.flatMap((i) => [i.leadCode, ...Object.keys(i.quotas)]))];
  const units = new Map((await prisma.unit.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } })).map((u) => [u.code, u.id]));
  const areas = new Map((await prisma.courseArea.findMany({ select: { id: true, code: true } })).map((a) => [a.code, a.id]));
  const courses = new Map((await prisma.course.findMany({ where: { code: { startsWith: "PY.CCHC." } }, select: { id: true, code: true, title: true } })).map((c) => [c.code, c]));
  const [admin, focal, trainer, learner] = await Promise.all(
    [DEMO_ACCOUNTS.provinceAdmin, DEMO_ACCOUNTS.unitAdmin, DEMO_ACCOUNTS.trainer, DEMO_ACCOUNTS.learner].map((a) =>
      prisma.user.findUnique({ where: { email: a.email }, select: { id: true, unitId: true } }),
    ),
  );
  const parCourse = courses.get("PY.CCHC.2026.03");
  if (codes.some((c) => !units.has(c)) || !admin || !focal || !trainer || !learner || !parCourse) return { created: false };
  const colleague = await prisma.user.findFirst({
    where: { unitId: learner.unitId, id: { notIn: [learner.id, focal.id] }, active: true },
    orderBy: { email: "asc" },
    select: { id: true, unitId: true },
  });

  await transaction(async (tx) => {
    const plan = await tx.trainingPlan.create({
      data: {
        unitId: root.id,
        year,
        title: `Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm ${year}`,
        status: "APPROVED",
        approvedAt: now,
        approvedById: admin.id,
        createdById: admin.id,
      },
    });
    let parItemId = "";
    for (const [i, item] of ITEMS.entries()) {
      const created = await tx.planItem.create({
        data: {
          planId: plan.id,
          position: i + 1,
          title: item.title,
          areaId: areas.get(item.areaCode) ?? null,
          courseId: item.courseCode ? (courses.get(item.courseCode)?.id ?? null) : null,
          targetGroups: ["CONG_CHUC", "CCHC_FOCAL"],
          plannedClasses: item.classes,
          plannedParticipants: item.participants,
          quarter: item.quarter,
          leadUnitId: units.get(item.leadCode)!,
          budgetVnd: item.budget,
          fundingSource: "Ngân sách tỉnh",
          quotas: { create: Object.entries(item.quotas).map(([code, seats]) => ({ unitId: units.get(code)!, seats })) },
        },
      });
      if (item.courseCode === parCourse.code) parItemId = created.id;
    }

    // The class: enrolment open from today for ten days; sessions a week and eight days from now.
    const day = (offset: number) => utcToVn(new Date(now.getTime() + offset * 86_400_000)).date;
    const klass = await tx.class.create({
      data: {
        code: `LOP.PAR.${year}.01`,
        title: "Lớp bồi dưỡng theo dõi, đánh giá Chỉ số CCHC — đợt 1",
        planItemId: parItemId,
        courseId: parCourse.id,
        unitId: root.id,
        mode: "BLENDED",
        capacity: 30,
        enrolOpensAt: vnToUtc(day(0), "00:00")!,
        enrolClosesAt: vnToUtc(day(10), "23:59")!,
        joinPolicy: "NOMINATED",
        createdById: admin.id,
      },
    });
    for (const offset of [7, 8]) {
      await tx.classSession.create({
        data: {
          classId: klass.id,
          startsAt: vnToUtc(day(offset), "08:00")!,
          endsAt: vnToUtc(day(offset), "11:30")!,
          place: "Hội trường Sở Nội vụ, 62 Lê Duẩn, Tuy Hòa",
          trainerId: trainer.id,
        },
      });
    }
    const quotaUnit = units.get("PY.TH.BK")!;
    for (const person of [learner, colleague].filter((p): p is { id: string; unitId: string } => p !== null)) {
      await tx.enrolment.create({
        data: { userId: person.id, courseId: parCourse.id, classId: klass.id, unitId: person.unitId, status: "ACTIVE", nominatedById: focal.id, quotaUnitId: quotaUnit },
      });
    }
  });
  return { created: true };
}
