"use client";

import { formatNumberInStyle, type NumberStyle } from "@/lib/format/numbers";
import { useReaderLocale } from "./use-reader-locale";

/**
 * A number in the reader's locale (lib/format/numbers.ts): a count, a percent (of a share between
 * 0 and 1), a decimal or a size. Server HTML uses the fallback locale, then the browser's.
 */
export function LocalNumber({
  value,
  style = "count",
  digits,
  className,
}: {
  value: number;
  style?: NumberStyle;
  digits?: number;
  className?: string;
}) {
  const { locale, known } = useReaderLocale();
  return (
    <span className={className} data-local-number={known ? "reader" : "server"}>
      {formatNumberInStyle(style, value, locale, digits)}
    </span>
  );
}
