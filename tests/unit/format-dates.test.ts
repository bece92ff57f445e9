import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatInStyle, formatRelative } from "../../lib/format/dates.ts";

const AT = "2026-12-06T14:05:00.000Z";
const NOW = Date.parse(AT);

describe("one date style", () => {
  it("formats dates and times in the reader's locale and zone", () => {
    expect(formatDate(AT, "en-GB", "UTC")).toBe("6 Dec 2026");
    expect(formatDate(AT, "en-US", "UTC")).toBe("Dec 6, 2026");
    expect(formatDate(AT, "de-DE", "UTC")).toBe("06.12.2026");
    expect(formatDateTime(AT, "en-GB", "UTC")).toBe("6 Dec 2026, 14:05");
    expect(formatDateTime(AT, "en-GB", "Asia/Tokyo")).toBe("6 Dec 2026, 23:05");
    expect(formatDate("2026-12-06T23:30:00Z", "en-GB", "Asia/Tokyo")).toBe("7 Dec 2026");
  });

  it("falls back to en-GB for a locale Intl does not accept", () => {
    expect(formatDate(AT, "not a locale!!", "UTC")).toBe("6 Dec 2026");
    expect(formatDate(AT, "", "UTC")).toBe("6 Dec 2026");
  });

  it("says relative times the way people do, and the date beyond a month", () => {
    expect(formatRelative(NOW - 10_000, NOW, "en-GB")).toBe("now");
    expect(formatRelative(NOW - 5 * 60_000, NOW, "en-GB")).toBe("5 minutes ago");
    expect(formatRelative(NOW - 2 * 3600_000, NOW, "en-GB")).toBe("2 hours ago");
    expect(formatRelative(NOW - 24 * 3600_000, NOW, "en-GB")).toBe("yesterday");
    expect(formatRelative(NOW + 3 * 24 * 3600_000, NOW, "en-GB")).toBe("in 3 days");
    expect(formatRelative(NOW + 90 * 24 * 3600_000, NOW, "en-GB", "UTC")).toBe("6 Mar 2027");
    expect(formatRelative(NOW - 5 * 60_000, NOW, "de-DE")).toBe("vor 5 Minuten");
  });

  it("picks the style by name", () => {
    expect(formatInStyle("date", AT, { locale: "en-GB", timeZone: "UTC", now: NOW })).toBe("6 Dec 2026");
    expect(formatInStyle("datetime", AT, { locale: "en-GB", timeZone: "UTC", now: NOW })).toBe(
      "6 Dec 2026, 14:05",
    );
    expect(formatInStyle("relative", NOW - 3 * 60_000, { locale: "en-US", now: NOW })).toBe("3 minutes ago");
  });
});
