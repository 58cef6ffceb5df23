import type { Readable } from "node:stream";

/**
 * A Node stream as a web stream, one chunk per pull: nothing is read from storage faster than the
 * reader takes it (backpressure), and a reader that leaves cancels the stream, which closes the
 * file or the S3 connection.
 */
export function nodeToWebStream(node: Readable): ReadableStream<Uint8Array> {
  const chunks = node[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = (await chunks.next()) as IteratorResult<Buffer>;
          if (next.done) controller.close();
          else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
        } catch (e) {
          node.destroy();
          controller.error(e);
        }
      },
      async cancel() {
        node.destroy();
        await chunks.return?.().catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/** A whole (small) Node stream as bytes. */
export async function readAll(node: Readable): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const chunk of node) parts.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(parts));
}
