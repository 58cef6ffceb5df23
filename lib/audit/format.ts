import type { Locale, Translate } from "@/lib/i18n/messages";
import { vi, type MessageKey } from "@/lib/i18n/messages/vi";
import { formatNumber, formatVnDate, formatVnDateTime } from "@/lib/i18n/format";

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

/**
 * How each field recorded in an event's data reads (issue 9: the log showed `classId`, ids, JSON
 * and English codes on a Vietnamese page). Every field any `recordAudit` call writes is listed here;
 * tests/unit/audit-format.test.ts renders a sample of every action in both languages and fails on a
 * field missing here, a raw key, an id or JSON in the output.
 * - text: shown as written (a name, a title, a reason typed by someone), unless `audit.value.<field>.<v>`
 *   names a code ("unit.merge", "expired");
 * - enum: a code translated by the first catalogue prefix that knows it;
 * - a reference (unit, person, class, course, planItem, area): the name, read for this page;
 * - hidden: internal (ids of rows the sentence already names, hashes, storage keys).
 */
type Kind =
  | { k: "text" }
  | { k: "enum"; prefixes: string[] }
  | { k: "bool" }
  | { k: "count" }
  | { k: "bytes" }
  | { k: "money" }
  | { k: "date" }
  | { k: "datetime" }
  | { k: "ref"; ref: RefKind }
  | { k: "refs"; ref: RefKind }
  | { k: "hidden" }
  | { k: "list" } // an array of ids or rows: how many
  | { k: "special" };

export type RefKind = "unit" | "person" | "class" | "course" | "planItem" | "area";

const text = { k: "text" } as const;
const count = { k: "count" } as const;
const bool = { k: "bool" } as const;
const hidden = { k: "hidden" } as const;
const list = { k: "list" } as const;
const special = { k: "special" } as const;
const ref = (r: RefKind) => ({ k: "ref", ref: r }) as const;
const refs = (r: RefKind) => ({ k: "refs", ref: r }) as const;
const enumOf = (...prefixes: string[]) => ({ k: "enum", prefixes }) as const;

