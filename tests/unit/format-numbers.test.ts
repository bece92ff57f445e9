// Numbers in the reader's locale (lib/format/numbers.ts): grouping, decimal separator and percent
// sign follow the locale; an unknown locale falls back to en-GB.
import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatCount,
  formatDecimal,
  formatNumberInStyle,
  formatPercent,
} from "../../lib/format/numbers.ts";

describe("numbers in the reader's locale", () => {
  it("groups counts by the locale's rule", () => {
    expect(formatCount(1234567, "en-US")).toBe("1,234,567");
    expect(formatCount(1234567, "de-DE")).toBe("1.234.567");
    expect(formatCount(1234567, "fr-FR")).toMatch(/^1\s234\s567$/);
    expect(formatCount(1234567, "ar-EG")).not.toContain("1");
  });

  it("writes shares as percents and decimals with the locale's separator", () => {
    expect(formatPercent(0.125, "en-GB")).toBe("12.5%");
    expect(formatPercent(0.125, "fr-FR")).toMatch(/^12,5\s%$/);
    expect(formatPercent(1, "de-DE", 0)).toMatch(/^100\s%$/);
    expect(formatDecimal(0.8123, "en-US")).toBe("0.812");
    expect(formatDecimal(0.8123, "de-DE")).toBe("0,812");
    expect(formatNumberInStyle("decimal", -0.05, "en-US", 3)).toBe("-0.050");
  });

  it("sizes in B, KB and MB", () => {
    expect(formatBytes(512, "en-US")).toBe("512 B");
    expect(formatBytes(1536, "en-US")).toBe("1.5 KB");
    expect(formatBytes(5 * 1024 * 1024, "fr-FR")).toBe("5,0 MB");
  });

  it("falls back to en-GB for a locale that is not one", () => {
    expect(formatCount(1234, "not a locale!")).toBe("1,234");
    expect(formatCount(1234, "")).toBe("1,234");
  });
});
