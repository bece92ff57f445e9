import { LABEL_META } from "./labels";
import type { ShownAnnotation } from "./resolve-annotations";
import type { HighlightChoice } from "./use-highlight-chooser";

/** The menu of overlapping highlights under a click: label and author of each; Escape closes it. */
export function HighlightChooser({
  chooser,
  byId,
  onChoose,
  onClose,
}: {
  chooser: HighlightChoice;
  byId: ReadonlyMap<string, ShownAnnotation>;
  onChoose: (id: string) => void;
  onClose: () => void;
}) {
  return (
    <div
      role="menu"
      aria-label="Highlights here"
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
      className="absolute z-20 w-64 rounded-lg border border-gray-300 bg-white p-1 font-sans shadow-lg"
      style={{ top: chooser.top, left: chooser.left }}
    >
      {chooser.ids.map((id) => {
        const annotation = byId.get(id);
        if (!annotation) return null;
        return (
          <button
            key={id}
            type="button"
            role="menuitem"
            onClick={() => onChoose(id)}
            className="flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm hover:bg-gray-100"
          >
            <span aria-hidden="true" className={`hl-letter hl-letter-${annotation.label}`}>
              {LABEL_META[annotation.label].letter}
            </span>
            <span className="min-w-0 flex-1 truncate">
              {LABEL_META[annotation.label].name} · {annotation.author.name}
            </span>
          </button>
        );
      })}
    </div>
  );
}
