import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine, sequenceOf, unfold, vietnamLocalStamp, type IcsEvent } from "@/lib/calendar/ics";

// Two ways to read what we write: by the RFC's own rules (unfold, split on CRLF), and with an
// independent iCalendar parser (ical.js, Mozilla's, used by Thunderbird).

const NOW = new Date("2026-03-01T02:00:00Z");
const LONG =
  "Bồi dưỡng kỹ năng ứng dụng công nghệ thông tin, chữ ký số; tiếp nhận và giải quyết thủ tục hành chính trên Cổng Dịch vụ công quốc gia.\n" +
  "Học viên mang theo máy tính xách tay, điện thoại thông minh và chứng thư số của cơ quan — đã được cấp trước ngày học.";

function event(over: Partial<IcsEvent> = {}): IcsEvent {
  return {
    uid: "6f1c2b1e-0000-4000-8000-000000000001@taphuan",
    // 08:00–11:30 in Vietnam = 01:00–04:30 UTC.
    start: new Date("2026-03-15T01:00:00Z"),
    end: new Date("2026-03-15T04:30:00Z"),
    summary: "Ứng dụng chữ ký số trong giải quyết thủ tục hành chính",
    location: "Hội trường Sở Nội vụ, 62 Lê Duẩn; tầng 3",
    description: LONG,
    url: "https://taphuan.example.vn/schedule#session-1",
    updatedAt: new Date("2026-02-20T09:15:00Z"),
    createdAt: new Date("2026-02-01T00:00:00Z"),
    ...over,
  };
}

function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  return { root, events: root.getAllSubcomponents("vevent").map((v) => ({ v, e: new ICAL.Event(v) })) };
}

describe("TEXT escaping", () => {
  it("escapes backslash, semicolon, comma and line breaks", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
  });
  it("leaves Vietnamese letters and colons alone, in NFC", () => {
    expect(escapeText("Lớp: Kỹ năng số".normalize("NFD"))).toBe("Lớp: Kỹ năng số");
  });
  it("drops control characters that would break a content line", () => {
    expect(escapeText("a\u0000b\u0007c\u007f")).toBe("abc");
  });
});

describe("line folding", () => {
  it("keeps every physical line within 75 octets without splitting a character, and unfolds to the original", () => {
    const line = `DESCRIPTION:${escapeText(LONG)}`;
    const folded = foldLine(line);
    const physical = folded.split("\r\n");
    expect(physical.length).toBeGreaterThan(3);
    for (const [i, p] of physical.entries()) {
      expect(Buffer.byteLength(p, "utf8"), p).toBeLessThanOrEqual(75);
      if (i > 0) expect(p.startsWith(" ")).toBe(true);
      // A split inside a multi-byte character would leave U+FFFD after a round trip through bytes.
      expect(Buffer.from(p, "utf8").toString("utf8")).toBe(p);
      expect(p).not.toContain("\uFFFD");
    }
    expect(unfold(folded)).toBe(line);
  });

  it("folds at a character boundary even when a 3-octet letter straddles octet 75", () => {
    for (let prefix = 0; prefix < 6; prefix++) {
      const line = `SUMMARY:${"a".repeat(prefix)}${"ệ".repeat(60)}`; // ệ is 3 octets in UTF-8
      const folded = foldLine(line);
      for (const p of folded.split("\r\n")) {
        expect(Buffer.byteLength(p, "utf8")).toBeLessThanOrEqual(75);
        expect([...p.replace(/^ /, "")].every((c) => c === "ệ" || c === "a" || /[A-Z:]/.test(c))).toBe(true);
      }
      expect(unfold(folded)).toBe(line);
    }
  });

  it("leaves a short line as it is", () => {
    expect(foldLine("SUMMARY:ngắn")).toBe("SUMMARY:ngắn");
  });
});

