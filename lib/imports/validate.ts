import type { z } from "zod";
import { hasAnywhere, unitIdsWith, type Viewer } from "@/lib/auth/viewer";
import type { Prisma, PrismaClient } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { issueMessage } from "@/lib/forms/zod";
import type { MessageKey, Params } from "@/lib/i18n/messages";
import { personInput } from "@/lib/people/schemas";
import { EXAMPLE_ROW, normaliseUnitCode, parseCategory, type ImportField, type RowValues, type StaffCategory } from "./columns";
import type { FileKind, SourceRow } from "./parse";

/** One problem of a row; `field` is the column it is about (null: the row as a whole). */
export type RowError = { field: ImportField | null; key: MessageKey; params?: Params };

/** What a valid row becomes: a person for `personInput`, with the unit resolved. */
export type PersonRecord = {
  fullName: string;
  email: string;
  phone: string | null;
  position: string | null;
  rank: string | null;
  category: StaffCategory | null;
  unitId: string;
};

export type CheckedRow = { line: number; values: RowValues; person: PersonRecord | null; errors: RowError[] };

export type Preview = {
  kind: FileKind;
  total: number;
  valid: number;
  invalid: number;
  rows: CheckedRow[];
  /** Headers that are not ours; their columns are not imported. */
  ignoredColumns: string[];
};

/** The lookups a preview needs from the database, for the rows' unit codes and e-mails. */
export type Lookups = {
  /** Units by code, only those where the importer holds person:import. */
  units: ReadonlyMap<string, { id: string; usable: boolean }>;
  /** E-mails (lower case) that already have an account. */
  taken: ReadonlySet<string>;
};

type Reader = PrismaClient | Prisma.TransactionClient;

export function assertImporter(viewer: Viewer): void {
  if (!hasAnywhere(viewer, "person:import")) throw forbidden();
}

// The person's own fields as `personInput` validates them; the unit is resolved from its code here.
const rowSchema = personInput.omit({ unitId: true });
type RowInput = z.output<typeof rowSchema>;

/**
 * A phone as spreadsheets mangle it: "0905-123-456", "(0905) 123 456", or 905123456 when Excel
 * took the number for a number and dropped the leading 0. The schema then decides.
 */
export function tidyPhone(text: string): string {
  const v = text.replace(/[\s.\-()]/g, "");
  if (/^[1-9]\d{8,9}$/.test(v)) return `0${v}`;
  if (/^84\d{9,10}$/.test(v)) return `+${v}`;
  return v;
}

/** The key and parameters that `lib/forms/zod.ts` would show for an issue (one rule for forms and imports). */
function issueKey(issue: z.core.$ZodIssue, raw: Record<string, unknown>): { key: MessageKey; params?: Params } {
  let found: { key: MessageKey; params?: Params } = { key: "validation.invalid" };
  issueMessage(issue, raw, (key, params) => {
    found = { key, params };
    return "";
  });
  return found;
}

type Shaped = { line: number; values: RowValues; input: RowInput | null; unitCode: string; errors: RowError[] };

/** Checks each row on its own: every field, every problem. Pure. */
export function checkRowShapes(rows: readonly SourceRow[]): Shaped[] {
  return rows.map(({ line, values }) => {
    const errors: RowError[] = [];
    const category = parseCategory(values.category);
    if (category === null) errors.push({ field: "category", key: "imports.badCategory", params: { value: values.category.trim() } });
    // Spreadsheet text often carries doubled or non-breaking spaces: one plain space between words.
    const tidy = (text: string) => text.replace(/\s+/g, " ");
    const raw = {
      fullName: tidy(values.fullName),
      email: values.email,
      phone: tidyPhone(values.phone),
      position: tidy(values.position),
      rank: tidy(values.rank),
      category: category ?? "",
    };
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as ImportField;
        const { key, params } = issueKey(issue, raw);
        if (!errors.some((e) => e.field === field && e.key === key)) errors.push({ field, key, params });
      }
    }
    const unitCode = normaliseUnitCode(values.unitCode);
    if (unitCode === "") errors.push({ field: "unitCode", key: "validation.required" });
    const input = parsed.success ? parsed.data : null;
    if (input && input.email === EXAMPLE_ROW.email) errors.push({ field: "email", key: "imports.exampleRow" });
    return { line, values, input, unitCode, errors };
  });
}

