import { z } from "zod";
import { notFound } from "@/lib/errors";
import type { Translate } from "@/lib/i18n/messages";
import type { PlanPreview } from "@/lib/plans/import";

// Shared by the plan route handlers (not a route itself). The upload checks and downloads are those
// of the people import (app/api/imports/http.ts); errors are the route wrapper's (lib/http/route.ts).

export type PlanParams = { id: string };

/** The plan id of the route; a malformed one is simply not found. */
export function planIdOf(params: PlanParams): string {
  const parsed = z.uuid().safeParse(params.id);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

export type PlanPreviewJson = {
  fileName: string;
  sha256: string;
  total: number;
  valid: number;
  invalid: number;
  columns: { field: string; header: string }[];
  quotaCodes: string[];
  ignoredColumns: string[];
  rows: { line: number; values: Record<string, string>; errors: { field: string | null; column: string | null; message: string }[] }[];
};

/** A preview as the page shows it: every error translated, with the header of the column it is about. */
export function planPreviewJson(preview: PlanPreview, extra: { fileName: string; sha256: string }, t: Translate): PlanPreviewJson {
  const headerOf = new Map(preview.columns.map((c) => [c.field, c.header]));
  return {
    ...extra,
    total: preview.total,
    valid: preview.valid,
    invalid: preview.invalid,
    columns: preview.columns,
    quotaCodes: preview.quotaCodes,
    ignoredColumns: preview.ignoredColumns,
    rows: preview.rows.map((r) => ({
      line: r.line,
      values: r.values,
      errors: r.errors.map((e) => ({ field: e.field, column: e.field ? (headerOf.get(e.field) ?? null) : null, message: t(e.key, e.params) })),
    })),
  };
}

export const reasonParam = z.string().max(1000).optional();

