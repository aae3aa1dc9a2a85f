import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "@/i18n";
import { formatDay, intlTag } from "./dates";
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
