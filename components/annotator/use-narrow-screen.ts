"use client";

import { useSyncExternalStore } from "react";

// Below Tailwind's lg breakpoint the article and its annotations are two tabs (a phone, a
// narrow window): the list is one tap away instead of below the whole article.
const NARROW_QUERY = "(max-width: 1023.98px)";

function subscribeNarrow(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** True on a narrow screen; false on the server and in the first render that hydrates it. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribeNarrow,
    () => window.matchMedia(NARROW_QUERY).matches,
    () => false,
  );
}
