// Numbers in the reader's locale (issue 15: "dates and numbers in the interface follow the
// reader's locale"): counts with their grouping ("1,234", "1 234", "1.234"), shares as percents
// ("12.5%", "12,5 %") and decimals ("0.812", "0,812"). Pure functions: the locale is an argument
// (components/ui/local-number.tsx supplies the reader's browser's, like LocalTime for dates).
import { validLocale } from "./dates.ts";

export type NumberStyle = "count" | "percent" | "decimal" | "bytes";

/** "1,234" (en) / "1 234" (fr) / "1.234" (de). */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(validLocale(locale), { maximumFractionDigits: 0 }).format(value);
}

/** A share between 0 and 1 as a percent with `digits` decimals: "12.5%" (en) / "12,5 %" (fr). */
export function formatPercent(share: number, locale: string, digits = 1): string {
  return new Intl.NumberFormat(validLocale(locale), {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(share);
}

/** A decimal with exactly `digits` decimals: "0.812" (en) / "0,812" (fr). */
export function formatDecimal(value: number, locale: string, digits = 3): string {
  return new Intl.NumberFormat(validLocale(locale), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A size: "512 B", "1.5 KB", "2.3 MB" (decimals in the reader's locale). */
export function formatBytes(bytes: number, locale: string): string {
  if (bytes < 1024) return `${formatCount(bytes, locale)} B`;
  if (bytes < 1024 * 1024) return `${formatDecimal(bytes / 1024, locale, 1)} KB`;
  return `${formatDecimal(bytes / 1024 / 1024, locale, 1)} MB`;
}

/** `value` in one of the styles above. */
export function formatNumberInStyle(
  style: NumberStyle,
  value: number,
  locale: string,
  digits?: number,
): string {
  switch (style) {
    case "count":
      return formatCount(value, locale);
    case "percent":
      return formatPercent(value, locale, digits);
    case "decimal":
      return formatDecimal(value, locale, digits);
    case "bytes":
      return formatBytes(value, locale);
  }
}
