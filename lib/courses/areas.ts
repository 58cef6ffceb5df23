import { recordAudit } from "@/lib/audit/record";
import { hasAnywhere, type Viewer } from "@/lib/auth/viewer";
import { db, transaction } from "@/lib/db";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import type { AreaInput } from "./schemas";

// Course areas (lĩnh vực) are province-wide: a catalogue has one list. Managing it needs
// `catalogue:manage`, which only PROVINCE_ADMIN holds (granted on the province root); since an
// area belongs to no unit, holding it anywhere is the check (docs/decisions/060-courses.md).

const codeTaken = () => new AppError("CONFLICT", "courses.areaCodeTaken", { field: "code" });

export type AreaRow = { id: string; code: string; name: string; nameEn: string; position: number; courses: number };

/** Every area, in catalogue order. Anyone signed in may read them (they label the catalogue). */
export async function listAreas(viewer: Viewer): Promise<Omit<AreaRow, "courses">[]> {
  void viewer; // any signed-in viewer: areas are public labels of the catalogue
  return db().courseArea.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, code: true, name: true, nameEn: true, position: true },
  });
}

/** The areas with their course counts, for the catalogue administrator only. */
export async function listAreasForAdmin(viewer: Viewer): Promise<AreaRow[]> {
  if (!hasAnywhere(viewer, "catalogue:manage")) throw notFound();
  const rows = await db().courseArea.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, code: true, name: true, nameEn: true, position: true, _count: { select: { courses: true } } },
  });
  return rows.map(({ _count, ...r }) => ({ ...r, courses: _count.courses }));
}

export async function createArea(viewer: Viewer, input: AreaInput) {
  if (!hasAnywhere(viewer, "catalogue:manage")) throw notFound();
  try {
    return await transaction(async (tx) => {
      if (await tx.courseArea.findUnique({ where: { code: input.code }, select: { id: true } })) throw codeTaken();
      const area = await tx.courseArea.create({ data: input });
      await recordAudit(tx, { actorId: viewer.userId, action: "courseArea.create", entity: "CourseArea", entityId: area.id, data: { after: input } });
      return area;
    });
  } catch (e) {
    if (isUniqueViolation(e, "code")) throw codeTaken();
    throw e;
  }
}

export async function updateArea(viewer: Viewer, id: string, input: AreaInput) {
  if (!hasAnywhere(viewer, "catalogue:manage")) throw notFound();
  try {
    return await transaction(async (tx) => {
      const before = await tx.courseArea.findUnique({ where: { id } });
      if (!before) throw notFound();
      if (input.code !== before.code && (await tx.courseArea.findUnique({ where: { code: input.code }, select: { id: true } }))) throw codeTaken();
      const fields = (["code", "name", "nameEn", "position"] as const).filter((f) => before[f] !== input[f]);
      if (fields.length === 0) return { changed: false };
      await tx.courseArea.update({ where: { id }, data: input });
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "courseArea.update",
        entity: "CourseArea",
        entityId: id,
        data: { before: Object.fromEntries(fields.map((f) => [f, before[f]])), after: Object.fromEntries(fields.map((f) => [f, input[f]])) },
      });
      return { changed: true };
    });
  } catch (e) {
    if (isUniqueViolation(e, "code")) throw codeTaken();
    throw e;
  }
}
