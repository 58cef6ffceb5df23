import type { Prisma } from "@/lib/db";
import { REDACTED } from "./format";

/**
 * Redaction of the audit log when a person is anonymised (Law 91/2025/QH15). The log is append-only
 * (trigger "AuditEvent_append_only"); the trigger lets an UPDATE through only in a transaction that
 * did `SET LOCAL taphuan.audit_redact = 'on'`, which only this module does, inside the caller's
 * anonymisation transaction, and switches off again before returning. DELETE is never allowed.
 */

type Json = Prisma.JsonValue;

/** What identifies the person, as found in their record and in the history of changes to it. */
export type Mentions = { names: string[]; emails: string[]; phones: string[] };

export type Replacement = { name: string; email: string };

/** Keys whose values, in events about the person, are theirs: replaced whatever they held then. */
const NAME_KEYS = new Set(["fullName", "name"]);
const EMAIL_KEYS = new Set(["email"]);
const CONTACT_KEYS = new Set(["phone", "position", "rank"]);

/** A name shorter than this without a space is too likely to occur in other words to replace inside text. */
const MIN_NAME_NEEDLE = 5;

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

function needles(mentions: Mentions, replacement: Replacement): { pattern: RegExp; by: string }[] {
  const names = uniqueNonEmpty(mentions.names).filter((n) => n.length >= MIN_NAME_NEEDLE || n.includes(" "));
  const emails = uniqueNonEmpty(mentions.emails).filter((e) => e.includes("@"));
  const phones = uniqueNonEmpty(mentions.phones).filter((p) => p.replace(/\D/g, "").length >= 6);
  // Longest first, so "an@x.vn" inside "an@x.vn.gov" is not half-replaced.
  const list = [
    ...emails.map((e) => ({ text: e, by: replacement.email })),
    ...names.map((n) => ({ text: n, by: replacement.name })),
    ...phones.map((p) => ({ text: p, by: REDACTED })),
  ].sort((a, b) => b.text.length - a.text.length);
  return list.map(({ text, by }) => ({ pattern: new RegExp(escapeRegExp(text.normalize("NFC")), "giu"), by }));
}

/**
 * The data with the person removed. In events about the person (`about`), their own fields are
 * replaced by key (every past name, e-mail, phone, position, rank); everywhere, any text that
 * contains one of their names, e-mails or phones has it replaced. Pure, for tests.
 */
export function scrubData(data: Json | null, about: boolean, mentions: Mentions, replacement: Replacement): Json | null {
  const list = needles(mentions, replacement);
  const scrubText = (s: string) => list.reduce((text, n) => text.replace(n.pattern, n.by), s.normalize("NFC"));
  const walk = (value: Json | null, key?: string): Json | null => {
    if (about && key !== undefined && value !== null && typeof value !== "object") {
      if (NAME_KEYS.has(key)) return replacement.name;
      if (EMAIL_KEYS.has(key)) return replacement.email;
      if (CONTACT_KEYS.has(key)) return REDACTED;
    }
    if (typeof value === "string") {
      const scrubbed = scrubText(value);
      return scrubbed === value.normalize("NFC") ? value : scrubbed;
    }
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v ?? null, k)]));
    }
    return value;
  };
  return walk(data);
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

  const texts = [
    ...uniqueNonEmpty(mentions.emails),
    ...uniqueNonEmpty(mentions.names).filter((n) => n.length >= MIN_NAME_NEEDLE || n.includes(" ")),
    ...uniqueNonEmpty(mentions.phones).filter((p) => p.replace(/\D/g, "").length >= 6),
  ];
  const patterns = texts.map(likeAnywhere);
  const candidates = await tx.$queryRaw<{ id: string; entity: string | null; entityId: string | null; data: Json | null }[]>`
    SELECT "id", "entity", "entityId", "data" FROM "AuditEvent"
    WHERE ("entity" = 'User' AND "entityId" = ${person.userId})
       OR ("data" IS NOT NULL AND "data"::text ILIKE ANY(${patterns}::text[]))`;

  await tx.$executeRaw`SET LOCAL taphuan.audit_redact = 'on'`;
  let events = 0;
  for (const row of candidates) {
    const about = row.entity === "User" && row.entityId === person.userId;
    const scrubbed = scrubData(row.data, about, mentions, replacement);
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
