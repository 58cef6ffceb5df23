import { z } from "zod";
import { noteRefusal } from "@/lib/audit/request";
import { actingViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertOctetStream, assertSameOrigin } from "@/lib/http/same-origin";
import type { Translate } from "@/lib/i18n/messages";
import { getT } from "@/lib/i18n/server";
import { IMPORT_FIELDS, type ImportField } from "@/lib/imports/columns";
import { IMPORT_LIMITS } from "@/lib/imports/limits";
import type { Download } from "@/lib/imports/template";
import type { Preview } from "@/lib/imports/validate";

// Shared by the import route handlers (not a route itself: only route.ts files are).

export const NO_STORE = { "Cache-Control": "no-store" } as const;

/**
 * An AppError as JSON with its HTTP status and a translated message; anything else is a generic
 * 500. A refusal (FORBIDDEN, NOT_FOUND) of a signed-in person is logged as `access.denied` under
 * the route's name, as formAction does for forms.
 */
export async function errorResponse(e: unknown, route: string): Promise<Response> {
  await noteRefusal(e, { via: "action", action: route });
  const t = await getT();
  if (e instanceof AppError) {
    // An upload over the limit is 413, whether we saw it in Content-Length or while reading.
    const status = e.messageKey === "imports.tooLarge" ? 413 : e.status;
    return Response.json({ error: { code: e.code, field: e.field, message: t(e.messageKey, e.params) } }, { status, headers: NO_STORE });
  }
  console.error("import route failed", e);
  return Response.json({ error: { code: "INTERNAL", message: t("errors.generic") } }, { status: 500, headers: NO_STORE });
}


/** The request body, refused beyond the 10 MB limit without reading further. */
async function readUpload(request: Request): Promise<Uint8Array> {
  const tooLarge = () => new AppError("VALIDATION", "imports.tooLarge", { field: "file" });
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
 * The start of every upload route, in this order: the request comes from our own page, the person
 * is signed in (and not held at a forced password change), the query is valid, the body is within
 * the limit. Any refusal is thrown as an AppError for `errorResponse`.
 */
export async function readImportRequest<S extends z.ZodType>(request: Request, query: S) {
  assertSameOrigin(request);
  assertOctetStream(request, "imports.unsupportedType");
  const viewer = await actingViewer();
  const params = parseQuery(request, query);
  const bytes = await readUpload(request);
  return { viewer, params, bytes };
}

/** A generated file as a download: never cached, never sniffed as another type. */
export function downloadResponse(file: Download): Response {
  return new Response(Buffer.from(file.bytes), {
    headers: {
      ...NO_STORE,
      "Content-Type": file.contentType,
      "Content-Disposition": attachment(file.fileName),
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

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name. */
export function attachment(fileName: string): string {
  const ascii = fileName.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "_") || "download";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
