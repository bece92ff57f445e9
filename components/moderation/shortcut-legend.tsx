const SHORTCUTS: [string, string][] = [
  ["j / k", "next / previous annotation"],
  ["a", "approve"],
  ["r", "reject (type the reason, Enter to confirm, Esc to cancel)"],
  ["1 / 2 / 3", "relabel as fact / opinion / advocacy (with a reason)"],
  ["o", "open in the article"],
  ["x", "select for a bulk decision"],
];

/** The always-visible list of the review queue's keyboard shortcuts. */
export function ShortcutLegend() {
  return (
    <section aria-labelledby="shortcut-legend" className="rounded-md border border-gray-200 bg-gray-50 p-3">
      <h2 id="shortcut-legend" className="text-sm font-semibold text-gray-900">
        Keyboard shortcuts
      </h2>
      <dl className="mt-1 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
        {SHORTCUTS.map(([keys, action]) => (
          <div key={keys} className="flex gap-2">
            <dt>
              <kbd className="rounded border border-gray-400 bg-white px-1.5 font-mono text-xs text-gray-900">
                {keys}
              </kbd>
            </dt>
            <dd className="text-gray-800">{action}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