export const FIELDS: Record<string, Kind> = {
  // people and units
  fullName: text,
  email: text,
  phone: text,
  position: count, // a plan item's place in its plan; a person's "position" (chức vụ) is text: see below
  rank: text,
  category: enumOf("audit.value.category"),
  name: text,
  nameEn: text,
  code: text,
  kind: text, // a unit's kind is written by people ("Xã"); a lesson's or a file's is a code: see below
  parentId: ref("unit"),
  parentName: hidden, // recorded beside parentId, which is shown by name
  unitId: ref("unit"),
  mergedIntoId: ref("unit"),
  mergedAt: { k: "datetime" },
  active: bool,
  role: enumOf("role"),
  userId: ref("person"),
  mode: enumOf("audit.value.mode", "classes.mode"),
  reinvited: bool,
  target: special, // a path (access refused) or the unit merged into
  movedPeople: list,
  movedChildren: list,
  movedGrants: list,
  droppedDuplicateGrants: list,
  revokedGrants: list,
  // access and accounts
  via: enumOf("audit.value.via"),
  path: special,
  reason: text,
  tokenId: hidden,
  limit: enumOf("audit.value.limit"),
  forced: bool,
  replaced: bool,
  sections: special,
  redactedEvents: count,
  deletedTokens: count,
  droppedMails: count,
  scrubbedMails: count,
  // imports
  fileName: text,
  sha256: hidden,
  rows: count,
  created: count,
  skipped: count,
  byUnit: special,
  items: count,
  quotas: special, // a count (plan import) or the quotas of a plan item
  // courses and learning
  title: text,
  summary: text,
  objectives: text,
  hours: count,
  selfEnrol: bool,
  areaId: ref("area"),
  targetGroups: special,
  audience: refs("unit"),
  status: enumOf("classes.enrolment", "courses.status", "classes.status", "attendance.status", "plans.status"),
  courseId: ref("course"),
  trainerId: ref("person"),
  sectionId: hidden,
  lessonId: hidden,
  lessons: special,
  body: special,
  url: text,
  fileId: hidden,
  file: hidden,
  originalName: text,
  mimeType: hidden,
  size: { k: "bytes" },
  // plans
  year: count,
  action: hidden, // the amendment's own copy of the event's action
  amendmentId: hidden,
  itemId: ref("planItem"),
  plannedClasses: count,
  plannedParticipants: count,
  quarter: count,
  leadUnitId: ref("unit"),
  budgetVnd: { k: "money" },
  fundingSource: text,
  note: text,
  seats: count,
  // classes and attendance
  classId: ref("class"),
  planItemId: ref("planItem"),
  capacity: count,
  enrolOpensAt: { k: "date" },
  enrolClosesAt: { k: "date" },
  joinPolicy: enumOf("classes.joinPolicy"),
  requiresApproval: bool,
  selfUnitIds: refs("unit"),
  quotaUnitId: ref("unit"),
  withdrawn: count,
  sessionId: hidden,
  startsAt: { k: "datetime" },
  completedAt: { k: "datetime" },
  endsAt: { k: "datetime" },
  place: text,
  onlineUrl: text,
  method: enumOf("audit.value.method"),
  changes: special,
  // quiz results (docs/decisions/085): a mark given, a regrade's question and counts
  mark: count,
  questionId: hidden,
  version: count,
  // question banks
  bankId: hidden, // the sentence names the bank's question or category
  categoryId: hidden,
  parentCategory: text,
  type: enumOf("banks.type"),
  format: enumOf("audit.value.format"),
  imported: count,
  categoriesCreated: count,
  checked: count,
  changed: count,
  // quizzes (setup)
  opensAt: { k: "datetime" },
  closesAt: { k: "datetime" },
  timeLimitSeconds: count,
  attemptsAllowed: count,
  grading: enumOf("quizSetup.grading"),
  passPercent: count,
  shuffleQuestions: bool,
  shuffleAnswers: bool,
  reviewMarks: enumOf("quizSetup.review"),
  reviewFeedback: enumOf("quizSetup.review"),
  reviewCorrect: enumOf("quizSetup.review"),
  questions: list,
  categoryName: text,
  randomCount: count,
  includeSubcategories: bool,
  slot: count,
};

/** Where one action uses a field its own way. */
const BY_ACTION: Record<string, Record<string, Kind>> = {
  "person.create": { position: text },
  "person.update": { position: text },
  "person.move": { position: text },
  "person.updateProfile": { position: text },
  "course.lesson.add": { kind: enumOf("learning.kind") },
  "course.lesson.upload": { kind: enumOf("learning.kind") },
  "course.lesson.delete": { kind: enumOf("learning.kind") },
  "person.import": { kind: enumOf("audit.value.fileKind") },
  "plan.import": { kind: enumOf("audit.value.fileKind") },
};

export function fieldKind(field: string, action?: string): Kind | undefined {
  return (action ? BY_ACTION[action]?.[field] : undefined) ?? FIELDS[field];
}

/** A data key's label; `audit.field.<action>.<key>` first, where one action uses a key its own way. */
export function fieldLabel(field: string, t: Translate, action?: string): string {
  const specific = action ? `audit.field.${action}.${field}` : "";
  if (specific && messageKey(specific)) return t(specific);
  const key = `audit.field.${field}`;
  return messageKey(key) ? t(key) : field;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json } | undefined;

/** Names of the objects an event refers to, read for the page (lib/audit/queries.ts); absent → "not known here". */
export type Names = Partial<Record<RefKind, Record<string, string>>>;
export type Context = { t: Translate; locale: Locale; names: Names; action?: string };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

function refName(kind: RefKind, id: Json, ctx: Context): string {
  if (typeof id !== "string") return "—";
  return ctx.names[kind]?.[id] ?? ctx.t(`audit.ref.${kind}`);
}

function number(n: number, locale: Locale): string {
  return formatNumber(n, locale);
}

function translated(prefixes: string[], value: string, ctx: Context): string | null {
  for (const prefix of prefixes) {
    const key = `${prefix}.${value}`;
    if (messageKey(key)) return ctx.t(key);
  }
  return null;
}

