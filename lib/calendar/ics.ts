// The iCalendar writer (RFC 5545) for "My schedule": the .ics download and the private feed
// (docs/decisions/072-attendance-and-calendar.md). Pure: no database, no clock of its own.

import { VN_OFFSET_MS, VN_TIME_ZONE } from "@/lib/i18n/format";

/** Vietnam has kept UTC+7 all year since 1975: one STANDARD rule describes it. */
export const VIETNAM_TZID = VN_TIME_ZONE;
/** SEQUENCE counts seconds from here, so it fits a signed 32-bit integer until 2094. */
const SEQUENCE_EPOCH_MS = Date.UTC(2026, 0, 1);
const MAX_OCTETS = 75;

export type IcsEvent = {
  /** Stable across changes, so a calendar app replaces the event rather than adding one. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location?: string | null;
  description?: string | null;
  url?: string | null;
  cancelled?: boolean;
  /** When the event (its session or its class) last changed: LAST-MODIFIED and SEQUENCE. */
  updatedAt: Date;
  createdAt?: Date;
};

export type IcsCalendar = {
  /** X-WR-CALNAME, the name calendar apps show for a subscription. */
  name: string;
  events: readonly IcsEvent[];
  /** DTSTAMP: when this file was produced. */
  now: Date;
};

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and any line break as `\n`. */
export function escapeText(value: string): string {
  return value
    .normalize("NFC")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    // Other control characters are not allowed in a content line (§3.1, "CONTROL").
    .replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, "");
}

/** A URI value: no escaping, but a line break or control character would break the line; drop them. */
function uriValue(value: string): string {
  return value.replace(/[\u0000-\u001F\u007F]/g, "");
}

/**
 * Folds one content line (§3.1): no physical line longer than 75 octets of UTF-8, continuation
 * lines starting with one space, and never a split inside a multi-byte character (a Vietnamese
 * letter takes 2 or 3 octets). Iterates by code point, so surrogate pairs stay whole too.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space counts
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** The reverse of folding (§3.1): a line break followed by one space or tab is removed. */
export function unfold(text: string): string {
  return text.replace(/\r\n[ \t]/g, "");
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** 20260315T010000Z */
export function utcStamp(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
}

/** The wall-clock time in Vietnam, as a DATE-TIME without a zone (for TZID=Asia/Ho_Chi_Minh). */
export function vietnamLocalStamp(date: Date): string {
  return utcStamp(new Date(date.getTime() + VN_OFFSET_MS)).slice(0, -1);
}

/** A SEQUENCE that grows whenever the event changes: whole seconds of `updatedAt` since 2026. */
export function sequenceOf(updatedAt: Date): number {
  return Math.max(0, Math.floor((updatedAt.getTime() - SEQUENCE_EPOCH_MS) / 1000));
}

const VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  `TZID:${VIETNAM_TZID}`,
  `X-LIC-LOCATION:${VIETNAM_TZID}`,
  "BEGIN:STANDARD",
  "DTSTART:19700101T000000",
  "TZOFFSETFROM:+0700",
  "TZOFFSETTO:+0700",
  "TZNAME:+07",
  "END:STANDARD",
  "END:VTIMEZONE",
];

function eventLines(event: IcsEvent, now: Date): string[] {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcStamp(now)}`,
    `DTSTART;TZID=${VIETNAM_TZID}:${vietnamLocalStamp(event.start)}`,
    `DTEND;TZID=${VIETNAM_TZID}:${vietnamLocalStamp(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.url) lines.push(`URL:${uriValue(event.url)}`);
  if (event.createdAt) lines.push(`CREATED:${utcStamp(event.createdAt)}`);
  lines.push(
    `LAST-MODIFIED:${utcStamp(event.updatedAt)}`,
    `SEQUENCE:${sequenceOf(event.updatedAt)}`,
    `STATUS:${event.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
  );
  return lines;
}

/** A whole VCALENDAR: CRLF line endings, folded lines, one VTIMEZONE, one VEVENT per event. */
export function buildCalendar(calendar: IcsCalendar): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//taphuan//Lich tap huan//VI",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${VIETNAM_TZID}`,
    // Subscribed calendars are fetched again about every hour (where the app honours it).
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H",
    ...VTIMEZONE,
    ...calendar.events.flatMap((e) => eventLines(e, calendar.now)),
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
