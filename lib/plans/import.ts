import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import { unitIdsWith } from "@/lib/auth/viewer";
import { recordAudit } from "@/lib/audit/record";
import { db, type Prisma, type PrismaClient, transaction } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { issueMessage } from "@/lib/forms/zod";
import type { MessageKey, Params } from "@/lib/i18n/messages";
import { normaliseUnitCode } from "@/lib/imports/columns";
import { safeFileName, sha256 } from "@/lib/imports/commit";
import { IMPORT_LIMITS } from "@/lib/imports/limits";
import { fileError, readTable, type FileKind } from "@/lib/imports/parse";
import { assertManagePlan } from "./access";
import { PLAN_COLUMNS, PLAN_HEADERS, isTotalsRow, mapPlanColumns, parseTargetGroups, type PlanColumn, type PlanField } from "./columns";
import { assertReason, itemSnapshot, lockPlanForManage, recordAmendment } from "./commands";
import { itemValues, parseCount } from "./schemas";

// Importing plan items and quotas from a spreadsheet (docs/decisions/070-training-plan.md). The
// file is as hostile as any import (docs/decisions/030): it is typed by content, inflated on a
// budget and never evaluated, by the same functions as the people import (lib/imports/parse.ts).
// Preview first (every error of every row, nothing written), then one all-or-nothing transaction
// that checks everything again under the plan's lock.

export type PlanImportFile = { name: string; bytes: Uint8Array };

export type PlanRowError = { field: PlanField | null; key: MessageKey; params?: Params };
export type PlanItemRecord = {
  title: string;
  areaId: string | null;
  courseId: string | null;
  targetGroups: z.output<typeof itemValues>["targetGroups"];
  plannedClasses: number;
  plannedParticipants: number;
  quarter: number;
  leadUnitId: string;
  budgetVnd: bigint;
  fundingSource: string;
  note: string;
  quotas: { unitId: string; seats: number }[];
};
export type PlanCheckedRow = { line: number; values: Record<string, string>; errors: PlanRowError[]; item: PlanItemRecord | null };

export type PlanPreview = {
  kind: FileKind;
  total: number;
  valid: number;
  invalid: number;
  /** The file's columns we read, in order, with the header as the file wrote it. */
  columns: { field: PlanField; header: string }[];
  quotaCodes: string[];
  ignoredColumns: string[];
  rows: PlanCheckedRow[];
};

type Parsed = { kind: FileKind; columns: PlanPreview["columns"]; quotaCodes: string[]; ignored: string[]; rows: { line: number; values: Record<string, string> }[] };

async function parsePlanFile(bytes: Uint8Array): Promise<Parsed> {
  const { kind, table } = await readTable(bytes);
  const nonEmpty = table.filter((r) => r.cells.some((c) => c.trim() !== ""));
  const header = nonEmpty[0];
  if (!header) throw fileError("imports.noRows");
  const map = mapPlanColumns(header.cells);
  if (map.duplicated.length > 0) {
    const quotaDup = map.duplicated.filter((h) => h.includes(":"));
    if (quotaDup.length > 0) throw fileError("plans.quotaColumnDuplicate", { codes: quotaDup.join(", ") });
    throw fileError("imports.duplicateColumn", { columns: map.duplicated.join(", ") });
  }
  if (map.missing.length > 0) throw fileError("imports.missingColumns", { columns: map.missing.map((c) => `«${PLAN_HEADERS[c]}»`).join(", ") });
  const columns: PlanPreview["columns"] = [
    ...PLAN_COLUMNS.filter((c) => map.index[c] !== undefined).map((c) => ({ field: c as PlanField, header: header.cells[map.index[c]!]!.trim(), at: map.index[c]! })),
    ...map.quotas.map((q) => ({ field: `quota:${q.code}` as PlanField, header: q.header, at: q.index })),
  ]
    .sort((a, b) => a.at - b.at)
    .map(({ field, header: h }) => ({ field, header: h }));
  const rows = nonEmpty
    .slice(1)
    .map(({ cells, line }) => {
      const values: Record<string, string> = {};
      for (const c of PLAN_COLUMNS) values[c] = map.index[c] === undefined ? "" : (cells[map.index[c]!] ?? "").trim();
      for (const q of map.quotas) values[`quota:${q.code}`] = (cells[q.index] ?? "").trim();
      return { line, values };
    })
    .filter((r) => !isTotalsRow(r.values));
  if (rows.length === 0) throw fileError("imports.noRows");
  if (rows.length > IMPORT_LIMITS.maxRows) throw fileError("imports.tooManyRows");
  return { kind, columns, quotaCodes: map.quotas.map((q) => q.code), ignored: map.ignored, rows };
}

