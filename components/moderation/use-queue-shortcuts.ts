"use client";

import { useEffect } from "react";
import type { ReviewQueueItem } from "@/lib/moderation/list-review-queue";
import { LABEL_NAMES, type LabelName } from "./labels";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    /^(TEXTAREA|SELECT)$/.test(target.tagName) ||
    (target instanceof HTMLInputElement && !["checkbox", "radio"].includes(target.type))
  );
}

/**
 * The queue's keys (legend on the page): j/k move, a approve, r reject, 1/2/3 relabel, o open,
 * x select. Ignored while typing in a field or while a decision is on its way; the decided views
 * (approved, rejected) only move and open.
 */
export function useQueueShortcuts({
  focused,
  busy,
  decidedView,
  move,
  approve,
  reject,
  relabel,
  open,
  toggleSelected,
  refuse,
}: {
  focused: ReviewQueueItem | null;
  busy: boolean;
  decidedView: boolean;
  move: (delta: number) => void;
  approve: (item: ReviewQueueItem) => void;
  reject: () => void;
  relabel: (label: LabelName) => void;
  open: (item: ReviewQueueItem) => void;
  toggleSelected: (id: string) => void;
  refuse: (message: string) => void;
}) {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (isTyping(event.target) || busy) return;
      const key = event.key;
      if (key === "j") move(1);
      else if (key === "k") move(-1);
      else if (key === "o" && focused) open(focused);
      else if (decidedView) return;
      else if (key === "a" && focused) approve(focused);
      else if (key === "r" && focused) reject();
      else if ((key === "1" || key === "2" || key === "3") && focused) {
        const label = LABEL_NAMES[Number(key) - 1]!;
        if (label === focused.label) {
          refuse(`It is already ${label}`);
          return;
        }
        relabel(label);
      } else if (key === "x" && focused) toggleSelected(focused.id);
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [focused, busy, decidedView, move, approve, reject, relabel, open, toggleSelected, refuse]);
}
