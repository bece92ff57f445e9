import { LocalTime } from "@/components/ui/local-time";
import type { ArticleHistoryEntry } from "@/lib/articles/list-article-history";

const VERBS: Record<string, string> = {
  "article.create": "imported the article",
  "article.correct": "corrected the text",
  "article.archive": "archived the article",
  "article.unarchive": "unarchived the article",
  "article.source_update": "re-checked the source, which had changed",
};

/** Who imported, corrected and archived the article, and what each correction changed. */
export function ArticleHistory({ entries }: { entries: ArticleHistoryEntry[] }) {
  const corrections = entries.filter(
    (entry) => entry.action === "article.correct" || entry.action === "article.source_update",
  ).length;
  return (
    <details className="mt-10 rounded-md border border-gray-200 bg-gray-50 px-4 py-3 text-sm">
      <summary className="cursor-pointer font-medium text-gray-900">
        History · {corrections === 1 ? "1 correction" : `${corrections} corrections`}
      </summary>
      <ol className="mt-3 space-y-3">
        {entries.map((entry) => (
          <li key={entry.id} className="border-l-2 border-gray-300 pl-3">
            <p className="text-gray-900">
              <strong>{entry.actor?.name ?? (entry.source ? "The schedule" : "Someone")}</strong>{" "}
              {VERBS[entry.action] ?? entry.action}{" "}
              <LocalTime value={entry.at} style="relative" className="text-gray-600" />
            </p>
            {entry.action === "article.correct" && (entry.removed || entry.inserted) && (
              <p className="mt-1 font-serif text-gray-800">
                {entry.removed && (
                  <del className="bg-red-100 text-red-900">
                    <span className="sr-only">Removed: </span>
                    {entry.removed}
                  </del>
                )}{" "}
                {entry.inserted && (
                  <ins className="bg-green-100 text-green-900 no-underline">
                    <span className="sr-only">Inserted: </span>
                    {entry.inserted}
                  </ins>
                )}
              </p>
            )}
            {entry.source && (
              <div className="mt-1 space-y-1">
                <p className="text-xs text-gray-700">
                  Source update · fetched{" "}
                  {entry.source.fetchedAt ? (
                    <LocalTime value={entry.source.fetchedAt} style="datetime" />
                  ) : (
                    "—"
                  )}{" "}
                  · content hash{" "}
                  <code className="break-all">{entry.source.contentHash?.slice(0, 16) ?? "—"}</code>
                </p>
                <ul className="space-y-1 font-serif text-gray-800">
                  {entry.source.paragraphs.map((paragraph, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the list is a fixed record
                    <li key={index} dir="auto">
                      {paragraph.before !== null && (
                        <del className="block bg-red-100 text-red-900">
                          <span className="sr-only">Before: </span>
                          {paragraph.before}
                        </del>
                      )}
                      {paragraph.after !== null && (
                        <ins className="block bg-green-100 text-green-900 no-underline">
                          <span className="sr-only">After: </span>
                          {paragraph.after}
                        </ins>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
