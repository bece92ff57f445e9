"use client";

import { useEffect } from "react";

/**
 * Runs `refresh` now, then every `intervalMs` while the page is visible (a hidden tab does not
 * poll). `refresh` should keep its identity (useCallback): a new one restarts the timer.
 */
export function usePolling(refresh: () => Promise<unknown>, intervalMs: number): void {
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [refresh, intervalMs]);
}
