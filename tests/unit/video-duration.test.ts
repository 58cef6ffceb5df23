import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bufferReader, mvhdDuration, videoDurationSeconds, webmDuration } from "@/lib/courses/video-duration";

const read = (p: string) => new Uint8Array(readFileSync(path.resolve(import.meta.dirname, "../fixtures", p)));
const duration = (mime: string, bytes: Uint8Array) => videoDurationSeconds(mime, bytes.byteLength, bufferReader(bytes));

/** An ISO BMFF box: size, type, content. `large` writes the 64-bit size form. */
function box(type: string, content: Uint8Array, large = false): Uint8Array {
  const header = large ? 16 : 8;
  const out = new Uint8Array(header + content.byteLength);
  const v = new DataView(out.buffer);
  if (large) {
    v.setUint32(0, 1);
    v.setBigUint64(8, BigInt(out.byteLength));
  } else v.setUint32(0, out.byteLength);
  out.set(new TextEncoder().encode(type), 4);
  out.set(content, header);
  return out;
}
const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** An `mvhd` box (version 0 or 1) with a timescale and a duration in its units. */
function mvhd(version: 0 | 1, timescale: number, units: number): Uint8Array {
  const content = new Uint8Array(version === 1 ? 108 : 96);
  const v = new DataView(content.buffer);
  v.setUint8(0, version);
  if (version === 1) {
    v.setUint32(20, timescale);
    v.setBigUint64(24, BigInt(units));
  } else {
    v.setUint32(12, timescale);
    v.setUint32(16, units);
  }
  return box("mvhd", content);
}
const ftyp = box("ftyp", new TextEncoder().encode("isom\0\0\x02\0isomiso2mp41"));

describe("a video's length read from the file", () => {
  it("WebM: Segment → Info → Duration × TimecodeScale (the 20 s lesson sample)", async () => {
    expect(await duration("video/webm", read("lesson-sample.webm"))).toBe(20);
    expect(webmDuration(read("lesson-sample.webm"))).toBeCloseTo(20, 3);
    expect(await duration("video/webm", read("files/bai-giang.webm"))).toBe(1);
  });

  it("MP4: moov → mvhd duration ÷ timescale (the committed 1 s fixture, moov first)", async () => {
    expect(await duration("video/mp4", read("files/bai-giang.mp4"))).toBe(1);
  });

  it("MP4 with moov after a large mdat, found by walking box headers (version 0 and 1, 64-bit sizes)", async () => {
    const mdat = box("mdat", new Uint8Array(3 * 1024 * 1024), true);
    const v0 = cat(ftyp, box("free", new Uint8Array(8)), mdat, box("moov", cat(mvhd(0, 600, 600 * 754), box("trak", new Uint8Array(32)))));
    expect(await duration("video/mp4", v0)).toBe(754);
    const v1 = cat(ftyp, mdat, box("moov", cat(box("iods", new Uint8Array(16)), mvhd(1, 90_000, 90_000 * 3725.4))));
    expect(await duration("video/mp4", v1)).toBe(3725);

    // Only header-sized reads before moov: a large file is never read whole.
    const reads: [number, number][] = [];
    const inner = bufferReader(v0);
    await videoDurationSeconds("video/mp4", v0.byteLength, async (s, e) => {
      reads.push([s, e]);
      return inner(s, e);
    });
    expect(reads.reduce((sum, [s, e]) => sum + (e - s + 1), 0)).toBeLessThan(2048);
  });

  it("says nothing rather than something wrong: no moov, unknown or absurd lengths, broken headers, other types", async () => {
    expect(await duration("video/mp4", cat(ftyp, box("mdat", new Uint8Array(64))))).toBeNull();
    expect(await duration("video/mp4", cat(ftyp, box("moov", mvhd(0, 1000, 0xffffffff))))).toBeNull();
    expect(await duration("video/mp4", cat(ftyp, box("moov", mvhd(0, 0, 1000))))).toBeNull();
    expect(await duration("video/mp4", cat(ftyp, box("moov", mvhd(0, 1, 13 * 3600))))).toBeNull(); // over 12 h
    expect(await duration("video/mp4", cat(ftyp, box("moov", mvhd(0, 1000, 300))))).toBeNull(); // under 1 s
    const truncated = cat(ftyp, box("moov", mvhd(0, 1000, 5000))).subarray(0, ftyp.byteLength + 20);
    expect(await duration("video/mp4", truncated)).toBeNull();
    const zeroSize = cat(ftyp, new Uint8Array([0, 0, 0, 4, 0x66, 0x72, 0x65, 0x65]));
    expect(await duration("video/mp4", zeroSize)).toBeNull();
    expect(mvhdDuration(new Uint8Array(3))).toBeNull();
    const sample = read("lesson-sample.webm");
    expect(await duration("video/webm", sample.subarray(0, 40))).toBeNull(); // cut before Info
    expect(await duration("video/webm", new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x80, 0x1f, 0x43, 0xb6, 0x75, 0x80]))).toBeNull();
    expect(await duration("application/pdf", read("files/tai-lieu.pdf"))).toBeNull();
  });

  it("a WebM without Duration (a live recording) has no length", async () => {
    const sample = read("lesson-sample.webm");
    const at = Buffer.from(sample).indexOf(Buffer.from([0x44, 0x89]));
    const noDuration = new Uint8Array(sample);
    // The Duration element (2-byte id, 1-byte size, 8-byte float) turned into a Void of the same 11 bytes.
    noDuration[at] = 0xec;
    noDuration[at + 1] = 0x89;
    expect(await duration("video/webm", noDuration)).toBeNull();
  });
});
