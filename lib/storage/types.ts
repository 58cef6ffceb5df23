import type { Readable } from "node:stream";

/** An inclusive byte range of a stored object, as HTTP Range counts it. */
export type ByteRange = { start: number; end: number };

export type PutOptions = {
  /** The detected type (magic bytes), kept with the object where the backend can. */
  contentType: string;
  /** More bytes than this and the write is aborted, partial data removed, StorageTooLargeError thrown. */
  maxBytes: number;
  /** Aborting it aborts the write (the uploader left); partial data is removed. */
  signal?: AbortSignal;
};

export type StoredObject = { key: string; size: number; modifiedAt: Date };

/**
 * Where course files live (docs/decisions/061-file-storage-and-uploads.md). One interface, two
 * backends: a local folder (default) and S3-compatible object storage. Everything streams: no
 * method ever holds a whole file in memory. Keys are server-generated (`courses/<courseId>/<uuid>`).
 */
export interface FileStorage {
  readonly kind: "local" | "s3";
  /**
   * Writes `body` under `key`. Either the whole object is there when the promise resolves, or
   * nothing is (past maxBytes, on a body error or an abort the partial data is removed).
   */
  put(key: string, body: Readable | ReadableStream<Uint8Array>, options: PutOptions): Promise<{ size: number }>;
  /** The object's bytes (only `range` when given, which must lie inside the object) and its full size. StorageNotFoundError when absent. */
  get(key: string, range?: ByteRange): Promise<{ stream: Readable; size: number }>;
  /** Size and modification time, or null when absent. */
  stat(key: string): Promise<StoredObject | null>;
  /** Removes the object; removing an absent object is not an error. */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix` (for the sweep). */
  list(prefix: string): AsyncIterable<StoredObject>;
}

export class StorageTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`object larger than ${maxBytes} bytes`);
    this.name = "StorageTooLargeError";
  }
}

export class StorageNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no stored object ${key}`);
    this.name = "StorageNotFoundError";
  }
}

/** Keys are ours, but a backend still refuses anything that could leave its folder or bucket prefix. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/;

export function assertKey(key: string): void {
  if (!KEY.test(key) || key.includes("..") || key.length > 512) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
}