type Shaped = {
  line: number;
  values: Record<string, string>;
  input: z.output<typeof itemValues> | null;
  areaCode: string;
  courseCode: string;
  leadCode: string;
  quotas: { code: string; seats: number }[];
  errors: PlanRowError[];
};

/** The field an itemValues issue is about, as a file column. */
const FIELD_OF: Record<string, PlanColumn> = {
  title: "title",
  targetGroups: "targetGroups",
  plannedClasses: "plannedClasses",
  plannedParticipants: "plannedParticipants",
  quarter: "quarter",
  budget: "budget",
  fundingSource: "fundingSource",
  note: "note",
};

function issueKey(issue: z.core.$ZodIssue, raw: Record<string, unknown>): { key: MessageKey; params?: Params } {
  let found: { key: MessageKey; params?: Params } = { key: "validation.invalid" };
  issueMessage(issue, raw, (key, params) => {
    found = { key, params };
    return "";
  });
  return found;
}

/** Each row on its own, with the same schema as the item form: every field, every problem. Pure. */
export function checkPlanRows(rows: Parsed["rows"], quotaCodes: readonly string[]): Shaped[] {
  return rows.map(({ line, values }) => {
    const errors: PlanRowError[] = [];
    const push = (e: PlanRowError) => {
      if (!errors.some((x) => x.field === e.field && x.key === e.key)) errors.push(e);
    };
    const groups = parseTargetGroups(values.targetGroups ?? "");
    for (const value of groups.unknown) push({ field: "targetGroups", key: "plans.badTargetGroup", params: { value } });
    const raw = {
      title: (values.title ?? "").replace(/\s+/g, " "),
      targetGroups: groups.groups.join(","),
      plannedClasses: values.plannedClasses ?? "",
      plannedParticipants: values.plannedParticipants ?? "",
      quarter: values.quarter ?? "",
      budget: values.budget ?? "",
      fundingSource: values.fundingSource ?? "",
      note: values.note ?? "",
    };
    const parsed = itemValues.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = FIELD_OF[String(issue.path[0])] ?? null;
        // "No target group" says nothing more than the unknown groups already reported.
        if (field === "targetGroups" && groups.unknown.length > 0) continue;
        push({ field, ...issueKey(issue, raw) });
      }
    }
    const areaCode = (values.areaCode ?? "").trim().toUpperCase();
    const courseCode = (values.courseCode ?? "").trim().toUpperCase();
    if (areaCode === "" && courseCode === "") push({ field: "areaCode", key: "plans.areaOrCourse" });
    const leadCode = normaliseUnitCode(values.leadUnitCode ?? "");
    if (leadCode === "") push({ field: "leadUnitCode", key: "validation.required" });
    const quotas: Shaped["quotas"] = [];
    for (const code of quotaCodes) {
      const cell = values[`quota:${code}`] ?? "";
      if (cell === "") continue;
      const seats = parseCount(cell);
      if (seats === null) push({ field: `quota:${code}`, key: "plans.seatsRange" });
      else if (seats > 0) quotas.push({ code, seats });
    }
    const input = parsed.success ? parsed.data : null;
    if (input) {
      const sum = quotas.reduce((s, q) => s + q.seats, 0);
      if (sum > input.plannedParticipants) push({ field: "plannedParticipants", key: "plans.rowQuotaExceeds", params: { sum, planned: input.plannedParticipants } });
    }
    return { line, values, input, areaCode, courseCode, leadCode, quotas, errors };
  });
}

type Lookups = {
  /** Units by code, only where the viewer holds plan:manage. */
  units: ReadonlyMap<string, { id: string; usable: boolean }>;
  areas: ReadonlyMap<string, string>;
  /** Courses by code, only those the viewer may read. */
  courses: ReadonlyMap<string, { id: string; areaId: string; archived: boolean }>;
};
type Reader = PrismaClient | Prisma.TransactionClient;

