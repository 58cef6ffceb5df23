import { VIDEO_RULES } from "@/lib/learning/rules";

/*
 * A video's length read from the file itself, never from a player (docs/decisions/013): the MP4
 * movie header (`moov` → `mvhd`: duration / timescale) or the WebM segment information
 * (`Segment` → `Info` → `Duration` × `TimecodeScale` ns). The file is read by ranges, so a large
 * video costs a few small reads whether its `moov` box comes first or last.
 */

/** Reads bytes [start, end] (inclusive) of the file; fewer at its end. */
export type ReadRange = (start: number, end: number) => Promise<Uint8Array>;


/** The length in whole seconds, or null when the file does not say (or says something outside VIDEO_RULES' bounds). */
export async function videoDurationSeconds(mime: string, size: number, read: ReadRange): Promise<number | null> {
  let seconds: number | null = null;
  try {
    if (mime === "video/mp4") seconds = await mp4Duration(size, read);
    else if (mime === "video/webm") seconds = webmDuration(await read(0, Math.min(size, WEBM_HEAD_BYTES) - 1));
  } catch {
    seconds = null; // a truncated or malformed header: no length
  }
  if (seconds === null || !Number.isFinite(seconds)) return null;
  const rounded = Math.round(seconds);
  return rounded >= VIDEO_RULES.minDurationSeconds && rounded <= VIDEO_RULES.maxDurationSeconds ? rounded : null;
}

/** A reader over bytes in memory (tests, and files already read). */
export function bufferReader(bytes: Uint8Array): ReadRange {
  return async (start, end) => bytes.subarray(start, Math.min(end + 1, bytes.byteLength));
}

// ── MP4 (ISO BMFF) ───────────────────────────────────────────────────────────────────────────

/** Bytes of `moov` read to find `mvhd` (always its first or an early child). */
const MOOV_HEAD_BYTES = 64 * 1024;
/** Top-level boxes walked before giving up (ftyp, free, mdat, moov… rarely more than six). */
const MAX_TOP_BOXES = 64;

const fourcc = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** A box header at `at` of `b`: its type, where its content starts and its total size (null: to the end). */
function boxHeader(b: Uint8Array, at: number): { type: string; headerSize: number; size: number | null } | null {
  if (at + 8 > b.byteLength) return null;
  const v = view(b);
  const size32 = v.getUint32(at);
  const type = fourcc(b, at + 4);
  if (size32 === 1) {
    if (at + 16 > b.byteLength) return null;
    return { type, headerSize: 16, size: Number(v.getBigUint64(at + 8)) };
  }
  return { type, headerSize: 8, size: size32 === 0 ? null : size32 };
}

async function mp4Duration(size: number, read: ReadRange): Promise<number | null> {
  let at = 0;
  for (let i = 0; i < MAX_TOP_BOXES && at + 8 <= size; i++) {
    const head = await read(at, Math.min(size, at + 16) - 1);
    const box = boxHeader(head, 0);
    if (!box) return null;
    const boxSize = box.size ?? size - at;
    if (boxSize < box.headerSize) return null;
    if (box.type === "moov") {
      const start = at + box.headerSize;
      const moov = await read(start, Math.min(at + boxSize, start + MOOV_HEAD_BYTES) - 1);
      return mvhdDuration(moov);
    }
    at += boxSize;
  }
  return null;
}

/** The `mvhd` among the children of `moov` (its content): duration / timescale. */
export function mvhdDuration(moov: Uint8Array): number | null {
  let at = 0;
  while (at + 8 <= moov.byteLength) {
    const box = boxHeader(moov, at);
    if (!box) return null;
    const size = box.size ?? moov.byteLength - at;
    if (size < box.headerSize) return null;
    if (box.type === "mvhd") {
      const c = at + box.headerSize;
      const v = view(moov);
      const version = moov[c]!;
      if (version === 1) {
        const timescale = v.getUint32(c + 20);
        const duration = Number(v.getBigUint64(c + 24));
        return timescale > 0 && duration !== Number.MAX_SAFE_INTEGER ? duration / timescale : null;
      }
      const timescale = v.getUint32(c + 12);
      const duration = v.getUint32(c + 16);
      // All ones: "unknown" (a fragmented file still being written).
      return timescale > 0 && duration !== 0xffffffff ? duration / timescale : null;
    }
    at += size;
  }
  return null;
}

// ── WebM (Matroska / EBML) ───────────────────────────────────────────────────────────────────

/** The segment information lies in the first few kilobytes of any WebM we accept. */
const WEBM_HEAD_BYTES = 64 * 1024;

const EBML_HEADER = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const CLUSTER = 0x1f43b675;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;

/** An EBML variable-length integer at `at`: its value (marker kept for ids) and length. */
function vint(b: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } | null {
  const first = b[at];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23; // 1..8
  if (at + length > b.byteLength) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[at + i]!;
    if (b[at + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

/** Duration in seconds from the head of a WebM file; null when the segment does not state it. */
export function webmDuration(head: Uint8Array): number | null {
  let at = 0;
  let end = head.byteLength;
  let scale = 1_000_000; // TimecodeScale's default: milliseconds
  let duration: number | null = null;
  while (at < end) {
    const id = vint(head, at, true);
    if (!id) return null;
    const size = vint(head, at + id.length, false);
    if (!size) return null;
    const content = at + id.length + size.length;
    if (id.value === SEGMENT) {
      // Descend: the segment's children follow (its size may be "unknown" in a live recording).
      at = content;
      end = size.unknown ? head.byteLength : Math.min(head.byteLength, content + size.value);
      continue;
    }
    if (id.value === INFO) {
      const infoEnd = Math.min(head.byteLength, content + size.value);
      let i = content;
      while (i < infoEnd) {
        const cid = vint(head, i, true);
        if (!cid) break;
        const csize = vint(head, i + cid.length, false);
        if (!csize) break;
        const c = i + cid.length + csize.length;
        if (c + csize.value > head.byteLength) break;
        const v = view(head);
        if (cid.value === TIMECODE_SCALE) {
          let n = 0;
          for (let k = 0; k < csize.value; k++) n = n * 256 + head[c + k]!;
          if (n > 0) scale = n;
        } else if (cid.value === DURATION) {
          if (csize.value === 4) duration = v.getFloat32(c);
          else if (csize.value === 8) duration = v.getFloat64(c);
        }
        i = c + csize.value;
      }
      return duration === null ? null : (duration * scale) / 1e9;
    }
    if (id.value === CLUSTER) return null; // media data reached without segment information
    if (id.value !== EBML_HEADER && size.unknown) return null;
    at = content + size.value;
  }
  return null;
}
