import { can, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

/**
 * A person's personal-data page (/people/<id>/privacy): who they are, whether they were anonymised,
 * and whether the viewer may anonymise them. Readable by the person and by anyone with person:read
 * on their unit; not found otherwise.
 */
export async function getPrivacyOverview(viewer: Viewer, id: string) {
  const person = await db().user.findFirst({
    where: { id, OR: [{ id: viewer.userId }, { unitId: { in: unitIdsWith(viewer, "person:read") } }] },
    select: {
      id: true,
      fullName: true,
      active: true,
      anonymisedAt: true,
      category: true,
      unit: { select: { id: true, name: true } },
      _count: { select: { grants: true } },
    },
  });
  if (!person) throw notFound();
  const canAnonymise = can(viewer, "person:anonymise", person.unit.id) && person.id !== viewer.userId && !person.anonymisedAt;
  return {
    id: person.id,
    fullName: person.fullName,
    active: person.active,
    anonymisedAt: person.anonymisedAt,
    category: person.category,
    unit: person.unit,
    grantCount: person._count.grants,
    canAnonymise,
    mayAnonymiseHere: can(viewer, "person:anonymise", person.unit.id),
  };
}
