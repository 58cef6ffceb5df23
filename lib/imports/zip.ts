import { inflateRawSync } from "node:zlib";

export type ZipLimits = {
  /** Most entries a container may hold. */
  maxEntries: number;
  /** Most bytes all entries may inflate to, together. */
  maxTotalUncompressed: number;
};

export type ZipProblem = "corrupt" | "tooManyEntries" | "tooLarge" | "encrypted" | "unsupported";

export class ZipRejected extends Error {
  constructor(readonly problem: ZipProblem) {
    super(`zip rejected: ${problem}`);
    this.name = "ZipRejected";
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Checks a ZIP container (an XLSX) before any parser touches it, and returns its entry names.
 *
 * The sizes in a ZIP's headers are claims, so every entry is really inflated here against the
 * remaining byte budget (zlib stops at `maxOutputLength`): a zip bomb is refused after at most
 * `maxTotalUncompressed` bytes of work, whatever its headers say. Also refused: ZIP64, encryption,
 * compression other than stored/deflate, duplicate names and entries whose inflated size differs
 * from the declared one (the parser would see something else than what was checked).
 */
export function inspectZip(bytes: Uint8Array, limits: ZipLimits): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const fail = (problem: ZipProblem): never => {
    throw new ZipRejected(problem);
  };

  // The end-of-central-directory record: the last 22 bytes, or earlier when a comment follows.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) fail("corrupt");
  const entries = u16(eocd + 10);
  const centralSize = u32(eocd + 12);
  const centralOffset = u32(eocd + 16);
  if (entries === 0xffff || centralOffset === 0xffffffff || centralSize === 0xffffffff) fail("unsupported"); // ZIP64
  if (entries > limits.maxEntries) fail("tooManyEntries");
  if (centralOffset + centralSize > eocd) fail("corrupt");

  const names: string[] = [];
  const seen = new Set<string>();
  let budget = limits.maxTotalUncompressed;
  let at = centralOffset;
  const decoder = new TextDecoder("utf-8");
  for (let i = 0; i < entries; i++) {
    if (at + 46 > eocd || u32(at) !== CENTRAL) fail("corrupt");
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const compressed = u32(at + 20);
    const declared = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    const localOffset = u32(at + 42);
    if (compressed === 0xffffffff || declared === 0xffffffff || localOffset === 0xffffffff) fail("unsupported");
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x1) fail("encrypted");
    if (method !== 0 && method !== 8) fail("unsupported");
    if (seen.has(name)) fail("corrupt");
    seen.add(name);
    if (declared > budget) fail("tooLarge");

    if (localOffset + 30 > bytes.length || u32(localOffset) !== LOCAL) fail("corrupt");
    const dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    const dataEnd = dataStart + compressed;
    if (dataEnd > bytes.length) fail("corrupt");
    const data = bytes.subarray(dataStart, dataEnd);

    let inflated: number;
    if (method === 0) {
      inflated = data.length;
    } else {
      try {
        inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (e) {
        fail(isTooLarge(e) ? "tooLarge" : "corrupt");
        throw e; // unreachable: fail() throws
      }
    }
    if (inflated !== declared) fail("corrupt");
    budget -= inflated;
    names.push(name);
  }
  return names;
}

function isTooLarge(e: unknown): boolean {
  return e instanceof RangeError || (typeof e === "object" && e !== null && (e as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE");
}
