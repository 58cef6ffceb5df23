import { recordAudit } from "@/lib/audit";
import { assertCan, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import type { CreateUnitInput, RenameUnitInput } from "./schemas";

export async function createUnit(viewer: Viewer, input: CreateUnitInput) {
  assertCan(viewer, "unit:create", input.parentId, "unit:read");
  try {
    return await db().$transaction(async (tx) => {
      const unit = await tx.unit.create({
        data: { code: input.code, name: input.name, kind: input.kind, parentId: input.parentId },
      });
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "unit.create",
        entity: "Unit",
        entityId: unit.id,
        unitId: unit.id,
        data: { after: { code: unit.code, name: unit.name, kind: unit.kind, parentId: unit.parentId } },
      });
      return unit;
    });
  } catch (e) {
    if (isUniqueViolation(e, "code")) throw new AppError("CONFLICT", "units.codeTaken", { field: "code" });
    throw e;
  }
}

export async function renameUnit(viewer: Viewer, input: RenameUnitInput) {
  assertCan(viewer, "unit:update", input.id, "unit:read");
  return db().$transaction(async (tx) => {
    const before = await tx.unit.findUnique({ where: { id: input.id }, select: { name: true } });
    if (!before) throw notFound();
    const unit = await tx.unit.update({ where: { id: input.id }, data: { name: input.name } });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "unit.rename",
      entity: "Unit",
      entityId: unit.id,
      unitId: unit.id,
      data: { before: { name: before.name }, after: { name: unit.name } },
    });
    return unit;
  });
}
