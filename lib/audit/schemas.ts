import { z } from "zod";
import type { MessageKey } from "@/lib/i18n/messages";
import { isLocalDate } from "@/lib/i18n/format";

/** The log's filters as the page's GET form sends them; every field optional. */
export type AuditFilters = {
  /** Action prefix: "auth." or "unit.rename". */
  action?: string;
  /** Actor by name or e-mail (diacritics ignored), or an actor's id. */
  actor?: string;
  /** Exact object id (a person, a unit …). */
  entityId?: string;
  /** Calendar dates in Vietnam's time, inclusive. */
  from?: string;
  to?: string;
  /** Keyset position: older than this event. */
  cursor?: string;
};

export const AUDIT_PAGE_SIZE = 50;

const fields = {
  action: z.string().trim().max(64).regex(/^[A-Za-z0-9._-]*$/),
  actor: z.string().trim().normalize("NFC").max(120),
  entityId: z.string().trim().max(64).regex(/^[A-Za-z0-9._:-]*$/),
  from: z.string().trim().refine((v) => v === "" || isLocalDate(v)),
  to: z.string().trim().refine((v) => v === "" || isLocalDate(v)),
  cursor: z.string().trim().regex(/^(\d{1,15}\.[0-9a-f-]{36})?$/i),
} as const;
type Field = keyof typeof fields;

const ERROR: Record<Field, MessageKey> = {
  action: "audit.filter.actionInvalid",
  actor: "validation.invalid",
  entityId: "audit.filter.entityInvalid",
  from: "audit.filter.dateInvalid",
  to: "audit.filter.dateInvalid",
  cursor: "validation.invalid",
};

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Reads the filters from the URL. A bad field is dropped and reported (the rest still apply), so a
 * typo in one box never hides the whole log or widens it silently.
 */
export function parseAuditFilters(params: SearchParams): { filters: AuditFilters; errors: Partial<Record<Field, MessageKey>>; values: Record<Field, string> } {
  const filters: AuditFilters = {};
  const errors: Partial<Record<Field, MessageKey>> = {};
  const values = {} as Record<Field, string>;
  for (const key of Object.keys(fields) as Field[]) {
    const raw = params[key];
    const value = (Array.isArray(raw) ? raw[0] : raw) ?? "";
    values[key] = value.slice(0, 200);
    const parsed = fields[key].safeParse(value);
    if (!parsed.success) errors[key] = ERROR[key];
    else if (parsed.data !== "") filters[key] = parsed.data;
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    errors.to = "audit.filter.dateOrder";
    delete filters.to;
  }
  return { filters, errors, values };
}

export function encodeCursor(at: Date, id: string): string {
  return `${at.getTime()}.${id}`;
}

export function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const m = /^(\d{1,15})\.([0-9a-f-]{36})$/i.exec(cursor);
  if (!m) return null;
  return { at: new Date(Number(m[1])), id: m[2]!.toLowerCase() };
}
