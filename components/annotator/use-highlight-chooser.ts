"use client";

import type { Editor } from "@tiptap/core";
import { type MouseEvent, type RefObject, useCallback, useState } from "react";

/** The menu of the highlights under a click where several overlap, and where it opens. */
export interface HighlightChoice {
  ids: string[];
  top: number;
  left: number;
}

/**
 * Clicks on highlights in the body: one highlight opens at once (`select`), several overlapping
 * ones open a menu (`chooser`, innermost first) positioned inside `containerRef`. `open` is
 * `select` closing the menu first.
 */
export function useHighlightChooser({
  editor,
  containerRef,
  select,
}: {
  editor: Editor | null;
  containerRef: RefObject<HTMLDivElement | null>;
  select: (id: string) => void;
}) {
  const [chooser, setChooser] = useState<HighlightChoice | null>(null);
  const closeChooser = useCallback(() => setChooser(null), []);
  const open = useCallback(
    (id: string) => {
      setChooser(null);
      select(id);
    },
    [select],
  );

  const onBodyClick = (event: MouseEvent) => {
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed) return;
    const dom = editor?.view.dom;
    if (!dom || !containerRef.current) return;
    const ids: string[] = [];
    for (let node = event.target as HTMLElement | null; node && node !== dom; node = node.parentElement) {
      const id = node.dataset?.annotationId;
      if (id && !ids.includes(id)) ids.push(id);
    }
    if (ids.length === 0) {
      setChooser(null);
      return;
    }
    if (ids.length === 1) {
      open(ids[0]!);
      return;
    }
    const box = containerRef.current.getBoundingClientRect();
    setChooser({
      ids: ids.reverse(),
      top: event.clientY - box.top + 12,
      left: Math.max(0, Math.min(event.clientX - box.left, box.width - 260)),
    });
  };

  return { chooser, closeChooser, open, onBodyClick };
}
