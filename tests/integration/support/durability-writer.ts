// A child process for db-durability.test.ts: opens the embedded database in TAPHUAN_DATA_DIR
// through lib/db, migrates it, then writes units without end, printing "ack <code>" after each
// commit returns (half in transaction(), half as single statements), until it is killed.
import { db, transaction } from "@/lib/db";
import { databaseTarget } from "@/lib/db/config";
import { applyMigrations } from "@/lib/db/migrations";

const tag = process.argv[2] ?? "KILL";
await applyMigrations(databaseTarget());
process.stdout.write("ready\n");
for (let i = 0; ; i++) {
  const code = `${tag}-${i}`;
  if (i % 2 === 0) {
    await transaction(async (tx) => {
      const unit = await tx.unit.create({ data: { code, name: `Đơn vị ${i}`, kind: "COMMUNE" } });
      await tx.unit.update({ where: { id: unit.id }, data: { name: `Đơn vị ${i} (đã sửa)` } });
    });
  } else {
    await db().unit.create({ data: { code, name: `Đơn vị ${i}`, kind: "COMMUNE" } });
  }
  process.stdout.write(`ack ${code}\n`);
}
