import { createHash, randomUUID } from "node:crypto";
import { issueInvitations } from "@/lib/accounts/invitations";
import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { db, type Prisma, transaction } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { NO_PASSWORD_HASH } from "@/lib/people/commands";
import { personSearchText } from "@/lib/text";
import { parseImportFile } from "./parse";
import {
  assertImporter,
  checkRowShapes,
  loadLookups,
  lookupKeys,
  resolveRows,
  summarise,
  type PersonRecord,
  type Preview,
} from "./validate";

export type ImportFile = { name: string; bytes: Uint8Array };
export type ImportMode = "all" | "validOnly";
export type ImportProgress = { done: number; total: number };

export type ImportResult =
  /** Nothing was written: the file has errors (mode "all") or no valid row. `preview` is as of the import. */
  | { status: "rejected"; preview: Preview; sha256: string }
  | { status: "done"; total: number; created: number; skipped: number; sha256: string };

/** Rows per createMany: ~13 columns × 500 rows stays far below PostgreSQL's 65,535 parameters. */
const CHUNK = 500;

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A file name fit for the audit log: no control characters, no path, bounded. */
export function safeFileName(name: string): string {
  const base = name.normalize("NFC").split(/[\\/]/).pop() ?? "";
  return base.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "").trim().slice(0, 200) || "import";
}

/**
 * Checks a file without writing anything: every row valid or with all its problems, against the
 * database as it is now. Needs person:import somewhere; units outside its scope are "unknown".
 */
export async function previewImport(viewer: Viewer, file: ImportFile): Promise<Preview & { sha256: string }> {
  assertImporter(viewer);
  const parsed = await parseImportFile(file.bytes);
  const shaped = checkRowShapes(parsed.rows);
  const lookups = await loadLookups(db(), viewer, lookupKeys(shaped));
  return { ...summarise(parsed.kind, resolveRows(shaped, lookups), parsed.columns.ignored), sha256: sha256(file.bytes) };
}

/**
 * Imports officials from a file, in one transaction: every row is checked again inside it (the
 * database may have changed since the preview), then people are written in chunks with their
 * LEARNER grant, search text and invitation (mail queued in the outbox), then one audit event.
 *
 * - mode "all": nothing is written when any row has an error;
 * - mode "validOnly": exactly the valid rows are written, the others are skipped.
 *
 * `expectSha256`, when given, must match the file (the one the person previewed). `onProgress`
 * is called with {done: 0} before the first write and after each chunk.
 */
export async function importPeople(
  viewer: Viewer,
  file: ImportFile,
  options: { mode: ImportMode; expectSha256?: string },
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  assertImporter(viewer);
  const hash = sha256(file.bytes);
  if (options.expectSha256 && options.expectSha256 !== hash) throw new AppError("CONFLICT", "imports.fileChanged", { field: "file" });
  const parsed = await parseImportFile(file.bytes);
  // Per-row checks need no database: done before the transaction, which stays short.
  const shaped = checkRowShapes(parsed.rows);
  const keys = lookupKeys(shaped);

  try {
    return await transaction(
      async (tx) => {
        const preview = summarise(parsed.kind, resolveRows(shaped, await loadLookups(tx, viewer, keys)), parsed.columns.ignored);
        if (preview.valid === 0 || (options.mode === "all" && preview.invalid > 0)) {
          return { status: "rejected", preview, sha256: hash } as const;
        }
        const people = preview.rows.flatMap((r) => (r.person ? [r.person] : []));
        onProgress?.({ done: 0, total: people.length });
        for (let i = 0; i < people.length; i += CHUNK) {
          await writeChunk(tx, viewer, people.slice(i, i + CHUNK));
          onProgress?.({ done: Math.min(i + CHUNK, people.length), total: people.length });
        }
        await recordAudit(tx, {
          actorId: viewer.userId,
          action: "person.import",
          entity: "Import",
          entityId: hash,
          unitId: await commonAncestor(tx, [...new Set(people.map((p) => p.unitId))]),
          data: {
            fileName: safeFileName(file.name),
            sha256: hash,
            kind: parsed.kind,
            mode: options.mode,
            rows: preview.total,
            created: people.length,
            skipped: preview.invalid,
            byUnit: countBy(people, (p) => p.unitId),
          },
        });
        return { status: "done", total: preview.total, created: people.length, skipped: preview.invalid, sha256: hash } as const;
      },
      // 10,000 rows take a few seconds on PostgreSQL, longer on the embedded database.
      { timeout: 180_000, maxWait: 20_000 },
    );
  } catch (e) {
    // Someone created one of these e-mails after our check: the whole import is rolled back.
    if (isUniqueViolation(e, "email")) throw new AppError("CONFLICT", "imports.changedMeanwhile");
    throw e;
  }
}

async function writeChunk(tx: Prisma.TransactionClient, viewer: Viewer, people: PersonRecord[]): Promise<void> {
  const rows = people.map((p) => ({ ...p, id: randomUUID() }));
  await tx.user.createMany({
    data: rows.map((p) => ({
      id: p.id,
      email: p.email,
      fullName: p.fullName,
      phone: p.phone,
      position: p.position,
      rank: p.rank,
      category: p.category,
      unitId: p.unitId,
      passwordHash: NO_PASSWORD_HASH, // none until the invitation is used
      searchText: personSearchText(p),
    })),
  });
  await tx.roleGrant.createMany({
    data: rows.map((p) => ({ userId: p.id, role: "LEARNER" as const, unitId: p.unitId, grantedById: viewer.userId })),
  });
  await issueInvitations(
    tx,
    rows.map((p) => ({ id: p.id, email: p.email, fullName: p.fullName, unitId: p.unitId })),
  );
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

/**
 * The deepest unit above (or equal to) all the given units, so that the admins of that subtree
 * see the import in their audit log.
 */
async function commonAncestor(tx: Prisma.TransactionClient, unitIds: string[]): Promise<string | null> {
  if (unitIds.length <= 1) return unitIds[0] ?? null;
  const rows = await tx.$queryRaw<{ start: string; id: string; depth: number }[]>`
    WITH RECURSIVE up AS (
      SELECT "id" AS start, "id", "parentId", 0 AS depth FROM "Unit" WHERE "id" = ANY(${unitIds}::uuid[])
      UNION ALL
      SELECT up.start, u."id", u."parentId", up.depth + 1 FROM "Unit" u JOIN up ON u."id" = up."parentId"
    )
    SELECT start, "id", depth FROM up`;
  // Each unit's chain from the root down; the common prefix ends at the common ancestor.
  const chains = unitIds.map((id) =>
    rows
      .filter((r) => r.start === id)
      .sort((a, b) => b.depth - a.depth)
      .map((r) => r.id),
  );
  let ancestor: string | null = null;
  for (let i = 0; ; i++) {
    const id = chains[0]?.[i];
    if (!id || !chains.every((c) => c[i] === id)) return ancestor;
    ancestor = id;
  }
}
