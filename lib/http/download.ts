// Pure HTTP helpers for downloads and stored files: Content-Disposition, ETags, Range (tests/unit/range.test.ts, files-http.test.ts).

/** What to do with a request's Range header for an object of `size` bytes. */
export type RangeDecision =
  | { kind: "full" }
  | { kind: "partial"; start: number; end: number }
  | { kind: "unsatisfiable" };

/**
 * RFC 9110 §14 for one `bytes` range:
 * - no header, another unit, unparseable text, or several ranges → the whole object (200): a
 *   server may ignore Range, and browsers and players only ever ask for one range;
 * - `bytes=a-b` (b clamped to the last byte), `bytes=a-`, `bytes=-n` (the last n bytes) → 206;
 * - a range that starts at or past the end, `bytes=-0`, a reversed range (`bytes=100-50`), or any
 *   range of an empty object → 416.
 */
export function parseRange(header: string | null | undefined, size: number): RangeDecision {
  if (!header) return { kind: "full" };
  const m = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!m) return { kind: "full" };
  const specs = m[1]!.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (specs.length !== 1) return { kind: "full" };
  const spec = /^(\d*)\s*-\s*(\d*)$/.exec(specs[0]!);
  if (!spec || (spec[1] === "" && spec[2] === "")) return { kind: "full" };
  const [first, last] = [spec[1]!, spec[2]!];
  if (first === "") {
    const suffix = Number(last);
    if (!Number.isSafeInteger(suffix) || suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (!Number.isSafeInteger(start) || start >= size) return { kind: "unsatisfiable" };
  if (last === "") return { kind: "partial", start, end: size - 1 };
  const end = Number(last);
  if (end < start) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end: Math.min(end, size - 1) };
}

/** RFC 5987 value-chars: encodeURIComponent leaves ' ( ) * as they are, which attr-char does not allow. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The name without diacritics, for old clients that read only `filename=` (đ → d, like foldForSearch). */
export function asciiFileName(name: string): string {
  const ascii = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\;]/g, "_")
    .trim();
  return ascii || "file";
}

/**
 * RFC 6266 Content-Disposition: `inline` (shown in the browser) or `attachment` (downloaded), with
 * an ASCII fallback and the exact UTF-8 name as `filename*` (RFC 5987). Control characters and path
 * separators in the stored name are removed first.
 */
export function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const name = fileName.normalize("NFC").replace(/[\u0000-\u001f\u007f/\\]/g, "_") || "file";
  return `${kind}; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** A strong ETag: a stored file never changes (a new upload is a new file with a new id). */
export function fileEtag(fileId: string, size: number): string {
  return `"${fileId}-${size.toString(36)}"`;
}

/** If-None-Match: true when one of the listed tags (or *) is ours (weak comparison, RFC 9110 §13.1.2). */
export function etagMatches(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

/**
 * If-Range: the Range applies only when the validator is our current ETag (strong comparison). A
 * date, a weak tag, or another tag → send the whole object.
 */
export function ifRangeAllows(header: string | null | undefined, etag: string): boolean {
  if (header === null || header === undefined) return true;
  return header.trim() === etag;
}
