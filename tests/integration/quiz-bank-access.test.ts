import { describe, expect, it } from "vitest";
import { loadViewer } from "@/lib/auth/viewer";
import { assertEditBank, bankAccess, usableBanksForCourse } from "@/lib/quizzes/bank-access";
import { makeCourse } from "@/lib/testing/course-factories";
import { codeOf } from "@/lib/testing/errors";
import { makeProvince, makeUser, makeViewer } from "@/lib/testing/factories";
import { makeBank } from "@/lib/testing/quiz-factories";

/** A province with its bank, the agency's course (and its bank), and people inside and outside. */
async function scene() {
  const p = await makeProvince();
  const other = await makeProvince();
  const trainerUser = await makeUser({ unitId: p.agency.id, grants: [{ role: "TRAINER", unitId: p.agency.id }] });
  const course = await makeCourse({ unitId: p.agency.id, trainerIds: [trainerUser.id] });
  const provinceBank = (await makeBank({ unitId: p.province.id, name: "Ngân hàng của tỉnh" })).bank;
  const courseBank = (await makeBank({ courseId: course.id, name: "Ngân hàng của khóa" })).bank;
  const otherBank = (await makeBank({ unitId: other.province.id })).bank;
  const trainer = (await loadViewer(trainerUser.id))!;
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  const unitAdmin = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
  const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
  const outsider = await makeViewer(other.agency.id, [{ role: "PROVINCE_ADMIN", unitId: other.province.id }]);
  return { ...p, course, provinceBank, courseBank, otherBank, trainer, admin, unitAdmin, learner, outsider };
}

describe("question bank access", () => {
  it("the province admin edits the province's bank and the course's; the course's trainer only the course's", async () => {
    const s = await scene();
    expect((await bankAccess(s.admin, s.provinceBank.id)).edit).toBe(true);
    expect((await assertEditBank(s.admin, s.courseBank.id)).bank.id).toBe(s.courseBank.id);
    expect((await assertEditBank(s.trainer, s.courseBank.id)).edit).toBe(true);
    expect(await codeOf(bankAccess(s.trainer, s.provinceBank.id))).toBe("NOT_FOUND");
  });

  it("a commune's admin, a learner and another province see none of them (NOT_FOUND, no existence leak)", async () => {
    const s = await scene();
    for (const viewer of [s.unitAdmin, s.learner, s.outsider]) {
      for (const bank of [s.provinceBank, s.courseBank]) {
        expect(await codeOf(bankAccess(viewer, bank.id))).toBe("NOT_FOUND");
        expect(await codeOf(assertEditBank(viewer, bank.id))).toBe("NOT_FOUND");
      }
    }
    expect(await codeOf(bankAccess(s.admin, s.otherBank.id))).toBe("NOT_FOUND");
    expect(await codeOf(bankAccess(s.admin, "00000000-0000-4000-8000-000000000000"))).toBe("NOT_FOUND");
  });

  it("a quiz of the course may use its own bank and the province's, never another province's", async () => {
    const s = await scene();
    const ids = (await usableBanksForCourse(s.trainer, s.course.id)).map((b) => b.id);
    expect(ids).toEqual([s.courseBank.id, s.provinceBank.id]);
    expect(ids).not.toContain(s.otherBank.id);
    expect(await codeOf(usableBanksForCourse(s.outsider, s.course.id))).toBe("NOT_FOUND");
    expect(await codeOf(usableBanksForCourse(s.learner, s.course.id))).toBe("NOT_FOUND");
  });
});
