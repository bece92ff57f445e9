// One date style across the app (issue 21 item 12): dates in the reader's locale ("6 Dec 2026"
// in en-GB, "Dec 6, 2026" in en-US), date and time the same way, and relative times ("5 minutes
// ago", "in 3 days") where people expect them (activity, expiry). Pure functions: the locale and
// time zone are arguments (components/ui/local-time.tsx supplies the reader's browser's).

export type DateStyle = "date" | "datetime" | "relative";

/** The locale used when the reader's cannot be told or is not a valid tag. */
export const FALLBACK_LOCALE = "en-GB";

/** The locale itself when the runtime knows it, else FALLBACK_LOCALE. */
export function validLocale(locale: string | null | undefined): string {
  if (!locale) return FALLBACK_LOCALE;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale])[0] ?? FALLBACK_LOCALE;
  } catch {
    return FALLBACK_LOCALE;
  }
}

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

/** "6 Dec 2026" (en-GB) / "Dec 6, 2026" (en-US). */
export function formatDate(value: Date | string | number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(validLocale(locale), { dateStyle: "medium", timeZone }).format(
    toDate(value),
  );
}

/** "6 Dec 2026, 14:05" (en-GB) / "Dec 6, 2026, 2:05 PM" (en-US). */
export function formatDateTime(value: Date | string | number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(validLocale(locale), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(toDate(value));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/**
 * "5 minutes ago", "yesterday", "in 3 days", "now" relative to `now`; beyond about a month the
 * absolute date reads better and is used instead.
 */
export function formatRelative(
  value: Date | string | number,
  now: Date | number,
  locale: string,
  timeZone?: string,
): string {
  const date = toDate(value);
  const seconds = Math.round((date.getTime() - toDate(now).getTime()) / 1000);
  const absolute = Math.abs(seconds);
  if (absolute >= 30 * 24 * 3600) return formatDate(date, locale, timeZone);
  const format = new Intl.RelativeTimeFormat(validLocale(locale), { numeric: "auto" });
  if (absolute < 45) return format.format(0, "second");
  for (const [unit, size] of UNITS) {
    if (absolute >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds / 60), "minute");
}

/** The text for one style; relative needs `now`. */
export function formatInStyle(
  style: DateStyle,
  value: Date | string | number,
  options: { locale: string; timeZone?: string; now: Date | number },
): string {
  if (style === "date") return formatDate(value, options.locale, options.timeZone);
  if (style === "datetime") return formatDateTime(value, options.locale, options.timeZone);
  return formatRelative(value, options.now, options.locale, options.timeZone);
}
