// Benchmark (not a test): imports 5,000 officials from a generated CSV and XLSX file into a province
// that already has 20,000 people and 100 communes, then checks what was written. Target: < 30 s.
//   npx tsx bench/import-5000.ts
// BENCH_IMPORT_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/taphuan_bench_import) is
// dropped and recreated. BENCH_EMBEDDED=1 measures the embedded database (PGlite) instead.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { recreateDatabase } from "./db";

const ROWS = Number(process.env.BENCH_ROWS ?? 5000);
const embedded = process.env.BENCH_EMBEDDED === "1";
const url = process.env.BENCH_IMPORT_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/taphuan_bench_import";

if (embedded) {
  process.env.DATABASE_URL = "";
  process.env.TAPHUAN_DATA_DIR = mkdtempSync(path.join(tmpdir(), "taphuan-bench-import-"));
} else {
  await recreateDatabase(url);
}

// Imported after DATABASE_URL is set: lib/db reads it on first use.
const { closeDb, db, dbTarget } = await import("@/lib/db");
const { describeTarget } = await import("@/lib/db/config");
const { applyMigrations } = await import("@/lib/db/migrations");
const { makeProvince, makeUnit, makeViewer } = await import("@/lib/testing/factories");
const { importPeople, previewImport } = await import("@/lib/imports/commit");
const { toCsv } = await import("@/lib/imports/write");

const ms = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;
await applyMigrations(dbTarget());
console.log(`database: ${describeTarget(dbTarget())}, ${ROWS} rows per file`);

// A province with 100 communes and 20,000 people already there (the e-mail check reads them all).
const p = await makeProvince();
const communes = [p.communeA, p.communeB, p.ward];
for (let i = 0; i < 97; i++) communes.push(await makeUnit({ name: `Xã thử ${i}`, parentId: i % 2 ? p.city.id : p.district.id, code: `B.${p.tag}.${i}` }));
const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
for (let start = 0; start < 20_000; start += 5000) {
  await db().user.createMany({
    data: Array.from({ length: 5000 }, (_, i) => ({
      id: randomUUID(),
      email: `co.san.${start + i}@bench.taphuan.vn`,
      fullName: `Cán bộ có sẵn ${start + i}`,
      passwordHash: "",
      unitId: communes[(start + i) % communes.length]!.id,
    })),
  });
}

const HO = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi"];
const DEM = ["Văn", "Thị", "Thanh", "Ngọc", "Minh", "Hữu"];
const TEN = ["An", "Bình", "Cường", "Dũng", "Hồng", "Nhung", "Tuyền", "Lân", "Nỷ", "Trọng"];
const LOAI = ["Cán bộ", "Công chức", "Viên chức", "cong chuc", ""];
function rows(batch: string): string[][] {
  return [
    ["Họ và tên", "Email", "Số điện thoại", "Đơn vị (mã)", "Chức vụ", "Ngạch", "Loại"],
    ...Array.from({ length: ROWS }, (_, i) => [
      `${HO[i % 8]} ${DEM[i % 6]} ${TEN[i % 10]}`,
      `nhap.${batch}.${i}@bench.taphuan.vn`,
      `09${String(10_000_000 + i).padStart(8, "0")}`,
      communes[i % communes.length]!.code,
      i % 3 ? "Chuyên viên" : "Phó Chủ tịch UBND xã",
      "Chuyên viên",
      LOAI[i % LOAI.length]!,
    ]),
  ];
}

async function run(label: string, file: { name: string; bytes: Uint8Array }) {
  let t0 = performance.now();
  const preview = await previewImport(admin, file);
  console.log(`${label}: ${(file.bytes.length / 1024).toFixed(0)} KB · preview (parse + check ${preview.total} rows): ${ms(t0)}, ${preview.invalid} invalid`);
  t0 = performance.now();
  let updates = 0;
  const result = await importPeople(admin, file, { mode: "all" }, () => updates++);
  const took = (performance.now() - t0) / 1000;
  if (result.status !== "done") throw new Error(`${label}: import rejected`);
  console.log(`${label}: import (parse + re-check + write ${result.created} people, grants, invitations, outbox, audit): ${took.toFixed(2)} s, ${updates} progress updates`);
  return took;
}

const csv = { name: "bench.csv", bytes: toCsv(rows("csv")) };
const wb = new ExcelJS.Workbook();
wb.addWorksheet("Cán bộ").addRows(rows("xlsx"));
const xlsx = { name: "bench.xlsx", bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };

const tCsv = await run("CSV ", csv);
const tXlsx = await run("XLSX", xlsx);

// Load tests check the data, not only the clock (quality anchor 7).
const created = await db().user.count({ where: { email: { startsWith: "nhap." } } });
const grants = await db().roleGrant.count({ where: { user: { email: { startsWith: "nhap." } }, role: "LEARNER" } });
const tokens = await db().accountToken.count({ where: { user: { email: { startsWith: "nhap." } }, kind: "INVITE" } });
const mails = await db().outboxMail.count({ where: { to: { startsWith: "nhap." } } });
const audits = await db().auditEvent.count({ where: { actorId: admin.userId, action: "person.import" } });
console.log(`written: ${created} people, ${grants} LEARNER grants, ${tokens} invitations, ${mails} mails, ${audits} audit events`);
const ok = created === 2 * ROWS && grants === created && tokens === created && mails === created && audits === 2;
console.log(ok && Math.max(tCsv, tXlsx) < 30 ? "OK: every row written once, under 30 s" : "FAILED");
await closeDb();
if (embedded) rmSync(process.env.TAPHUAN_DATA_DIR!, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
