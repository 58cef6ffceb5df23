import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { openClassInput, sessionInput } from "@/lib/classes/schemas";
import { overlaps } from "@/lib/classes/time";
import {
  formatNumber,
  formatVnDate,
  formatVnDateTime,
  formatVnRange,
  formatVnTime,
  formatVnWeekday,
  isLocalDate,
  utcToVn,
  vnDayEnd,
  vnDayStart,
  vnToday,
  vnToUtc,
} from "@/lib/i18n/format";

const d = (iso: string) => new Date(iso);

describe("Vietnam local time ↔ UTC", () => {
  it("is UTC+7 all year (no daylight saving)", () => {
    expect(vnToUtc("2027-03-15", "08:00")?.toISOString()).toBe("2027-03-15T01:00:00.000Z");
    expect(vnToUtc("2027-07-15", "08:00")?.toISOString()).toBe("2027-07-15T01:00:00.000Z");
    expect(vnToUtc("2027-12-31", "23:59")?.toISOString()).toBe("2027-12-31T16:59:00.000Z");
  });

  it("early morning in Vietnam is the previous day in UTC, and back", () => {
    expect(vnToUtc("2027-01-01", "06:30")?.toISOString()).toBe("2026-12-31T23:30:00.000Z");
    expect(utcToVn(d("2026-12-31T23:30:00.000Z"))).toEqual({ date: "2027-01-01", time: "06:30" });
    expect(utcToVn(d("2027-03-15T17:00:00.000Z"))).toEqual({ date: "2027-03-16", time: "00:00" });
  });

  it("round-trips every quarter hour of a day", () => {
    for (let m = 0; m < 24 * 60; m += 15) {
      const time = `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
      expect(utcToVn(vnToUtc("2028-02-29", time)!)).toEqual({ date: "2028-02-29", time });
    }
  });

  it("refuses impossible dates and times", () => {
    for (const [date, time] of [
      ["2027-02-29", "08:00"],
      ["2027-13-01", "08:00"],
      ["2027-1-01", "08:00"],
      ["15/03/2027", "08:00"],
      ["2027-03-15", "24:00"],
      ["2027-03-15", "8:00"],
      ["2027-03-15", "08:60"],
      ["", ""],
    ]) expect(vnToUtc(date!, time!), `${date} ${time}`).toBeNull();
    expect(isLocalDate("2028-02-29")).toBe(true);
  });

  it("a Vietnamese day is [00:00 local, 00:00 of the next day): vnDayEnd is the exclusive end", () => {
    expect(vnDayStart("2027-03-15")?.toISOString()).toBe("2027-03-14T17:00:00.000Z");
    expect(vnDayEnd("2027-03-15")?.toISOString()).toBe("2027-03-15T17:00:00.000Z");
    expect(vnDayEnd("2027-03-15")?.getTime()).toBe(vnDayStart("2027-03-16")?.getTime());
    // 23:59:59.999 local is on the day; the end itself is the next day.
    expect(utcToVn(new Date(vnDayEnd("2027-03-15")!.getTime() - 1)).date).toBe("2027-03-15");
    expect(utcToVn(vnDayEnd("2027-03-15")!).date).toBe("2027-03-16");
    expect(vnDayEnd("2027-02-30")).toBeNull();
    expect(vnToday(d("2027-03-14T17:00:00.000Z"))).toBe("2027-03-15");
    expect(vnToday(d("2027-03-14T16:59:59.999Z"))).toBe("2027-03-14");
  });

  it("a class's enrolment closes at the end of its closing day, and shows that day", () => {
    const v = openClassInput.parse({
      planItemId: "00000000-0000-4000-8000-000000000000",
      code: "L-2027.01",
      title: "Lớp bồi dưỡng",
      mode: "IN_PERSON",
      capacity: "30",
      enrolOpens: "2027-03-01",
      enrolCloses: "2027-03-15",
    });
    expect(v.enrolClosesAt.getTime()).toBe(vnDayEnd("2027-03-15")!.getTime() - 1);
    expect(formatVnDate(v.enrolClosesAt, "vi")).toBe("15/03/2027");
  });
});

describe("one format per thing, by the page's language", () => {
  const at = d("2027-03-15T01:05:09.000Z"); // 08:05:09 on 15/03/2027 in Vietnam

  it("date then time, day first, 24-hour clock, in Vietnam time whatever the language", () => {
    for (const locale of ["vi", "en"] as const) {
      expect(formatVnDate(d("2027-03-14T18:00:00.000Z"), locale)).toBe("15/03/2027");
      expect(formatVnDateTime(at, locale)).toBe("15/03/2027 08:05");
      expect(formatVnDateTime(at, locale, { seconds: true })).toBe("15/03/2027 08:05:09");
      expect(formatVnTime(d("2027-03-15T13:30:00.000Z"), locale)).toBe("20:30");
      expect(formatVnRange(d("2027-03-15T01:00:00.000Z"), d("2027-03-15T04:30:00.000Z"), locale)).toBe("15/03/2027 08:00–11:30");
      expect(formatVnRange(d("2027-03-15T01:00:00.000Z"), d("2027-03-16T04:30:00.000Z"), locale)).toBe("15/03/2027 08:00 – 16/03/2027 11:30");
    }
  });

  it("weekday names in the page's language", () => {
    expect(formatVnWeekday(at, "vi")).toMatch(/^Thứ Hai, 15\/03\/2027$/);
    expect(formatVnWeekday(at, "en")).toMatch(/^Monday,? 15\/03\/2027$/);
  });

  it("numbers in the page's language: an English page never shows Vietnamese separators", () => {
    expect(formatNumber(1234567, "vi")).toBe("1.234.567");
    expect(formatNumber(1234567, "en")).toBe("1,234,567");
    expect(formatNumber(1.5, "vi", { maximumFractionDigits: 1 })).toBe("1,5");
    expect(formatNumber(1.5, "en", { maximumFractionDigits: 1 })).toBe("1.5");
    expect(formatNumber(12345678901234567890n, "en")).toBe("12,345,678,901,234,567,890");
  });

  it("is the only place that names a locale tag, the time zone or a UTC offset (app/, components/, lib/)", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "generated" || e.name === "messages" ? [] : walk(full);
        return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
      });
    const offenders: string[] = [];
    for (const file of ["app", "components", "lib"].flatMap((d) => walk(path.join(root, d)))) {
      const rel = path.relative(root, file).split(path.sep).join("/");
      if (rel === "lib/i18n/format.ts") continue;
      const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ""); // comments may name them
      for (const [what, re] of [
        ["a locale tag", /["'](vi-VN|en-GB|en-US)["']/],
        ["toLocale…String", /\.toLocale(Date|Time)?String\(/],
        ["new Intl.DateTimeFormat / NumberFormat", /new Intl\.(DateTimeFormat|NumberFormat)\(/],
        ["the time zone", /Asia\/Ho_Chi_Minh/],
        ["a +7 h offset", /7 \* 3_?600_?000|7 \* 60 \* 60/],
      ] as const) {
        if (re.test(code)) offenders.push(`${rel}: ${what}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe("overlap of sessions", () => {
  const s = (a: string, b: string) => ({ startsAt: vnToUtc("2027-04-01", a)!, endsAt: vnToUtc("2027-04-01", b)! });
  it("half-open intervals: touching ends do not clash", () => {
    expect(overlaps(s("08:00", "11:00"), s("10:00", "12:00"))).toBe(true);
    expect(overlaps(s("10:00", "12:00"), s("08:00", "11:00"))).toBe(true);
    expect(overlaps(s("08:00", "12:00"), s("09:00", "10:00"))).toBe(true);
    expect(overlaps(s("08:00", "11:00"), s("11:00", "12:00"))).toBe(false);
    expect(overlaps(s("13:30", "16:30"), s("08:00", "11:00"))).toBe(false);
  });
});

describe("the session form", () => {
  const base = { classId: "00000000-0000-4000-8000-000000000000", date: "2027-04-01", start: "08:00", end: "11:00" };
  it("turns local date and times into UTC instants", () => {
    const v = sessionInput.parse({ ...base, place: "Hội trường", onlineUrl: "" });
    expect([v.startsAt.toISOString(), v.endsAt.toISOString(), v.onlineUrl, v.trainerId]).toEqual(["2027-04-01T01:00:00.000Z", "2027-04-01T04:00:00.000Z", null, null]);
  });
  it("ties each refusal to its field", () => {
    const issue = (over: Record<string, string>) => sessionInput.safeParse({ ...base, ...over }).error?.issues.map((i) => [i.path[0], i.message]);
    expect(issue({ end: "08:00" })).toEqual([["end", "classes.endBeforeStart"]]);
    expect(issue({ start: "8h" })).toEqual([["start", "classes.timeInvalid"]]);
    expect(issue({ date: "2027-02-30" })).toEqual([["date", "classes.dateInvalid"]]);
    expect(issue({ onlineUrl: "javascript:alert(1)" })).toEqual([["onlineUrl", "classes.urlInvalid"]]);
  });
});
