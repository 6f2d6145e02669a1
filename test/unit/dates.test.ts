import { describe, expect, it } from "vitest";
import { formatLocal, parseHumanDate, parseSince, toUtcIso, zonedToUtc } from "../../src/domain/dates.js";
import { firstName } from "../../src/replies/names.js";

const NOW = new Date("2026-11-22T12:00:00Z");

describe("toUtcIso", () => {
  it("normalises RFC 3339 with 0–9 fraction digits and offsets with or without a colon", () => {
    expect(toUtcIso("2024-12-01T03:22:30.848918Z")).toBe("2024-12-01T03:22:30.848Z");
    expect(toUtcIso("2024-12-01T03:22:30Z")).toBe("2024-12-01T03:22:30.000Z");
    expect(toUtcIso("2024-07-01T11:00:00+0000")).toBe("2024-07-01T11:00:00.000Z");
    expect(toUtcIso("2015-02-22T13:34:21-0500")).toBe("2015-02-22T18:34:21.000Z");
    expect(toUtcIso("2026-10-30T09:15:00+07:00")).toBe("2026-10-30T02:15:00.000Z");
    expect(toUtcIso("yesterday-ish")).toBeNull();
  });
});

describe("zonedToUtc", () => {
  it("uses the tz database: Pacific daylight time in summer, standard time in winter", () => {
    expect(zonedToUtc("2023-04-10 18:57:16", "America/Los_Angeles")).toBe("2023-04-11T01:57:16.000Z"); // PDT, UTC-7
    expect(zonedToUtc("2023-01-10 18:57:16", "America/Los_Angeles")).toBe("2023-01-11T02:57:16.000Z"); // PST, UTC-8
    expect(zonedToUtc("2026-11-12 08:00:00", "Asia/Ho_Chi_Minh")).toBe("2026-11-12T01:00:00.000Z");
    expect(zonedToUtc("12/11/2026", "UTC")).toBeNull();
  });
});

describe("parseHumanDate", () => {
  it("reads absolute dates with day or month precision", () => {
    expect(parseHumanDate("Nov 12, 2026", NOW)).toEqual({
      iso: "2026-11-12T00:00:00.000Z",
      precision: "day",
    });
    expect(parseHumanDate("November 12, 2026", NOW)).toEqual({
      iso: "2026-11-12T00:00:00.000Z",
      precision: "day",
    });
    expect(parseHumanDate("12 November 2026", NOW)).toEqual({
      iso: "2026-11-12T00:00:00.000Z",
      precision: "day",
    });
    expect(parseHumanDate("Sept 3, 2025", NOW)?.iso).toBe("2025-09-03T00:00:00.000Z");
    expect(parseHumanDate("2026-02-18", NOW)?.precision).toBe("day");
    expect(parseHumanDate("March 2024", NOW)).toEqual({
      iso: "2024-03-01T00:00:00.000Z",
      precision: "month",
    });
  });
  it("reads relative dates as approximate", () => {
    expect(parseHumanDate("2 days ago", NOW)).toEqual({
      iso: "2026-11-20T12:00:00.000Z",
      precision: "approximate",
    });
    expect(parseHumanDate("a week ago", NOW)?.iso).toBe("2026-11-15T12:00:00.000Z");
    expect(parseHumanDate("yesterday", NOW)?.iso).toBe("2026-11-21T12:00:00.000Z");
    expect(parseHumanDate("3 months ago", NOW)?.iso).toBe("2026-08-22T12:00:00.000Z");
  });
  it("rejects what is not a date", () => {
    expect(parseHumanDate("Feb 30, 2026", NOW)).toBeNull();
    expect(parseHumanDate("soon", NOW)).toBeNull();
    expect(parseHumanDate("Foo 12, 2026", NOW)).toBeNull();
  });
});

describe("parseSince", () => {
  it("takes ages and dates", () => {
    expect(parseSince("7d", NOW)).toBe("2026-11-15T12:00:00.000Z");
    expect(parseSince("24h", NOW)).toBe("2026-11-21T12:00:00.000Z");
    expect(parseSince("2w", NOW)).toBe("2026-11-08T12:00:00.000Z");
    expect(parseSince("2026-11-01", NOW)).toBe("2026-11-01T00:00:00.000Z");
    expect(() => parseSince("last tuesday", NOW)).toThrow(/--since "last tuesday" is not a date/);
  });
});

describe("formatLocal", () => {
  it("shows the business's local time", () => {
    expect(formatLocal("2026-11-21T11:47:30.204Z", "Asia/Ho_Chi_Minh")).toBe("2026-11-21 18:47");
    expect(formatLocal("2026-11-21T23:30:00Z", "Europe/Tallinn", false)).toBe("2026-11-22");
  });
});

describe("firstName", () => {
  it("follows the name order of the reviewer's culture", () => {
    expect(firstName("Nguyễn Thị Lan", "vi")).toBe("Lan");
    expect(firstName("Trần Văn Hùng", null)).toBe("Hùng");
    expect(firstName("Samuel S.", "en")).toBe("Samuel");
    expect(firstName("Kadri Tamm", "et")).toBe("Kadri");
    expect(firstName("Lan", "vi")).toBe("Lan");
  });
  it("greets nobody by an initial, an anonymous label or nothing", () => {
    expect(firstName("A Google User", "en")).toBeNull();
    expect(firstName("J.", "en")).toBeNull();
    expect(firstName("", "en")).toBeNull();
    expect(firstName(null, "en")).toBeNull();
  });
});

import { guessLanguage } from "../../src/replies/language.js";

describe("guessLanguage", () => {
  it("tells Vietnamese and Estonian from English, and gives up on too little text", () => {
    expect(guessLanguage("Chờ 45 phút mới có đồ ăn, phở thì nguội.")).toBe("vi");
    expect(guessLanguage("Toit oli hea, aga teenindus oli väga aeglane.")).toBe("et");
    expect(guessLanguage("We booked a table for 8 and nobody had written it down.")).toBe("en");
    expect(guessLanguage("👍")).toBeNull();
    expect(guessLanguage(null)).toBeNull();
  });
});
