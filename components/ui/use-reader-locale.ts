"use client";

import { useEffect, useState } from "react";
import { FALLBACK_LOCALE } from "@/lib/format/dates";

/**
 * The reader's locale (the browser's language). The server cannot know it, so the server's HTML
 * and the first render in the browser (which must match it) use FALLBACK_LOCALE; right after
 * hydration it is the browser's.
 */
export function useReaderLocale(): { locale: string; known: boolean } {
  const [locale, setLocale] = useState<string | null>(null);
  useEffect(() => {
    setLocale(navigator.language || FALLBACK_LOCALE);
  }, []);
  return { locale: locale ?? FALLBACK_LOCALE, known: locale !== null };
}
