import { unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

const personSelect = {
  id: true,
  fullName: true,
  email: true,
  phone: true,
  position: true,
  rank: true,
  category: true,
  active: true,
  unit: { select: { id: true, name: true, code: true } },
  grants: { select: { role: true, unit: { select: { id: true, name: true } } } },
} as const;

/** A person the viewer may read: themselves, or anyone in a unit where they hold person:read. */
export async function getPerson(viewer: Viewer, id: string) {
  const person = await db().user.findFirst({
    where: { id, OR: [{ id: viewer.userId }, { unitId: { in: unitIdsWith(viewer, "person:read") } }] },
    select: personSelect,
  });
  if (!person) throw notFound();
  return person;
}

export async function getOwnProfile(viewer: Viewer) {
  return getPerson(viewer, viewer.userId);
}
