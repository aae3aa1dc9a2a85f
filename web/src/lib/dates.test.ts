import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "@/i18n";
import { formatDay, frenchFirst, intlTag, parisOffsetMinutes, parisWallClock } from "./dates";
import { dateFormat, numberFormat } from "./intl";

describe("formatDay (calendar dates, no time zone shift)", () => {
  it("writes the first of the month as « 1er » in French", () => {
    expect(formatDay("fr", "2026-12-01")).toBe("1er décembre 2026");
    expect(formatDay("fr", "2026-12-02")).toBe("2 décembre 2026");
    expect(formatDay("fr", "2026-12-01", { short: true })).toBe("1er déc.");
  });

  it("follows the viewer's language", () => {
    expect(formatDay("en", "2026-12-01")).toBe("1 December 2026");
    expect(formatDay("en", "2026-03-31", { short: true })).toBe("31 Mar");
  });

  it("keeps the calendar day whatever the time part", () => {
    expect(formatDay("fr", "2026-03-31T23:30:00-05:00")).toBe("31 mars 2026");
  });

  it("returns empty for nothing and the input for garbage", () => {
    expect(formatDay("fr", null)).toBe("");
    expect(formatDay("fr", undefined)).toBe("");
    expect(formatDay("fr", "pas une date")).toBe("pas une date");
  });

  it("writes every day as Intl does, in both languages, long and short", () => {
    const wrong: string[] = [];
    for (const locale of ["fr", "en"] as const) {
      const long = new Intl.DateTimeFormat(intlTag(locale), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
      const short = new Intl.DateTimeFormat(intlTag(locale), { day: "numeric", month: "short", timeZone: "UTC" });
      for (let t = Date.UTC(2020, 0, 1); t < Date.UTC(2031, 0, 1); t += 86400_000) {
        const d = new Date(t);
        const day = d.toISOString().slice(0, 10);
        const want = (f: Intl.DateTimeFormat) => (locale === "fr" ? frenchFirst(f, d) : f.format(d));
        if (formatDay(locale, day) !== want(long)) wrong.push(`${locale} ${day}: ${formatDay(locale, day)} ≠ ${want(long)}`);
        if (formatDay(locale, day, { short: true }) !== want(short)) wrong.push(`${locale} ${day} short: ${formatDay(locale, day, { short: true })} ≠ ${want(short)}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it("maps the app locales to Intl tags", () => {
    expect(intlTag("fr")).toBe("fr-FR");
    expect(intlTag("en")).toBe("en-GB");
  });
});

describe("formatDate (instants, shown in Paris time)", () => {
  it("uses the Paris day, and « 1er » in French", () => {
    // 23:30 UTC on 30 November is already 1 December in Paris.
    expect(formatDate("fr", "2026-11-30T23:30:00Z")).toBe("1er décembre 2026");
    expect(formatDate("en", "2026-11-30T23:30:00Z")).toBe("1 December 2026");
    expect(formatDate("fr", "2026-11-30T12:00:00Z")).toBe("30 novembre 2026");
  });
});

describe("formatDateTime", () => {
  it("writes « 1er » in French with the time", () => {
    expect(formatDateTime("fr", "2026-12-01T09:05:00Z")).toBe("1er déc. 2026, 10:05");
  });
});

describe("formatters are built once per locale and options", () => {
  it("returns the same formatter for the same locale and options, another otherwise", () => {
    const a = dateFormat("fr-FR", { day: "numeric", month: "long", timeZone: "UTC" });
    expect(dateFormat("fr-FR", { day: "numeric", month: "long", timeZone: "UTC" })).toBe(a);
    expect(dateFormat("fr-FR", { day: "numeric", month: "short", timeZone: "UTC" })).not.toBe(a);
    expect(dateFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" })).not.toBe(a);
    expect(numberFormat("fr-FR", { style: "currency", currency: "EUR" })).toBe(numberFormat("fr-FR", { style: "currency", currency: "EUR" }));
  });

  it("formats as a new formatter would, whatever was asked before", () => {
    const d = new Date("2026-12-01T08:30:00Z");
    formatDay("fr", "2026-12-01", { short: true });
    expect(dateFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(d)).toBe("1 décembre 2026");
    expect(formatDay("fr", "2026-12-01")).toBe("1er décembre 2026");
    expect(formatDay("fr", "2026-12-01", { short: true })).toBe("1er déc.");
  });
});

describe("parisOffsetMinutes (Paris's offset without Intl)", () => {
  // Paris's offset as Intl reads it from the time zone database.
  const paris = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Paris", timeZoneName: "longOffset" });
  const intlOffset = (d: Date) => {
    const name = paris
      .formatToParts(d)
      .find((p) => p.type === "timeZoneName")!.value; // "GMT+01:00"
    const m = /GMT([+-])(\d\d):(\d\d)/.exec(name)!;
    return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  };

  it("agrees with the time zone database every 3 hours from 1996 to 2040", () => {
    const wrong: string[] = [];
    for (let t = Date.UTC(1996, 0, 1); t < Date.UTC(2040, 0, 1); t += 3 * 3600_000) {
      const d = new Date(t);
      if (parisOffsetMinutes(d) !== intlOffset(d)) wrong.push(d.toISOString());
    }
    expect(wrong).toEqual([]);
  });

  it("switches at 01:00 UTC on the last Sundays of March and October", () => {
    for (const [iso, offset] of [
      ["2026-03-29T00:59:59Z", 60],
      ["2026-03-29T01:00:00Z", 120],
      ["2026-10-25T00:59:59Z", 120],
      ["2026-10-25T01:00:00Z", 60],
      ["2027-03-28T01:00:00Z", 120],
      ["2027-10-31T00:59:00Z", 120],
    ] as const) {
      const d = new Date(iso);
      expect(parisOffsetMinutes(d), iso).toBe(offset);
      expect(intlOffset(d), iso).toBe(offset);
    }
  });

  it("refuses what it cannot know", () => {
    expect(parisOffsetMinutes(new Date("1990-07-01T12:00:00Z"))).toBeNaN();
    expect(parisOffsetMinutes(new Date("pas une date"))).toBeNaN();
    expect(parisWallClock(new Date("pas une date"))).toBe(false);
  });
});
