import { fileTypeFromBuffer, fileTypeFromStream } from "file-type";
import type { LessonKind } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import type { FileStorage } from "@/lib/storage";
import { nodeToWebStream } from "@/lib/storage/streams";

/* What course files may be: the accepted types, recognised by content (magic bytes), and the limits. */

export type AllowedType = {
  mime: string;
  ext: string;
  kind: Extract<LessonKind, "FILE" | "VIDEO">;
  /** PDF and video open in the browser; office files are downloaded. */
  disposition: "inline" | "attachment";
};

/** The only types accepted, by their detected (magic-byte) MIME type. Anything else is refused (415). */
export const ALLOWED_TYPES: Readonly<Record<string, AllowedType>> = Object.freeze({
  "application/pdf": { mime: "application/pdf", ext: "pdf", kind: "FILE", disposition: "inline" },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ext: "docx",
    kind: "FILE",
    disposition: "attachment",
  },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": {
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ext: "pptx",
    kind: "FILE",
    disposition: "attachment",
  },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ext: "xlsx",
    kind: "FILE",
    disposition: "attachment",
  },
  "video/mp4": { mime: "video/mp4", ext: "mp4", kind: "VIDEO", disposition: "inline" },
  "video/webm": { mime: "video/webm", ext: "webm", kind: "VIDEO", disposition: "inline" },
});

/** Bytes read before deciding the type: enough for every allowed type but office files whose index comes late. */
export const SNIFF_BYTES = 256 * 1024;

export type UploadLimits = { docBytes: number; videoBytes: number };

/** The configured limits (TAPHUAN_MAX_DOC_MB, TAPHUAN_MAX_VIDEO_MB; 50 MB and 1 GB by default). */
export function uploadLimits(): UploadLimits {
  const e = env();
  return { docBytes: e.TAPHUAN_MAX_DOC_MB * 1024 * 1024, videoBytes: e.TAPHUAN_MAX_VIDEO_MB * 1024 * 1024 };
}

export type Detection = { type: AllowedType } | { maybeOffice: true } | null;

/**
 * The type of a file from its first bytes. A ZIP whose OOXML index ([Content_Types].xml) lies past
 * the bytes seen is `maybeOffice`: stored, then checked again over the whole stored file.
 * `complete` says the head is the whole file (then a plain ZIP is just a ZIP, refused).
 */
export async function detectType(head: Uint8Array, complete: boolean): Promise<Detection> {
  const found = await sniffType(head);
  if (found && found.mime in ALLOWED_TYPES) return { type: ALLOWED_TYPES[found.mime]! };
  if (found?.mime === "application/zip" && !complete) return { maybeOffice: true };
  return null;
}

/** The type the first bytes of a file show (magic bytes), whatever its name says; undefined when unknown. */
export async function sniffType(head: Uint8Array): Promise<{ mime: string; ext: string } | undefined> {
  return fileTypeFromBuffer(head).catch(() => undefined);
}

/** The office type of a stored ZIP, read over the whole object; null when it is none. */
export async function detectStoredOffice(store: FileStorage, key: string): Promise<AllowedType | null> {
  const { stream } = await store.get(key);
  try {
    const found = await fileTypeFromStream(nodeToWebStream(stream));
    const type = found ? ALLOWED_TYPES[found.mime] : undefined;
    return type && type.kind === "FILE" ? type : null;
  } finally {
    stream.destroy();
  }
}

/** A lesson title from a file name: the name without its extension. */
export function titleFromFileName(name: string): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,8}$/, "").trim();
  return (base || name).slice(0, 200);
}
