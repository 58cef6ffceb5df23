import { recordAudit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { UpdateProfileInput } from "./schemas";

const PROFILE_FIELDS = ["fullName", "phone", "position", "rank", "category"] as const;

/** A person edits their own profile; the home unit and e-mail are not theirs to change. */
export async function updateOwnProfile(viewer: Viewer, input: UpdateProfileInput) {
  return db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({
      where: { id: viewer.userId },
      select: { fullName: true, phone: true, position: true, rank: true, category: true, unitId: true },
    });
    if (!before) throw notFound();
    const after = await tx.user.update({ where: { id: viewer.userId }, data: input });
    const changed = PROFILE_FIELDS.filter((f) => before[f] !== after[f]);
    if (changed.length > 0) {
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "person.updateProfile",
        entity: "User",
        entityId: viewer.userId,
        unitId: before.unitId,
        data: {
          before: Object.fromEntries(changed.map((f) => [f, before[f]])),
          after: Object.fromEntries(changed.map((f) => [f, after[f]])),
        },
      });
    }
    return after;
  });
}
