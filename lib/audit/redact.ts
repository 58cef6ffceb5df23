import type { Prisma } from "@/lib/db";
import { REDACTED } from "./format";

/**
 * Redaction of the audit log when a person is anonymised (Law 91/2025/QH15). The log is append-only
 * (trigger "AuditEvent_append_only"); the trigger lets an UPDATE through only in a transaction that
 * did `SET LOCAL taphuan.audit_redact = 'on'`, which only this module does, inside the caller's
 * anonymisation transaction, and switches off again before returning. DELETE and TRUNCATE are
 * never allowed.
 */

type Json = Prisma.JsonValue;

/** What identifies the person, as found in their record and in the history of changes to it. */
export type Mentions = { names: string[]; emails: string[]; phones: string[] };

export type Replacement = { name: string; email: string };

/** Keys whose values, in data about the person, are theirs: replaced whatever they held then. */
const NAME_KEYS = new Set(["fullName", "name"]);
const EMAIL_KEYS = new Set(["email"]);
const CONTACT_KEYS = new Set(["phone", "position", "rank"]);

/**
 * Keys that hold a person's id in audit data. An object holding the anonymised person's id under
 * one of them is about that person: its name, e-mail and contact keys are theirs.
 */
const PERSON_ID_KEYS = new Set([
  "userId",
  "trainerId",
  "personId",
  "learnerId",
  "actorId",
  "uploadedById",
  "nominatedById",
  "decidedById",
  "grantedById",
  "createdById",
  "approvedById",
  "markedById",
]);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function uniqueNonEmpty(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.map((v) => (v ?? "").trim()).filter((v) => v.length > 0))];
}

/** Adds the names, e-mails and phones found under the person's keys in the data of events about them. */
export function collectMentions(data: Json | null, into: Mentions): void {
  const walk = (value: Json | null | undefined) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== "object") return;
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === "string") {
        if (NAME_KEYS.has(key)) into.names.push(v);
        else if (EMAIL_KEYS.has(key)) into.emails.push(v);
        else if (key === "phone") into.phones.push(v);
      } else walk(v);
    }
  };
  walk(data);
}

const usableEmails = (m: Mentions) => uniqueNonEmpty(m.emails).filter((e) => e.includes("@"));
const usablePhones = (m: Mentions) => uniqueNonEmpty(m.phones).filter((p) => p.replace(/\D/g, "").length >= 6);

type Needle = { text: string; pattern: RegExp; by: string };

/**
 * An identifier matched as a whole token: an e-mail not inside a longer address ("an@x.vn" never
 * matches in "joan@x.vn"), a phone not inside a longer number, a name only as whole words.
 */
const EDGES = {
  email: ["(?<![\\p{L}\\p{N}._%+-])", "(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])"],
  phone: ["(?<!\\p{N})", "(?!\\p{N})"],
  name: ["(?<![\\p{L}\\p{M}\\p{N}])", "(?![\\p{L}\\p{M}\\p{N}])"],
} as const;

function needle(text: string, by: string, kind: keyof typeof EDGES): Needle {
  const [before, after] = EDGES[kind];
  const nfc = text.normalize("NFC");
  return { text: nfc, pattern: new RegExp(`${before}${escapeRegExp(nfc)}${after}`, "giu"), by };
}

/** Longest first, so a longer identifier is replaced before a shorter one inside it. */
const longestFirst = (list: Needle[]) => list.sort((a, b) => b.text.length - a.text.length);

/**
 * The data with the person removed (docs/decisions/051, 052). What identifies the person is
 * redacted; what merely looks like it is not:
 * - their e-mails and phones (theirs alone) wherever they occur, as whole tokens;
 * - in an event about the person (`about`), and in any object that is a record of them (their
 *   id under `userId`, `trainerId`, …, or one of their e-mails under `email`), their fields by key
 *   (name, e-mail, phone, position, rank) and their names as whole words in its text;
 * - a name anywhere else is left alone: another official called "Nguyễn Văn An", or "Trần Văn
 *   An", keeps their name in their own records.
 * Pure, for tests.
 */
