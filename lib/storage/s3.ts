import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ByteLimit, toNodeReadable } from "./limit";
import { assertKey, StorageNotFoundError, type ByteRange, type FileStorage, type PutOptions, type StoredObject } from "./types";

export type S3Config = {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
};

/** Only the bytes of `range` from a stream of the whole object; the source is closed once past it. */
function slice(source: Readable, range: ByteRange, offset: number): Readable {
  let at = offset;
  const out = new Transform({
    transform(chunk: Buffer, _enc, done) {
      const from = Math.max(range.start - at, 0);
      const to = Math.min(range.end + 1 - at, chunk.length);
      at += chunk.length;
      if (to > from) this.push(chunk.subarray(from, to));
      if (at > range.end) {
        this.push(null);
        source.destroy();
      }
      done();
    },
  });
  source.on("error", (e) => out.destroy(e));
  return source.pipe(out);
}

function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === "NoSuchKey" || err?.name === "NotFound" || err?.$metadata?.httpStatusCode === 404;
}

/**
 * S3-compatible object storage (AWS, MinIO, Ceph, a provider's object store). Writes go through
 * lib-storage's Upload: parts of 8 MiB, at most 2 in flight, so a 1 GB video never sits in memory;
 * on an error it aborts the multipart upload (no parts left behind), and we delete the key too in
 * case a single-part PUT had completed.
 */
export class S3Storage implements FileStorage {
  readonly kind = "s3" as const;
  readonly client: S3Client;
  constructor(readonly config: S3Config) {
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
    });
  }

  async put(key: string, body: Readable | ReadableStream<Uint8Array>, options: PutOptions): Promise<{ size: number }> {
    assertKey(key);
    const limit = new ByteLimit(options.maxBytes);
    const abort = new AbortController();
    const onAbort = () => abort.abort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.config.bucket, Key: key, Body: limit, ContentType: options.contentType },
      partSize: 8 * 1024 * 1024,
      queueSize: 2,
      leavePartsOnError: false,
      abortController: abort,
    });
    // The body flows into `limit`; an error on either side (too large, client gone) stops both.
    const feeding = pipeline(toNodeReadable(body), limit, { signal: abort.signal, end: true }).catch((e: unknown) => {
      abort.abort();
      throw e;
    });
    try {
      if (options.signal?.aborted) abort.abort();
      // Either side failing stops the other: a storage error must not leave the body waiting forever.
      const uploading = upload.done().catch((e: unknown) => {
        abort.abort();
        throw e;
      });
      const [up, fed] = await Promise.allSettled([uploading, feeding]);
      // A feeding error (too large, body error, abort) is the cause to report, whatever Upload said.
      if (fed.status === "rejected") throw fed.reason;
      if (up.status === "rejected") throw up.reason;
      return { size: limit.bytes };
    } catch (e) {
      abort.abort();
      await this.delete(key).catch(() => undefined);
      throw e;
    } finally {
      options.signal?.removeEventListener("abort", onAbort);
    }
  }

  async get(key: string, range?: ByteRange): Promise<{ stream: Readable; size: number }> {
    assertKey(key);
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.config.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      const body = out.Body as Readable;
      const got = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(out.ContentRange ?? "");
      const total = got ? Number(got[3]) : Number(out.ContentLength ?? 0);
      if (range) {
        // A server may answer more than asked (HTTP allows ignoring Range; s3rver reads bytes=0-0 as
        // bytes=0-): keep exactly the bytes asked for.
        const from = got ? Number(got[1]) : 0;
        const to = got ? Number(got[2]) : total - 1;
        if (from > range.start) throw new Error(`storage answered bytes ${from}-${to} for ${range.start}-${range.end}`);
        if (from !== range.start || to !== range.end) return { stream: slice(body, range, from), size: total };
      }
      return { stream: body, size: total };
    } catch (e) {
      if (isNotFound(e)) throw new StorageNotFoundError(key);
      throw e;
    }
  }

  async stat(key: string): Promise<StoredObject | null> {
    assertKey(key);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: key }));
      return { key, size: Number(out.ContentLength ?? 0), modifiedAt: out.LastModified ?? new Date(0) };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    assertKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    let token: string | undefined;
    do {
      const out = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const o of out.Contents ?? []) {
        if (o.Key) yield { key: o.Key, size: Number(o.Size ?? 0), modifiedAt: o.LastModified ?? new Date(0) };
      }
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
  }
}
