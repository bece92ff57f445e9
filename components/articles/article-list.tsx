import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import type { ArticleListItem } from "@/lib/articles/list-articles";

/** The team's articles, or search results with their marked snippets; an empty state that says what to do. */
export function ArticleSearchResults({
  team,
  query,
  items,
}: {
  team: string;
  query: string;
  items: ArticleListItem[];
}) {
  if (items.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-12 text-center">
        {query ? (
          <p className="text-gray-800">No articles match “{query}”.</p>
        ) : (
          <>
            <p className="font-medium text-gray-900">No articles yet</p>
            <p className="mt-1 text-sm text-gray-700">
              Import one with{" "}
              <code className="rounded bg-gray-100 px-1">POST /api/v1/teams/{team}/articles</code> and it will
              appear here for the whole team.
            </p>
          </>
        )}
      </div>
    );
  }
  return (
    <ul className="divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white" aria-label="Articles">
      {items.map((article) => (
        <li key={article.id} className="px-5 py-4">
          <Link
            href={`/t/${team}/articles/${article.id}`}
            title={article.title}
            className="line-clamp-2 font-serif text-lg font-semibold text-gray-900 [overflow-wrap:anywhere] hover:underline"
          >
            {article.title}
          </Link>
          <p className="mt-1 text-sm text-gray-700 [overflow-wrap:anywhere]">
            {article.byline && <>{article.byline} · </>}
            {article.publishedAt && (
              <>
                <LocalTime value={article.publishedAt} calendarDate /> ·{" "}
              </>
            )}
            imported by {article.importedBy.name} on <LocalTime value={article.createdAt} />
          </p>
          {article.snippet && (
            <p className="mt-2 text-sm text-gray-800">
              {article.snippet.map((segment, index) =>
                segment.match ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: segments are static for this render
                  <mark key={index} className="rounded bg-yellow-200 px-0.5 text-gray-900">
                    {segment.text}
                  </mark>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: segments are static for this render
                  <span key={index}>{segment.text}</span>
                ),
              )}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