/** One value of one field, as a reader of the page's language reads it. */
export function showValue(value: Json, field: string, ctx: Context): string {
  const { t, locale } = ctx;
  if (value === null || value === undefined || value === "") return "—";
  if (value === REDACTED) return t("audit.redacted");
  const kind = fieldKind(field, ctx.action) ?? text;
  switch (kind.k) {
    case "bool":
      return value === true ? t("audit.yes") : value === false ? t("audit.no") : String(value);
    case "count":
      return typeof value === "number" ? number(value, locale) : String(value);
    case "bytes": {
      if (typeof value !== "number") return String(value);
      const mb = value / (1024 * 1024);
      return mb >= 1 ? t("audit.megabytes", { n: number(Math.round(mb * 10) / 10, locale) }) : t("audit.kilobytes", { n: number(Math.max(1, Math.round(value / 1024)), locale) });
    }
    case "money":
      return t("audit.vnd", { n: number(Number(value), locale) });
    case "date":
    case "datetime": {
      const at = new Date(String(value));
      if (Number.isNaN(at.getTime())) return String(value);
      return kind.k === "date" ? formatVnDate(at, locale) : formatVnDateTime(at, locale);
    }
    case "ref":
      return refName(kind.ref, value, ctx);
    case "refs":
      return Array.isArray(value) ? (value.length ? value.map((id) => refName(kind.ref, id, ctx)).join(", ") : t("audit.none")) : refName(kind.ref, value, ctx);
    case "list":
      return Array.isArray(value) ? number(value.length, locale) : String(value);
    case "enum":
      return translated(kind.prefixes, String(value), ctx) ?? String(value);
    case "hidden":
      return "";
    case "special":
      return special_(field, value, ctx);
    case "text":
      if (typeof value === "string") return translated([`audit.value.${field}`], value, ctx) ?? value;
      return String(value);
  }
}

function special_(field: string, value: Json, ctx: Context): string {
  const { t } = ctx;
  switch (field) {
    case "target":
    case "path":
      // access.denied: the path asked for (its ids left out: the object is named apart); unit.merge: the unit merged into.
      return isObject(value) ? String(value.name ?? "—") : String(value).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "…");
    case "sections":
      return Array.isArray(value) ? value.map((s) => translated(["audit.value.sections"], String(s), ctx) ?? String(s)).join(", ") : String(value);
    case "byUnit":
      return isObject(value)
        ? Object.entries(value)
            .map(([unitId, n]) => `${refName("unit", unitId, ctx)}: ${typeof n === "number" ? number(n, ctx.locale) : String(n)}`)
            .join("; ")
        : String(value);
    case "quotas":
      if (typeof value === "number") return number(value, ctx.locale);
      return Array.isArray(value)
        ? value.length
          ? value.map((q) => (isObject(q) ? `${refName("unit", q.unitId, ctx)}: ${number(Number(q.seats), ctx.locale)}` : "")).join("; ")
          : t("audit.none")
        : String(value);
    case "targetGroups":
      return Array.isArray(value) ? (value.length ? value.map((g) => translated(["courses.target"], String(g), ctx) ?? String(g)).join(", ") : t("audit.none")) : String(value);
    case "lessons":
      return Array.isArray(value) ? (value.length ? value.map((l) => (isObject(l) ? `«${String(l.title)}»` : "")).join(", ") : t("audit.none")) : String(value);
    case "body":
      return t("audit.value.body");
    case "changes":
      return Array.isArray(value) ? number(value.length, ctx.locale) : String(value);
    default:
      return String(value);
  }
}

export type Change = { field: string; before: string; after: string; kind: "changed" | "added" | "removed" };
export type Detail = { field: string; value: string };

/**
 * An event's data as people read it: `{ before, after }` becomes one line per field
 * ("Trạng thái: Đang học → Đã rút"), a field only after as "Lớp: Kỹ năng số", every other key a
 * "label: value" detail; internal fields are left out. attendance.mark lists each person's mark.
 */