/** The units, areas and courses the rows name. Inside the import's transaction the units are locked FOR SHARE. */
async function loadLookups(reader: Reader, viewer: Viewer, shaped: readonly Shaped[], quotaCodes: readonly string[], lock: boolean): Promise<Lookups> {
  const unitCodes = [...new Set([...shaped.map((r) => r.leadCode).filter(Boolean), ...quotaCodes])];
  const areaCodes = [...new Set(shaped.map((r) => r.areaCode).filter(Boolean))];
  const courseCodes = [...new Set(shaped.map((r) => r.courseCode).filter(Boolean))];
  const scope = unitIdsWith(viewer, "plan:manage");
  const courseScope = unitIdsWith(viewer, "course:read");
  const units =
    unitCodes.length > 0 && scope.length > 0
      ? lock
        ? await reader.$queryRaw<{ id: string; code: string; active: boolean; mergedIntoId: string | null }[]>`
            SELECT "id", "code", "active", "mergedIntoId" FROM "Unit"
            WHERE "code" = ANY(${unitCodes}::text[]) AND "id" = ANY(${scope}::uuid[]) FOR SHARE`
        : await reader.$queryRaw<{ id: string; code: string; active: boolean; mergedIntoId: string | null }[]>`
            SELECT "id", "code", "active", "mergedIntoId" FROM "Unit"
            WHERE "code" = ANY(${unitCodes}::text[]) AND "id" = ANY(${scope}::uuid[])`
      : [];
  const areas = areaCodes.length ? await reader.courseArea.findMany({ where: { code: { in: areaCodes } }, select: { id: true, code: true } }) : [];
  const courses = courseCodes.length
    ? await reader.course.findMany({ where: { code: { in: courseCodes }, unitId: { in: courseScope } }, select: { id: true, code: true, areaId: true, status: true } })
    : [];
  return {
    units: new Map(units.map((u) => [u.code, { id: u.id, usable: u.active && u.mergedIntoId === null }])),
    areas: new Map(areas.map((a) => [a.code, a.id])),
    courses: new Map(courses.map((c) => [c.code, { id: c.id, areaId: c.areaId, archived: c.status === "ARCHIVED" }])),
  };
}

/** Adds what depends on the database: codes unknown or outside the scope (one message for both), closed units, archived courses. */
function resolvePlanRows(shaped: readonly Shaped[], lookups: Lookups, quotaCodes: readonly string[]): PlanCheckedRow[] {
  return shaped.map((r) => {
    const errors = [...r.errors];
    let areaId: string | null = null;
    let courseId: string | null = null;
    if (r.courseCode) {
      const course = lookups.courses.get(r.courseCode);
      if (!course) errors.push({ field: "courseCode", key: "plans.courseCodeUnknown", params: { code: r.courseCode } });
      else if (course.archived) errors.push({ field: "courseCode", key: "plans.courseArchived", params: { code: r.courseCode } });
      else {
        courseId = course.id;
        areaId = course.areaId;
      }
    }
    if (r.areaCode && !courseId) {
      const area = lookups.areas.get(r.areaCode);
      if (!area) errors.push({ field: "areaCode", key: "plans.areaCodeUnknown", params: { code: r.areaCode } });
      else areaId = area;
    } else if (r.areaCode && !lookups.areas.has(r.areaCode)) {
      errors.push({ field: "areaCode", key: "plans.areaCodeUnknown", params: { code: r.areaCode } });
    }
    const unit = (code: string, field: PlanField) => {
      const u = lookups.units.get(code);
      if (!u) errors.push({ field, key: "plans.unitCodeUnknown", params: { code } });
      else if (!u.usable) errors.push({ field, key: "plans.unitClosed", params: { code } });
      else return u.id;
      return null;
    };
    const leadUnitId = r.leadCode ? unit(r.leadCode, "leadUnitCode") : null;
    const quotas: PlanItemRecord["quotas"] = [];
    for (const code of quotaCodes) {
      const q = r.quotas.find((x) => x.code === code);
      // An unknown unit matters only on the rows that give it seats.
      if (!q) continue;
      const id = unit(code, `quota:${code}`);
      if (id) quotas.push({ unitId: id, seats: q.seats });
    }
    const item =
      errors.length === 0 && r.input && leadUnitId
        ? {
            title: r.input.title,
            areaId,
            courseId,
            targetGroups: r.input.targetGroups,
            plannedClasses: r.input.plannedClasses,
            plannedParticipants: r.input.plannedParticipants,
            quarter: r.input.quarter,
            leadUnitId,
            budgetVnd: r.input.budget,
            fundingSource: r.input.fundingSource,
            note: r.input.note,
            quotas,
          }
        : null;
    return { line: r.line, values: r.values, errors, item };
  });
}

