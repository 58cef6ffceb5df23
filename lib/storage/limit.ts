import { Readable, Transform, type TransformCallback } from "node:stream";
import { StorageTooLargeError } from "./types";

/** A pass-through that counts bytes and fails with StorageTooLargeError past `maxBytes`. */
export class ByteLimit extends Transform {
  bytes = 0;
  constructor(private readonly maxBytes: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(new StorageTooLargeError(this.maxBytes));
      return;
    }
    done(null, chunk);
  }
}

/** A Node stream for either kind of body (a web stream from a Request, or a Node stream). */
export function toNodeReadable(body: Readable | ReadableStream<Uint8Array>): Readable {
  if (body instanceof Readable) return body;
  return Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
}
