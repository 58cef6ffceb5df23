import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { updateOwnProfile } from "@/lib/people/commands";
import { getPerson } from "@/lib/people/queries";
import { updateProfileInput } from "@/lib/people/schemas";
import { makeProvince, makeUser, makeViewer } from "@/lib/testing/factories";

describe("people visibility", () => {
  it("a unit admin reads people of their subtree only; a person always reads themselves", async () => {
    const p = await makeProvince();
    const inWard = await makeUser({ unitId: p.ward.id, fullName: "Lê Thị Nỷ" });
    const inB = await makeUser({ unitId: p.communeB.id, fullName: "Trần Văn Bình" });
    const admin = await makeViewer(p.city.id, [{ role: "UNIT_ADMIN", unitId: p.city.id }]);
    expect((await getPerson(admin, inWard.id)).fullName).toBe("Lê Thị Nỷ");
    await expect(getPerson(admin, inB.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const learner = await makeViewer(p.ward.id, [{ role: "LEARNER", unitId: p.ward.id }]);
    expect((await getPerson(learner, learner.userId)).id).toBe(learner.userId);
    await expect(getPerson(learner, inWard.id)).rejects.toBeInstanceOf(AppError);
  });
});

describe("own profile", () => {
  it("saves the editable fields, audits the change, and cannot touch unit or e-mail", async () => {
    const p = await makeProvince();
    const me = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
    const input = updateProfileInput.parse({
      fullName: "  Võ Thị Thanh Tuyền ",
      phone: "0905 123 456",
      position: "Công chức Văn phòng - Thống kê",
      rank: "",
      category: "CONG_CHUC",
      unitId: p.communeB.id,
      email: "hacker@example.com",
    });
    await updateOwnProfile(me, input);
    const row = await db().user.findUniqueOrThrow({ where: { id: me.userId } });
    expect(row).toMatchObject({
      fullName: "Võ Thị Thanh Tuyền",
      phone: "0905123456",
      position: "Công chức Văn phòng - Thống kê",
      rank: null,
      category: "CONG_CHUC",
      unitId: p.communeA.id,
      email: me.email,
    });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: me.userId, action: "person.updateProfile" } });
    expect(audit.data).toMatchObject({ after: { fullName: "Võ Thị Thanh Tuyền", phone: "0905123456" } });
  });

  it("rejects a bad phone and an empty name, reporting both", () => {
    const result = updateProfileInput.safeParse({ fullName: "", phone: "12ab", position: "", rank: "", category: "" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]).sort();
    expect(fields).toEqual(["fullName", "phone"]);
  });
});
