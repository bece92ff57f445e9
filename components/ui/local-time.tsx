"use client";

import { useEffect, useState } from "react";
import { type DateStyle, FALLBACK_LOCALE, formatDateTime, formatInStyle } from "@/lib/format/dates";

/**
 * A date or time in the app's one style (lib/format/dates.ts), in the reader's locale and time
 * zone. The server cannot know those, so the server's HTML (and the first render in the
 * browser, which must match it) shows the absolute date in UTC; right after hydration it is
 * shown in the browser's locale and zone, relative where asked ("5 minutes ago"). The full date
 * and time is always on hover (title) and in `dateTime`.
 */
export function LocalTime({
  value,
  style = "date",
  calendarDate = false,
  className,
}: {
  value: string | Date;
  style?: DateStyle;
  /** A calendar date without a time (a publication date): never shifted into another zone. */
  calendarDate?: boolean;
  className?: string;
}) {
  const iso = typeof value === "string" ? value : value.toISOString();
  const [reader, setReader] = useState<{ locale: string; timeZone?: string; now: number } | null>(null);
  useEffect(() => {
    setReader({ locale: navigator.language || FALLBACK_LOCALE, now: Date.now() });
  }, []);
  const timeZone = calendarDate ? "UTC" : reader?.timeZone;
  const text = reader
    ? formatInStyle(style, iso, { locale: reader.locale, timeZone, now: reader.now })
    : formatInStyle(style === "relative" ? "datetime" : style, iso, {
        locale: FALLBACK_LOCALE,
        timeZone: "UTC",
        now: 0,
      });
  const full = calendarDate
    ? formatInStyle("date", iso, { locale: reader?.locale ?? FALLBACK_LOCALE, timeZone: "UTC", now: 0 })
    : formatDateTime(iso, reader?.locale ?? FALLBACK_LOCALE, reader ? undefined : "UTC");
  return (
    <time dateTime={iso} title={full} className={className} data-local-time={reader ? "reader" : "server"}>
      {text}
    </time>
  );
}
