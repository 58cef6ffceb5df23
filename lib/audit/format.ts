import type { Translate } from "@/lib/i18n/messages";
import { vi, type MessageKey } from "@/lib/i18n/messages/vi";

/** What anonymisation leaves in place of a person's contact data inside the log (lib/audit/redact.ts). */
export const REDACTED = "[redacted]";

function messageKey(key: string): key is MessageKey {
  return Object.hasOwn(vi, key);
}

/** "Đăng nhập thất bại" for auth.signInFailed; unknown actions are shown as their code. */
export function actionLabel(action: string, t: Translate): string {
  const key = `audit.action.${action}`;
  return messageKey(key) ? t(key) : action;
}

/** A data key's label; `audit.field.<action>.<key>` first, where one action uses a key its own way. */
export function fieldLabel(field: string, t: Translate, action?: string): string {
  const specific = action ? `audit.field.${action}.${field}` : "";
  if (specific && messageKey(specific)) return t(specific);
  const key = `audit.field.${field}`;
  return messageKey(key) ? t(key) : field;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json } | undefined;

/** One value, readable: "—" for nothing, translated markers and codes, compact JSON for structures. */
export function showValue(value: Json, t: Translate, field?: string): string {
  if (value === null || value === undefined || value === "") return "—";
  if (value === REDACTED) return t("audit.redacted");
  if (typeof value === "boolean") return value ? t("audit.yes") : t("audit.no");
  if (typeof value === "string") {
    const key = field ? `audit.value.${field}.${value}` : "";
    return key && messageKey(key) ? t(key) : value;
  }
  if (typeof value === "number") return String(value);
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

export type Change = { field: string; before: string; after: string; kind: "changed" | "added" | "removed" };
export type Detail = { field: string; value: string };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * An event's data as people read it: `{ before, after }` becomes one line per field
 * ("Họ và tên: A → B"), every other key a "label: value" detail.
 */
export function describeData(data: unknown, t: Translate, action?: string): { changes: Change[]; details: Detail[] } {
  if (!isObject(data)) {
    return { changes: [], details: data === null || data === undefined ? [] : [{ field: "", value: showValue(data as Json, t) }] };
  }
  const before = isObject(data.before) ? data.before : null;
  const after = isObject(data.after) ? data.after : null;
  const changes: Change[] = [];
  if (before || after) {
    const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    for (const field of fields) {
      const b = before?.[field];
      const a = after?.[field];
      changes.push({
        field: fieldLabel(field, t, action),
        before: showValue(b, t, field),
        after: showValue(a, t, field),
        kind: before && after ? "changed" : after ? "added" : "removed",
      });
    }
  }
  const details: Detail[] = [];
  for (const [field, value] of Object.entries(data)) {
    if ((field === "before" && before) || (field === "after" && after)) continue;
    details.push({ field: fieldLabel(field, t, action), value: showValue(value, t, field) });
  }
  return { changes, details };
}

/** A short, stable handle for an id the viewer may not resolve to a name. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
