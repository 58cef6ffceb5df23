/**
 * Vietnamese name order (docs/decisions/010-people-list-search-and-name-order.md).
 *
 * Lists of officials are sorted the way Vietnamese rosters are: by the given name (tên, the LAST
 * word of "Họ đệm Tên"), then by the whole name (so family name, then middle names), each compared
 * letter by letter in the Vietnamese alphabet (a ă â b c d đ e ê … o ô ơ … u ư …), upper and lower
 * case alike; tones break ties only (ngang, huyền, hỏi, ngã, sắc, nặng).
 *
 * The key is four strings compared in turn, byte by byte:
 *   [letters(given), tones(given), letters(full name), tones(full name)]
 * `letters` maps every letter to one ASCII code in alphabet order; `tones` maps every letter to a
 * digit 0–5. Both are one `translate()` in SQL (lib/people/queries.ts), built from the same table as the
 * TypeScript twin (`nameSortKey`), so the database sorts exactly like this file says.
 */

// The alphabet, in order. Vietnamese letters plus f j w z for foreign names.
const ALPHABET = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"];
const VOWELS = new Set(["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]);
// Combining tone marks in dictionary order: huyền, hỏi, ngã, sắc, nặng (ngang has none).
const TONES = ["\u0300", "\u0309", "\u0303", "\u0301", "\u0323"];

/** Characters of Vietnamese names, most frequent first (counted over ~100 common given and family names). */
const FREQUENT = "nhgTHuiaâLoyNàcVĐrưPơDmêtùMQạAếKũịôấảSúYáệCíềọBứXăủOắUìờGòợpậộằÁÂẨÚÝƯớƠễầỳõặỗồýữốeldkvsbxq";

/** Code for the i-th letter: "A".."Z", then "a".. — increasing in byte order, all above space and digits. */
const letterCode = (i: number) => String.fromCharCode(i < 26 ? 0x41 + i : 0x61 + i - 26);

function buildTable(): { from: string; letters: string; tones: string } {
  const entries: [char: string, letter: string, tone: string][] = [];
  const add = (base: string, i: number, tone: number) => {
    const lower = (base + (tone > 0 ? TONES[tone - 1] : "")).normalize("NFC");
    const upper = lower.toUpperCase();
    entries.push([lower, letterCode(i), String(tone)]);
    if (upper !== lower) entries.push([upper, letterCode(i), String(tone)]);
  };
  ALPHABET.forEach((base, i) => add(base, i, 0));
  ALPHABET.forEach((base, i) => {
    if (VOWELS.has(base)) for (let t = 1; t <= TONES.length; t++) add(base, i, t);
  });
  for (const [char] of entries) {
    if ([...char].length !== 1) throw new Error(`name-order: ${char} is not one precomposed character`);
  }
  // translate() scans its table linearly for every character: the most frequent characters of
  // Vietnamese names go first (this halves the cost on 50,000 names). Order does not change the mapping.
  const rank = (char: string) => {
    const i = FREQUENT.indexOf(char);
    return i >= 0 ? i : FREQUENT.length + (char === char.toLowerCase() ? 0 : 1000) + entries.findIndex((e) => e[0] === char);
  };
  entries.sort((a, b) => rank(a[0]) - rank(b[0]));
  return {
    from: entries.map((e) => e[0]).join(""),
    letters: entries.map((e) => e[1]).join(""),
    tones: entries.map((e) => e[2]).join(""),
  };
}

const TABLE = buildTable();
const LETTER_OF = new Map<string, string>();
const TONE_OF = new Map<string, string>();
[...TABLE.from].forEach((char, i) => {
  LETTER_OF.set(char, TABLE.letters[i]!);
  TONE_OF.set(char, TABLE.tones[i]!);
});

function translate(text: string, map: ReadonlyMap<string, string>): string {
  let out = "";
  for (const char of text) out += map.get(char) ?? char;
  return out;
}

/** The given name: the last space-separated word ("Nguyễn Thị Minh Khai" → "Khai"). */
export function givenName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf(" ") + 1);
}

export type NameSortKey = readonly [string, string, string, string];

/** The sort key of a full name (NFC, as lib/people/schemas stores it). */
export function nameSortKey(fullName: string): NameSortKey {
  const name = fullName.normalize("NFC");
  const given = givenName(name);
  return [translate(given, LETTER_OF), translate(given, TONE_OF), translate(name, LETTER_OF), translate(name, TONE_OF)];
}

/** Byte order of UTF-8, as PostgreSQL's "C" collation compares. */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Compares two full names in Vietnamese roster order. */
export function compareNames(a: string, b: string): number {
  const ka = nameSortKey(a);
  const kb = nameSortKey(b);
  for (let i = 0; i < ka.length; i++) {
    const d = compareCodePoints(ka[i]!, kb[i]!);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The table behind the key, for the SQL twin in queries.ts: `translate(x, from, letters)` and
 * `translate(x, from, tones)` compute the same strings as `nameSortKey`.
 */
export const NAME_ORDER_TABLE: { readonly from: string; readonly letters: string; readonly tones: string } = TABLE;
