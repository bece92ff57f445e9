"use client";

import type { Editor } from "@tiptap/core";
import { type RefObject, useEffect, useLayoutEffect, useRef } from "react";
import type { LabelName } from "@/lib/validation/annotations";
import { isTextField, mountedDom } from "./editor-dom";
import { LABEL_META } from "./labels";

/** The popover's line about the shortcuts of this body (editable or read-only). */
export function tagShortcutHint(canCorrect: boolean): string {
  return canCorrect
    ? "Shortcuts: Alt+1 Fact, Alt+2 Opinion, Alt+3 Advocacy · Esc closes"
    : "Shortcuts: 1 or F Fact, 2 or O Opinion, 3 or A Advocacy · Esc closes";
}

/**
 * Shortcuts while text is selected: 1/2/3 or F/O/A in a read-only body; Alt+1/2/3 in an
 * editable one (there plain keys type into the article). Escape drops the selection's popover.
 */
export function useTagShortcuts({
  active,
  canCorrect,
  caretBrowsing,
  editor,
  popoverRef,
  tag,
  dismiss,
}: {
  /** Text is selected and the reader may tag. */
  active: boolean;
  canCorrect: boolean;
  caretBrowsing: boolean;
  editor: Editor | null;
  popoverRef: RefObject<HTMLDivElement | null>;
  tag: (label: LabelName) => Promise<void>;
  dismiss: () => void;
}): void {
  // The latest `tag` (it closes over the latest selection), set before the browser paints: the
  // listener below is re-attached by a passive effect, which may run after a key that follows
  // the selection's last change, and would then tag the previous, shorter selection.
  const tagRef = useRef(tag);
  useLayoutEffect(() => {
    tagRef.current = tag;
  });
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      if (popoverRef.current?.contains(event.target as Node)) return; // the popover handles its own keys
      const inCaretBody =
        caretBrowsing && event.target instanceof Node && !!mountedDom(editor)?.contains(event.target);
      if (isTextField(event.target) && !inCaretBody && !(canCorrect && event.altKey)) return;
      if (event.key === "Escape") {
        dismiss();
        return;
      }
      let label: LabelName | null = null;
      if (event.altKey) {
        const digit = event.code.startsWith("Digit") ? event.code.slice(5) : "";
        label = (["fact", "opinion", "advocacy"] as const).find((l) => LABEL_META[l].digit === digit) ?? null;
      } else if (!canCorrect) {
        const key = event.key.toLowerCase();
        label =
          (["fact", "opinion", "advocacy"] as const).find((l) => LABEL_META[l].keys.includes(key)) ?? null;
      }
      if (label) {
        event.preventDefault();
        void tagRef.current(label);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [active, canCorrect, caretBrowsing, editor, popoverRef, dismiss]);
}
