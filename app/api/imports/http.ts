import { z } from "zod";
import { AppError } from "@/lib/errors";
import { contentDisposition } from "@/lib/http/download";
import { NO_STORE } from "@/lib/http/route";
import { assertOctetStream } from "@/lib/http/same-origin";
import type { Translate } from "@/lib/i18n/messages";
import { IMPORT_FIELDS, type ImportField } from "@/lib/imports/columns";
import { IMPORT_LIMITS } from "@/lib/imports/limits";
import type { Download } from "@/lib/imports/template";
import type { Preview } from "@/lib/imports/validate";

// Shared by the import route handlers (not a route itself: only route.ts files are). The
// same-origin check, the viewer and the error answers are the route wrapper's (lib/http/route.ts).

/** The request body, refused beyond the 10 MB limit without reading further. */
async function readUpload(request: Request): Promise<Uint8Array> {
  const tooLarge = () => new AppError("TOO_LARGE", "imports.tooLarge", { field: "file" });
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > IMPORT_LIMITS.maxBytes) throw tooLarge();
  if (!request.body) throw new AppError("VALIDATION", "imports.empty", { field: "file" });
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > IMPORT_LIMITS.maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/** Query parameters through zod; a bad one is a 422 like any invalid input. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new AppError("VALIDATION", "validation.invalid");
  return parsed.data;
}

export const fileNameParam = z.string().trim().min(1).max(255).catch("import");

/**
 * The start of every upload route, after the wrapper's same-origin check and viewer: the body is
 * sent as application/octet-stream, the query is valid, the body is within the limit. Any refusal
 * is thrown as an AppError.
 */
export async function readImportRequest<S extends z.ZodType>(request: Request, query: S) {
  assertOctetStream(request, "imports.unsupportedType");
  const params = parseQuery(request, query);
  const bytes = await readUpload(request);
  return { params, bytes };
}

/** A generated file as a download: never cached, never sniffed as another type. */
export function downloadResponse(file: Download): Response {
  return new Response(Buffer.from(file.bytes), {
    headers: {
      ...NO_STORE,
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition("attachment", file.fileName),
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export type PreviewRow = {
  line: number;
  values: Record<ImportField, string>;
  errors: { field: ImportField | null; message: string }[];
};
export type PreviewJson = {
  fileName: string;
  sha256: string;
  kind: Preview["kind"];
  total: number;
  valid: number;
  invalid: number;
  ignoredColumns: string[];
  fields: readonly ImportField[];
  rows: PreviewRow[];
};

/** A preview as the page shows it: every error translated, with the column it is about (the page labels it). */
export function previewJson(preview: Preview, extra: { fileName: string; sha256: string }, t: Translate): PreviewJson {
  return {
    ...extra,
    kind: preview.kind,
    total: preview.total,
    valid: preview.valid,
    invalid: preview.invalid,
    ignoredColumns: preview.ignoredColumns,
    fields: IMPORT_FIELDS,
    rows: preview.rows.map((r) => ({
      line: r.line,
      values: r.values,
      errors: r.errors.map((e) => ({ field: e.field, message: t(e.key, e.params) })),
    })),
  };
}
