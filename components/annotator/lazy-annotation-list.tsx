"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";
import type { ResolvedAnnotation } from "./resolve-annotations";

/** Rows rendered first; more follow as the end of the list scrolls near (or on request). */
const FIRST_ROWS = 40;
const MORE_ROWS = 80;

function scrollParent(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === "auto" || overflowY === "scroll") return node;
  }
  return null;
}

/**
 * A list of annotations that renders its first rows at once and the rest in batches as its end
 * scrolls near, so that a page with thousands of annotations paints and answers input quickly.
 * The row of `revealId` is always rendered (it is selected or about to be focused). Every row
 * carries its place and the list's length for assistive technology, and the rest of the list is
 * also reachable through a button (keyboard users tab onto it).
 */
export function LazyAnnotationList({
  items,
  revealId,
  label,
  testId,
  className,
  renderItem,
}: {
  items: ResolvedAnnotation[];
  revealId: string | null;
  label: string;
  testId: string;
  className: string;
  renderItem: (item: ResolvedAnnotation, position: number, total: number) => ReactNode;
}) {
  const [limit, setLimit] = useState(FIRST_ROWS);
  const revealIndex = revealId ? items.findIndex((item) => item.annotation.id === revealId) : -1;
  const count = Math.min(items.length, Math.max(limit, revealIndex + 1));
  const moreRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const button = moreRef.current;
    if (!button || count >= items.length || typeof IntersectionObserver === "undefined") return;
    // A fresh observer per batch reports at once whether the button is still near.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setLimit(count + MORE_ROWS);
      },
      { root: scrollParent(button), rootMargin: "600px 0px" },
    );
    observer.observe(button);
    return () => observer.disconnect();
  }, [count, items.length]);
  return (
    <>
      <ul aria-label={label} className={className} data-testid={testId}>
        {items.slice(0, count).map((item, index) => renderItem(item, index + 1, items.length))}
      </ul>
      {count < items.length && (
        <button
          ref={moreRef}
          type="button"
          onClick={() => setLimit(count + MORE_ROWS)}
          className="mt-2 w-full rounded border border-gray-300 bg-white px-2 py-1 text-sm text-gray-800"
        >
          Show more ({items.length - count} not shown yet)
        </button>
      )}
    </>
  );
}
