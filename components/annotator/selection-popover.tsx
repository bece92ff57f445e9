"use client";

import { forwardRef, useState } from "react";
import type { LabelName } from "@/lib/validation/annotations";
import { LABEL_META, LABEL_ORDER, labelForKey } from "./labels";

/**
 * The tagging popover shown under a text selection: Fact / Opinion / Advocacy and an optional
 * note. Plain keys 1/2/3 and F/O/A work while it has focus; in the note field (where they are
 * text) Alt+1/2/3 does. Escape dismisses it.
 */
export const SelectionPopover = forwardRef<
  HTMLDivElement,
  {
    position: { top: number; left: number };
    quote: string;
    busy: boolean;
    shortcutHint: string;
    onTag: (label: LabelName, note: string) => void;
    onDismiss: () => void;
  }
>(function SelectionPopover({ position, quote, busy, shortcutHint, onTag, onDismiss }, ref) {
  const [note, setNote] = useState("");
  return (
    <div
      ref={ref}
      role="dialog"
      aria-label="Tag the selected text"
      data-testid="tag-popover"
      className="absolute z-20 w-80 max-w-[calc(100vw-1rem)] rounded-lg border border-gray-300 bg-white p-3 font-sans shadow-lg"
      style={{ top: position.top, left: position.left }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onDismiss();
          return;
        }
        const inField = event.target instanceof HTMLTextAreaElement;
        const label =
          inField && !event.altKey
            ? null
            : event.ctrlKey || event.metaKey
              ? null
              : labelForKey(event.code.startsWith("Digit") ? event.code.slice(5) : event.key);
        if (label && !busy) {
          event.preventDefault();
          event.stopPropagation();
          onTag(label, note);
        }
      }}
    >
      <p className="mb-2 line-clamp-2 text-xs text-gray-700">
        <span className="sr-only">Selected: </span>“<bdi>{quote}</bdi>”
      </p>
      <div className="flex gap-1.5">
        {LABEL_ORDER.map((label) => (
          <button
            key={label}
            type="button"
            disabled={busy}
            // Keep the text selection when the button is pressed with the mouse.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onTag(label, note)}
            aria-keyshortcuts={LABEL_META[label].digit}
            className={`tag-button tag-button-${label} flex flex-1 items-center justify-center gap-1.5 rounded-md border px-2 py-1.5 text-sm font-medium disabled:opacity-60`}
          >
            <span aria-hidden="true" className={`hl-letter hl-letter-${label}`}>
              {LABEL_META[label].letter}
            </span>
            {LABEL_META[label].name}
          </button>
        ))}
      </div>
      <label className="mt-2 block text-xs font-medium text-gray-700">
        Note (optional)
        <textarea
          value={note}
          onChange={(event) => setNote(event.target.value)}
          maxLength={2000}
          rows={2}
          className="mt-1 block w-full resize-y rounded-md border border-gray-300 px-2 py-1 text-sm font-normal text-gray-900"
        />
      </label>
      <p className="mt-1.5 text-[0.7rem] text-gray-600">{shortcutHint}</p>
    </div>
  );
});