describe("the calendar", () => {
  const text = buildCalendar({ name: "Lịch tập huấn", events: [event(), event({ uid: "x-2@taphuan", cancelled: true, summary: "[Đã hủy] Lớp, hủy" })], now: NOW });

  it("uses CRLF line endings only, ends with CRLF, and no line exceeds 75 octets", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  });

  it("has a VTIMEZONE for Asia/Ho_Chi_Minh at +07:00 and local times with that TZID", () => {
    const lines = unfold(text).split("\r\n");
    const tz = lines.slice(lines.indexOf("BEGIN:VTIMEZONE"), lines.indexOf("END:VTIMEZONE") + 1);
    expect(tz).toEqual(expect.arrayContaining(["TZID:Asia/Ho_Chi_Minh", "BEGIN:STANDARD", "TZOFFSETFROM:+0700", "TZOFFSETTO:+0700"]));
    expect(lines).toContain("DTSTART;TZID=Asia/Ho_Chi_Minh:20260315T080000");
    expect(lines).toContain("DTEND;TZID=Asia/Ho_Chi_Minh:20260315T113000");
  });

  it("is read by an independent parser: events, diacritics, escaped text, instants, status, UID", () => {
    const { root, events } = parse(text);
    expect(root.getFirstPropertyValue("version")).toBe("2.0");
    expect(events).toHaveLength(2);
    const [{ v, e }, cancelled] = events as [(typeof events)[number], (typeof events)[number]];
    expect(e.summary).toBe("Ứng dụng chữ ký số trong giải quyết thủ tục hành chính");
    expect(e.location).toBe("Hội trường Sở Nội vụ, 62 Lê Duẩn; tầng 3");
    expect(e.description).toBe(LONG);
    expect(e.uid).toBe("6f1c2b1e-0000-4000-8000-000000000001@taphuan");
    // The parser resolves the TZID through our VTIMEZONE: 08:00–11:30 Vietnam time = 01:00–04:30Z.
    expect(e.startDate.zone?.tzid).toBe("Asia/Ho_Chi_Minh");
    expect(e.startDate.toJSDate().toISOString()).toBe("2026-03-15T01:00:00.000Z");
    expect(e.endDate.toJSDate().toISOString()).toBe("2026-03-15T04:30:00.000Z");
    expect(v.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(String(v.getFirstPropertyValue("url"))).toBe("https://taphuan.example.vn/schedule#session-1");
    expect(e.sequence).toBe(sequenceOf(new Date("2026-02-20T09:15:00Z")));
    expect(cancelled.v.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(cancelled.e.summary).toBe("[Đã hủy] Lớp, hủy");
  });

  it("keeps the UID when the event changes, and moves SEQUENCE and LAST-MODIFIED forward", () => {
    const later = buildCalendar({ name: "x", events: [event({ start: new Date("2026-03-15T02:00:00Z"), updatedAt: new Date("2026-02-21T00:00:00Z") })], now: NOW });
    const before = parse(text).events[0]!;
    const after = parse(later).events[0]!;
    expect(after.e.uid).toBe(before.e.uid);
    expect(after.e.sequence).toBeGreaterThan(before.e.sequence);
    const lastModified = (x: typeof before) => (x.v.getFirstPropertyValue("last-modified") as ICAL.Time).toJSDate().getTime();
    expect(lastModified(after)).toBeGreaterThan(lastModified(before));
    expect(after.e.startDate.toJSDate().toISOString()).toBe("2026-03-15T02:00:00.000Z");
  });

  it("writes Vietnam wall-clock times across the UTC date line", () => {
    // 23:30 UTC on the 14th is 06:30 on the 15th in Vietnam.
    expect(vietnamLocalStamp(new Date("2026-03-14T23:30:00Z"))).toBe("20260315T063000");
  });

  it("an empty calendar is still valid", () => {
    const { events, root } = parse(buildCalendar({ name: "Trống", events: [], now: NOW }));
    expect(events).toEqual([]);
    expect(root.getFirstPropertyValue("x-wr-calname")).toBe("Trống");
  });
});
