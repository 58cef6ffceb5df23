import { dictionary } from "@zxcvbn-ts/language-common";
import type { MessageKey } from "@/lib/i18n/messages";

/**
 * The password rule (ASVS 6.2.x, NIST 800-63B; docs/decisions/020): 8 to 64 characters of any kind
 * (Vietnamese included, counted after NFC normalisation), no composition rules, no forced
 * rotation; refuse the most common passwords and the person's own e-mail or name.
 *
 * Server-only: the dictionary is ≈ 400 KB. Client forms show the server's message.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 64;

/**
 * How many of zxcvbn's common passwords we refuse. The list (`passwords-common`, 49,233 entries,
 * lower case, most frequent first) is ranked by frequency in leaked password sets; its top 10,000
 * hold 3,534 entries of 8 characters or more, which is the part our length rule leaves to check.
 */
export const COMMON_PASSWORDS_CHECKED = 10_000;

/**
 * Words a Vietnamese official or this site's users are likely to build a password from. A password
 * that is one of these (or the person's name or e-mail) followed or preceded only by digits and
 * punctuation is refused: "matkhau@2026", "Taphuan123", "nguyenvanan1990".
 */
const SITE_WORDS = [
  "matkhau",
  "anhyeuem",
  "emyeuanh",
  "iloveyou",
  "vietnam",
  "taphuan",
  "taphuancchc",
  "cchc",
  "caicachhanhchinh",
  "phuyen",
  "quantri",
  "admin",
  "password",
  "qwerty",
  "abc",
];

export type PasswordProblem = { messageKey: MessageKey; params?: Record<string, number> };
export type PasswordContext = { email?: string | null; fullName?: string | null };

let common: ReadonlySet<string> | undefined;
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    dictionary["passwords-common"].slice(0, COMMON_PASSWORDS_CHECKED).filter((p) => [...p].length >= PASSWORD_MIN),
  );
  return common;
}

/** Lower case, no diacritics (đ → d), letters and digits only: "Mật Khẩu@1" → "matkhau1". */
export function foldPassword(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** Length as the rule counts it: Unicode code points after NFC ("ệ" is one). */
export function passwordLength(password: string): number {
  return [...password.normalize("NFC")].length;
}

function contextWords(context: PasswordContext): string[] {
  const words: string[] = [];
  const email = context.email?.trim();
  if (email) {
    words.push(foldPassword(email));
    words.push(foldPassword(email.split("@")[0] ?? ""));
  }
  const name = context.fullName?.trim();
  if (name) {
    words.push(foldPassword(name));
    const parts = name.split(/\s+/);
    // "An Nguyễn Văn" (given name first) is as guessable as the name in order.
    if (parts.length > 1) words.push(foldPassword([parts[parts.length - 1], ...parts.slice(0, -1)].join("")));
  }
  return words.filter((w) => w.length >= 4);
}

/**
 * The first problem with a new password, or null when it is acceptable. Messages are i18n keys.
 * Pure: no database, no network (unit-tested).
 */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordProblem | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN) return { messageKey: "accounts.password.tooShort", params: { min: PASSWORD_MIN } };
  if (length > PASSWORD_MAX) return { messageKey: "accounts.password.tooLong", params: { max: PASSWORD_MAX } };

  const nfc = password.normalize("NFC");
  if (/^(.)\1*$/su.test(nfc)) return { messageKey: "accounts.password.common" };
  const lower = nfc.toLowerCase();
  const folded = foldPassword(nfc);
  const list = commonPasswords();
  if (list.has(lower) || list.has(folded)) return { messageKey: "accounts.password.common" };

  // The word itself, or the word wrapped in digits: "matkhau2026", "2026taphuan".
  const core = folded.replace(/^\d+/, "").replace(/\d+$/, "");
  const personal = contextWords(context);
  if (personal.includes(folded) || personal.includes(core)) return { messageKey: "accounts.password.personal" };
  if (SITE_WORDS.includes(core)) return { messageKey: "accounts.password.common" };
  return null;
}
