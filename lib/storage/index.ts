import path from "node:path";
import { env } from "@/lib/env";
import { LocalStorage } from "./local";
import { S3Storage } from "./s3";
import type { FileStorage } from "./types";

export type { ByteRange, FileStorage, PutOptions, StoredObject } from "./types";
export { StorageNotFoundError, StorageTooLargeError } from "./types";

let current: FileStorage | undefined;

/** The configured storage: S3-compatible when S3_BUCKET is set, else the local folder (TAPHUAN_FILES_DIR). */
export function storage(): FileStorage {
  if (current) return current;
  const e = env();
  if (e.S3_BUCKET) {
    current = new S3Storage({
      bucket: e.S3_BUCKET,
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      forcePathStyle: e.S3_FORCE_PATH_STYLE === "1",
    });
  } else {
    current = new LocalStorage(path.resolve(/*turbopackIgnore: true*/ e.TAPHUAN_FILES_DIR ?? path.join(process.cwd(), ".data", "files")));
  }
  return current;
}

/** Tests and benchmarks only: use this storage (null: back to the configured one). */
export function setStorageForTests(s: FileStorage | null): void {
  current = s ?? undefined;
}

/** Where uploaded files live: a course's under `courses/`, a question bank's images under `banks/` (the sweep walks both). */
export const UPLOAD_PREFIXES = ["courses/", "banks/"] as const;

/** A new key for a file of a course (or, `kind` "banks", of a question bank). Never derived from the uploaded name. */
export function newStorageKey(ownerId: string, kind: "courses" | "banks" = "courses"): string {
  return `${kind}/${ownerId}/${crypto.randomUUID()}`;
}
