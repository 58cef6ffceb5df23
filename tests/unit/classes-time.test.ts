import { describe, expect, it } from "vitest";
import { formatVnDate, formatVnDateTime, formatVnRange, isLocalDate, overlaps, utcToVn, vnDayEnd, vnDayStart, vnToUtc } from "@/lib/classes/time";
import { sessionInput } from "@/lib/classes/schemas";

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

  it("a Vietnamese day runs from 00:00 to 23:59:59.999 local", () => {
    expect(vnDayStart("2027-03-15")?.toISOString()).toBe("2027-03-14T17:00:00.000Z");
    expect(vnDayEnd("2027-03-15")?.toISOString()).toBe("2027-03-15T16:59:59.999Z");
  });

  it("formats dates the Vietnamese way, in Vietnam time", () => {
    expect(formatVnDate(d("2027-03-14T18:00:00.000Z"))).toBe("15/03/2027");
    expect(formatVnDateTime(d("2027-03-15T01:00:00.000Z"))).toBe("08:00 15/03/2027");
    expect(formatVnRange(d("2027-03-15T01:00:00.000Z"), d("2027-03-15T04:30:00.000Z"))).toBe("08:00–11:30 15/03/2027");
    expect(formatVnRange(d("2027-03-15T01:00:00.000Z"), d("2027-03-16T04:30:00.000Z"))).toBe("08:00 15/03/2027 – 11:30 16/03/2027");
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
