import type { NarrowTab } from "./use-sidebar-state";

/** On a narrow screen: the Article and Annotations tabs (arrow keys move between them). */
export function NarrowTabs({
  tabIds,
  current,
  count,
  onShow,
}: {
  /** The prefix of the tabs' and panels' ids. */
  tabIds: string;
  current: NarrowTab;
  /** How many annotations the list holds. */
  count: number;
  onShow: (key: NarrowTab) => void;
}) {
  const tabs = [
    { key: "article", label: "Article" },
    { key: "annotations", label: `Annotations (${count})` },
  ] as const;
  return (
    <div
      role="tablist"
      aria-label="Article and annotations"
      className="sticky top-0 z-30 flex gap-1 rounded-lg border border-gray-200 bg-white p-1 shadow-sm"
      onKeyDown={(event) => {
        if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
        event.preventDefault();
        const next = current === "article" ? "annotations" : "article";
        onShow(next);
        document.getElementById(`${tabIds}-${next}-tab`)?.focus();
      }}
    >
      {tabs.map((tab) => (
        <button
          key={tab.key}
          type="button"
          role="tab"
          id={`${tabIds}-${tab.key}-tab`}
          aria-selected={current === tab.key}
          aria-controls={`${tabIds}-${tab.key}-panel`}
          tabIndex={current === tab.key ? 0 : -1}
          onClick={() => onShow(tab.key)}
          className={`flex-1 rounded-md px-3 py-2 text-sm font-medium ${current === tab.key ? "bg-gray-900 text-white" : "text-gray-800 hover:bg-gray-100"}`}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