/** What checking a row needs from the database. */
export function lookupKeys(shaped: readonly Shaped[]): { codes: string[]; emails: string[] } {
  const codes = new Set<string>();
  const emails = new Set<string>();
  for (const r of shaped) {
    if (r.unitCode) codes.add(r.unitCode);
    if (r.input) emails.add(r.input.email);
  }
  return { codes: [...codes], emails: [...emails] };
}

/**
 * Reads the units (within the importer's person:import scope only) and the e-mails already taken.
 * Inside the import's transaction the units are locked FOR SHARE, so none is moved, merged or
 * deactivated until the import commits. The e-mail check is global by necessity (e-mails are
 * unique across the province); it says only "taken", never where.
 */
export async function loadLookups(reader: Reader, viewer: Viewer, keys: { codes: string[]; emails: string[] }): Promise<Lookups> {
  const scope = unitIdsWith(viewer, "person:import");
  const units =
    keys.codes.length > 0 && scope.length > 0
      ? await reader.$queryRaw<{ id: string; code: string; active: boolean; mergedIntoId: string | null }[]>`
          SELECT "id", "code", "active", "mergedIntoId" FROM "Unit"
          WHERE "code" = ANY(${keys.codes}::text[]) AND "id" = ANY(${scope}::uuid[])
          FOR SHARE`
      : [];
  const taken =
    keys.emails.length > 0
      ? await reader.$queryRaw<{ email: string }[]>`
          SELECT DISTINCT e."email" FROM unnest(${keys.emails}::text[]) AS e("email")
          JOIN "User" u ON lower(u."email") = e."email"`
      : [];
  return {
    units: new Map(units.map((u) => [u.code, { id: u.id, usable: u.active && u.mergedIntoId === null }])),
    taken: new Set(taken.map((t) => t.email)),
  };
}

/**
 * Adds what depends on other rows and on the database: duplicates within the file (naming the
 * other rows), e-mails already taken, unit codes unknown or outside the importer's scope (the
 * same message for both: no existence leak), units closed or merged.
 */
export function resolveRows(shaped: readonly Shaped[], lookups: Lookups): CheckedRow[] {
  const linesByEmail = new Map<string, number[]>();
  for (const r of shaped) {
    if (!r.input) continue;
    const list = linesByEmail.get(r.input.email) ?? [];
    list.push(r.line);
    linesByEmail.set(r.input.email, list);
  }
  return shaped.map((r) => {
    const errors = [...r.errors];
    if (r.input) {
      const others = linesByEmail.get(r.input.email)!.filter((l) => l !== r.line);
      if (others.length > 0) errors.push({ field: "email", key: "imports.duplicateInFile", params: { rows: others.join(", ") } });
      if (lookups.taken.has(r.input.email)) errors.push({ field: "email", key: "imports.emailTaken" });
    }
    let unitId: string | null = null;
    if (r.unitCode) {
      const unit = lookups.units.get(r.unitCode);
      if (!unit) errors.push({ field: "unitCode", key: "imports.unknownUnit", params: { code: r.unitCode } });
      else if (!unit.usable) errors.push({ field: "unitCode", key: "imports.unitClosed", params: { code: r.unitCode } });
      else unitId = unit.id;
    }
    const person = errors.length === 0 && r.input && unitId ? { ...r.input, unitId } : null;
    return { line: r.line, values: r.values, person, errors };
  });
}

export function summarise(kind: FileKind, rows: CheckedRow[], ignoredColumns: string[]): Preview {
  const valid = rows.filter((r) => r.person).length;
  return { kind, total: rows.length, valid, invalid: rows.length - valid, rows, ignoredColumns };
}