export function describeData(data: unknown, ctx: Context): { changes: Change[]; details: Detail[] } {
  const { t, action } = ctx;
  if (!isObject(data)) return { changes: [], details: [] };
  const changes: Change[] = [];
  const details: Detail[] = [];
  const shown = (field: string) => fieldKind(field, action)?.k !== "hidden";

  // A check-in records the status itself as before/after; the roster, a list of marks.
  if (action === "attendance.checkIn") {
    const b = isObject(data.before) ? data.before.status : null;
    changes.push({ field: fieldLabel("status", t, action), before: showValue(b ?? null, "status", ctx), after: showValue(data.after, "status", ctx), kind: b ? "changed" : "added" });
    if (data.classId) details.push({ field: fieldLabel("classId", t, action), value: showValue(data.classId, "classId", ctx) });
    return { changes, details };
  }
  if (action === "attendance.mark" && Array.isArray(data.changes)) {
    if (data.classId) details.push({ field: fieldLabel("classId", t, action), value: showValue(data.classId, "classId", ctx) });
    for (const c of data.changes) {
      if (!isObject(c)) continue;
      const b = isObject(c.before) ? c.before.status : null;
      changes.push({ field: refName("person", c.userId, ctx), before: showValue(b ?? null, "status", ctx), after: showValue(c.after, "status", ctx), kind: b ? "changed" : "added" });
    }
    return { changes, details };
  }

  const before = isObject(data.before) ? data.before : null;
  const after = isObject(data.after) ? data.after : null;
  if (before || after) {
    const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter(shown);
    for (const field of fields) {
      const has = (o: Record<string, Json> | null) => o !== null && Object.hasOwn(o, field);
      const b = before?.[field];
      const a = after?.[field];
      const label = fieldLabel(field, t, action);
      if (has(before) && has(after) && JSON.stringify(b) === JSON.stringify(a)) details.push({ field: label, value: showValue(a, field, ctx) });
      else if (has(before) && has(after)) changes.push({ field: label, before: showValue(b, field, ctx), after: showValue(a, field, ctx), kind: "changed" });
      else if (has(after) && before) details.push({ field: label, value: showValue(a, field, ctx) }); // context: the class, the course
      else if (has(after)) changes.push({ field: label, before: "", after: showValue(a, field, ctx), kind: "added" });
      else changes.push({ field: label, before: showValue(b, field, ctx), after: "", kind: "removed" });
    }
  }
  for (const [field, value] of Object.entries(data)) {
    // A before/after that is not a set of fields (course.reorder's layout of ids) is told by the action's name alone.
    if (field === "before" || field === "after" || !shown(field)) continue;
    if (value === null || value === undefined || value === "") continue;
    details.push({ field: fieldLabel(field, t, action), value: showValue(value, field, ctx) });
  }
  return { changes, details };
}

/** The ids an event's data refers to, by kind, for the page to read their names in one query each. */
export function referencedIds(data: unknown, action?: string, into: Record<RefKind, Set<string>> = emptyRefs()): Record<RefKind, Set<string>> {
  const add = (kind: RefKind, id: unknown) => typeof id === "string" && into[kind].add(id);
  const walk = (o: unknown) => {
    if (!isObject(o)) return;
    for (const [field, value] of Object.entries(o)) {
      const kind = fieldKind(field, action);
      if (kind?.k === "ref") add(kind.ref, value);
      else if (kind?.k === "refs" && Array.isArray(value)) value.forEach((id) => add(kind.ref, id));
      else if (field === "byUnit" && isObject(value)) Object.keys(value).forEach((id) => add("unit", id));
      else if (field === "quotas" && Array.isArray(value)) value.forEach((q) => isObject(q) && add("unit", q.unitId));
      else if (field === "changes" && Array.isArray(value)) value.forEach((c) => isObject(c) && add("person", c.userId));
      else if (field === "before" || field === "after") walk(value);
    }
  };
  walk(data);
  return into;
}

export function emptyRefs(): Record<RefKind, Set<string>> {
  return { unit: new Set(), person: new Set(), class: new Set(), course: new Set(), planItem: new Set(), area: new Set() };
}