function summarise(parsed: Parsed, rows: PlanCheckedRow[]): PlanPreview {
  const valid = rows.filter((r) => r.item).length;
  return { kind: parsed.kind, total: rows.length, valid, invalid: rows.length - valid, columns: parsed.columns, quotaCodes: parsed.quotaCodes, ignoredColumns: parsed.ignored, rows };
}

/** The plan, read and authorised (plan:manage), without a lock: for the preview. */
async function planForManage(viewer: Viewer, planId: string) {
  const plan = await db().trainingPlan.findUnique({ where: { id: planId }, select: { id: true, unitId: true, status: true, title: true } });
  if (!plan) throw notFound();
  await assertManagePlan(db(), viewer, plan);
  return plan;
}

/** Checks a file against a plan the viewer manages, writing nothing: every error of every row. */
export async function previewPlanImport(viewer: Viewer, planId: string, file: PlanImportFile): Promise<PlanPreview & { sha256: string }> {
  await planForManage(viewer, planId);
  const parsed = await parsePlanFile(file.bytes);
  const shaped = checkPlanRows(parsed.rows, parsed.quotaCodes);
  const rows = resolvePlanRows(shaped, await loadLookups(db(), viewer, shaped, parsed.quotaCodes, false), parsed.quotaCodes);
  return { ...summarise(parsed, rows), sha256: sha256(file.bytes) };
}

export type PlanImportResult =
  | { status: "rejected"; preview: PlanPreview; sha256: string }
  | { status: "done"; items: number; quotas: number; sha256: string };

/**
 * Appends the file's items and quotas to the plan, all or nothing, in one transaction: the plan is
 * locked, every row is checked again (units locked FOR SHARE), and any error writes nothing. An
 * approved plan needs a reason; the import is then one amendment listing the items added.
 */
export async function importPlanItems(
  viewer: Viewer,
  planId: string,
  file: PlanImportFile,
  options: { expectSha256?: string; reason?: string } = {},
): Promise<PlanImportResult> {
  await planForManage(viewer, planId);
  const hash = sha256(file.bytes);
  if (options.expectSha256 && options.expectSha256 !== hash) throw new AppError("CONFLICT", "imports.fileChanged", { field: "file" });
  const parsed = await parsePlanFile(file.bytes);
  const shaped = checkPlanRows(parsed.rows, parsed.quotaCodes);
  return transaction(
    async (tx) => {
      const plan = await lockPlanForManage(tx, viewer, planId);
      const reason = assertReason(plan, options.reason);
      const rows = resolvePlanRows(shaped, await loadLookups(tx, viewer, shaped, parsed.quotaCodes, true), parsed.quotaCodes);
      const preview = summarise(parsed, rows);
      if (preview.invalid > 0 || preview.valid === 0) return { status: "rejected", preview, sha256: hash } as const;
      const items = rows.map((r) => r.item!);
      const last = await tx.planItem.aggregate({ where: { planId }, _max: { position: true } });
      const start = (last._max.position ?? 0) + 1;
      const withIds = items.map((item, i) => ({ ...item, id: randomUUID(), position: start + i }));
      await tx.planItem.createMany({ data: withIds.map(({ quotas, ...item }) => (void quotas, { ...item, planId })) });
      const quotas = withIds.flatMap((item) => item.quotas.map((q) => ({ planItemId: item.id, unitId: q.unitId, seats: q.seats })));
      if (quotas.length > 0) await tx.planQuota.createMany({ data: quotas });
      const changes = {
        action: "plan.import",
        count: withIds.length,
        fileName: safeFileName(file.name),
        sha256: hash,
        before: null,
        after: withIds.map((i) => ({ itemId: i.id, ...itemSnapshot(i) })),
      };
      const amendmentId = await recordAmendment(tx, viewer, plan, reason, changes);
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "plan.import",
        entity: "TrainingPlan",
        entityId: plan.id,
        unitId: plan.unitId,
        data: { fileName: changes.fileName, sha256: hash, kind: parsed.kind, items: withIds.length, quotas: quotas.length, amendmentId, reason },
      });
      return { status: "done", items: withIds.length, quotas: quotas.length, sha256: hash } as const;
    },
    { timeout: 60_000, maxWait: 20_000 },
  );
}