export function scrubData(data: Json | null, about: boolean, mentions: Mentions, replacement: Replacement, personId?: string): Json | null {
  const ids = [
    ...usableEmails(mentions).map((e) => needle(e, replacement.email, "email")),
    ...usablePhones(mentions).map((p) => needle(p, REDACTED, "phone")),
  ];
  const identifiers = longestFirst([...ids]);
  const withNames = longestFirst([...ids, ...uniqueNonEmpty(mentions.names).map((n) => needle(n, replacement.name, "name"))]);
  const scrubText = (s: string, theirs: boolean) => (theirs ? withNames : identifiers).reduce((text, n) => text.replace(n.pattern, n.by), s.normalize("NFC"));
  const theirEmails = new Set(usableEmails(mentions).map((e) => e.toLowerCase()));
  // An object is a record of the person when it holds their id under an id key, or one of their
  // e-mails (theirs alone) under an e-mail key.
  const namesPerson = (o: { [key: string]: Json | undefined }) =>
    Object.entries(o).some(
      ([k, v]) => typeof v === "string" && ((personId !== undefined && PERSON_ID_KEYS.has(k) && v === personId) || (EMAIL_KEYS.has(k) && theirEmails.has(v.trim().toLowerCase()))),
    );

  const walk = (value: Json | null, theirs: boolean, key?: string): Json | null => {
    if (theirs && key !== undefined && value !== null && typeof value !== "object") {
      if (NAME_KEYS.has(key)) return replacement.name;
      if (EMAIL_KEYS.has(key)) return replacement.email;
      if (CONTACT_KEYS.has(key)) return REDACTED;
    }
    if (typeof value === "string") {
      const scrubbed = scrubText(value, theirs);
      return scrubbed === value.normalize("NFC") ? value : scrubbed;
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, theirs));
    if (value !== null && typeof value === "object") {
      const inner = theirs || namesPerson(value);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v ?? null, inner, k)]));
    }
    return value;
  };
  return walk(data, about);
}

/** SQL LIKE pattern matching `text` anywhere. */
function likeAnywhere(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Redacts every audit event that names the person, inside the caller's transaction (`tx`), and
 * returns how many events changed. Must be called from the anonymisation transaction only: it
 * switches the trigger's redaction flag on for this transaction alone (SET LOCAL) and off again.
 * Scans the whole log's text (rare and deliberate; see docs/decisions/051).
 */
export async function redactAuditMentions(
  tx: Prisma.TransactionClient,
  person: { userId: string; current: { fullName: string; email: string; phone: string | null } },
  replacement: Replacement,
): Promise<{ events: number; mentions: Mentions }> {
  // Past names, e-mails and phones: from the history of changes to this person.
  const mentions: Mentions = { names: [person.current.fullName], emails: [person.current.email], phones: [person.current.phone ?? ""] };
  const history = await tx.auditEvent.findMany({
    where: { entity: "User", entityId: person.userId },
    select: { data: true },
  });
  for (const e of history) collectMentions(e.data, mentions);

  // Candidates: events about them, and events holding their id, e-mail or phone anywhere.
  const patterns = [...usableEmails(mentions), ...usablePhones(mentions), person.userId].map(likeAnywhere);
  const candidates = await tx.$queryRaw<{ id: string; entity: string | null; entityId: string | null; data: Json | null }[]>`
    SELECT "id", "entity", "entityId", "data" FROM "AuditEvent"
    WHERE ("entity" = 'User' AND "entityId" = ${person.userId})
       OR ("data" IS NOT NULL AND "data"::text ILIKE ANY(${patterns}::text[]))`;

  await tx.$executeRaw`SET LOCAL taphuan.audit_redact = 'on'`;
  let events = 0;
  for (const row of candidates) {
    const about = row.entity === "User" && row.entityId === person.userId;
    const scrubbed = scrubData(row.data, about, mentions, replacement, person.userId);
    if (JSON.stringify(scrubbed) === JSON.stringify(row.data)) continue;
    await tx.auditEvent.update({
      where: { id: row.id },
      data: { data: scrubbed === null ? undefined : (scrubbed as Prisma.InputJsonValue) },
    });
    events++;
  }
  await tx.$executeRaw`SET LOCAL taphuan.audit_redact = 'off'`;
  return { events, mentions };
}
