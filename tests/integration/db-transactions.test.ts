import { describe, expect, it } from "vitest";
import { TransactionMisuseError, db, inTransaction, transaction } from "@/lib/db";
import { makeProvince, makeUnit, uniq } from "@/lib/testing/factories";
import { unsafeUnitForest } from "@/lib/units/forest";

// docs/decisions/006: inside a transaction every query uses it; misuse fails at once, on both engines.
describe("transactions (lib/db)", () => {
  it("inside transaction(), db() is the transaction: its writes roll back with it", async () => {
    const code = `TX-${uniq()}`;
    await expect(
      transaction(async () => {
        expect(inTransaction()).toBe(true);
        await db().unit.create({ data: { name: "Rolled back", code, kind: "COMMUNE" } });
        expect(await db().unit.count({ where: { code } })).toBe(1);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(inTransaction()).toBe(false);
    expect(await db().unit.count({ where: { code } })).toBe(0);
  });

  it("a lib function reading the cached unit tree inside a transaction sees the transaction's rows", async () => {
    const code = `TX-${uniq()}`;
    const seen = await transaction(async (tx) => {
      const unit = await tx.unit.create({ data: { name: "Only in the transaction", code, kind: "COMMUNE" } });
      return (await unsafeUnitForest()).some((u) => u.id === unit.id);
    });
    expect(seen).toBe(true);
  });

  it("the global client captured before a transaction is refused inside it, at once", async () => {
    const global = db();
    const started = Date.now();
    const err = await transaction(async () => global.unit.count()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransactionMisuseError);
    expect(Date.now() - started).toBeLessThan(2_000);
    // Raw queries too.
    const raw = await transaction(async () => global.$queryRaw`SELECT 1`).catch((e: unknown) => e);
    expect(raw).toBeInstanceOf(TransactionMisuseError);
  });

  it("a transaction's queries reach its connection one at a time (no pg DeprecationWarning)", async () => {
    const p = await makeProvince();
    const warnings: Error[] = [];
    const listener = (w: Error) => warnings.push(w);
    process.on("warning", listener);
    try {
      // Prisma loads the relations of one `include` with Promise.all; user code may do the same.
      const [withRelations, count] = await transaction(async (tx) =>
        Promise.all([
          tx.unit.findMany({ where: { id: { in: [p.province.id, p.city.id] } }, include: { children: true, parent: true, mergedFrom: true } }),
          tx.unit.count({ where: { parentId: p.province.id } }),
        ]),
      );
      expect(withRelations.find((u) => u.id === p.city.id)?.children).toHaveLength(2);
      expect(count).toBe(3);
      await new Promise((resolve) => setImmediate(resolve)); // process warnings are emitted on the next tick
    } finally {
      process.off("warning", listener);
    }
    expect(warnings.map((w) => w.message)).toEqual([]);
  });

  it("a transaction started inside another joins it (one connection) under a savepoint", async () => {
    const kept = `TX-${uniq()}`;
    const undone = `TX-${uniq()}`;
    await transaction(async () => {
      await transaction(async () => {
        await db().unit.create({ data: { name: "Kept", code: kept, kind: "COMMUNE" } });
      });
      await expect(
        transaction(async () => {
          await db().unit.create({ data: { name: "Undone", code: undone, kind: "COMMUNE" } });
          throw new Error("inner fails");
        }),
      ).rejects.toThrow("inner fails");
      // The outer transaction goes on after the inner one failed.
      expect(await db().unit.count({ where: { code: { in: [kept, undone] } } })).toBe(1);
    });
    expect(await db().unit.count({ where: { code: kept } })).toBe(1);
    expect(await db().unit.count({ where: { code: undone } })).toBe(0);
  });

  it("a database error inside a nested transaction leaves the outer one usable", async () => {
    const unit = await makeUnit({ name: "Existing" });
    const after = await transaction(async () => {
      const dup = await transaction(async () => db().unit.create({ data: { name: "Dup", code: unit.code, kind: "COMMUNE" } })).catch(
        (e: unknown) => e,
      );
      expect(dup).toBeInstanceOf(Error);
      return db().unit.count({ where: { code: unit.code } });
    });
    expect(after).toBe(1);
  });
});
